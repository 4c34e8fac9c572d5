import { test } from "node:test";
import assert from "node:assert/strict";
import { VALID_ACCESS_FILE, writeTemp } from "../support/access-files";
import { runCli } from "../support/run-cli";

// `npm run expiring` as a process (its exit codes and output); the window itself is tested in-process in test/review/expiring.test.ts.
const FILE = VALID_ACCESS_FILE.replace("        level: read-write\n  - name: oncall", '        level: read-write\n        expires: "2026-06-20"\n  - name: oncall');

test("expiring command: exit 0 while grants are only ending soon", () => {
  const file = writeTemp("dev.yaml", FILE);
  const result = runCli("expiring", ["--today", "2026-06-15", file]);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, `${file}: team payments -> tenant dev01 (read-write) until 2026-06-20: ends in 5 days\n`);
});

test("expiring command: exit 1 once a grant is past its date", () => {
  const file = writeTemp("dev.yaml", FILE);
  const result = runCli("expiring", ["--today", "2026-06-25", "--within", "7", file]);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /team payments -> tenant dev01 \(read-write\) until 2026-06-20: EXPIRED 5 days ago/);
  assert.match(result.stdout, /1 grant past their date: remove them/);
  const json = JSON.parse(runCli("expiring", ["--today", "2026-06-25", "--json", file]).stdout);
  assert.deepEqual(
    json.grants.map((g: { daysLeft: number }) => g.daysLeft),
    [-5],
  );
});

test("expiring command: a bad --within is a usage error", () => {
  assert.equal(runCli("expiring", ["--within", "soon"]).status, 2);
});
