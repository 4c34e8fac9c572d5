import type { AccessModel } from "../../access/model";
import { signInRedirectUri } from "../../access/naming";
import type { ReadScope } from "./live-state";

/**
 * What the drift check reads for a model: the groups DuploCloud reads (the role groups by name,
 * every group with a tenant prefix) and the team groups that hold admin roles in the file. Other
 * team groups give nothing by themselves: their members reach DuploCloud only through the tenant
 * groups, which are read.
 */
export function readScopeOf(model: AccessModel, options: { directAppAssignments: boolean }): ReadScope {
  const roleHolders = new Set(model.groupAdminRoles.map((role) => role.groupKey));
  return {
    groupNames: model.groups.filter((group) => group.kind === "platform-role" || roleHolders.has(group.key)).map((group) => group.name),
    tenantPrefixes: [model.groupNaming.tenantReadWritePrefix, model.groupNaming.tenantReadOnlyPrefix],
    signInRedirectUri: signInRedirectUri(model.portal.host),
    directAppAssignments: options.directAppAssignments,
  };
}
