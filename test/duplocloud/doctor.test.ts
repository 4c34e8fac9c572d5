import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { DuploClient } from "../../src/duplocloud/client";
import { runDoctor } from "../../src/duplocloud/doctor";
import { visibleSettingValues } from "../../src/duplocloud/okta-settings-catalog";
import { DuploEmulator } from "../support/duplo-emulator";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

const TOKEN = "doctor-token-value";
let emulator: DuploEmulator;
beforeEach(async () => {
  emulator = await new DuploEmulator(TOKEN, { "t-dev01": "dev01", "t-qa01": "qa01", "t-sandbox": "sandbox" }).start();
});
afterEach(() => emulator.stop());

const MODEL_TEXT = VALID_ACCESS_FILE.replace(
  "  tenants: [dev01, qa01]",
  "  tenants: [dev01, qa01]\n  users:\n    - username: ci@acme.example\n      reason: CI deploys to dev01.\n      tenants: [{ tenant: dev01, level: read-write }]",
);
const SETTINGS = {
  oktaDomain: "https://acme.okta.com",
  clientId: "0oa-client",
  adminGroupId: "00g-admins",
  readOnlyGroupId: "00g-ro",
  securityGroupId: "00g-sec",
  signupGroupId: "00g-signup",
  tenantGroupPrefix: "duploservices-",
  tenantReadOnlyGroupPrefix: "duplo-ro-",
};

function portalMatchingTheStack(): void {
  for (const [Key, Value] of Object.entries(visibleSettingValues(SETTINGS))) emulator.settings.set(Key, { Key, Type: "AppConfig", Value });
  emulator.settings.set("OktaClientSecret", { Key: "OktaClientSecret", Type: "AppConfig", Value: "the-client-secret" });
  emulator.users.set("ci@acme.example", { Username: "ci@acme.example", Roles: ["User"], IsReadOnly: false });
  emulator.access.set("ci@acme.example", new Map([["t-dev01", false]]));
}

const UNCONFIRMED = "written, not confirmed to be read by DuploCloud (System Config rows under the documented legacy key); check the Okta Settings pane";

test("doctor (experimental settings): rows that match are 'unconfirmed', never 'ok'; secrets are compared without being shown", async () => {
  portalMatchingTheStack();
  const checks = await runDoctor(new DuploClient({ host: emulator.url, token: TOKEN }), {
    model: modelOf(MODEL_TEXT),
    settingsWrite: "experimental",
    settings: SETTINGS,
    secrets: { clientSecret: "the-client-secret" },
  });
  assert.deepEqual(
    checks.filter((c) => c.status === "differs"),
    [],
  );
  assert.deepEqual(
    checks.filter((c) => c.check.startsWith("setting ") && c.status === "ok"),
    [],
  );
  assert.deepEqual(
    checks.find((c) => c.check.startsWith("setting OktaClientSecret")),
    {
      check: "setting OktaClientSecret (Client Secret)",
      status: "unconfirmed",
      detail: `matches (secret, compared by digest); ${UNCONFIRMED}`,
    },
  );
  assert.deepEqual(
    checks.find((c) => c.check.startsWith("setting OktaDomain")),
    { check: "setting OktaDomain (Okta Domain)", status: "unconfirmed", detail: `"https://acme.okta.com"; ${UNCONFIRMED}` },
  );
  // Both documented spellings of the sign-up key are read back.
  assert.deepEqual(
    checks.filter((c) => c.check.includes("Sign Up Group ID")).map((c) => c.check),
    ["setting OktaSignupGroupId (DuploCloud Sign Up Group ID)", "setting OktaSignUpGroupId (DuploCloud Sign Up Group ID)"],
  );
  assert.doesNotMatch(JSON.stringify(checks), /the-client-secret/);
  assert.equal(emulator.mutations().length, 0, "doctor only reads");
});

test("doctor (settings handed over): proves only what it can, and says the Okta settings are not checked", async () => {
  portalMatchingTheStack();
  const checks = await runDoctor(new DuploClient({ host: emulator.url, token: TOKEN }), { model: modelOf(MODEL_TEXT), settingsWrite: "off", settings: SETTINGS, secrets: {} });
  assert.deepEqual(checks, [
    { check: "token", status: "ok", detail: "the DuploCloud token works" },
    { check: "tenant dev01", status: "ok", detail: "exists" },
    { check: "tenant qa01", status: "ok", detail: "exists" },
    {
      check: "Okta settings",
      status: "skipped",
      detail: "handed over (npm run handoff), not written through the API: DuploCloud publishes no API to read them, so check the portal's Okta Settings pane",
    },
    { check: "user ci@acme.example", status: "ok", detail: "roles User" },
    { check: "grant ci@acme.example -> dev01", status: "ok", detail: "read-write" },
  ]);
});

test("doctor: finds every kind of difference", async () => {
  portalMatchingTheStack();
  emulator.tenants.delete("t-qa01");
  emulator.settings.set("OktaTenantGroupPrefix", { Key: "OktaTenantGroupPrefix", Type: "AppConfig", Value: "tenant-" });
  emulator.settings.set("OktaClientSecret", { Key: "OktaClientSecret", Type: "AppConfig", Value: "an-old-secret" });
  emulator.users.set("ci@acme.example", { Username: "ci@acme.example", Roles: ["User", "SecurityAdmin"], IsReadOnly: false });
  emulator.access.set(
    "ci@acme.example",
    new Map([
      ["t-dev01", true],
      ["t-sandbox", false],
    ]),
  );
  const checks = await runDoctor(new DuploClient({ host: emulator.url, token: TOKEN }), {
    model: modelOf(MODEL_TEXT),
    settingsWrite: "experimental",
    settings: SETTINGS,
    secrets: { clientSecret: "the-client-secret" },
  });
  const differs = Object.fromEntries(checks.filter((c) => c.status === "differs").map((c) => [c.check, c.detail]));
  assert.deepEqual(differs, {
    "tenant qa01": "missing from the portal (it has: dev01, sandbox)",
    "setting OktaTenantGroupPrefix (DuploCloud Tenant Group Prefix)": 'portal has "tenant-", the stack sets "duploservices-"',
    "setting OktaClientSecret (Client Secret)": "differs (secret, not shown)",
    "user ci@acme.example": "portal has roles SecurityAdmin, User, the file says User",
    "grant ci@acme.example -> dev01": "portal has read-only, the file says read-write",
    "grant ci@acme.example -> sandbox": "the portal grants read-write, the file grants nothing",
  });
  assert.doesNotMatch(JSON.stringify(checks), /an-old-secret|the-client-secret/);
});

test("doctor: a bad token stops early with what to do", async () => {
  const checks = await runDoctor(new DuploClient({ host: emulator.url, token: "wrong" }, { maxAttempts: 1 }), {
    model: modelOf(MODEL_TEXT),
    settingsWrite: "off",
    settings: SETTINGS,
    secrets: {},
  });
  assert.equal(checks.length, 1);
  assert.equal(checks[0]!.status, "differs");
  assert.match(checks[0]!.detail, /token is wrong or expired/);
});

const TWO_USERS = VALID_ACCESS_FILE.replace(
  "  tenants: [dev01, qa01]",
  [
    "  tenants: [dev01, qa01]",
    "  users:",
    "    - username: CI-Deployer@acme.example",
    "      reason: CI deploys to dev01.",
    "      tenants: [{ tenant: dev01, level: read-write }]",
    "    - username: zed@acme.example",
    "      reason: Service user.",
    "      tenants: [{ tenant: qa01, level: read-only }]",
  ].join("\n"),
);
const handedOver = (text: string) => ({ model: modelOf(text), settingsWrite: "off" as const, settings: SETTINGS, secrets: {} });
const userAndGrantChecks = (checks: Awaited<ReturnType<typeof runDoctor>>) => checks.filter((c) => /^(user|grant|grants|users) /.test(c.check) || c.check === "users");

test("doctor: a name the portal spells in another case is found, read under the portal's spelling and shown, never a finding", async () => {
  emulator.users.set("CI-Deployer@acme.example", { Username: "CI-Deployer@acme.example", Roles: ["User"], IsReadOnly: false });
  emulator.access.set("CI-Deployer@acme.example", new Map([["t-dev01", false]]));
  emulator.users.set("zed@acme.example", { Username: "zed@acme.example", Roles: ["User"], IsReadOnly: false });
  emulator.access.set("zed@acme.example", new Map([["t-qa01", true]]));
  const checks = await runDoctor(new DuploClient({ host: emulator.url, token: TOKEN }), handedOver(TWO_USERS));
  assert.deepEqual(userAndGrantChecks(checks), [
    {
      check: "user ci-deployer@acme.example",
      status: "ok",
      detail: "roles User; the portal spells the name CI-Deployer@acme.example (DuploCloud compares names exactly; the stack uses the portal's spelling and never rewrites it)",
    },
    { check: "grant ci-deployer@acme.example -> dev01", status: "ok", detail: "read-write" },
    { check: "user zed@acme.example", status: "ok", detail: "roles User" },
    { check: "grant zed@acme.example -> qa01", status: "ok", detail: "read-only" },
  ]);
  assert.ok(emulator.requests.some((r) => r.path === "/v3/admin/user/CI-Deployer%40acme.example/tenantAccess?adminAccess=false"));
  assert.ok(!emulator.requests.some((r) => r.path.includes("ci-deployer%40")), "never the file's spelling");
});

test("doctor: a missing user, a 404 on a user's grants and an Administrator are each reported, and the check goes on", async () => {
  emulator.users.set("CI-Deployer@acme.example", { Username: "CI-Deployer@acme.example", Roles: ["Administrator"], IsReadOnly: false });
  emulator.users.set("zed@acme.example", { Username: "zed@acme.example", Roles: ["User"], IsReadOnly: false });
  emulator.injectFault({ kind: "status", status: 404 }, (_method, path) => path.startsWith("/v3/admin/user/zed"));
  const checks = await runDoctor(new DuploClient({ host: emulator.url, token: TOKEN }), handedOver(TWO_USERS));
  assert.deepEqual(userAndGrantChecks(checks), [
    {
      check: "user ci-deployer@acme.example",
      status: "differs",
      detail:
        "portal has roles Administrator, the file says User; the portal spells the name CI-Deployer@acme.example (DuploCloud compares names exactly; the stack uses the portal's spelling and never rewrites it)",
    },
    { check: "grant ci-deployer@acme.example -> dev01", status: "skipped", detail: "an Administrator reaches every tenant; tenant access not read" },
    { check: "user zed@acme.example", status: "ok", detail: "roles User" },
    {
      check: "grants of zed@acme.example",
      status: "differs",
      detail:
        "could not be checked: DuploCloud GET /v3/admin/user/zed%40acme.example/tenantAccess?adminAccess=false answered 404: injected 404; the named object does not exist in the portal",
    },
  ]);
  assert.ok(!emulator.requests.some((r) => r.path.startsWith("/v3/admin/user/CI-Deployer")), "an Administrator's tenant access is not read");

  emulator.users.delete("zed@acme.example");
  const missing = await runDoctor(new DuploClient({ host: emulator.url, token: TOKEN }), handedOver(TWO_USERS));
  assert.deepEqual(userAndGrantChecks(missing).slice(2), [
    { check: "user zed@acme.example", status: "differs", detail: "missing from the portal" },
    { check: "grant zed@acme.example -> qa01", status: "differs", detail: "missing from the portal (the user is missing)" },
  ]);
});

test("doctor: an answer DuploCloud does not document is a finding, not a crash", async () => {
  emulator.injectFault({ kind: "status", status: 200, body: JSON.stringify({ Users: [] }) }, (_method, path) => path === "/admin/GetAllUserRoles");
  const checks = await runDoctor(new DuploClient({ host: emulator.url, token: TOKEN }, { maxAttempts: 1 }), handedOver(TWO_USERS));
  assert.deepEqual(checks.at(-1), {
    check: "users",
    status: "differs",
    detail:
      "could not be checked: DuploCloud GET /admin/GetAllUserRoles failed: the answer was not what DuploCloud documents (not a list); run `pulumi refresh` to see what the portal holds before trying again",
  });
});
