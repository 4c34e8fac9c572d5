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

test("--help prints the usage and does nothing else, for every command (schema does not rewrite its file)", () => {
  const schemaFile = path.join(PROJECT_DIR, "schema", "access.schema.json");
  const before = statSync(schemaFile).mtimeMs;
  const help = runCli("schema", ["--help"]);
  assert.deepEqual([help.status, help.stdout, help.stderr], [0, "usage: npm run schema -- [--check]\n", ""]);
  assert.equal(statSync(schemaFile).mtimeMs, before);
  for (const command of ["validate", "plan", "report", "diff", "expiring", "handoff", "doctor", "directory", "import", "request", "expiry-guard"]) {
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
