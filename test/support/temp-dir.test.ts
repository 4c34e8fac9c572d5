import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

test("the folders tempDir makes are gone once the test process exits", () => {
  const script = `const { tempDir } = require("./test/support/temp-dir.ts"); const fs = require("node:fs"); const dir = tempDir("probe-"); fs.writeFileSync(dir + "/file", "x"); console.log(dir);`;
  const made = execFileSync(process.execPath, ["--import", "tsx", "-e", script], { encoding: "utf8" }).trim();
  assert.match(made, /duplocloud-okta-tests-[^/]+\/probe-/);
  assert.equal(existsSync(made), false);
  assert.equal(existsSync(made.replace(/\/probe-[^/]+$/, "")), false);
});
