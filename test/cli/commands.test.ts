import { test } from "node:test";
import assert from "node:assert/strict";
import { VALID_ACCESS_FILE, withLine, writeTemp } from "../support/access-files";
import { statSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../../src/cli/common";
import { runCli } from "../support/run-cli";
import { tempDir } from "../support/temp-dir";

test("validate: every stack's file by default, exit 0", () => {
  const result = runCli("validate");
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^access\/dev\.yaml: ok \(\d+ groups, \d+ rules, \d+ users\)$/m);
});

test("validate: bad files print FILE:LINE:COLUMN lines and exit 1", () => {
  const bad = writeTemp("bad.yaml", withLine(9, '    rule: user.department = "Engineering"', withLine(7, "    members: [ada@acme.example]")));
  const result = runCli("validate", ["--today", "2026-06-15", bad]);
  assert.equal(result.status, 1);
  assert.match(result.stderr, new RegExp(`^${bad}:7:14: roles\\.administrators\\.members: the administrators group needs at least two`, "m"));
  assert.match(result.stderr, new RegExp(`^${bad}:9:27: roles\\.readOnly\\.rule: a single '=' is not a comparison`, "m"));
  assert.match(result.stderr, /2 problem\(s\); nothing was applied/);
  assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
});

test("validate: a wrong flag is a usage error (exit 2)", () => {
  const result = runCli("validate", ["--nope"]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /usage: npm run validate/);
});

test("plan --json prints only JSON with type, name and inputs", () => {
  const result = runCli("plan", ["--json"]);
  assert.equal(result.status, 0, result.stderr);
  const plan = JSON.parse(result.stdout) as { resources: Array<{ type: string; name: string; inputs: Record<string, unknown> }> };
  assert.ok(plan.resources.length > 20);
  for (const resource of plan.resources) assert.deepEqual(Object.keys(resource), ["type", "name", "inputs"]);
  const admins = plan.resources.find((r) => r.name === "role-administrators");
  assert.deepEqual(admins?.type, "okta:group/group:Group");
});

test("plan: human output groups resources by type", () => {
  const result = runCli("plan", ["--stack", "dev"]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^Offline plan for stack dev: \d+ resources/);
  assert.match(result.stdout, /^okta:group\/rule:Rule \(\d+\)$/m);
  assert.match(result.stdout, /^ {2}\+ role-administrators {2}description=.* name="duplo-administrators"$/m);
});

test("plan: an unknown stack is a clear usage error, not a stack trace", () => {
  const result = runCli("plan", ["--stack", "nope"]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /stack "nope" has no readable Pulumi\.nope\.yaml/);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
});

test("report: Markdown by default, JSON on request", () => {
  const file = writeTemp("ok.yaml", VALID_ACCESS_FILE);
  const markdown = runCli("report", [file], { ACCESS_TODAY: "2026-06-15" });
  assert.equal(markdown.status, 0, markdown.stderr);
  assert.match(markdown.stdout, /\| duploservices-dev01 \| tenant dev01: read-write \| teams: payments \|/);
  assert.match(
    markdown.stdout,
    /- \*\*ada@acme\.example\*\*\n {2}- DuploCloud Administrator \(every tenant\), via group duplo-administrators\n {2}- tenant qa01: read-only \(until 2026-12-31\), via team oncall/,
  );
  const json = JSON.parse(runCli("report", [file, "--json"], { ACCESS_TODAY: "2026-06-15" }).stdout);
  assert.deepEqual(
    json.people.map((p: { email: string }) => p.email),
    ["ada@acme.example", "grace@acme.example"],
  );
});

test("schema --check passes on the checked-in schema", () => {
  const result = runCli("schema", ["--check"]);
  assert.equal(result.status, 0, result.stderr);
});

const AFTER_UP = "after `pulumi up`: run again with `--outputs` (pulumi stack output --json > outputs.json)";
const IN_SECRET = (secret: string, key: string) => `in AWS Secrets Manager: secret \`${secret}\`, JSON key \`${key}\` (readable only by the principals in handoffReaders)`;
const handoffRows = (values: { clientId: string; adminGroupId: string; others: string; secret: string }) => [
  "| [ ] | Enable Okta login | on | a switch: on |",
  "| [ ] | Okta domain | `https://acme-dev.oktapreview.com` | okta:orgName and okta:baseUrl |",
  `| [ ] | Client ID | ${values.clientId} | the DuploCloud OIDC app (stack output duplocloudOktaSettings.clientId) |`,
  `| [ ] | Client secret | ${IN_SECRET(values.secret, "OktaClientSecret")} | the DuploCloud OIDC app, through the AWS hand-off secret |`,
  "| [ ] | Enable Okta as user source | on | a switch: on |",
  `| [ ] | Admin Group ID | ${values.adminGroupId} | the administrators group (stack output duplocloudOktaSettings.adminGroupId) |`,
  `| [ ] | ReadOnly Group ID | ${values.others} | the readOnly group (stack output duplocloudOktaSettings.readOnlyGroupId) |`,
  `| [ ] | Security Group ID | ${values.others} | the securityAdmins group (stack output duplocloudOktaSettings.securityGroupId) |`,
  `| [ ] | Sign Up Group ID | ${values.others} | the signupUsers group (stack output duplocloudOktaSettings.signupGroupId) |`,
  "| [ ] | Tenant Group Prefix | `duploservices-` | groupNaming.tenantReadWritePrefix in the access file |",
  "| [ ] | Tenant ReadOnly Group Prefix | `duplo-ro-` | groupNaming.tenantReadOnlyPrefix in the access file |",
  `| [ ] | Okta API Token | ${IN_SECRET(values.secret, "OktaToken")} | duplocloud:oktaApiToken (secret), through the AWS hand-off secret |`,
  "| [ ] | Okta API Token ID | `00T1abcdEFGH2345ijk7` | duplocloud:oktaApiTokenId |",
  "| [ ] | Admin Email | `platform-team@acme.example` | duplocloud:tokenExpiryAlertEmail |",
];

test("handoff: the Okta Settings pane top to bottom, with https:// on the domain, secrets pointing at the AWS secret, and each value's source", () => {
  const result = runCli("handoff");
  assert.equal(result.status, 0, result.stderr);
  const rows = result.stdout.split("\n").filter((line) => line.startsWith("| [ ]"));
  assert.deepEqual(rows, handoffRows({ clientId: AFTER_UP, adminGroupId: AFTER_UP, others: AFTER_UP, secret: "duplocloud-okta/dev/handoff" }));
  assert.match(result.stdout, /\nNothing of this is written through DuploCloud's API: this list is the way to configure the portal\.\n$/);
});

test("handoff --outputs fills in the Okta IDs from the stack outputs", () => {
  const outputs = writeTemp(
    "outputs.json",
    JSON.stringify({
      duplocloudOktaSettings: { adminGroupId: "00gADMINS", clientId: "0oaCLIENT", clientSecret: "[secret]" },
      handoffSecretArn: "arn:aws:secretsmanager:us-west-2:1:secret:x",
    }),
  );
  const result = runCli("handoff", ["--outputs", outputs]);
  assert.equal(result.status, 0, result.stderr);
  const rows = result.stdout.split("\n").filter((line) => line.startsWith("| [ ]"));
  assert.deepEqual(
    rows,
    handoffRows({ clientId: "`0oaCLIENT`", adminGroupId: "`00gADMINS`", others: "not set for this stack", secret: "arn:aws:secretsmanager:us-west-2:1:secret:x" }),
  );
});

test("--help prints the usage and does nothing else, for every command (schema does not rewrite its file)", () => {
  const schemaFile = path.join(PROJECT_DIR, "schema", "access.schema.json");
  const before = statSync(schemaFile).mtimeMs;
  const help = runCli("schema", ["--help"]);
  assert.deepEqual([help.status, help.stdout, help.stderr], [0, "usage: npm run schema -- [--check]\n", ""]);
  assert.equal(statSync(schemaFile).mtimeMs, before);
  for (const command of ["validate", "plan", "report", "diff", "expiring", "handoff", "doctor", "directory", "import"]) {
    const result = runCli(command, ["-h"]);
    assert.deepEqual([result.status, result.stderr, result.stdout.startsWith("usage: ")], [0, "", true], command);
  }
});

test("exit codes: findings 1, usage 2, and a failure that is neither 3 (a crash is not a finding)", async () => {
  // An Okta org that cannot be reached: neither bad input nor bad usage.
  const out = path.join(tempDir("crash-"), "snapshot.json");
  const result = runCli("directory", ["--out", out, "--org-url", "http://127.0.0.1:9"], { OKTA_API_TOKEN: "x" });
  assert.deepEqual([result.status, result.stderr.startsWith("error: ")], [3, true]);
});
