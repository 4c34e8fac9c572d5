import { pathMatches } from "./read-scopes";

/*
 * The operations on a group's admin role assignments that `pulumi up` sends (through the Okta
 * provider, and the stack's own roll-back of a partial create: role-rollback.ts), each with the
 * OAuth scope its `security` requirement names in Okta's management API specification
 * (okta/okta-management-openapi-spec, dist/current/management-minimal.yaml, tag RoleAssignmentBGroup
 * and RoleBTargetBGroup, RoleAssignmentClient and RoleBTargetClient: `oauth2: [scope]` beside `apiToken: []`). The sandbox's emulator enforces
 * them for OAuth tokens, as read-scopes.ts does for the reads.
 */

export interface RoleOperation {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** The path, with `{}` for a path parameter. */
  readonly path: string;
  readonly operationId: string;
  readonly scope: string;
}

/** Every scope a write of an admin role needs: the service app behind `okta:clientId` must hold it. */
export const ROLE_WRITE_SCOPE = "okta.roles.manage";

export const ROLE_OPERATIONS: readonly RoleOperation[] = [
  { method: "POST", path: "/api/v1/groups/{}/roles", operationId: "assignRoleToGroup", scope: ROLE_WRITE_SCOPE },
  { method: "GET", path: "/api/v1/groups/{}/roles/{}", operationId: "getGroupAssignedRole", scope: "okta.roles.read" },
  { method: "DELETE", path: "/api/v1/groups/{}/roles/{}", operationId: "unassignRoleFromGroup", scope: ROLE_WRITE_SCOPE },
  { method: "PUT", path: "/api/v1/groups/{}/roles/{}/targets/groups/{}", operationId: "assignGroupTargetToGroupAdminRole", scope: ROLE_WRITE_SCOPE },
  { method: "PUT", path: "/api/v1/groups/{}/roles/{}/targets/catalog/apps/{}/{}", operationId: "assignAppInstanceTargetToAppAdminRoleForGroup", scope: ROLE_WRITE_SCOPE },
  // A service app's role, with targets (tags RoleAssignmentClient, RoleBTargetClient): src/okta/providers/client-role.ts.
  { method: "POST", path: "/oauth2/v1/clients/{}/roles", operationId: "assignRoleToClient", scope: ROLE_WRITE_SCOPE },
  { method: "GET", path: "/oauth2/v1/clients/{}/roles/{}", operationId: "retrieveClientRole", scope: "okta.roles.read" },
  { method: "DELETE", path: "/oauth2/v1/clients/{}/roles/{}", operationId: "deleteRoleFromClient", scope: ROLE_WRITE_SCOPE },
  { method: "GET", path: "/oauth2/v1/clients/{}/roles/{}/targets/groups", operationId: "listGroupTargetRoleForClient", scope: "okta.roles.read" },
  { method: "PUT", path: "/oauth2/v1/clients/{}/roles/{}/targets/groups/{}", operationId: "assignGroupTargetRoleForClient", scope: ROLE_WRITE_SCOPE },
  { method: "DELETE", path: "/oauth2/v1/clients/{}/roles/{}/targets/groups/{}", operationId: "removeGroupTargetRoleFromClient", scope: ROLE_WRITE_SCOPE },
  { method: "GET", path: "/oauth2/v1/clients/{}/roles/{}/targets/catalog/apps", operationId: "listAppTargetRoleToClient", scope: "okta.roles.read" },
  { method: "PUT", path: "/oauth2/v1/clients/{}/roles/{}/targets/catalog/apps/{}/{}", operationId: "assignAppTargetInstanceRoleForClient", scope: ROLE_WRITE_SCOPE },
  { method: "DELETE", path: "/oauth2/v1/clients/{}/roles/{}/targets/catalog/apps/{}/{}", operationId: "removeAppTargetInstanceRoleForClient", scope: ROLE_WRITE_SCOPE },
];

/** The role operation a request is, or undefined. */
export function roleOperationOf(method: string, pathname: string): RoleOperation | undefined {
  return ROLE_OPERATIONS.find((operation) => operation.method === method && pathMatches(operation.path, pathname));
}
