import { DEFAULT_GROUP_NAMING, type AccessFileInput } from "../access/schema";
import { parseGroupRuleExpression } from "../access/expression";
import { OKTA_BASE_PROFILE_ATTRIBUTES } from "../access/rule-attributes";
import { byText } from "../access/text-order";
import type { OktaOrg } from "../live/okta-org";
import { joinAccounts } from "./account";
import { accessDocument } from "./access-document";
import { importAdminRoles, ownersNotRead } from "./admin-roles";
import { importApiTokens, serviceAppsKeptOutside } from "./api-access";
import { importApp, otherAppAssignments } from "./duplocloud-app";
import { tenantPrefixesOf } from "./duplocloud-groups";
import { importRules } from "./group-rules";
import { indexOrg } from "./org-index";
import { importPortalUsers } from "./portal-users";
import { findRoleGroups, rolesWithRules } from "./role-groups";
import { TeamNames } from "./team-names";
import { adoptTenantGroups, findTenantGroups } from "./tenant-groups";
import type { ImportOptions, ImportResult, PortalState } from "./types";

export { groupSelectionFor } from "./duplocloud-groups";
export type { ImportOptions, ImportResult, PlanLine, PortalState } from "./types";

/*
 * Turns an org set up by hand (the way DuploCloud support does it) into an access file, faithfully:
 * every existing DuploCloud group and the app are adopted (importId), people are named by login,
 * and whatever the file cannot express is kept as a comment and listed, never dropped. Pure: the
 * readers (live/okta-org.ts, live/portal.ts) do the I/O. Each step is a module of
 * its own; this one runs them in order and assembles the file and the account.
 */
export function buildAccessFile(org: OktaOrg, portal: PortalState, options: ImportOptions): ImportResult {
  const index = indexOrg(org);
  const prefixes = tenantPrefixesOf(portal);
  const teamNames = new TeamNames();

  const roleGroups = findRoleGroups(index, portal, options);
  const tenantOfGroup = findTenantGroups(index, portal.tenants, prefixes);
  const rules = importRules(index, roleGroups.roleOfGroup, tenantOfGroup, teamNames);
  const tenantGroups = adoptTenantGroups(index, tenantOfGroup, rules.teams, teamNames);
  const assignments = otherAppAssignments(index, roleGroups.roleOfGroup, tenantOfGroup);
  const adminRoles = importAdminRoles(index, roleGroups.roleOfGroup);
  const app = importApp(index, portal);
  const serviceApps = serviceAppsKeptOutside(index);
  const apiTokens = importApiTokens(index);
  const portalUsers = importPortalUsers(index, portal, options);

  const teams = [...rules.teams, ...tenantGroups.teams];
  const customAttributes = customAttributesRead([...[...rules.roleRules.values()].flat().map((rule) => rule.expression), ...teams.map((team) => team.rule)]);
  const file: AccessFileInput = {
    duplocloud: {
      portal: portal.url,
      tenants: [...portal.tenants],
      ...(portalUsers.users.length > 0 ? { users: [...portalUsers.users] } : {}),
      ...(tenantGroups.imports.length > 0 ? { tenantGroupImports: [...tenantGroups.imports] } : {}),
    },
    ...(app.okta || customAttributes.length > 0 ? { okta: { ...app.okta, ...(customAttributes.length > 0 ? { customAttributes } : {}) } } : {}),
    ...(prefixes.tenantReadWritePrefix !== DEFAULT_GROUP_NAMING.tenantReadWritePrefix || prefixes.tenantReadOnlyPrefix !== DEFAULT_GROUP_NAMING.tenantReadOnlyPrefix
      ? { groupNaming: { ...prefixes } }
      : {}),
    roles: rolesWithRules(roleGroups.entries, rules.roleRules),
    ...(teams.length > 0 ? { teams } : {}),
    ...(adminRoles.oktaAdminRoles.length > 0 ? { oktaAdminRoles: [...adminRoles.oktaAdminRoles] } : {}),
    ...(apiTokens.apiTokens.length > 0 ? { apiAccess: { apiTokens: [...apiTokens.apiTokens] } } : {}),
  };
  // The account lists each kind of line in the order of these steps.
  const { adopted, created, outside, todo, notExpressed } = joinAccounts([
    roleGroups.account,
    rules.account,
    tenantGroups.account,
    assignments,
    ownersNotRead(index),
    adminRoles.account,
    app.account,
    serviceApps,
    apiTokens.account,
    portalUsers.account,
  ]);
  return { text: accessDocument(file, portal, options, notExpressed), adopted, created, outside, todo };
}

/**
 * The attributes beyond Okta's base profile that the imported rules read: declared, so that the file
 * validates (rule-attributes.ts). A live rule reads them, so the org's profile is taken to have them;
 * a misspelling in Okta is carried over as it is, where a reviewer can see it.
 */
function customAttributesRead(rules: ReadonlyArray<string | undefined>): string[] {
  const base = new Set(OKTA_BASE_PROFILE_ATTRIBUTES);
  const read = rules.flatMap((rule) => (rule === undefined ? [] : parseGroupRuleExpression(rule).attributes));
  return [...new Set(read)].filter((name) => !base.has(name)).sort(byText);
}
