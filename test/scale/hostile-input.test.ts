import { test, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { parseDocument } from "yaml";
import { formatProblem } from "../../src/access/problems";
import { PROJECT_DIR } from "../../src/cli/common";
import { VALID_ACCESS_FILE, validateText, writeTemp } from "../support/access-files";
import { runCli } from "../support/run-cli";
import { tempDir } from "../support/temp-dir";

/*
 * Hostile and broken input: whatever arrives, every command answers with located errors and a
 * non-zero exit, never a stack trace or a hang.
 */

const LOCATED = /^access\/test\.yaml:\d+:\d+: /;

function assertValidatesOrLocates(text: string): void {
  let result: ReturnType<typeof validateText>;
  try {
    result = validateText(text);
  } catch (error) {
    assert.fail(`validation threw ${(error as Error).stack}\n--- input ---\n${text}`);
  }
  if (result.ok) return;
  assert.ok(result.problems.length > 0);
  for (const problem of result.problems) {
    assert.match(formatProblem(problem), LOCATED);
    assert.ok(problem.line >= 1 && problem.column >= 1, formatProblem(problem));
  }
}

/** Paths to every scalar and collection in the valid file, to aim mutations at. */
function allPaths(): Array<Array<string | number>> {
  const paths: Array<Array<string | number>> = [];
  const walk = (value: unknown, at: Array<string | number>) => {
    paths.push(at);
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...at, i]));
    else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) walk(item, [...at, key]);
  };
  walk(parseDocument(VALID_ACCESS_FILE).toJS(), []);
  return paths.filter((p) => p.length > 0);
}
const PATHS = allPaths();

const replacement = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.string(),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
  fc.constant("ZZZ\u202e\u0000\u0007\ud83d\ude00"),
);

const mutation = fc.oneof(
  // delete a key or item
  fc.record({ kind: fc.constant("delete" as const), at: fc.constantFrom(...PATHS) }),
  // retype a value
  fc.record({ kind: fc.constant("retype" as const), at: fc.constantFrom(...PATHS), value: replacement }),
  // duplicate a line (often a duplicate key)
  fc.record({ kind: fc.constant("duplicate-line" as const), line: fc.nat({ max: 40 }) }),
  // truncate the text
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat({ max: VALID_ACCESS_FILE.length }) }),
  // inject unicode or control characters
  fc.record({
    kind: fc.constant("inject" as const),
    at: fc.nat({ max: VALID_ACCESS_FILE.length }),
    text: fc.oneof(fc.string({ unit: "binary", maxLength: 6 }), fc.constantFrom("\u0000", "\t", "\r", "\u2028", "\ufeff", ": :", "- [", "&a *a", "'", '"', "{", "%YAML 1.1\n")),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, change: Mutation): string {
  switch (change.kind) {
    case "delete":
    case "retype": {
      // Structural edits need a document; on text an earlier mutation broke, they change nothing.
      try {
        const document = parseDocument(text);
        if (change.kind === "delete") document.deleteIn(change.at);
        else document.setIn(change.at, change.value);
        return document.toString();
      } catch {
        return text;
      }
    }
    case "duplicate-line": {
      const lines = text.split("\n");
      const index = change.line % lines.length;
      lines.splice(index, 0, lines[index]!);
      return lines.join("\n");
    }
    case "truncate":
      return text.slice(0, change.at);
    case "inject":
      return text.slice(0, change.at) + change.text + text.slice(change.at);
  }
}

test("property: any mutation of a valid file either validates or fails with located errors", () => {
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (changes) => {
      const text = changes.reduce(apply, VALID_ACCESS_FILE);
      assertValidatesOrLocates(text);
    }),
    { numRuns: 400, seed: 20261128 },
  );
});

test("property: random bytes never crash the loader", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => assertValidatesOrLocates(text)),
    { numRuns: 300, seed: 7 },
  );
});

/** Runs validate on a file and checks the user sees a located message, a non-zero exit and no trace. */
function validateCli(file: string, message: RegExp, maxMs?: number): void {
  const started = Date.now();
  const result = runCli("validate", [file]);
  const elapsed = Date.now() - started;
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stderr, message);
  assert.match(result.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: `, "m"));
  assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
  if (maxMs !== undefined) assert.ok(elapsed < maxMs, `took ${elapsed} ms: it must not hang`);
}

test("hostile: an alias bomb", () => {
  const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 12; i++)
    levels.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(", ")}]`,
    );
  validateCli(writeTemp("bomb.yaml", `${levels.join("\n")}\n`), /expands aliases too often/, 20_000);
});

test("hostile: duplicate mapping keys", () => {
  validateCli(
    writeTemp("dup.yaml", "duplocloud:\n  portal: https://a.duplocloud.net\n  portal: https://b.duplocloud.net\n"),
    /:3:3: duplicate key: a key may appear only once in a mapping; merge the two entries/,
  );
});

test("hostile: deeply nested documents, flow and block", () => {
  validateCli(writeTemp("deep-flow.yaml", `roles: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`), /nests deeper than 64 levels/, 20_000);
  const block = Array.from({ length: 200 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n") + " x\n";
  validateCli(writeTemp("deep-block.yaml", block), /nests deeper than 64 levels/, 20_000);
});

test("hostile: a multi-document file", () => {
  validateCli(writeTemp("multi.yaml", `${VALID_ACCESS_FILE}---\n${VALID_ACCESS_FILE}`), /:\d+:1: holds more than one YAML document/);
});

test("hostile: an empty file", () => {
  validateCli(writeTemp("empty.yaml", ""), /:1:1: is empty/);
});

test("hostile: a 10 MB file", () => {
  const big = `${VALID_ACCESS_FILE}# ${"x".repeat(10 * 1024 * 1024)}\n`;
  validateCli(writeTemp("big.yaml", big), /:1:1: is \d+ bytes, more than the 4194304 bytes an access file may have/, 20_000);
});

test("hostile: a missing file (wrong usage, exit 2, as in every command) and a directory", () => {
  const missing = path.join(tmpdir(), "definitely-missing.yaml");
  const result = runCli("validate", [missing]);
  assert.deepEqual([result.status, result.stdout, result.stderr], [2, "", `${missing}: does not exist; check the path\n`]);
  validateCli(tempDir("a-dir-"), /:1:1: is a directory/);
});

test("hostile: invalid UTF-8", () => {
  validateCli(writeTemp("bad-utf8.yaml", Buffer.concat([Buffer.from("duplocloud:\n  portal: "), Buffer.from([0xff, 0xfe]), Buffer.from("\n")])), /:2:11: is not valid UTF-8/);
});

// Every other command that reads an access file answers the same way. The stack lives in a project
// directory of its own, so that no other test listing the real project's stacks can see it.
const hostileProject = tempDir("hostile-project-");
after(() => rmSync(hostileProject, { recursive: true, force: true }));

test("hostile: plan, report, expiring and handoff answer bad input with located errors too", () => {
  // Inside the project: accessFile must be a relative path there (an absolute one is refused, below).
  writeFileSync(path.join(hostileProject, "bad.yaml"), "duplocloud:\n  portal: http://insecure\n  tenants: []\nroles: {}\n");
  const bad = path.relative(process.cwd(), path.join(hostileProject, "bad.yaml"));
  copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(hostileProject, "Pulumi.yaml"));
  writeFileSync(path.join(hostileProject, "Pulumi.hostile.yaml"), "config:\n  duplocloud-okta-access:accessFile: bad.yaml\n  okta:orgName: acme\n");
  for (const [command, args] of [
    ["plan", ["--stack", "hostile"]],
    ["report", ["--stack", "hostile"]],
    ["expiring", ["--stack", "hostile"]],
    ["handoff", ["--stack", "hostile"]],
    ["validate", []],
  ] as const) {
    const result = runCli(command, [...args], { ACCESS_PROJECT_DIR: hostileProject });
    assert.equal(result.status, 1, `${command}: ${result.stderr}`);
    assert.match(result.stderr, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2:11: duplocloud\\.portal: must be the portal's https URL`), command);
    assert.doesNotMatch(result.stderr, /\n\s+at /, `${command}: no stack trace`);
  }
  // An access file outside the project is refused before anything reads it, by every command.
  const outside = writeTemp("outside.yaml", "duplocloud: {}\n");
  writeFileSync(path.join(hostileProject, "Pulumi.hostile.yaml"), `config:\n  duplocloud-okta-access:accessFile: ${outside}\n  okta:orgName: acme\n`);
  for (const command of ["plan", "report", "expiring", "handoff", "validate"]) {
    const result = runCli(command, command === "validate" ? [] : ["--stack", "hostile"], { ACCESS_PROJECT_DIR: hostileProject });
    assert.match(
      result.stderr,
      new RegExp(`accessFile "${outside.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}" is an absolute path; write it relative to the project, e.g. access/dev.yaml`),
      command,
    );
    assert.equal(result.status, 2, command);
  }
});
