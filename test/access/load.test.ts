import { test } from "node:test";
import assert from "node:assert/strict";

import { tmpdir } from "node:os";
import * as path from "node:path";
import { validateAccessFile } from "../../src/access/validate";
import { formatProblem } from "../../src/access/problems";
import { MAX_ACCESS_FILE_BYTES } from "../../src/access/source";
import { TODAY, VALID_ACCESS_FILE, writeTemp } from "../support/access-files";
import { tempDir } from "../support/temp-dir";

function problemsOf(file: string): string[] {
  const result = validateAccessFile(file, { expiry: { today: TODAY } });
  assert.equal(result.ok, false, "should not validate");
  return result.ok ? [] : result.problems.map(formatProblem);
}

test("a valid file on disk validates", () => {
  const result = validateAccessFile(writeTemp("dev.yaml", VALID_ACCESS_FILE), { expiry: { today: TODAY } });
  assert.ok(result.ok);
});

test("a missing file is one located error", () => {
  const file = path.join(tmpdir(), "no-such-access-file.yaml");
  assert.deepEqual(problemsOf(file), [`${file}:1:1: does not exist; check the path or the stack's accessFile setting`]);
});

test("a directory is refused", () => {
  const dir = tempDir("access-dir-");
  assert.deepEqual(problemsOf(dir), [`${dir}:1:1: is a directory, not an access file; name a .yaml file inside it`]);
});

test("an empty file says what it needs", () => {
  const file = writeTemp("empty.yaml", "");
  assert.deepEqual(problemsOf(file), [`${file}:1:1: is empty; an access file needs at least the duplocloud and roles sections`]);
});

test("a comment-only file counts as empty", () => {
  const file = writeTemp("comments.yaml", "# nothing here\n");
  assert.match(problemsOf(file)[0]!, /is empty/);
});

test("a multi-document file is refused at the second document", () => {
  const file = writeTemp("multi.yaml", `${VALID_ACCESS_FILE}---\nduplocloud: {}\n`);
  assert.deepEqual(problemsOf(file), [`${file}:29:1: holds more than one YAML document; keep one environment per file and remove the '---' separator`]);
});

test("invalid UTF-8 is located at the bad byte", () => {
  const bytes = Buffer.concat([Buffer.from("duplocloud:\n  portal: caf"), Buffer.from([0xe9]), Buffer.from("\n")]);
  const file = writeTemp("latin1.yaml", bytes);
  assert.deepEqual(problemsOf(file), [`${file}:2:14: is not valid UTF-8; save the file as UTF-8`]);
});

test("a file over the size limit is refused before parsing", () => {
  const file = writeTemp("big.yaml", `# ${"x".repeat(MAX_ACCESS_FILE_BYTES)}\n`);
  assert.match(problemsOf(file)[0]!, /is \d+ bytes, more than the 4194304 bytes an access file may have/);
});

test("a YAML alias bomb is refused, quickly", () => {
  const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
  const file = writeTemp("bomb.yaml", `${levels.join("\n")}\n`);
  const started = Date.now();
  const problems = problemsOf(file);
  assert.ok(Date.now() - started < 5000, "must not hang");
  assert.match(problems[0]!, /expands aliases too often/);
});

test("deeply nested documents are refused without overflowing the stack", () => {
  const depth = 5000;
  const file = writeTemp("deep.yaml", `roles: ${"[".repeat(depth)}${"]".repeat(depth)}\n`);
  const problems = problemsOf(file);
  assert.match(problems[0]!, /nests deeper than 64 levels; no access file needs that/);
  assert.equal(problems.length, 1);
});
