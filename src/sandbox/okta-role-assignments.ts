import { randomBytes } from "node:crypto";

/*
 * The admin roles the emulated org's groups hold, and the writes `pulumi up` sends for them, as
 * Okta's management API describes them (okta/okta-management-openapi-spec,
 * dist/current/management-minimal.yaml, tags RoleAssignmentBGroup and RoleBTargetBGroup):
 * - `assignRoleToGroup` (POST /api/v1/groups/{groupId}/roles, body `{type}`) gives the role with no
 *   target: it acts on the whole org until its first target is added ("When you assign the first
 *   group target, you reduce the scope of the role assignment", `assignGroupTargetToGroupAdminRole`).
 *   A second assignment of a type the group holds is refused: 409, E0000090, "The role specified is
 *   already assigned to the user" (developer.okta.com/docs/reference/error-codes/).
 * - `assignGroupTargetToGroupAdminRole` and `assignAppInstanceTargetToAppAdminRoleForGroup` add one
 *   target; an unknown assignment, group or app answers 404.
 * - `getGroupAssignedRole` and `unassignRoleFromGroup` read and remove one assignment; 404 when gone.
 * A test can make one target fail (`failingTargets`), as a rate limit, a network cut or a target
 * deleted in the console meanwhile would.
 */

export interface EmulatedRoleAssignment {
  readonly id: string;
  readonly groupId: string;
  readonly type: string;
  /** Group IDs; empty with `apps` empty: the role acts on the whole org. */
  readonly groups: string[];
  /** App instances, `<app name>.<app ID>`. */
  readonly apps: string[];
}

export interface RoleAnswer {
  readonly status: number;
  readonly body?: unknown;
}

const NOT_FOUND: RoleAnswer = { status: 404, body: { errorCode: "E0000007", errorSummary: "Not found: Resource not found", errorLink: "E0000007", errorCauses: [] } };

export class GroupRoleAssignments {
  readonly assignments: EmulatedRoleAssignment[] = [];
  /** Targets (a group ID, or `<app name>.<app ID>`) whose assignment fails with `failure`. */
  readonly failingTargets = new Set<string>();
  /** Whether unassignRoleFromGroup fails with `failure` (an outage while the stack cleans up). */
  failUnassign = false;
  /** What a failing target answers. Default: 500, as an outage would. */
  failure: RoleAnswer = { status: 500, body: { errorCode: "E0000009", errorSummary: "Internal Server Error", errorLink: "E0000009", errorCauses: [] } };

  constructor(
    private readonly groupExists: (groupId: string) => boolean,
    private readonly appExists: (appId: string) => boolean,
  ) {}

  /** The roles a group holds, as listGroupAssignedRoles answers them. */
  rolesOf(groupId: string): unknown[] {
    return this.assignments.filter((assignment) => assignment.groupId === groupId).map(roleObject);
  }

  /** The answer to a role write or a one-role read, or undefined when the path is not one of them. */
  answer(method: string, pathname: string, body: unknown): RoleAnswer | undefined {
    const parts = pathname.split("/").map(decodeURIComponent);
    // ["", "api", "v1", "groups", groupId, "roles", roleId?, "targets"?, ...]
    if (parts[1] !== "api" || parts[3] !== "groups" || parts[5] !== "roles" || parts[4] === undefined) return undefined;
    const groupId = parts[4];
    if (parts.length === 6 && method === "POST") return this.assign(groupId, body);
    const assignment = this.assignments.find((candidate) => candidate.groupId === groupId && candidate.id === parts[6]);
    if (parts.length === 7 && (method === "GET" || method === "DELETE")) {
      if (!assignment) return NOT_FOUND;
      if (method === "GET") return { status: 200, body: roleObject(assignment) };
      if (this.failUnassign) return this.failure;
      this.assignments.splice(this.assignments.indexOf(assignment), 1);
      return { status: 204 };
    }
    if (method !== "PUT" || parts[7] !== "targets") return undefined;
    if (parts[8] === "groups" && parts.length === 10) return this.addTarget(assignment, parts[9]!, this.groupExists(parts[9]!), "groups");
    if (parts[8] === "catalog" && parts[9] === "apps" && parts.length === 12) return this.addTarget(assignment, `${parts[10]}.${parts[11]}`, this.appExists(parts[11]!), "apps");
    return undefined;
  }

  private assign(groupId: string, body: unknown): RoleAnswer {
    if (!this.groupExists(groupId)) return NOT_FOUND;
    const type = (body as { type?: unknown } | undefined)?.type;
    if (typeof type !== "string" || type === "")
      return {
        status: 400,
        body: {
          errorCode: "E0000001",
          errorSummary: "Api validation failed: type",
          errorLink: "E0000001",
          errorCauses: [{ errorSummary: "type: The field cannot be left blank" }],
        },
      };
    if (this.assignments.some((assignment) => assignment.groupId === groupId && assignment.type === type))
      return { status: 409, body: { errorCode: "E0000090", errorSummary: "The role specified is already assigned to the user.", errorLink: "E0000090", errorCauses: [] } };
    const assignment: EmulatedRoleAssignment = { id: `ra${randomBytes(8).toString("hex")}`, groupId, type, groups: [], apps: [] };
    this.assignments.push(assignment);
    return { status: 200, body: roleObject(assignment) };
  }

  private addTarget(assignment: EmulatedRoleAssignment | undefined, target: string, targetExists: boolean, kind: "groups" | "apps"): RoleAnswer {
    if (!assignment || !targetExists) return NOT_FOUND;
    if (this.failingTargets.has(target)) return this.failure;
    if (!assignment[kind].includes(target)) assignment[kind].push(target);
    return { status: 204 };
  }
}

/** A standard role as the spec's StandardRole has it (example CreateStandardRoleAssignmentResponseGroup). */
function roleObject(assignment: EmulatedRoleAssignment): unknown {
  return { id: assignment.id, type: assignment.type, status: "ACTIVE", assignmentType: "GROUP", label: assignment.type };
}
