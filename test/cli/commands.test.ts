import { test } from "node:test";
import assert from "node:assert/strict";
import { VALID_ACCESS_FILE, withLine, writeTemp } from "../support/access-files";
import { readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../../src/cli/common";
import { runCli } from "../support/run-cli";
import { tempDir } from "../support/temp-dir";

test("validate: every stack's file by default, exit 0", () => {
  const result = runCli("validate");
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^access\/dev\.yaml: ok \(\d+ groups, \d+ rules, \d+ users?\)$/m);
});

test("validate: bad files print FILE:LINE:COLUMN lines and exit 1", () => {
  const bad = writeTemp("bad.yaml", withLine(9, '    rule: user.department = "Engineering"', withLine(7, "    members: [ada@acme.example]")));
  const result = runCli("validate", ["--today", "2026-06-15", bad]);
  assert.equal(result.status, 1);
  assert.match(result.stderr, new RegExp(`^${bad}:7:14: roles\\.administrators\\.members: the administrators group needs at least two`, "m"));
  assert.match(result.stderr, new RegExp(`^${bad}:9:27: roles\\.readOnly\\.rule: a single '=' is not a comparison`, "m"));
  assert.match(result.stderr, /: 2 problems; nothing was applied$/m);
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

test("schema --check passes on the checked-in schema, and says so", () => {
  const result = runCli("schema", ["--check"]);
  assert.deepEqual([result.status, result.stdout, result.stderr], [0, "schema/access.schema.json is current\n", ""]);
});

test("--help prints the usage and does nothing else, for every command (schema does not rewrite its file)", () => {
  const schemaFile = path.join(PROJECT_DIR, "schema", "access.schema.json");
  const before = statSync(schemaFile).mtimeMs;
  const help = runCli("schema", ["--help"]);
  assert.deepEqual(
    [help.status, help.stdout, help.stderr],
    [
      0,
      [
        "usage: npm run schema -- [--check]",
        "",
        "Writes schema/access.schema.json (the JSON Schema editors read) from the validator's schema.",
        "",
        "  --check     write nothing: exit 1 if the file is out of date, 0 (saying so) if it is current",
        "  -h, --help  print this help and do nothing else",
        "",
      ].join("\n"),
      "",
    ],
  );
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

test("a mistyped flag names the nearest one, with the usage; no parser hint about '--'", () => {
  const result = runCli("plan", ["--stak", "dev"]);
  assert.deepEqual(
    [result.status, result.stdout, result.stderr],
    [2, "", "unknown flag --stak; did you mean --stack?\nusage: npm run plan -- [--stack STACK] [--directory SNAPSHOT] [--json]\n(npm run plan -- --help describes every flag)\n"],
  );
  const far = runCli("validate", ["--frobnicate"]);
  assert.equal(far.stderr.split("\n")[0], "unknown flag --frobnicate");
  const missingValue = runCli("report", ["--stack"]);
  assert.deepEqual([missingValue.status, missingValue.stderr.split("\n")[0]], [2, "--stack takes a value: --stack STACK"]);
  const stray = runCli("plan", ["dev"]);
  assert.deepEqual([stray.status, stray.stderr.split("\n")[0]], [2, 'unexpected argument "dev": npm run plan takes flags only']);
});

test("a missing input file exits 2 in every command that reads one, naming it", () => {
  const cases: Array<[string, string[], Record<string, string>, string]> = [
    ["validate", ["nope.yaml"], {}, "nope.yaml: does not exist; check the path"],
    ["report", ["nope.yaml"], {}, "nope.yaml: does not exist; check the path"],
    ["expiring", ["nope.yaml"], {}, "nope.yaml: does not exist; check the path"],
    ["plan", ["--directory", "nope.json"], {}, "--directory nope.json: does not exist; take one with npm run directory"],
    ["handoff", ["--outputs", "nope.json"], {}, "--outputs nope.json: does not exist; check the path"],
    ["doctor", ["--outputs", "nope.json"], { DUPLO_TOKEN: "x" }, "--outputs nope.json: does not exist; check the path"],
  ];
  for (const [command, args, env, message] of cases) {
    const result = runCli(command, args, env);
    assert.deepEqual([result.status, result.stderr], [2, `${message}\n`], command);
  }
});

test("validate --json on a file with a misspelled rule attribute exits 1 and locates it", () => {
  const file = writeTemp("misspelled.yaml", withLine(12, '    rule: user.departement == "Payments"'));
  const result = runCli("validate", ["--json", file]);
  assert.equal(result.status, 1);
  assert.deepEqual(JSON.parse(result.stdout), {
    problems: [
      {
        file,
        line: 12,
        column: 16,
        key: "teams[0].rule",
        message:
          "user.departement is neither in Okta's base user profile nor under okta.customAttributes; did you mean department? (a custom attribute of your org's profile goes under okta.customAttributes)",
        severity: "error",
      },
    ],
  });
  const github = runCli("validate", ["--format", "github", file]);
  assert.deepEqual(
    [github.status, github.stdout],
    [
      1,
      `::error file=${file},line=12,col=16::teams[0].rule: user.departement is neither in Okta's base user profile nor under okta.customAttributes; did you mean department? (a custom attribute of your org's profile goes under okta.customAttributes)\n`,
    ],
  );
});

test("validate counts in words: 1 user, not 1 users", () => {
  const file = writeTemp("one-user.yaml", VALID_ACCESS_FILE.replace("  - email: grace@acme.example\n    firstName: Grace\n    lastName: Hopper\n", ""));
  const result = runCli("validate", ["--today", "2026-06-15", file]);
  assert.deepEqual([result.status, result.stdout], [0, `${file}: ok (8 groups, 4 rules, 1 user)\n`]);
});

/** The flags a command's --help lists, as `--name`. */
function flagsInHelp(command: string): string[] {
  const help = runCli(command, ["--help"]);
  assert.equal(help.status, 0, command);
  return [...help.stdout.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((match) => match[1]!).filter((flag) => flag !== "--help");
}

test("the README's command table names exactly the flags each command's --help describes", () => {
  const readme = readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
  const scripts = (JSON.parse(readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const commands = Object.entries(scripts).flatMap(([script, line]) => (/^node --import tsx src\/cli\/([\w-]+)\.ts$/.exec(line) ? [script] : []));
  assert.ok(commands.length >= 11);
  const mismatches = commands.flatMap((command) => {
    const row = readme.split("\n").find((line) => line.startsWith(`| \`npm run ${command} `) || line.startsWith(`| \`npm run ${command}\``));
    if (!row) return [`${command}: no README row`];
    const cell = row.split(/(?<!\\)\|/)[1] ?? "";
    const inReadme = [...new Set([...cell.matchAll(/--[a-z][\w-]*/g)].map((match) => match[0]))].sort();
    const inHelp = flagsInHelp(command).sort();
    return JSON.stringify(inReadme) === JSON.stringify(inHelp) ? [] : [`${command}: README ${inReadme.join(" ")} | --help ${inHelp.join(" ")}`];
  });
  assert.deepEqual(mismatches, []);
});

test("validate --directory: a custom attribute the snapshot's people have is known to rules; one nobody has a value for is not", () => {
  const file = writeTemp("custom.yaml", withLine(12, '    rule: user.badgeColour == "blue"'));
  const snapshot = writeTemp("people.csv", "login,status,badgeColour,shoeSize\nada@acme.example,ACTIVE,blue,\n");
  const known = runCli("validate", ["--today", "2026-06-15", "--directory", snapshot, file]);
  assert.deepEqual([known.status, known.stdout], [0, `${file}: ok (8 groups, 4 rules, 2 users)\n`]);
  const unknown = writeTemp("shoe.yaml", withLine(12, '    rule: user.shoeSize == "42"'));
  const refused = runCli("validate", ["--today", "2026-06-15", "--directory", snapshot, unknown]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /:12:16: teams\[0\]\.rule: user\.shoeSize is neither in Okta's base user profile nor under okta\.customAttributes \(/);
});
