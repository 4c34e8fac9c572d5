import * as pulumi from "@pulumi/pulumi";
import { oktaRequest } from "./write-access";
import { rollBackPartialRole, rollbackFailedMessage, rollbackMessage, partialRoleAssignmentOf, type RoleAssignmentApi } from "./partial-role";

/*
 * The roll-back of an admin role whose create failed half-way (partial-role.ts says why it is
 * needed), as a Pulumi error hook: the engine calls it with the failed operation, the resource's
 * inputs and the provider's errors after a create fails (pulumi/pulumi pkg/resource/deploy/step.go,
 * CreateStep.Apply: `withRetries` then `RunErrorHooks(..., "create", failures)`; every provider
 * error is forwarded since engine v3.244.0, CHANGELOG "Forward all provider errors to error hooks").
 * It never asks for a retry: a retry would assign the role org-wide again before the same target
 * fails again. An engine without error hooks makes the program fail at its first admin role (the
 * SDK's `registerErrorHook`: "The Pulumi CLI does not support error hooks"), so no `up` runs without it.
 */

/** How the hook reaches the org: its URL and the Authorization header of a token that may manage roles. */
export interface RoleApiAccess {
  readonly orgUrl: string;
  authorization(): Promise<string>;
}

/** The two requests the roll-back sends (Okta management API, getGroupAssignedRole and unassignRoleFromGroup), with one credential. */
export function roleAssignmentApi(access: RoleApiAccess): RoleAssignmentApi {
  let authorization: Promise<string> | undefined;
  const send = async (method: "GET" | "DELETE", groupId: string, roleAssignmentId: string, accepted: readonly number[]) =>
    oktaRequest(
      access.orgUrl,
      await (authorization ??= access.authorization()),
      method,
      `/api/v1/groups/${encodeURIComponent(groupId)}/roles/${encodeURIComponent(roleAssignmentId)}`,
      undefined,
      accepted,
    );
  return {
    async roleTypeOf(groupId, roleAssignmentId) {
      const response = await send("GET", groupId, roleAssignmentId, [200, 404]);
      if (response.status === 404) return undefined;
      const role = (await response.json()) as { type?: unknown };
      if (typeof role.type !== "string") throw new Error(`GET ${response.url} answered a role without a type`);
      return role.type;
    },
    async unassign(groupId, roleAssignmentId) {
      await send("DELETE", groupId, roleAssignmentId, [204, 404]);
    },
  };
}

/**
 * The error hook every `okta.group.Role` of the stack carries. A create that left an org-wide role
 * gets it removed and logged; a roll-back that fails stops the deployment with how to remove the
 * role by hand.
 */
export function adminRoleRollbackHook(access: RoleApiAccess): pulumi.ErrorHook {
  return new pulumi.ErrorHook("okta-admin-role-rollback", async (args) => {
    const failed = { failedOperation: args.failedOperation, newInputs: args.newInputs, errors: args.errors };
    try {
      const message = rollbackMessage(args.name, await rollBackPartialRole(failed, roleAssignmentApi(access)));
      if (message) await pulumi.log.warn(message);
    } catch (error) {
      const assignment = partialRoleAssignmentOf(args.errors)!;
      throw new Error(rollbackFailedMessage(args.name, assignment, access.orgUrl, (error as Error).message));
    }
    return false;
  });
}
