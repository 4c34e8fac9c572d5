import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { launchOf, DEPLOYER_SECRETS } from "../support/engine/dev-stack";
import { runProgramUnderEngine, type RunResult } from "../support/engine/recording-engine";
import { createGroupRoleAsTheProviderDoes } from "../support/engine/okta-group-role-create";
import { mockOktaUsers, mockState } from "../../src/plan/offline";
import { GET_USERS_TOKEN } from "../../src/okta/people";
import { OktaEmulator } from "../../src/sandbox/okta-emulator";

/*
 * A scoped admin role whose target fails during `pulumi up`, through the real entry (cmd/run) and
 * the SDK's error-hook callbacks, against the Okta emulator: the provider has already given the role
 * to the group org-wide when the target fails (okta-group-role-create.ts), and the stack's error
 * hook removes that assignment, so the org holds no admin role the state does not know.
 */

const API_TOKEN = DEPLOYER_SECRETS["okta:apiToken"]!;
const REDIRECT = pathToFileURL(path.join(__dirname, "../support/engine/org-redirect.mjs")).href;

/** `pulumi up` of the dev stack against `org`: groups and admin roles are created there as the provider creates them. */
async function upAgainst(org: OktaEmulator): Promise<RunResult> {
  return runProgramUnderEngine(launchOf("dev"), {
    dryRun: false,
    invokes: { [GET_USERS_TOKEN]: (args) => mockOktaUsers(args, {}) },
    outputsOf: mockState,
    env: { NODE_OPTIONS: `--import ${REDIRECT}`, ACCESS_TEST_ORG_REDIRECT: `https://acme-dev.oktapreview.com ${org.url}` },
    providerCreate: async (type, name, inputs) => {
      if (type === "okta:group/group:Group") org.groups.push({ id: mockState(type, name, inputs).id, name: String(inputs.name), members: [] });
      if (type === "okta:group/role:Role") return createGroupRoleAsTheProviderDoes(org.url, API_TOKEN, inputs);
      return {};
    },
  });
}

const HELP_DESK = "admin-role-team-okta-help-desk-HELP_DESK_ADMIN";
const HELP_DESK_GROUP = "team-okta-help-desk-id";
const FAILING_TARGET = "team-data-science-id";

test("engine: a target that fails to apply leaves no org-wide admin role: the error hook removes the provider's half-made assignment", async (t) => {
  const org = await new OktaEmulator(API_TOKEN).start();
  t.after(() => org.stop());
  org.roles.failingTargets.add(FAILING_TARGET);

  const run = await upAgainst(org);

  assert.notEqual(run.exitCode, 0, "the failed create fails the up");
  const posted = org.requests.filter((request) => request.method === "POST" && request.url.startsWith(`/api/v1/groups/${HELP_DESK_GROUP}/roles`));
  assert.equal(posted.length, 1);
  const put = org.requests.find((request) => request.method === "PUT" && request.url.endsWith(`/targets/groups/${FAILING_TARGET}`));
  const roleId = /\/roles\/([^/]+)\//.exec(put!.url)![1]!;
  assert.deepEqual(
    run.failedCreates.map((failed) => ({ ...failed, urn: failed.urn.split("::").at(-1) })),
    [
      {
        urn: HELP_DESK,
        errors: [`unable to add group target to role assignment ${roleId} for group ${HELP_DESK_GROUP}: the API returned an error: Internal Server Error, Status: 500`],
        hooksCalled: ["okta-admin-role-rollback"],
      },
    ],
  );
  // The hook read the assignment, then removed it: the group holds no HELP_DESK_ADMIN, org-wide or not.
  assert.deepEqual(
    org.requests.filter((request) => request.url === `/api/v1/groups/${HELP_DESK_GROUP}/roles/${roleId}`).map((request) => request.method),
    ["GET", "DELETE"],
  );
  assert.deepEqual(
    org.roles.assignments.filter((assignment) => assignment.holderId === HELP_DESK_GROUP),
    [],
  );
  assert.deepEqual(
    run.logs.filter((log) => log.message.includes("org-wide")).map((log) => [log.severity, log.message]),
    [
      [
        "warning",
        `${HELP_DESK}: the provider assigned HELP_DESK_ADMIN to group ${HELP_DESK_GROUP} (assignment ${roleId}), which acts on the whole org until its targets are added, and then failed to add a target. The stack removed that assignment, so the group holds no org-wide role the state does not know. Fix the cause of the error and run \`pulumi up\` again.`,
      ],
    ],
  );
  // The API token the hook sent never reaches what the deployment shows (the SDK's debug lines echo
  // the engine's answers, which this recording engine fills with the inputs).
  assert.deepEqual(
    run.logs.filter((log) => log.severity !== "debug" && log.message.includes(API_TOKEN)),
    [],
  );
  assert.equal(run.stderr.includes(API_TOKEN), false);
});

test("engine: when the roll-back itself fails, the up stops with the assignment to remove by hand, and the role is still there to remove", async (t) => {
  const org = await new OktaEmulator(API_TOKEN).start();
  t.after(() => org.stop());
  org.roles.failingTargets.add(FAILING_TARGET);
  org.roles.failUnassign = true;

  const run = await upAgainst(org);

  assert.notEqual(run.exitCode, 0);
  const [left] = org.roles.assignments.filter((assignment) => assignment.holderId === HELP_DESK_GROUP);
  // The provider added the targets before the failing one (in its order), then stopped.
  assert.deepEqual({ type: left!.type, groups: left!.groups }, { type: "HELP_DESK_ADMIN", groups: ["role-readOnly-id"] });
  assert.deepEqual(
    run.failedCreates.map((failed) => failed.hookError),
    [
      `${HELP_DESK}: the provider left an org-wide admin role on group ${HELP_DESK_GROUP} (assignment ${left!.id}) after a target failed, and the stack could not remove it (DELETE https://acme-dev.oktapreview.com/api/v1/groups/${HELP_DESK_GROUP}/roles/${left!.id} answered 500 (Internal Server Error)). Remove it now, before anything else: in the Admin Console (Security > Administrators, the group's role), or \`curl -X DELETE -H "Authorization: <the stack's Okta credential>" https://acme-dev.oktapreview.com/api/v1/groups/${HELP_DESK_GROUP}/roles/${left!.id}\`; then run \`pulumi up\` again.`,
    ],
  );
});
