import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_DIR } from "../../src/cli/common";
import { OktaEmulator } from "../../src/sandbox/okta-emulator";
import { DEPLOYER_SECRETS, launchOf, up } from "../support/engine/dev-stack";
import { scratchProject } from "../support/engine/scratch-project";
import { DynamicProviderHost, ProviderCallError } from "../support/engine/dynamic-provider-host";
import type { Registration } from "../support/engine/recording-engine";
import { stringsOutsideSecrets, unwrapSecrets } from "../support/engine/wire";

/*
 * A service app's admin role with targets, as the engine runs it: the program (cmd/run) registers
 * the dynamic ScopedClientRole with the stack's credential as a secret, and Pulumi's own
 * dynamic-provider host runs the serialised provider against the Okta emulator over HTTP.
 */

const TOKEN = "okta-emulator-token";
const CLIENT_ID = "0oaSyncClient";
let registration: Registration;
let host: DynamicProviderHost;

before(async () => {
  const root = scratchProject([
    {
      file: "access/dev.yaml",
      change: (text) => text.replace("      adminRole: READ_ONLY_ADMIN\n", "      adminRole: HELP_DESK_ADMIN\n      targets: { teams: [payments, data-science] }\n"),
    },
  ]);
  const run = await up(launchOf("dev", root));
  assert.equal(run.exitCode, 0, run.stderr);
  registration = run.registrations.find((r) => r.name === "service-app-duplocloud-user-sync-role")!;
  host = await DynamicProviderHost.start(PROJECT_DIR);
});
after(() => host.stop());

/** An org with the dev groups the targets name and the service app's client. */
async function org(): Promise<OktaEmulator> {
  const emulator = await new OktaEmulator(TOKEN).start();
  for (const id of ["team-payments-id", "team-data-science-id", "team-platform-oncall-id"]) emulator.groups.push({ id, name: id, members: [] });
  emulator.lists.set("/api/v1/apps", () => [{ id: "0oaSyncApp", name: "oidc_client", credentials: { oauthClient: { client_id: CLIENT_ID } } }]);
  return emulator;
}

/** The registered inputs, aimed at `emulator` (the state holds the credential as a secret). */
function inputsFor(emulator: OktaEmulator): Record<string, unknown> {
  const inputs = unwrapSecrets(registration.inputs) as Record<string, unknown>;
  return { ...inputs, clientId: CLIENT_ID, access: { orgUrl: emulator.url, apiToken: TOKEN } };
}

test("engine: the scoped service-app role is the dynamic resource, its credential secret, its replacement delete-first, aliased to the provider's type", () => {
  assert.equal(registration.type, "pulumi-nodejs:dynamic/okta:ScopedClientRole");
  assert.equal(registration.deleteBeforeReplace, true);
  assert.deepEqual(registration.aliases, [{ urn: "", name: "", type: "okta:index/oauth2V1ClientsRoleHelpDeskAdmin:Oauth2V1ClientsRoleHelpDeskAdmin", noParent: false }]);
  assert.deepEqual(registration.additionalSecretOutputs, ["access"]);
  const inputs = unwrapSecrets(registration.inputs) as Record<string, unknown>;
  assert.deepEqual(
    { roleType: inputs.roleType, targetGroupIds: inputs.targetGroupIds, targetApps: inputs.targetApps, access: inputs.access },
    {
      roleType: "HELP_DESK_ADMIN",
      targetGroupIds: ["team-data-science-id", "team-payments-id"],
      targetApps: [],
      access: { orgUrl: "https://acme-dev.oktapreview.com", apiToken: DEPLOYER_SECRETS["okta:apiToken"] },
    },
  );
  // The token travels only inside a secret.
  assert.equal(stringsOutsideSecrets(registration.inputs).includes(DEPLOYER_SECRETS["okta:apiToken"]!), false);
});

test("engine: a scoped service-app role's whole life: given with its targets, read, targets swapped without ever losing the last, taken back", async (t) => {
  const emulator = await org();
  t.after(() => emulator.stop());
  const inputs = inputsFor(emulator);
  const checked = await host.check(registration.urn, {}, inputs);
  const created = await host.create(registration.urn, checked.inputs);
  assert.deepEqual(emulator.roles.assignments, [
    { id: created.id, holder: "client", holderId: CLIENT_ID, type: "HELP_DESK_ADMIN", groups: ["team-data-science-id", "team-payments-id"], apps: [] },
  ]);
  assert.equal((await host.diff(created.id, registration.urn, created.properties, checked.inputs)).changes, "none");
  const read = await host.read(created.id, registration.urn, created.properties);
  assert.deepEqual(read.properties.targetGroupIds, ["team-data-science-id", "team-payments-id"]);

  // Every target swapped for another: the new one is added before the old ones go.
  const swapped = { ...checked.inputs, targetGroupIds: ["team-platform-oncall-id"] };
  assert.deepEqual(await host.diff(created.id, registration.urn, created.properties, swapped), { changes: "some", replaces: [], deleteBeforeReplace: true });
  const before = emulator.requests.length;
  await host.update(created.id, registration.urn, created.properties, swapped);
  assert.deepEqual(
    emulator.requests.slice(before).map((request) => `${request.method} ${request.url.split(`/roles/${created.id}`)[1]}`),
    ["PUT /targets/groups/team-platform-oncall-id", "DELETE /targets/groups/team-data-science-id", "DELETE /targets/groups/team-payments-id"],
  );
  assert.deepEqual(emulator.roles.assignments[0]!.groups, ["team-platform-oncall-id"]);
  // Another role type is another assignment: replaced, delete-first.
  assert.deepEqual(await host.diff(created.id, registration.urn, created.properties, { ...swapped, roleType: "USER_ADMIN" }), {
    changes: "some",
    replaces: ["roleType"],
    deleteBeforeReplace: true,
  });

  await host.delete(created.id, registration.urn, { ...created.properties, targetGroupIds: ["team-platform-oncall-id"] });
  assert.deepEqual(emulator.roles.assignments, []);
});

test("engine: targets given to a role the provider's resource held: the dynamic diff of that state replaces it, delete-first", async (t) => {
  const emulator = await org();
  t.after(() => emulator.stop());
  const checked = await host.check(registration.urn, {}, inputsFor(emulator));
  // The state an okta.Oauth2V1ClientsRoleHelpDeskAdmin leaves (its inputs), reached through the alias.
  const providerState = { clientId: CLIENT_ID, type: "HELP_DESK_ADMIN" };
  assert.deepEqual(await host.diff("ra0", registration.urn, providerState, checked.inputs), { changes: "some", replaces: ["roleType"], deleteBeforeReplace: true });
  assert.deepEqual(emulator.requests, [], "deciding asks Okta nothing");
});

test("engine: a target that fails takes the role back before the create fails, so the app holds no org-wide role", async (t) => {
  const emulator = await org();
  t.after(() => emulator.stop());
  emulator.roles.failingTargets.add("team-payments-id");
  const checked = await host.check(registration.urn, {}, inputsFor(emulator));
  const failed = await host.create(registration.urn, checked.inputs).catch((error: unknown) => error);
  assert.ok(failed instanceof ProviderCallError);
  const put = emulator.requests.find((request) => request.method === "PUT" && request.url.endsWith("/targets/groups/team-payments-id"))!;
  const roleId = /\/roles\/([^/]+)\//.exec(put.url)![1];
  assert.equal(
    failed.message.includes(
      `HELP_DESK_ADMIN of service app ${CLIENT_ID} could not be scoped (PUT ${emulator.url}/oauth2/v1/clients/${CLIENT_ID}/roles/${roleId}/targets/groups/team-payments-id answered 500 (Internal Server Error)); the role was taken back, so the app holds no org-wide role. Fix the cause and run \`pulumi up\` again.`,
    ),
    true,
    failed.message,
  );
  assert.deepEqual(emulator.roles.assignments, []);
  assert.equal(failed.message.includes(TOKEN), false);
});
