import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { modelOf, validateText, VALID_ACCESS_FILE } from "../support/access-files";
import { resourceNamed, resourcesOfType, runProgram } from "../support/mock-program";
import { SECRET_SHOWN_AS } from "../../src/config/secret-placeholder";
import { systemSettingProvider, type SystemSettingInputs } from "../../src/duplocloud/providers/system-setting";
import { DuploClient } from "../../src/duplocloud/client";
import { runDoctor } from "../../src/duplocloud/doctor";
import { diffAccess, type AccessChange } from "../../src/review/diff";
import type { ConnectionInputs } from "../../src/duplocloud/providers/connection";
import { DuploEmulator } from "../support/duplo-emulator";

/*
 * VPN access for new Okta users, end to end: the access file's `duplocloud.oktaUsersVpn`, the plan,
 * the System Config write through the emulator, doctor reading it back, and the access diff.
 */

const TOKEN = "vpn-test-token";
const withVpn = (vpn: string) => VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]", `  tenants: [dev01, qa01]\n  oktaUsersVpn: ${vpn}`);

let emulator: DuploEmulator;
let connection: ConnectionInputs;
beforeEach(async () => {
  emulator = await new DuploEmulator(TOKEN).start();
  connection = { host: emulator.url, token: TOKEN, maxAttempts: 1, waitTimeoutMs: 300, pollIntervalMs: 10 };
});
afterEach(() => emulator.stop());

test("file: enabled and disabled become the model's word; absent is not managed; anything else names its line and key", () => {
  assert.equal(modelOf(withVpn("enabled")).oktaUsersVpn, "enabled");
  assert.equal(modelOf(withVpn("disabled")).oktaUsersVpn, "disabled");
  assert.equal("oktaUsersVpn" in modelOf(VALID_ACCESS_FILE), false);
  const bad = validateText(withVpn("on"));
  assert.equal(bad.ok, false);
  const line = withVpn("on").split("\n").indexOf("  oktaUsersVpn: on") + 1;
  assert.deepEqual(!bad.ok && bad.problems.map((p) => [p.line, p.key]), [[line, "duplocloud.oktaUsersVpn"]]);
});

test("plan: the file's word becomes one System Config row DisableOktaUsersVpnSync (AppConfig), through a secret connection, retained on delete", async () => {
  for (const [vpn, value] of [
    ["enabled", "false"],
    ["disabled", "true"],
  ] as const) {
    const run = await runProgram(modelOf(withVpn(vpn)), { "duplocloud:token": TOKEN });
    const row = resourceNamed(run, "duplo-okta-users-vpn");
    assert.equal(row.type, "pulumi-nodejs:dynamic/duplocloud:SystemSetting");
    assert.deepEqual([row.inputs.key, row.inputs.type, row.inputs.value, row.inputs.connection], ["DisableOktaUsersVpnSync", "AppConfig", value, SECRET_SHOWN_AS]);
    assert.equal(run.options.get("duplo-okta-users-vpn")?.retainOnDelete, true, "dropping the key from the file leaves the portal as it is");
  }
  const unmanaged = await runProgram(modelOf(VALID_ACCESS_FILE), { "duplocloud:token": TOKEN });
  assert.deepEqual(resourcesOfType(unmanaged, "pulumi-nodejs:dynamic/duplocloud:SystemSetting"), []);
});

const row = (value: string): SystemSettingInputs => ({ connection, key: "DisableOktaUsersVpnSync", type: "AppConfig", value });

test("provider: writes the row as DuploCloud's provider does, adopts a row already right, reads drift, updates and deletes", async () => {
  const created = await systemSettingProvider.create!(row("false"));
  assert.deepEqual(
    emulator.mutations().map((r) => [r.method, r.path, r.body]),
    [["POST", "/v3/admin/systemSettings/config", { Key: "DisableOktaUsersVpnSync", Type: "AppConfig", Value: "false" }]],
  );
  assert.deepEqual(emulator.unknownSettingKeys(), [], "a key DuploCloud documents");
  await systemSettingProvider.create!(row("false"));
  assert.equal(emulator.mutations().length, 1, "already right: no write");

  emulator.settings.set("DisableOktaUsersVpnSync", { Key: "DisableOktaUsersVpnSync", Type: "AppConfig", Value: "true" });
  const read = await systemSettingProvider.read!(created.id, created.outs);
  assert.equal(read.props?.value, "true");
  assert.equal((await systemSettingProvider.diff!(created.id, read.props!, row("false"))).changes, true);
  await systemSettingProvider.update!(created.id, read.props!, row("false"));
  assert.equal(emulator.settings.get("DisableOktaUsersVpnSync")?.Value, "false");

  await systemSettingProvider.delete!(created.id, row("false"));
  assert.equal(emulator.settings.has("DisableOktaUsersVpnSync"), false);
  assert.deepEqual(await systemSettingProvider.read!(created.id, created.outs), { id: "" });
});

test("doctor: reads the row back: the file's word, another word, a value DuploCloud does not document, or none", async () => {
  const vpnCheck = async (vpn: string) =>
    (await runDoctor(new DuploClient({ host: emulator.url, token: TOKEN }), { model: modelOf(withVpn(vpn)), settingsWrite: "off", settings: {}, secrets: {} })).find((c) =>
      c.check.startsWith("VPN"),
    );
  const check = "VPN for Okta users (DisableOktaUsersVpnSync)";
  assert.deepEqual(await vpnCheck("enabled"), { check, status: "differs", detail: "not set in the portal; the file says enabled (false)" });
  await systemSettingProvider.create!(row("false"));
  assert.deepEqual(await vpnCheck("enabled"), { check, status: "ok", detail: "enabled (false)" });
  assert.deepEqual(await vpnCheck("disabled"), { check, status: "differs", detail: "portal has enabled (false), the file says disabled (true)" });
  emulator.settings.set("DisableOktaUsersVpnSync", { Key: "DisableOktaUsersVpnSync", Type: "AppConfig", Value: "yes" });
  assert.deepEqual(await vpnCheck("disabled"), { check, status: "differs", detail: 'portal holds "yes", which DuploCloud does not document; the file says disabled (true)' });
  const unmanaged = await runDoctor(new DuploClient({ host: emulator.url, token: TOKEN }), { model: modelOf(VALID_ACCESS_FILE), settingsWrite: "off", settings: {}, secrets: {} });
  assert.equal(
    unmanaged.some((c) => c.check.startsWith("VPN")),
    false,
    "not managed: not checked",
  );
});

const vpnChanges = (base: string, head: string) =>
  diffAccess(modelOf(base), modelOf(head))
    .changes.filter((c) => c.kind === "okta-users-vpn")
    .map((c: AccessChange) => ({ direction: c.direction, critical: c.critical, subject: c.subject, summary: c.summary }));

test("diff: enabling VPN for new Okta users widens access and is critical; disabling narrows; dropping the key only stops managing it", () => {
  const subject = "new Okta users";
  assert.deepEqual(vpnChanges(VALID_ACCESS_FILE, withVpn("enabled")), [
    { direction: "widens", critical: true, subject, summary: "DuploCloud VPN access: enabled (now managed by the file)" },
  ]);
  assert.deepEqual(vpnChanges(VALID_ACCESS_FILE, withVpn("disabled")), [
    { direction: "narrows", critical: false, subject, summary: "DuploCloud VPN access: disabled (now managed by the file)" },
  ]);
  assert.deepEqual(vpnChanges(withVpn("disabled"), withVpn("enabled")), [
    { direction: "widens", critical: true, subject, summary: "DuploCloud VPN access: disabled becomes enabled" },
  ]);
  assert.deepEqual(vpnChanges(withVpn("enabled"), withVpn("disabled")), [
    { direction: "narrows", critical: false, subject, summary: "DuploCloud VPN access: enabled becomes disabled" },
  ]);
  assert.deepEqual(vpnChanges(withVpn("enabled"), VALID_ACCESS_FILE), [
    { direction: "changes", critical: false, subject, summary: "DuploCloud VPN access no longer managed by the file; the portal keeps enabled" },
  ]);
  assert.deepEqual(vpnChanges(withVpn("enabled"), withVpn("enabled")), []);
});
