import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { loadAccessSource, MAX_ACCESS_FILE_BYTES, MAX_NESTING_DEPTH } from "../../src/access/source";
import { tempDir } from "../support/temp-dir";

/* Every way a file can fail before the schema sees it, each located, in full. */

const dir = tempDir("source-errors-");
const problemsOf = (result: ReturnType<typeof loadAccessSource>) => (result.ok ? [] : result.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`));

test("reading: missing (also relative to a base folder), a directory, too large, not UTF-8", () => {
  assert.deepEqual(problemsOf(loadAccessSource(path.join(dir, "nope.yaml"))), [`${dir}/nope.yaml:1:1: does not exist; check the path or the stack's accessFile setting`]);
  assert.deepEqual(problemsOf(loadAccessSource("nope2.yaml", undefined, dir)), ["nope2.yaml:1:1: does not exist; check the path or the stack's accessFile setting"]);
  writeFileSync(path.join(dir, "there.yaml"), "duplocloud: 1\n");
  assert.equal(loadAccessSource("there.yaml", undefined, dir).ok, true, "read from the base folder, shown as written");
  mkdirSync(path.join(dir, "folder.yaml"));
  assert.deepEqual(problemsOf(loadAccessSource(path.join(dir, "folder.yaml"))), [`${dir}/folder.yaml:1:1: is a directory, not an access file; name a .yaml file inside it`]);
  writeFileSync(path.join(dir, "big.yaml"), "a: " + "x".repeat(MAX_ACCESS_FILE_BYTES));
  assert.deepEqual(problemsOf(loadAccessSource(path.join(dir, "big.yaml"))), [
    `${dir}/big.yaml:1:1: is ${MAX_ACCESS_FILE_BYTES + 3} bytes, more than the ${MAX_ACCESS_FILE_BYTES} bytes an access file may have; split the environment into several stacks`,
  ]);
  writeFileSync(path.join(dir, "exact.yaml"), "a: " + "x".repeat(MAX_ACCESS_FILE_BYTES - 4) + "\n");
  assert.equal(loadAccessSource(path.join(dir, "exact.yaml")).ok, true, "exactly the limit is allowed");
  writeFileSync(path.join(dir, "utf.yaml"), Buffer.concat([Buffer.from("a: b\nc: "), Buffer.from([0xff, 0xfe]), Buffer.from("\n")]));
  assert.deepEqual(problemsOf(loadAccessSource(path.join(dir, "utf.yaml"))), [`${dir}/utf.yaml:2:4: is not valid UTF-8; save the file as UTF-8`]);
});

test("parsing: empty, only a comment, two documents, a syntax error", () => {
  assert.deepEqual(problemsOf(loadAccessSource("e.yaml", "")), ["e.yaml:1:1: is empty; an access file needs at least the duplocloud and roles sections"]);
  assert.deepEqual(problemsOf(loadAccessSource("e.yaml", "# nothing\n")), ["e.yaml:1:1: is empty; an access file needs at least the duplocloud and roles sections"]);
  assert.deepEqual(problemsOf(loadAccessSource("t.yaml", "a: 1\n---\nb: 2\n")), ["t.yaml:2:1: holds more than one YAML document; keep one environment per file and remove the '---' separator"]);
  assert.deepEqual(problemsOf(loadAccessSource("s.yaml", "a: [1, 2\n")), ["s.yaml:2:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]"]);
});

test(`nesting: deeper than ${MAX_NESTING_DEPTH} levels is refused where it first goes too deep, in block and flow style; the root mapping counts as one level`, () => {
  const block = (levels: number) => "a:\n" + Array.from({ length: levels }, (_, i) => " ".repeat(2 * (i + 1)) + "- ").join("\n") + "x\n";
  assert.deepEqual(problemsOf(loadAccessSource("d.yaml", block(70))), ["d.yaml:65:129: nests deeper than 64 levels; no access file needs that"]);
  const flow = (levels: number) => "a: " + "[".repeat(levels) + "]".repeat(levels) + "\n";
  assert.deepEqual(problemsOf(loadAccessSource("d.yaml", flow(70))), ["d.yaml:1:67: nests deeper than 64 levels; no access file needs that"]);
  assert.deepEqual(problemsOf(loadAccessSource("d.yaml", flow(MAX_NESTING_DEPTH - 1))), []);
  assert.deepEqual(problemsOf(loadAccessSource("d.yaml", flow(MAX_NESTING_DEPTH))), ["d.yaml:1:67: nests deeper than 64 levels; no access file needs that"]);
});
