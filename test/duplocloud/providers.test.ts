import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { duploUserProvider, type DuploUserInputs } from "../../src/duplocloud/providers/user";
import { tenantGrantProvider, type TenantGrantInputs, type TenantGrantOutputs } from "../../src/duplocloud/providers/tenant-grant";
import { oktaSettingsProvider, type OktaSettingsInputs } from "../../src/duplocloud/providers/okta-settings";
import type { ConnectionInputs } from "../../src/duplocloud/providers/connection";
import { DuploEmulator } from "../support/duplo-emulator";
import { tempDir } from "../support/temp-dir";

const TOKEN = "duplo-token-never-in-errors";
let emulator: DuploEmulator;
let connection: ConnectionInputs;

beforeEach(async () => {
  emulator = await new DuploEmulator(TOKEN).start();
  connection = { host: emulator.url, token: TOKEN, timeoutMs: 300, maxAttempts: 3, baseDelayMs: 5, waitTimeoutMs: 400, pollIntervalMs: 10 };
});
afterEach(() => emulator.stop());

const user = (overrides: Partial<DuploUserInputs> = {}): DuploUserInputs => ({
  connection,
  username: "breakglass@acme.example",
  roles: ["Administrator"],
  readOnly: false,
  ...overrides,
});

test("user: create, read, drift on refresh, update, delete, delete again", async () => {
  const created = await duploUserProvider.create!(user());
  assert.equal(created.id, "breakglass@acme.example");
  assert.deepEqual(emulator.users.get("breakglass@acme.example"), { Username: "breakglass@acme.example", Roles: ["Administrator"], IsReadOnly: false });

  const read = await duploUserProvider.read!(created.id, created.outs);
  assert.deepEqual(read.props?.roles, ["Administrator"]);

  // Someone demotes the user by hand: refresh must show it.
  emulator.users.set("breakglass@acme.example", { Username: "breakglass@acme.example", Roles: ["User"], IsReadOnly: true });
  const drifted = await duploUserProvider.read!(created.id, created.outs);
  assert.deepEqual([drifted.props?.roles, drifted.props?.readOnly], [["User"], true]);
  const diff = await duploUserProvider.diff!(created.id, drifted.props!, user());
  assert.equal(diff.changes, true);
  assert.deepEqual(diff.replaces, []);
  await duploUserProvider.update!(created.id, drifted.props!, user());
  assert.deepEqual(emulator.users.get("breakglass@acme.example")?.Roles, ["Administrator"]);
  const lastUpdate = emulator.mutations().at(-1)!;
  assert.equal((lastUpdate.body as { State?: string }).State, "updated");

  await duploUserProvider.delete!(created.id, created.outs!);
  assert.equal(emulator.users.has("breakglass@acme.example"), false);
  await duploUserProvider.delete!(created.id, created.outs!); // already gone: done, no error
  assert.deepEqual(await duploUserProvider.read!(created.id, created.outs), { id: "" });
});

test("user: create with adopt takes over a user that already exists as wanted, without writing", async () => {
  emulator.users.set("breakglass@acme.example", { Username: "breakglass@acme.example", Roles: ["Administrator"], IsReadOnly: false });
  await duploUserProvider.create!(user({ adopt: true }));
  assert.equal(emulator.mutations().length, 0);
});

test("user: a create whose answer times out is retried and still makes one user", async () => {
  emulator.injectFault({ kind: "delay", ms: 600 }, (method) => method === "POST");
  await duploUserProvider.create!(user());
  assert.equal([...emulator.users.keys()].filter((name) => name === "breakglass@acme.example").length, 1);
  assert.ok(emulator.mutations().length >= 2, "the timed-out request was retried");
});

test("user: a renamed user is a replacement; another portal is refused at preview, with nothing sent to either portal", async () => {
  const diff = await duploUserProvider.diff!("x", user(), user({ username: "other@acme.example" }));
  assert.deepEqual(diff.replaces, ["username"]);
  const other = await new DuploEmulator(TOKEN).start();
  try {
    await assert.rejects(duploUserProvider.diff!("x", user(), user({ connection: { ...connection, host: other.url } })), {
      message: `DuploCloud user breakglass@acme.example lives on ${emulator.url}, and this stack now names ${other.url}. The stack never moves DuploCloud objects between portals (that would delete them on the old one). To move deliberately: \`pulumi state delete\` the DuploCloud resources (they stay on the old portal), then \`pulumi up\` creates them on the new one; or give the new portal a stack of its own.`,
    });
    for (const provider of [tenantGrantProvider, oktaSettingsProvider] as const) {
      const olds = { connection, username: "ci@acme.example", tenant: "dev01", readOnly: false, tenantId: "t-dev01", values: {}, secretValues: {} };
      await assert.rejects(
        (provider.diff as (id: string, o: unknown, n: unknown) => Promise<unknown>)("x", olds, { ...olds, connection: { ...connection, host: other.url } }),
        /never moves DuploCloud objects between portals/,
      );
    }
    assert.deepEqual([emulator.requests, other.requests], [[], []]);
  } finally {
    await other.stop();
  }
  const same = await duploUserProvider.diff!("x", user(), user({ roles: ["Administrator"] }));
  assert.equal(same.changes, false);
  // The same portal written differently is not a move.
  const sameHost = await duploUserProvider.diff!("x", user(), user({ connection: { ...connection, host: `${emulator.url.toUpperCase()}/` } }));
  assert.deepEqual(sameHost.replaces, []);
});

const grant = (overrides: Partial<TenantGrantInputs> = {}): TenantGrantInputs => ({ connection, username: "ci@acme.example", tenant: "dev01", readOnly: false, ...overrides });

test("grant: resolves the tenant name, grants, changes level by revoke-then-grant, and is deleted", async () => {
  emulator.users.set("ci@acme.example", { Username: "ci@acme.example", Roles: ["User"], IsReadOnly: false });
  const created = await tenantGrantProvider.create!(grant());
  assert.equal(created.outs?.tenantId, "t-dev01");
  assert.equal(emulator.access.get("ci@acme.example")?.get("t-dev01"), false);

  const before = emulator.mutations().length;
  const updated = await tenantGrantProvider.update!(created.id, created.outs!, grant({ readOnly: true }));
  const states = emulator
    .mutations()
    .slice(before)
    .map((r) => r.body as { State: string; Policy: { IsReadOnly: boolean } });
  assert.deepEqual(
    states.map((b) => [b.State, b.Policy.IsReadOnly]),
    [
      ["deleted", false],
      ["create", true],
    ],
  );
  assert.equal(emulator.access.get("ci@acme.example")?.get("t-dev01"), true);

  await tenantGrantProvider.delete!(created.id, updated.outs as TenantGrantOutputs);
  assert.equal(emulator.access.get("ci@acme.example")?.has("t-dev01"), false);
  await tenantGrantProvider.delete!(created.id, updated.outs as TenantGrantOutputs); // 404: done
});

test("grant: refresh sees a grant revoked or changed by hand", async () => {
  emulator.users.set("ci@acme.example", { Username: "ci@acme.example", Roles: ["User"], IsReadOnly: false });
  const created = await tenantGrantProvider.create!(grant());
  emulator.access.get("ci@acme.example")!.set("t-dev01", true);
  assert.equal((await tenantGrantProvider.read!(created.id, created.outs)).props?.readOnly, true);
  emulator.access.get("ci@acme.example")!.delete("t-dev01");
  assert.deepEqual(await tenantGrantProvider.read!(created.id, created.outs), { id: "" });
});

test("grant: create adopts an existing grant and fixes a wrong level in place", async () => {
  emulator.users.set("ci@acme.example", { Username: "ci@acme.example", Roles: ["User"], IsReadOnly: false });
  emulator.access.set("ci@acme.example", new Map([["t-dev01", true]]));
  await tenantGrantProvider.create!(grant({ readOnly: true }));
  assert.equal(emulator.mutations().length, 0);
  await tenantGrantProvider.create!(grant({ readOnly: false }));
  assert.equal(emulator.access.get("ci@acme.example")?.get("t-dev01"), false);
});

test("grant: an unknown tenant fails with the tenants that exist", async () => {
  emulator.users.set("ci@acme.example", { Username: "ci@acme.example", Roles: ["User"], IsReadOnly: false });
  await assert.rejects(tenantGrantProvider.create!(grant({ tenant: "prod01" })), /DuploCloud has no tenant named "prod01"; the portal's tenants are: dev01, qa01/);
});

const settings = (overrides: Partial<OktaSettingsInputs> = {}): OktaSettingsInputs => ({
  connection,
  values: { OktaDomain: "acme.okta.com", OktaTenantGroupPrefix: "duploservices-" },
  secretValues: { OktaClientSecret: "client-secret-value" },
  ...overrides,
});

test("settings: create writes what differs, read shows drift, update removes dropped keys, delete cleans up", async () => {
  emulator.settings.set("OktaDomain", { Key: "OktaDomain", Type: "AppConfig", Value: "acme.okta.com" });
  const created = await oktaSettingsProvider.create!(settings());
  assert.deepEqual(
    emulator
      .mutations()
      .map((r) => (r.body as { Key: string }).Key)
      .sort(),
    ["OktaClientSecret", "OktaTenantGroupPrefix"],
  );

  emulator.settings.set("OktaDomain", { Key: "OktaDomain", Type: "AppConfig", Value: "evil.okta.com" });
  const read = await oktaSettingsProvider.read!(created.id, created.outs);
  assert.equal(read.props?.values.OktaDomain, "evil.okta.com");
  assert.equal(read.props?.secretValues.OktaClientSecret, "client-secret-value");

  const next = settings({ values: { OktaDomain: "acme.okta.com" } });
  assert.equal((await oktaSettingsProvider.diff!(created.id, read.props!, next)).changes, true);
  await oktaSettingsProvider.update!(created.id, read.props!, next);
  assert.equal(emulator.settings.get("OktaDomain")?.Value, "acme.okta.com");
  assert.equal(emulator.settings.has("OktaTenantGroupPrefix"), false);

  await oktaSettingsProvider.delete!(created.id, next);
  assert.equal(emulator.settings.size, 0);
});

test("providers: errors never carry the token", async () => {
  const bad = { ...connection, token: "a-wrong-token-value" };
  for (const attempt of [
    () => duploUserProvider.create!({ ...user(), connection: bad }),
    () => tenantGrantProvider.create!({ ...grant(), connection: bad }),
    () => oktaSettingsProvider.create!({ ...settings(), connection: bad }),
  ]) {
    await assert.rejects(attempt(), (error: Error) => {
      assert.match(error.message, /token is wrong or expired/);
      assert.doesNotMatch(`${error.message}\n${error.stack}`, /a-wrong-token-value/);
      return true;
    });
  }
});

test("providers survive Pulumi's serialisation: the serialised user provider works on its own", async () => {
  // As pulumi.dynamic.Resource does it, and as the dynamic-provider host loads it back.
  const serialized = await pulumi.runtime.serializeFunction(() => duploUserProvider, { allowSecrets: true });
  const file = path.join(tempDir("provider-"), "provider.js");
  writeFileSync(file, serialized.text);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const provider = (require(file) as Record<string, () => typeof duploUserProvider>)[serialized.exportName]!();
  await provider.create!(user({ username: "serialised@acme.example" }));
  assert.ok(emulator.users.has("serialised@acme.example"));
});

test("user: create waits until the portal lists the user; update waits for presence only, not for the roles to read back", async () => {
  emulator.visibilityDelayMs = 60;
  await duploUserProvider.create!(user());
  assert.deepEqual(emulator.users.get("breakglass@acme.example"), { Username: "breakglass@acme.example", Roles: ["Administrator"], IsReadOnly: false });
  const started = Date.now();
  await duploUserProvider.update!("breakglass@acme.example", user(), user({ roles: ["User"], readOnly: true }));
  assert.ok(Date.now() - started < 60, "the user was already listed: no wait for the new roles");
  assert.deepEqual(emulator.users.get("breakglass@acme.example")?.Roles, ["Administrator"], "the update is not visible yet");
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual(emulator.users.get("breakglass@acme.example"), { Username: "breakglass@acme.example", Roles: ["User"], IsReadOnly: true });
});

test("user: delete waits until the portal no longer lists the user", async () => {
  emulator.users.set("breakglass@acme.example", { Username: "breakglass@acme.example", Roles: ["Administrator"], IsReadOnly: false });
  emulator.visibilityDelayMs = 60;
  await duploUserProvider.delete!("breakglass@acme.example", { ...user(), portalUsername: "breakglass@acme.example" });
  assert.equal(emulator.users.has("breakglass@acme.example"), false, "gone when delete returns");
  const lists = emulator.requests.filter((r) => r.path === "/admin/GetAllUserRoles").length;
  assert.ok(lists >= 3, `looked up, then polled until gone (${lists} lists)`);
});

test("user: a 404 or 400 while waiting for a deleted user counts as gone, as in DuploCloud's provider", async () => {
  for (const status of [404, 400]) {
    emulator.users.set("breakglass@acme.example", { Username: "breakglass@acme.example", Roles: ["Administrator"], IsReadOnly: false });
    emulator.visibilityDelayMs = 60_000;
    let lists = 0;
    // The look-up before the delete answers; the first poll afterwards gets the error.
    emulator.injectFault({ kind: "status", status }, (method, path) => method === "GET" && path === "/admin/GetAllUserRoles" && ++lists === 2);
    await duploUserProvider.delete!("breakglass@acme.example", user());
    emulator.visibilityDelayMs = 0;
  }
});

test("user: a portal that stores the roles in another order and case: one write, no wait for them, and no drift", async () => {
  emulator.storeRoles = (roles) => roles.map((role) => role.toLowerCase()).reverse();
  const wanted = user({ roles: ["Administrator", "SecurityAdmin"] });
  const created = await duploUserProvider.create!(wanted);
  assert.equal(emulator.mutations().length, 1);
  const read = await duploUserProvider.read!(created.id, created.outs);
  assert.deepEqual(read.props?.roles, ["administrator", "securityadmin"], "the state holds what the portal answers");
  assert.deepEqual(await duploUserProvider.diff!(created.id, read.props!, wanted), { changes: false, replaces: [], deleteBeforeReplace: true });
  await duploUserProvider.create!({ ...wanted, adopt: true });
  assert.equal(emulator.mutations().length, 1, "the same roles in another case are not written again");
});

test("user: a portal that never shows the saved user fails, saying what was not seen, after one write", async () => {
  emulator.visibilityDelayMs = 60_000;
  await assert.rejects(duploUserProvider.create!(user()), {
    message:
      "DuploCloud accepted the change but did not show user breakglass@acme.example within 0.4 s; run `pulumi refresh` to see what the portal holds, or raise duplocloud:writeWaitSeconds",
  });
  assert.equal(emulator.mutations().length, 1);
});

test("grant: a change of level waits until the revoke shows before granting again", async () => {
  emulator.users.set("ci@acme.example", { Username: "ci@acme.example", Roles: ["User"], IsReadOnly: false });
  emulator.access.set("ci@acme.example", new Map([["t-dev01", true]]));
  emulator.visibilityDelayMs = 60;
  const olds = { ...grant({ readOnly: true }), tenantId: "t-dev01" };
  await tenantGrantProvider.update!("ci@acme.example/t-dev01", olds, grant({ readOnly: false }));
  const states = emulator.requests.map((r) => (r.method === "GET" ? "read" : (r.body as { State: string }).State));
  const revoke = states.indexOf("deleted");
  const regrant = states.indexOf("create");
  assert.ok(revoke >= 0 && regrant > revoke + 1, `reads between revoke and grant: ${states.join(",")}`);
  assert.ok(states.slice(revoke + 1, regrant).every((s) => s === "read"));
  assert.equal(states.at(-1), "create", "no wait for the new level to read back");
});

test("grant: delete waits until the revoke shows; a 404 or 400 while looking counts as gone", async () => {
  emulator.users.set("ci@acme.example", { Username: "ci@acme.example", Roles: ["User"], IsReadOnly: false });
  emulator.access.set("ci@acme.example", new Map([["t-dev01", false]]));
  emulator.visibilityDelayMs = 60;
  const props = { ...grant(), tenantId: "t-dev01" };
  await tenantGrantProvider.delete!("ci@acme.example/t-dev01", props);
  assert.equal(emulator.access.get("ci@acme.example")?.has("t-dev01"), false, "gone when delete returns");
  for (const status of [404, 400]) {
    emulator.access.set("ci@acme.example", new Map([["t-dev01", false]]));
    emulator.visibilityDelayMs = 60_000;
    emulator.injectFault({ kind: "status", status }, (method, path) => method === "GET" && path.includes("/tenantAccess"));
    await tenantGrantProvider.delete!("ci@acme.example/t-dev01", props);
    emulator.visibilityDelayMs = 0;
  }
});

test("mixed-case names: the providers find CI-Deployer@acme.example for ci-deployer@acme.example and use the portal's spelling in every call", async () => {
  const portalName = "CI-Deployer@acme.example";
  emulator.users.set(portalName, { Username: portalName, Roles: ["User"], IsReadOnly: false });
  const fileUser = user({ username: "ci-deployer@acme.example", roles: ["User"] });
  const createdUser = await duploUserProvider.create!({ ...fileUser, adopt: true });
  assert.equal(createdUser.outs?.portalUsername, portalName);
  assert.deepEqual(emulator.mutations(), [], "adopted as it is: the case is never rewritten");

  const created = await tenantGrantProvider.create!(grant({ username: "ci-deployer@acme.example" }));
  assert.equal(created.outs?.portalUsername, portalName);
  assert.equal(emulator.access.get(portalName)?.get("t-dev01"), false);
  const read = await tenantGrantProvider.read!(created.id, created.outs);
  assert.deepEqual([read.props?.readOnly, read.props?.portalUsername], [false, portalName]);
  await tenantGrantProvider.update!(created.id, created.outs!, grant({ username: "ci-deployer@acme.example", readOnly: true }));
  assert.equal(emulator.access.get(portalName)?.get("t-dev01"), true);
  await tenantGrantProvider.delete!(created.id, { ...created.outs!, readOnly: true });
  assert.equal(emulator.access.get(portalName)?.has("t-dev01"), false);

  await duploUserProvider.update!(createdUser.id, createdUser.outs!, { ...fileUser, adopt: true, readOnly: true });
  assert.deepEqual(emulator.users.get(portalName), { Username: portalName, Roles: ["User"], IsReadOnly: true });
  // An adopted user is never deleted; a user the stack created whose name the portal spells in
  // another case is deleted under the portal's spelling.
  await duploUserProvider.delete!(createdUser.id, createdUser.outs!);
  assert.equal(emulator.users.has(portalName), true);
  await duploUserProvider.delete!(createdUser.id, { ...createdUser.outs!, adopted: false });
  assert.equal(emulator.users.has(portalName), false);

  const names = emulator.mutations().map((r) => (r.body as { Username: string }).Username);
  assert.deepEqual([...new Set(names)], [portalName], "every write used the portal's spelling");
  const accessReads = emulator.requests.filter((r) => r.path.includes("/tenantAccess")).map((r) => r.path.split("/")[4]);
  assert.deepEqual([...new Set(accessReads)], ["CI-Deployer%40acme.example"]);
  assert.deepEqual([...emulator.users.keys()], [], "no second user under the file's spelling");
});

test("grant: a grant answered without its Policy reads as read-write, as DuploCloud's provider reads it", async () => {
  emulator.users.set("ci@acme.example", { Username: "ci@acme.example", Roles: ["User"], IsReadOnly: false });
  emulator.access.set("ci@acme.example", new Map([["t-dev01", true]]));
  emulator.omitGrantPolicy = true;
  const read = await tenantGrantProvider.read!("ci@acme.example/t-dev01", { ...grant({ readOnly: true }), tenantId: "t-dev01" });
  assert.equal(read.props?.readOnly, false);
});

test("grant: a user removed by hand reads as no grant, and deleting it is done without a write", async () => {
  const props = { ...grant(), tenantId: "t-dev01" };
  assert.deepEqual(await tenantGrantProvider.read!("ci@acme.example/t-dev01", props), { id: "" });
  await tenantGrantProvider.delete!("ci@acme.example/t-dev01", props);
  assert.deepEqual(
    emulator.requests.map((r) => `${r.method} ${r.path}`),
    ["GET /admin/GetAllUserRoles", "GET /admin/GetAllUserRoles"],
  );
});

test("grant: a user listed but answering 404 on its tenant access reads as no grant", async () => {
  emulator.users.set("ci@acme.example", { Username: "ci@acme.example", Roles: ["User"], IsReadOnly: false });
  emulator.injectFault({ kind: "status", status: 404 }, (_method, path) => path.includes("/tenantAccess"));
  assert.deepEqual(await tenantGrantProvider.read!("ci@acme.example/t-dev01", { ...grant(), tenantId: "t-dev01" }), { id: "" });
});

test("settings: every key the experimental write sends is one DuploCloud is not known to read", async () => {
  const values = { OktaDomain: "https://acme.okta.com", OktaSignupGroupId: "00g1", OktaSignUpGroupId: "00g1" };
  await oktaSettingsProvider.create!({ connection, values, secretValues: { OktaClientSecret: "s" } });
  assert.deepEqual(emulator.unknownSettingKeys(), ["OktaClientSecret", "OktaDomain", "OktaSignUpGroupId", "OktaSignupGroupId"]);
});

test("grant: a user the portal never lists fails with what to do, and nothing is granted", async () => {
  await assert.rejects(tenantGrantProvider.create!(grant({ username: "nobody@acme.example" })), {
    message:
      "DuploCloud did not list user nobody@acme.example (compared ignoring case) within 0.4 s, and its access to tenant dev01 needs it; nothing was granted. Create the user (duplocloud.users) or check its name, or raise duplocloud:writeWaitSeconds",
  });
  assert.deepEqual(emulator.mutations(), []);
});
