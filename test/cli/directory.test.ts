import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { readSnapshot } from "../../src/review/directory";
import { seedDirectoryOrg } from "../support/directory-org";
import { OktaEmulator } from "../support/okta-emulator";
import { runCliAsync } from "../support/run-cli";
import { tempDir } from "../support/temp-dir";

// `npm run directory` as a process against the Okta emulator; the reader is tested in-process in test/okta/read-api.test.ts.
const TOKEN = "read-only-token-never-shown";
let okta: OktaEmulator;
beforeEach(async () => {
  okta = await new OktaEmulator(TOKEN).start();
  seedDirectoryOrg(okta);
});
afterEach(() => okta.stop());

test("npm run directory: the dev stack's rule attributes, progress on stderr, a file only its owner can read, no token in the output", async () => {
  const out = path.join(tempDir("directory-"), "snapshot.json");
  const result = await runCliAsync("directory", ["--out", out, "--org-url", okta.url], { OKTA_API_TOKEN: TOKEN });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(result.stderr.split("\n"), ["5 users read", "6 users read", `wrote ${out}: 6 users, attributes department, title, userType`, ""]);
  const snapshot = readSnapshot(out, readFileSync(out, "utf8"));
  assert.deepEqual(snapshot.users[0], { login: "ada@acme.example", status: "ACTIVE", profile: { department: "Engineering", title: "Data Engineer", userType: null } });
  assert.equal(statSync(out).mode & 0o777, 0o600);
  assert.equal(`${result.stdout}${result.stderr}${readFileSync(out, "utf8")}`.includes(TOKEN), false);
  const missing = await runCliAsync("directory", ["--out", out, "--org-url", okta.url], { OKTA_API_TOKEN: "", OKTA_ACCESS_TOKEN: "" });
  assert.deepEqual(
    [missing.status, missing.stderr],
    [2, "set OKTA_API_TOKEN (SSWS token of a read-only admin) or OKTA_ACCESS_TOKEN (OAuth token with okta.users.read, okta.groups.read)\n"],
  );
});
