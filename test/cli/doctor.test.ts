import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { DuploEmulator } from "../support/duplo-emulator";
import { writeTemp } from "../support/access-files";
import { otherPortalRefusal, projectWithOtherHost } from "../support/other-portal";
import { runCli, runCliAsync } from "../support/run-cli";

// `npm run doctor` as a process against the DuploCloud emulator; the checks themselves are tested in-process in test/duplocloud/doctor.test.ts.
const TOKEN = "doctor-token-value";
let emulator: DuploEmulator;
beforeEach(async () => {
  emulator = await new DuploEmulator(TOKEN, { "t-dev01": "dev01", "t-qa01": "qa01", "t-sandbox": "sandbox" }).start();
});
afterEach(() => emulator.stop());

test("doctor CLI: talks to the portal named with --host over HTTP, prints JSON, exits 1 on differences and never prints the token", async () => {
  const outputs = writeTemp("outputs.json", "{}");
  writeFileSync(outputs, JSON.stringify({ duplocloudOktaSettings: { adminGroupId: "role-admins-id", clientSecret: "[secret]" } }));
  const result = await runCliAsync("doctor", ["--json", "--host", emulator.url, "--outputs", outputs], { DUPLO_HOST: "https://ignored.invalid", DUPLO_TOKEN: TOKEN });
  assert.equal(result.status, 1, result.stderr);
  const report = JSON.parse(result.stdout) as { ok: boolean; checks: Array<{ check: string; status: string; detail: string }> };
  assert.equal(report.ok, false);
  assert.equal(report.checks[0]!.status, "ok");
  assert.deepEqual(
    report.checks.find((c) => c.check === "Okta settings"),
    {
      check: "Okta settings",
      status: "skipped",
      detail: "handed over (npm run handoff), not written through the API: DuploCloud publishes no API to read them, so check the portal's Okta Settings pane",
    },
  );
  assert.ok(report.checks.some((c) => c.check === "user breakglass-dev@acme.example" && c.status === "differs"));
  assert.doesNotMatch(result.stdout + result.stderr, new RegExp(TOKEN));
});

test("doctor CLI: without DUPLO_TOKEN it is a usage error", async () => {
  const result = await runCliAsync("doctor", ["--host", emulator.url], { DUPLO_TOKEN: "" });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /DUPLO_TOKEN is not set/);
});

test("doctor CLI: a portal missing a user exits 1 with the finding; a user in another case is found and checked (no crash)", async () => {
  emulator.users.set("CI-Deployer@acme.example", { Username: "CI-Deployer@acme.example", Roles: ["User"], IsReadOnly: false });
  emulator.access.set(
    "CI-Deployer@acme.example",
    new Map([
      ["t-dev01", false],
      ["t-qa01", true],
    ]),
  );
  const result = await runCliAsync("doctor", ["--json", "--host", emulator.url], { DUPLO_TOKEN: TOKEN });
  assert.equal(result.status, 1, result.stderr);
  const report = JSON.parse(result.stdout) as { checks: Array<{ check: string; status: string; detail: string }> };
  assert.deepEqual(
    report.checks.filter((c) => /^(user|grant) /.test(c.check)),
    [
      { check: "user breakglass-dev@acme.example", status: "differs", detail: "missing from the portal" },
      {
        check: "user ci-deployer@acme.example",
        status: "ok",
        detail: "roles User; the portal spells the name CI-Deployer@acme.example (DuploCloud compares names exactly; the stack uses the portal's spelling and never rewrites it)",
      },
      { check: "grant ci-deployer@acme.example -> dev01", status: "ok", detail: "read-write" },
      { check: "grant ci-deployer@acme.example -> qa01", status: "ok", detail: "read-only" },
    ],
  );
  assert.equal(report.checks[0]!.status, "ok");
});

test("doctor: refuses to read a portal the stack does not sign in to, as a usage error (exit 2), before any request", () => {
  const result = runCli("doctor", ["--stack", "prod"], { ACCESS_PROJECT_DIR: projectWithOtherHost(), DUPLO_TOKEN: "never-sent" });
  assert.deepEqual([result.status, result.stdout, result.stderr], [2, "", `${otherPortalRefusal("https://duplo.attacker.example", "Pulumi.prod.yaml:3:3").message}\n`]);
});
