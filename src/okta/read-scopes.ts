/*
 * The OAuth scopes of Okta's management API that the read-only commands need, in one place: the
 * README's command table, each command's --help and the 403 advice read them from here, and the
 * sandbox's emulator enforces them. Each GET the readers send is listed with the operation and the
 * scope its `security` requirement names in Okta's management API specification
 * (okta/okta-management-openapi-spec, dist/current/management-minimal.yaml: `oauth2: [scope]`
 * beside `apiToken: []`, i.e. an SSWS token or an OAuth token holding that scope).
 */

export interface ReadOperation {
  /** The path, with `{}` for a path parameter. */
  readonly path: string;
  readonly operationId: string;
  readonly scope: string;
}

export const READ_OPERATIONS: readonly ReadOperation[] = [
  { path: "/api/v1/users", operationId: "listUsers", scope: "okta.users.read" },
  { path: "/api/v1/users/{}", operationId: "getUser", scope: "okta.users.read" },
  { path: "/api/v1/users/{}/roles", operationId: "listAssignedRolesForUser", scope: "okta.roles.read" },
  { path: "/api/v1/users/{}/roles/{}/targets/groups", operationId: "listGroupTargetsForRole", scope: "okta.roles.read" },
  { path: "/api/v1/users/{}/roles/{}/targets/catalog/apps", operationId: "listApplicationTargetsForApplicationAdministratorRoleForUser", scope: "okta.roles.read" },
  { path: "/api/v1/groups", operationId: "listGroups", scope: "okta.groups.read" },
  { path: "/api/v1/groups/rules", operationId: "listGroupRules", scope: "okta.groups.read" },
  { path: "/api/v1/groups/{}/users", operationId: "listGroupUsers", scope: "okta.groups.read" },
  { path: "/api/v1/groups/{}/owners", operationId: "listGroupOwners", scope: "okta.groups.read" },
  { path: "/api/v1/groups/{}/roles", operationId: "listGroupAssignedRoles", scope: "okta.roles.read" },
  { path: "/api/v1/groups/{}/roles/{}/targets/groups", operationId: "listGroupTargetsForGroupRole", scope: "okta.roles.read" },
  { path: "/api/v1/groups/{}/roles/{}/targets/catalog/apps", operationId: "listApplicationTargetsForApplicationAdministratorRoleForGroup", scope: "okta.roles.read" },
  { path: "/api/v1/apps", operationId: "listApplications", scope: "okta.apps.read" },
  { path: "/api/v1/apps/{}/groups", operationId: "listApplicationGroupAssignments", scope: "okta.apps.read" },
  { path: "/api/v1/apps/{}/users", operationId: "listApplicationUsers", scope: "okta.apps.read" },
  { path: "/api/v1/apps/{}/grants", operationId: "listScopeConsentGrants", scope: "okta.appGrants.read" },
  { path: "/oauth2/v1/clients/{}/roles", operationId: "listRolesForClient", scope: "okta.roles.read" },
  { path: "/api/v1/policies/{}", operationId: "getPolicy", scope: "okta.policies.read" },
  { path: "/api/v1/policies/{}/rules", operationId: "listPolicyRules", scope: "okta.policies.read" },
  { path: "/api/v1/api-tokens", operationId: "listApiTokens", scope: "okta.apiTokens.read" },
  { path: "/api/v1/iam/assignees/users", operationId: "listUsersWithRoleAssignments", scope: "okta.roles.read" },
];

/** Whether `pathname` is an operation's `path`, where `{}` stands for one path parameter. */
export function pathMatches(path: string, pathname: string): boolean {
  const pattern = path.split("/");
  const segments = pathname.split("/");
  return pattern.length === segments.length && pattern.every((part, index) => part === "{}" || part === segments[index]);
}

/** The operation a GET path is (literal segments win over a parameter: `/api/v1/groups/rules` is listGroupRules). */
export function readOperationOf(pathname: string): ReadOperation | undefined {
  const matches = READ_OPERATIONS.filter((operation) => pathMatches(operation.path, pathname));
  const parameters = (operation: ReadOperation) => operation.path.split("{}").length;
  return matches.sort((a, b) => parameters(a) - parameters(b))[0];
}

/** The commands that read the org live, each with every scope its reads need. */
export const COMMAND_SCOPES = {
  /** takeSnapshot (src/live/directory.ts): users, groups and their members. */
  directory: ["okta.users.read", "okta.groups.read"],
  /** checkDrift (src/live/drift/): users, groups, rules, the app and its assignments, its sign-on policy, admin roles, API tokens. */
  drift: ["okta.users.read", "okta.groups.read", "okta.apps.read", "okta.policies.read", "okta.roles.read", "okta.apiTokens.read"],
  /** readOktaOrg (src/live/okta-org.ts): as drift, plus the scopes granted to service apps (listScopeConsentGrants). */
  import: ["okta.users.read", "okta.groups.read", "okta.apps.read", "okta.policies.read", "okta.roles.read", "okta.apiTokens.read", "okta.appGrants.read"],
} as const satisfies Record<string, readonly string[]>;

export type LiveCommand = keyof typeof COMMAND_SCOPES;

/** `okta.users.read, okta.groups.read`: a command's scopes as the messages and docs write them. */
export function scopesOf(command: LiveCommand): string {
  return COMMAND_SCOPES[command].join(", ");
}
