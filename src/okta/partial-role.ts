/*
 * What a failed create of an `okta.group.Role` leaves in the org, and what to do about it. Pure: no
 * Pulumi, no HTTP (role-rollback.ts sends the requests).
 *
 * The provider assigns the role with no target first, then adds the targets one at a time, and only
 * records the assignment's ID once every target is in (terraform-provider-okta v6.12.0,
 * okta/services/idaas/resource_okta_group_role.go, `resourceGroupRoleCreate`: `AssignRoleToGroup`,
 * then `addGroupTargetsToRole` / `addGroupAppTargetsToRole`, then `d.SetId(role.Id)`). Until its
 * first target is added the role acts on the whole org (Okta's management API,
 * `assignGroupTargetToGroupAdminRole`: "When you assign the first group target, you reduce the scope
 * of the role assignment"). So when a target fails, the group keeps an org-wide role that the
 * stack's state does not hold: Pulumi never deletes it, and the next `up` fails on it ("The role
 * specified is already assigned", E0000090). The provider's error names that assignment:
 * "unable to add group target to role assignment <id> for group <id>: ..." and
 * "unable to add app targets to role assignment <id> for group <id>: ..." (same function).
 */

/** The assignment a failed create left, as the provider's error names it. */
export interface PartialRoleAssignment {
  readonly groupId: string;
  readonly roleAssignmentId: string;
}

const PARTIAL_CREATE = /unable to add (?:group target|app targets) to role assignment ([^\s:]+) for group ([^\s:]+)/;

/** The assignment named by the newest error that names one, or undefined (the failure left none). */
export function partialRoleAssignmentOf(errors: readonly string[]): PartialRoleAssignment | undefined {
  for (const error of errors) {
    const found = PARTIAL_CREATE.exec(error);
    if (found) return { roleAssignmentId: found[1]!, groupId: found[2]! };
  }
  return undefined;
}

/** The parts of Pulumi's error-hook arguments the roll-back reads. */
export interface FailedRoleOperation {
  /** "create", "update" or "delete" (the engine's `failedOperation`). */
  readonly failedOperation: string;
  /** The role's inputs: `groupId` and `roleType` (the engine's `newInputs`). */
  readonly newInputs?: Readonly<Record<string, unknown>>;
  /** The errors seen so far, newest first. */
  readonly errors: readonly string[];
}

/** What the org is asked, through role-rollback.ts. */
export interface RoleAssignmentApi {
  /** The assignment's role type, or undefined when it is gone (404). */
  roleTypeOf(groupId: string, roleAssignmentId: string): Promise<string | undefined>;
  /** Removes the assignment (unassignRoleFromGroup). */
  unassign(groupId: string, roleAssignmentId: string): Promise<void>;
}

export type RollbackOutcome =
  | { readonly kind: "none"; readonly why: string }
  | { readonly kind: "gone"; readonly assignment: PartialRoleAssignment }
  | { readonly kind: "rolled-back"; readonly assignment: PartialRoleAssignment; readonly roleType: string };

/**
 * Removes the org-wide assignment a failed create left, and only that: the create must have failed,
 * the error must name an assignment of the very group the resource gives the role to, and that
 * assignment must still be of the resource's role type. Anything else is left alone (an update or
 * a delete that fails leaves a tracked role; a role assigned before, in the console, is never
 * touched: its create fails on the assignment itself, whose error names no assignment).
 */
export async function rollBackPartialRole(failed: FailedRoleOperation, api: RoleAssignmentApi): Promise<RollbackOutcome> {
  if (failed.failedOperation !== "create") return { kind: "none", why: `the ${failed.failedOperation} failed, not the create: the role stays in the stack's state` };
  const assignment = partialRoleAssignmentOf(failed.errors);
  if (!assignment) return { kind: "none", why: "the error names no role assignment: the create assigned nothing" };
  const groupId = failed.newInputs?.groupId;
  const roleType = failed.newInputs?.roleType;
  if (assignment.groupId !== groupId) return { kind: "none", why: `the error names group ${assignment.groupId}, not this role's group ${String(groupId)}` };
  const holds = await api.roleTypeOf(assignment.groupId, assignment.roleAssignmentId);
  if (holds === undefined) return { kind: "gone", assignment };
  if (holds !== roleType) return { kind: "none", why: `role assignment ${assignment.roleAssignmentId} is ${holds}, not ${String(roleType)}` };
  await api.unassign(assignment.groupId, assignment.roleAssignmentId);
  return { kind: "rolled-back", assignment, roleType: holds };
}

/** What the deployment log says of an outcome, for the resource `resourceName`. */
export function rollbackMessage(resourceName: string, outcome: RollbackOutcome): string | undefined {
  if (outcome.kind === "none") return undefined;
  const { groupId, roleAssignmentId } = outcome.assignment;
  if (outcome.kind === "gone")
    return `${resourceName}: the failed create had assigned role ${roleAssignmentId} to group ${groupId} org-wide; it is already gone, so the group holds no untracked role.`;
  return `${resourceName}: the provider assigned ${outcome.roleType} to group ${groupId} (assignment ${roleAssignmentId}), which acts on the whole org until its targets are added, and then failed to add a target. The stack removed that assignment, so the group holds no org-wide role the state does not know. Fix the cause of the error and run \`pulumi up\` again.`;
}

/** The error the deployment stops with when the roll-back itself failed: how to remove the role by hand. */
export function rollbackFailedMessage(resourceName: string, assignment: PartialRoleAssignment, orgUrl: string, cause: string): string {
  return `${resourceName}: the provider left an org-wide admin role on group ${assignment.groupId} (assignment ${assignment.roleAssignmentId}) after a target failed, and the stack could not remove it (${cause}). Remove it now, before anything else: in the Admin Console (Security > Administrators, the group's role), or \`curl -X DELETE -H "Authorization: <the stack's Okta credential>" ${orgUrl}/api/v1/groups/${assignment.groupId}/roles/${assignment.roleAssignmentId}\`; then run \`pulumi up\` again.`;
}
