import { randomBytes } from "node:crypto";

/*
 * The admin roles the emulated org's groups and OAuth clients (service apps) hold, and the writes
 * `pulumi up` sends for them, as Okta's management API describes them
 * (okta/okta-management-openapi-spec, dist/current/management-minimal.yaml, tags RoleAssignmentBGroup,
 * RoleBTargetBGroup, RoleAssignmentClient and RoleBTargetClient):
 * - `assignRoleToGroup` / `assignRoleToClient` (POST .../roles, body `{type}`) give the role with no
 *   target: it acts on the whole org until its first target is added ("When you assign the first
 *   group target, you reduce the scope of the role assignment", `assignGroupTargetToGroupAdminRole`).
 *   A second assignment of a type the holder has is refused: 409, E0000090, "The role specified is
 *   already assigned to the user" (developer.okta.com/docs/reference/error-codes/).
 * - the target operations add or remove one group or app instance; an unknown assignment, group or
 *   app answers 404; the last group or app target of a client's role cannot be removed
 *   (`removeGroupTargetRoleFromClient`: "You can't remove the last group target from a role
 *   assignment"; `removeAppTargetInstanceRoleForClient` says the same of apps), answered 400 here
 *   (the spec names no status for it);
 * - `getGroupAssignedRole` / `retrieveClientRole` read one assignment, `unassignRoleFromGroup` /
 *   `deleteRoleFromClient` remove it; 404 when gone; the target lists answer the targets.
 * A test can make one target fail (`failingTargets`), as a rate limit, a network cut or a target
 * deleted in the console meanwhile would, and the removal of an assignment (`failUnassign`).
 */

/** Who holds a role: a group (`/api/v1/groups/{id}`) or an OAuth client (`/oauth2/v1/clients/{client_id}`). */
export type RoleHolderKind = "group" | "client";

export interface EmulatedRoleAssignment {
  readonly id: string;
  readonly holder: RoleHolderKind;
  /** The group's ID, or the client's client_id. */
  readonly holderId: string;
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
const HOLDER_PATH = /^\/(?:api\/v1\/(groups)|oauth2\/v1\/(clients))\/([^/]+)\/roles(?:\/(.*))?$/;

export class RoleAssignments {
  readonly assignments: EmulatedRoleAssignment[] = [];
  /** Targets (a group ID, or `<app name>.<app ID>`) whose assignment fails with `failure`. */
  readonly failingTargets = new Set<string>();
  /** Whether removing an assignment fails with `failure` (an outage while the stack cleans up). */
  failUnassign = false;
  /** What a failing write answers. Default: 500, as an outage would. */
  failure: RoleAnswer = { status: 500, body: { errorCode: "E0000009", errorSummary: "Internal Server Error", errorLink: "E0000009", errorCauses: [] } };

  constructor(
    private readonly holderExists: (holder: RoleHolderKind, id: string) => boolean,
    private readonly groupExists: (groupId: string) => boolean,
    private readonly appExists: (appId: string) => boolean,
  ) {}

  /** The roles a holder has, as listGroupAssignedRoles / listRolesForClient answer them. */
  rolesOf(holder: RoleHolderKind, holderId: string): unknown[] {
    return this.assignments.filter((assignment) => assignment.holder === holder && assignment.holderId === holderId).map(roleObject);
  }

  /** The answer to a role request other than the role lists, or undefined when the path is not one. */
  answer(method: string, pathname: string, body: unknown): RoleAnswer | undefined {
    const path = HOLDER_PATH.exec(pathname);
    if (!path) return undefined;
    const holder: RoleHolderKind = path[1] ? "group" : "client";
    const holderId = decodeURIComponent(path[3]!);
    const rest = path[4] === undefined ? [] : path[4].split("/").map(decodeURIComponent);
    if (rest.length === 0) return method === "POST" ? this.assign(holder, holderId, body) : undefined;
    const assignment = this.assignments.find((candidate) => candidate.holder === holder && candidate.holderId === holderId && candidate.id === rest[0]);
    if (rest.length === 1) {
      if (method !== "GET" && method !== "DELETE") return undefined;
      if (!assignment) return NOT_FOUND;
      if (method === "GET") return { status: 200, body: roleObject(assignment) };
      if (this.failUnassign) return this.failure;
      this.assignments.splice(this.assignments.indexOf(assignment), 1);
      return { status: 204 };
    }
    if (rest[1] !== "targets") return undefined;
    if (!assignment) return NOT_FOUND;
    if (rest[2] === "groups" && rest.length === 3 && method === "GET") return { status: 200, body: assignment.groups.map((id) => ({ id, type: "OKTA_GROUP" })) };
    if (rest[2] === "catalog" && rest[3] === "apps" && rest.length === 4 && method === "GET")
      return { status: 200, body: assignment.apps.map((app) => ({ name: app.split(".")[0], id: app.split(".")[1] })) };
    if (rest[2] === "groups" && rest.length === 4) return this.changeTarget(method, assignment, rest[3]!, this.groupExists(rest[3]!), "groups");
    if (rest[2] === "catalog" && rest[3] === "apps" && rest.length === 6) return this.changeTarget(method, assignment, `${rest[4]}.${rest[5]}`, this.appExists(rest[5]!), "apps");
    return undefined;
  }

  private assign(holder: RoleHolderKind, holderId: string, body: unknown): RoleAnswer {
    if (!this.holderExists(holder, holderId)) return NOT_FOUND;
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
    if (this.assignments.some((assignment) => assignment.holder === holder && assignment.holderId === holderId && assignment.type === type))
      return { status: 409, body: { errorCode: "E0000090", errorSummary: "The role specified is already assigned to the user.", errorLink: "E0000090", errorCauses: [] } };
    const assignment: EmulatedRoleAssignment = { id: `ra${randomBytes(8).toString("hex")}`, holder, holderId, type, groups: [], apps: [] };
    this.assignments.push(assignment);
    return { status: 200, body: roleObject(assignment) };
  }

  private changeTarget(method: string, assignment: EmulatedRoleAssignment, target: string, targetExists: boolean, kind: "groups" | "apps"): RoleAnswer | undefined {
    if (method === "PUT") {
      if (!targetExists) return NOT_FOUND;
      if (this.failingTargets.has(target)) return this.failure;
      if (!assignment[kind].includes(target)) assignment[kind].push(target);
      return { status: 204 };
    }
    if (method !== "DELETE") return undefined;
    if (!assignment[kind].includes(target)) return NOT_FOUND;
    if (assignment.holder === "client" && assignment[kind].length === 1)
      return {
        status: 400,
        body: {
          errorCode: "E0000001",
          errorSummary: `Api validation failed: You can't remove the last ${kind === "groups" ? "group" : "app"} target from a role assignment.`,
          errorLink: "E0000001",
          errorCauses: [],
        },
      };
    assignment[kind].splice(assignment[kind].indexOf(target), 1);
    return { status: 204 };
  }
}

/** A standard role as the spec's StandardRole has it (example CreateStandardRoleAssignmentResponseGroup). */
function roleObject(assignment: EmulatedRoleAssignment): unknown {
  return { id: assignment.id, type: assignment.type, status: "ACTIVE", assignmentType: assignment.holder === "group" ? "GROUP" : "CLIENT", label: assignment.type };
}
