import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { tenantGrantProvider, resolveTenantId, type TenantGrantOutputs } from "../../src/duplocloud/providers/tenant-grant";
import { oktaSettingsProvider, type OktaSettingsInputs } from "../../src/duplocloud/providers/okta-settings";
import { duploUserProvider, type DuploUserInputs } from "../../src/duplocloud/providers/user";
import { DuploEmulator, type EmulatedUser } from "../support/duplo-emulator";
import { DuploClient } from "../../src/duplocloud/client";
import type { ConnectionInputs } from "../../src/duplocloud/providers/connection";

/*
 * What each provider's diff answers, field for field (the engine acts on `replaces` and
 * `deleteBeforeReplace` as much as on `changes`), and how reads treat what the portal answers.
 */

const TOKEN = "provider-diff-token";
let emulator: DuploEmulator;
let connection: ConnectionInputs;
beforeEach(async () => {
  emulator = await new DuploEmulator(TOKEN, { "t-dev01": "dev01", "t-qa01": "qa01" }).start();
  connection = { host: emulator.url, token: TOKEN, maxAttempts: 1, waitTimeoutMs: 200, pollIntervalMs: 10 };
});
afterEach(() => emulator.stop());

const grant = (overrides: Partial<TenantGrantOutputs> = {}): TenantGrantOutputs => ({
  connection,
  username: "ci@acme.example",
  tenant: "dev01",
  readOnly: false,
  tenantId: "t-dev01",
  ...overrides,
});
const NONE = { changes: false, replaces: [], deleteBeforeReplace: true };

test("tenant grant diff: nothing, case of names, level, user, tenant and token, each exactly", async () => {
  const diff = (news: Partial<TenantGrantOutputs>) => tenantGrantProvider.diff!("id", grant(), grant(news));
  assert.deepEqual(await diff({}), NONE);
  assert.deepEqual(await diff({ username: "CI@acme.example", tenant: "DEV01" }), NONE);
  assert.deepEqual(await diff({ readOnly: true }), { changes: true, replaces: [], deleteBeforeReplace: true });
  assert.deepEqual(await diff({ username: "other@acme.example" }), { changes: true, replaces: ["username"], deleteBeforeReplace: true });
  assert.deepEqual(await diff({ tenant: "qa01" }), { changes: true, replaces: ["tenant"], deleteBeforeReplace: true });
  assert.deepEqual(await diff({ username: "other@acme.example", tenant: "qa01" }), { changes: true, replaces: ["username", "tenant"], deleteBeforeReplace: true });
  assert.deepEqual(await diff({ connection: { ...connection, token: "rotated" } }), { changes: true, replaces: [], deleteBeforeReplace: true });
});

test("tenant grant read: a failure other than not-found is an error, never 'no grant'", async () => {
  emulator.users.set("ci@acme.example", { Username: "ci@acme.example", Roles: ["User"], IsReadOnly: false });
  emulator.injectFault({ kind: "status", status: 500 });
  await assert.rejects(tenantGrantProvider.read!("id", grant()), /answered 500/);
  emulator.access.set("ci@acme.example", new Map([["t-qa01", true]]));
  assert.deepEqual(await tenantGrantProvider.read!("id", grant()), { id: "" }, "a grant on another tenant is not this one");
  emulator.access.set("ci@acme.example", new Map([["t-dev01", true]]));
  assert.deepEqual(await tenantGrantProvider.read!("id", grant()), { id: "id", props: grant({ readOnly: true, portalUsername: "ci@acme.example" }) });
});

test("tenant grant create: an existing grant at the wanted level is adopted without a write; the ID is user/tenant ID", async () => {
  emulator.users.set("ci@acme.example", { Username: "ci@acme.example", Roles: ["User"], IsReadOnly: false });
  emulator.access.set("ci@acme.example", new Map([["t-dev01", false]]));
  const { connection: _c, tenantId: _t, ...inputs } = grant();
  const created = await tenantGrantProvider.create!({ connection, ...inputs });
  assert.deepEqual(created, { id: "ci@acme.example/t-dev01", outs: grant({ portalUsername: "ci@acme.example" }) });
  assert.deepEqual(emulator.mutations(), []);
});

test("resolveTenantId: names compared without case; an unknown name lists the portal's tenants, sorted, or none", async () => {
  const client = new DuploClient({ host: emulator.url, token: TOKEN });
  assert.equal(await resolveTenantId(client, "QA01"), "t-qa01");
  await assert.rejects(resolveTenantId(client, "prod"), {
    message: 'DuploCloud has no tenant named "prod"; the portal\'s tenants are: dev01, qa01. Fix the name in the access file or create the tenant first.',
  });
  emulator.tenants.clear();
  await assert.rejects(resolveTenantId(client, "prod"), {
    message: 'DuploCloud has no tenant named "prod"; the portal\'s tenants are: none. Fix the name in the access file or create the tenant first.',
  });
});

const settings = (overrides: Partial<OktaSettingsInputs> = {}): OktaSettingsInputs => ({
  connection,
  values: { OktaDomain: "https://acme.okta.com", OktaClientId: "0oa1" },
  secretValues: { OktaClientSecret: "s1" },
  ...overrides,
});

test("settings diff: nothing, a value, a secret, a dropped key and the token, each exactly", async () => {
  const diff = (news: Partial<OktaSettingsInputs>) => oktaSettingsProvider.diff!("id", settings(), settings(news));
  assert.deepEqual(await diff({}), NONE);
  assert.deepEqual(await diff({ values: { OktaDomain: "https://other.okta.com", OktaClientId: "0oa1" } }), { changes: true, replaces: [], deleteBeforeReplace: true });
  assert.deepEqual(await diff({ secretValues: { OktaClientSecret: "s2" } }), { changes: true, replaces: [], deleteBeforeReplace: true });
  assert.deepEqual(await diff({ values: { OktaDomain: "https://acme.okta.com" } }), { changes: true, replaces: [], deleteBeforeReplace: true });
  assert.deepEqual(await diff({ connection: { ...connection, token: "rotated" } }), { changes: true, replaces: [], deleteBeforeReplace: true });
});

test("settings create and read: written as AppConfig rows; read splits visible and secret values; gone only when none is left", async () => {
  emulator.settings.set("OktaClientId", { Key: "OktaClientId", Type: "AppConfig", Value: "0oa1" });
  await oktaSettingsProvider.create!(settings());
  assert.deepEqual(
    emulator.mutations().map((m) => m.body),
    [
      { Key: "OktaClientSecret", Type: "AppConfig", Value: "s1" },
      { Key: "OktaDomain", Type: "AppConfig", Value: "https://acme.okta.com" },
    ],
    "only what differs is written, in key order",
  );
  emulator.settings.delete("OktaDomain");
  assert.deepEqual(await oktaSettingsProvider.read!("id", settings()), { id: "id", props: settings({ values: { OktaClientId: "0oa1" } }) });
  emulator.settings.clear();
  assert.deepEqual(await oktaSettingsProvider.read!("id", settings()), { id: "" });
});

test("settings update: writes what changed and deletes only the keys dropped from the stack", async () => {
  await oktaSettingsProvider.create!(settings());
  emulator.settings.set("SomethingElse", { Key: "SomethingElse", Type: "AppConfig", Value: "kept" });
  const before = emulator.mutations().length;
  await oktaSettingsProvider.update!("id", settings(), settings({ values: { OktaDomain: "https://new.okta.com" } }));
  assert.deepEqual(
    emulator
      .mutations()
      .slice(before)
      .map((m) => `${m.method} ${m.path} ${JSON.stringify(m.body ?? null)}`),
    ['POST /v3/admin/systemSettings/config {"Key":"OktaDomain","Type":"AppConfig","Value":"https://new.okta.com"}', "DELETE /v3/admin/systemSettings/config/OktaClientId null"],
  );
  assert.equal(emulator.settings.get("SomethingElse")?.Value, "kept");
});

const duploUser = (overrides: Partial<DuploUserInputs> = {}): DuploUserInputs => ({
  connection,
  username: "breakglass@acme.example",
  roles: ["Administrator", "SecurityAdmin"],
  readOnly: false,
  ...overrides,
});

test("user diff: nothing, case of the name, role order, a role, read-only, the name and the token, each exactly", async () => {
  const diff = (news: Partial<DuploUserInputs>) => duploUserProvider.diff!("id", duploUser(), duploUser(news));
  assert.deepEqual(await diff({}), NONE);
  assert.deepEqual(await diff({ username: "BreakGlass@acme.example", roles: ["SecurityAdmin", "Administrator"] }), NONE);
  assert.deepEqual(await diff({ roles: ["Administrator"] }), { changes: true, replaces: [], deleteBeforeReplace: true });
  assert.deepEqual(await diff({ readOnly: true }), { changes: true, replaces: [], deleteBeforeReplace: true });
  assert.deepEqual(await diff({ username: "other@acme.example" }), { changes: true, replaces: ["username"], deleteBeforeReplace: true });
  assert.deepEqual(await diff({ connection: { ...connection, token: "rotated" } }), { changes: true, replaces: [], deleteBeforeReplace: true });
});

const userWrites = () => emulator.mutations().map((m) => [m.method, m.path, m.body]);
const savedBody = (roles: string[], readOnly: boolean, state?: string) => ({
  Username: "breakglass@acme.example",
  Roles: roles,
  IsReadOnly: readOnly,
  ReallocateVpnAddress: false,
  RegenerateVpnPassword: false,
  ...(state ? { State: state } : {}),
});

test("user create: a new user is created (no State); one that exists with other access is adopted (adopt: true) and updated in place; the outputs hold the roles sorted", async () => {
  const created = await duploUserProvider.create!(duploUser({ roles: ["SecurityAdmin", "Administrator"] }));
  assert.deepEqual(created, { id: "breakglass@acme.example", outs: { ...duploUser(), portalUsername: "breakglass@acme.example", adopted: false } });
  assert.deepEqual(userWrites(), [["POST", "/admin/UpdateUserRole", savedBody(["Administrator", "SecurityAdmin"], false)]]);
  emulator.users.set("breakglass@acme.example", { Username: "breakglass@acme.example", Roles: ["Administrator", "SecurityAdmin"], IsReadOnly: true });
  const adopted = await duploUserProvider.create!(duploUser({ adopt: true }));
  assert.deepEqual(adopted, { id: "breakglass@acme.example", outs: { ...duploUser({ adopt: true }), portalUsername: "breakglass@acme.example", adopted: true } });
  assert.deepEqual(userWrites().at(-1), ["POST", "/admin/UpdateUserRole", savedBody(["Administrator", "SecurityAdmin"], false, "updated")]);
});

test("user create: a username the portal already has is refused without adopt, and nothing is written", async () => {
  emulator.users.set("breakglass@acme.example", { Username: "breakglass@acme.example", Roles: ["Administrator"], IsReadOnly: false });
  await assert.rejects(duploUserProvider.create!(duploUser({ roles: ["User"] })), {
    name: "ExistingUserError",
    message:
      "DuploCloud user breakglass@acme.example already exists in the portal (roles Administrator); the stack creates only new users. To manage this user, add adopt: true to its entry under duplocloud.users (reviewers see it as critical), or remove the entry. If an earlier up created it and failed before saving its state, adopt it the same way.",
  });
  assert.deepEqual(userWrites(), []);
  assert.deepEqual(emulator.users.get("breakglass@acme.example"), { Username: "breakglass@acme.example", Roles: ["Administrator"], IsReadOnly: false });
});

test("user delete: an adopted user is left in the portal; a user the stack created is deleted; update keeps which it is", async () => {
  emulator.users.set("breakglass@acme.example", { Username: "breakglass@acme.example", Roles: ["User"], IsReadOnly: true });
  const adopted = await duploUserProvider.create!(duploUser({ adopt: true }));
  const updated = await duploUserProvider.update!("breakglass@acme.example", adopted.outs!, duploUser({ adopt: true, readOnly: true }));
  assert.equal(updated.outs!.adopted, true);
  const writes = userWrites().length;
  await duploUserProvider.delete!("breakglass@acme.example", updated.outs!);
  assert.equal(userWrites().length, writes);
  assert.deepEqual(emulator.users.get("breakglass@acme.example"), { Username: "breakglass@acme.example", Roles: ["Administrator", "SecurityAdmin"], IsReadOnly: true });
  emulator.users.clear();
  const created = await duploUserProvider.create!(duploUser({ adopt: true }));
  assert.equal(created.outs!.adopted, false);
  await duploUserProvider.delete!("breakglass@acme.example", created.outs!);
  assert.equal(emulator.users.has("breakglass@acme.example"), false);
});

test("user update: the same access (roles in another order) writes nothing; the outputs are the new inputs with roles sorted", async () => {
  emulator.users.set("breakglass@acme.example", { Username: "breakglass@acme.example", Roles: ["Administrator", "SecurityAdmin"], IsReadOnly: false });
  const rotated = duploUser({ connection: { ...connection, token: TOKEN }, roles: ["SecurityAdmin", "Administrator"] });
  assert.deepEqual(await duploUserProvider.update!("id", duploUser(), rotated), { outs: { ...duploUser(), portalUsername: "breakglass@acme.example", adopted: false } });
  assert.deepEqual(userWrites(), []);
  assert.deepEqual(await duploUserProvider.update!("id", duploUser(), duploUser({ readOnly: true })), {
    outs: { ...duploUser({ readOnly: true }), portalUsername: "breakglass@acme.example", adopted: false },
  });
  assert.deepEqual(userWrites(), [["POST", "/admin/UpdateUserRole", savedBody(["Administrator", "SecurityAdmin"], true, "updated")]]);
});

test("user read: a user the portal lists without roles or flag reads as no roles, not read-only", async () => {
  emulator.users.set("breakglass@acme.example", { Username: "breakglass@acme.example" } as unknown as EmulatedUser);
  assert.deepEqual(await duploUserProvider.read!("id", duploUser()), {
    id: "id",
    props: { ...duploUser({ roles: [], readOnly: false }), portalUsername: "breakglass@acme.example" },
  });
});

test("user create: waiting for a user that never shows names it (presence only, not its roles)", async () => {
  emulator.visibilityDelayMs = 60_000;
  await assert.rejects(duploUserProvider.create!(duploUser({ readOnly: true })), {
    message:
      "DuploCloud accepted the change but did not show user breakglass@acme.example within 0.2 s; run `pulumi refresh` to see what the portal holds, or raise duplocloud:writeWaitSeconds",
  });
});
