import { test } from "node:test";
import assert from "node:assert/strict";
import { partialRoleAssignmentOf, rollBackPartialRole, rollbackFailedMessage, rollbackMessage, type RoleAssignmentApi } from "../../src/okta/partial-role";
import { roleAssignmentApi } from "../../src/okta/role-rollback";
import { OktaEmulator } from "../../src/sandbox/okta-emulator";

/*
 * The roll-back of a half-made admin role, decided from the provider's own error words
 * (resource_okta_group_role.go, resourceGroupRoleCreate), and sent to the Okta emulator over HTTP.
 */

const GROUP_TARGET_FAILED = "unable to add group target to role assignment ra1 for group 00gA: the API returned an error: Internal Server Error, Status: 500";
const APP_TARGET_FAILED =
  "creating urn:x: 1 error occurred:\n\t* unable to add app targets to role assignment ra2 for group 00gB: the API returned an error: Not found, Status: 404";

test("partialRoleAssignmentOf reads the assignment from either target error, newest first, and nothing from other errors", () => {
  assert.deepEqual(partialRoleAssignmentOf([GROUP_TARGET_FAILED]), { roleAssignmentId: "ra1", groupId: "00gA" });
  assert.deepEqual(partialRoleAssignmentOf([APP_TARGET_FAILED]), { roleAssignmentId: "ra2", groupId: "00gB" });
  assert.deepEqual(partialRoleAssignmentOf(["failed to assign role HELP_DESK_ADMIN to group 00gA: E0000090", GROUP_TARGET_FAILED]), { roleAssignmentId: "ra1", groupId: "00gA" });
  // The assignment itself failing (a role given in the console before) names nothing to remove.
  assert.equal(partialRoleAssignmentOf(["failed to assign role HELP_DESK_ADMIN to group 00gA: The role specified is already assigned to the user."]), undefined);
  // An update's failure names an assignment the state holds: not a create's leftover.
  assert.equal(partialRoleAssignmentOf(["failed to add group target to role assignment ra1 for group 00gA: boom"]), undefined);
});

/** An org with one assignment, recording what the roll-back asks. */
function orgWith(type: string | undefined): RoleAssignmentApi & { readonly asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async roleTypeOf(groupId, id) {
      asked.push(`GET ${groupId}/${id}`);
      return type;
    },
    async unassign(groupId, id) {
      asked.push(`DELETE ${groupId}/${id}`);
    },
  };
}

test("rollBackPartialRole removes only a create's leftover of this group and this role type", async () => {
  const inputs = { groupId: "00gA", roleType: "HELP_DESK_ADMIN" };
  const cases: Array<[string, Parameters<typeof rollBackPartialRole>[0], string | undefined, unknown, string[]]> = [
    [
      "rolled back",
      { failedOperation: "create", newInputs: inputs, errors: [GROUP_TARGET_FAILED] },
      "HELP_DESK_ADMIN",
      { kind: "rolled-back", assignment: { roleAssignmentId: "ra1", groupId: "00gA" }, roleType: "HELP_DESK_ADMIN" },
      ["GET 00gA/ra1", "DELETE 00gA/ra1"],
    ],
    [
      "already gone",
      { failedOperation: "create", newInputs: inputs, errors: [GROUP_TARGET_FAILED] },
      undefined,
      { kind: "gone", assignment: { roleAssignmentId: "ra1", groupId: "00gA" } },
      ["GET 00gA/ra1"],
    ],
    [
      "another type",
      { failedOperation: "create", newInputs: inputs, errors: [GROUP_TARGET_FAILED] },
      "SUPER_ADMIN",
      { kind: "none", why: "role assignment ra1 is SUPER_ADMIN, not HELP_DESK_ADMIN" },
      ["GET 00gA/ra1"],
    ],
    [
      "another group",
      { failedOperation: "create", newInputs: { ...inputs, groupId: "00gZ" }, errors: [GROUP_TARGET_FAILED] },
      "HELP_DESK_ADMIN",
      { kind: "none", why: "the error names group 00gA, not this role's group 00gZ" },
      [],
    ],
    [
      "an update",
      { failedOperation: "update", newInputs: inputs, errors: [GROUP_TARGET_FAILED] },
      "HELP_DESK_ADMIN",
      { kind: "none", why: "the update failed, not the create: the role stays in the stack's state" },
      [],
    ],
    [
      "no inputs",
      { failedOperation: "create", errors: [GROUP_TARGET_FAILED] },
      "HELP_DESK_ADMIN",
      { kind: "none", why: "the error names group 00gA, not this role's group undefined" },
      [],
    ],
    [
      "no assignment named",
      { failedOperation: "create", newInputs: inputs, errors: ["failed to assign role HELP_DESK_ADMIN to group 00gA: boom"] },
      "HELP_DESK_ADMIN",
      { kind: "none", why: "the error names no role assignment: the create assigned nothing" },
      [],
    ],
  ];
  for (const [name, failed, held, outcome, asked] of cases) {
    const org = orgWith(held);
    assert.deepEqual(await rollBackPartialRole(failed, org), outcome, name);
    assert.deepEqual(org.asked, asked, name);
  }
});

test("rollbackMessage says nothing when nothing was left, and names the assignment otherwise; a failed roll-back says how to remove it by hand", () => {
  assert.equal(rollbackMessage("r", { kind: "none", why: "x" }), undefined);
  assert.equal(
    rollbackMessage("r", { kind: "rolled-back", assignment: { groupId: "00gA", roleAssignmentId: "ra1" }, roleType: "USER_ADMIN" }),
    "r: the provider assigned USER_ADMIN to group 00gA (assignment ra1), which acts on the whole org until its targets are added, and then failed to add a target. The stack removed that assignment, so the group holds no org-wide role the state does not know. Fix the cause of the error and run `pulumi up` again.",
  );
  assert.equal(
    rollbackFailedMessage("r", { groupId: "00gA", roleAssignmentId: "ra1" }, "https://acme.okta.com", "DELETE answered 500"),
    "r: the provider left an org-wide admin role on group 00gA (assignment ra1) after a target failed, and the stack could not remove it (DELETE answered 500). Remove it now, before anything else: in the Admin Console (Security > Administrators, the group's role), or `curl -X DELETE -H \"Authorization: <the stack's Okta credential>\" https://acme.okta.com/api/v1/groups/00gA/roles/ra1`; then run `pulumi up` again.",
  );
  assert.equal(
    rollbackMessage("r", { kind: "gone", assignment: { groupId: "00gA", roleAssignmentId: "ra1" } }),
    "r: the failed create had assigned role ra1 to group 00gA org-wide; it is already gone, so the group holds no untracked role.",
  );
});

test("roleAssignmentApi reads and removes an assignment over HTTP; a token without okta.roles.manage may read but not remove", async (t) => {
  const org = await new OktaEmulator("ssws-token").start();
  t.after(() => org.stop());
  org.groups.push({ id: "00gA", name: "help-desk", members: [] });
  const created = await fetch(`${org.url}/api/v1/groups/00gA/roles`, {
    method: "POST",
    headers: { Authorization: "SSWS ssws-token", "Content-Type": "application/json" },
    body: JSON.stringify({ type: "USER_ADMIN" }),
  });
  const { id } = (await created.json()) as { id: string };
  // Okta refuses a second assignment of the same type (E0000090).
  const again = await fetch(`${org.url}/api/v1/groups/00gA/roles`, {
    method: "POST",
    headers: { Authorization: "SSWS ssws-token", "Content-Type": "application/json" },
    body: JSON.stringify({ type: "USER_ADMIN" }),
  });
  assert.deepEqual([again.status, ((await again.json()) as { errorCode: string }).errorCode], [409, "E0000090"]);

  org.oauthTokens.set("read-only", ["okta.roles.read"]);
  const readOnly = roleAssignmentApi({ orgUrl: org.url, authorization: async () => "Bearer read-only" });
  assert.equal(await readOnly.roleTypeOf("00gA", id), "USER_ADMIN");
  await assert.rejects(readOnly.unassign("00gA", id), {
    message: `DELETE ${org.url}/api/v1/groups/00gA/roles/${id} answered 403 (You do not have permission to perform the requested action)`,
  });

  const api = roleAssignmentApi({ orgUrl: org.url, authorization: async () => "SSWS ssws-token" });
  await api.unassign("00gA", id);
  assert.equal(await api.roleTypeOf("00gA", id), undefined);
  assert.deepEqual(org.roles.assignments, []);
  // A second removal finds it gone (404), which is what was wanted.
  await api.unassign("00gA", id);
});

test("roleAssignmentApi waits out a rate limit (429 until X-Rate-Limit-Reset) instead of failing the roll-back", async (t) => {
  const org = await new OktaEmulator("ssws-token").start();
  t.after(() => org.stop());
  org.groups.push({ id: "00gA", name: "help-desk", members: [] });
  org.roles.assignments.push({ id: "ra1", holder: "group", holderId: "00gA", type: "USER_ADMIN", groups: [], apps: [] });
  org.forced429 = 2;
  const api = roleAssignmentApi({ orgUrl: org.url, authorization: async () => "SSWS ssws-token" });
  assert.equal(await api.roleTypeOf("00gA", "ra1"), "USER_ADMIN");
  assert.deepEqual(
    org.requests.map((request) => `${request.method} ${request.url}`),
    ["GET /api/v1/groups/00gA/roles/ra1", "GET /api/v1/groups/00gA/roles/ra1", "GET /api/v1/groups/00gA/roles/ra1"],
  );
});
