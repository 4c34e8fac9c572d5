import { adminRoleScope } from "../access/admin-role-checks";
import { OKTA_ADMIN_ROLE_TYPES, ORG_CONTROL_ADMIN_ROLE_TYPES, type OktaAdminRoleType } from "../access/okta-catalog";
import type { PlatformRoleName } from "../access/schema";
import type { OrgIndex } from "./org-index";
import type { Account, OktaAdminRoleInput, PlanLine } from "./types";

export interface AdminRoleImport {
  readonly oktaAdminRoles: readonly OktaAdminRoleInput[];
  readonly account: Account;
}

/**
 * Okta admin roles of the adopted role groups. Only roles the file can hold as they are: a role
 * Okta scopes needs its targets (the reader does not read them), SUPER_ADMIN and ORG_ADMIN a reason,
 * and a type outside the catalogue (MOBILE_ADMIN, CUSTOM) cannot be written. Those stay as they
 * are, outside the stack, and the account says so.
 */
export function importAdminRoles(index: OrgIndex, roleOfGroup: ReadonlyMap<string, PlatformRoleName>): AdminRoleImport {
  const oktaAdminRoles: OktaAdminRoleInput[] = [];
  const outside: PlanLine[] = [];
  for (const [groupId, role] of roleOfGroup) {
    const group = index.group(groupId)!;
    const kept = group.adminRoles.filter((type) => !importableAdminRole(type));
    for (const type of group.adminRoles.filter(importableAdminRole)) oktaAdminRoles.push({ role: type, platformRole: role });
    if (kept.length > 0)
      outside.push({
        what: `Okta admin roles ${kept.join(", ")} of ${group.name}`,
        note: "stay as they are, outside the stack; to manage one, add it to oktaAdminRoles with its targets or reason (see docs/access-file.md)",
      });
  }
  return { oktaAdminRoles, account: { outside } };
}

/** An admin role the access file can hold with no more than its type: in the catalogue, not scoped by Okta, and needing no reason. */
export function importableAdminRole(type: string): type is OktaAdminRoleType {
  const known = (OKTA_ADMIN_ROLE_TYPES as readonly string[]).includes(type);
  return known && adminRoleScope(type as OktaAdminRoleType) === "none" && !ORG_CONTROL_ADMIN_ROLE_TYPES.includes(type as OktaAdminRoleType);
}

/** When the owner API refused (it needs Okta Identity Governance), what to do instead. */
export function ownersNotRead(index: OrgIndex): Account {
  const refused = index.org.ownersRefused;
  return refused ? { todo: [`Group owners were not read (${refused}; the owner API needs Okta Identity Governance): add owners to the file by hand if the org has them.`] } : {};
}
