import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../../src/cli/common";
import { readSnapshot } from "../../src/review/directory";
import { seedDirectoryOrg } from "../support/directory-org";
import { OktaEmulator } from "../support/okta-emulator";
import { runCliAsync } from "../support/run-cli";
import { tempDir } from "../support/temp-dir";

/*
 * `npm run directory` records the members of every directory group the file references (source:
 * directory), and `npm run report -- --directory SNAPSHOT` names them, said to come from the
 * directory; without a snapshot the report says they are not known offline. As processes, against
 * the Okta emulator, on a copy of the dev project whose sandbox read-only group is an AD group.
 */

const TOKEN = "read-only-token-never-shown";
const SANDBOX_RO = "00g000000sandboxroad";
let okta: OktaEmulator;
let project: string;

beforeEach(async () => {
  okta = await new OktaEmulator(TOKEN).start();
  seedDirectoryOrg(okta);
  // bob (active) and cy (suspended) are in the AD group; ada is not.
  okta.groups.push({ id: SANDBOX_RO, name: "duplo-ro-sandbox", members: ["00u2", "00u3"], type: "APP_GROUP" });
  project = tempDir("directory-groups-");
  mkdirSync(path.join(project, "access"));
  for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml"]) writeFileSync(path.join(project, file), readFileSync(path.join(PROJECT_DIR, file)));
  const access = readFileSync(path.join(PROJECT_DIR, "access/dev.yaml"), "utf8").replace(
    "  tenants: [dev01, qa01, sandbox]\n",
    `  tenants: [dev01, qa01, sandbox]\n  tenantGroupImports:\n    - { tenant: sandbox, level: read-only, importId: ${SANDBOX_RO}, source: directory }\n`,
  );
  writeFileSync(path.join(project, "access/dev.yaml"), access);
});
afterEach(() => okta.stop());

const row = (markdown: string) => markdown.split("\n").find((line) => line.startsWith("| duplo-ro-sandbox |"));

test("npm run directory reads the members of the directory group the file references; npm run report names them from the snapshot, and without one says they are not known offline", async () => {
  const env = { OKTA_API_TOKEN: TOKEN, ACCESS_PROJECT_DIR: project };
  const out = path.join(tempDir("directory-groups-out-"), "snapshot.json");
  const taken = await runCliAsync("directory", ["--out", out, "--org-url", okta.url], env);
  assert.equal(taken.status, 0, taken.stderr);
  assert.equal(taken.stderr.split("\n").at(-2), `wrote ${out}: 6 users, attributes department, title, userType, 1 group with members`);
  const snapshot = readSnapshot(out, readFileSync(out, "utf8"));
  assert.deepEqual(snapshot.groups, [{ id: SANDBOX_RO, name: "duplo-ro-sandbox" }]);
  assert.deepEqual(
    snapshot.users.filter((user) => user.groups?.includes(SANDBOX_RO)).map((user) => `${user.login} ${user.status}`),
    ["bob@acme.example ACTIVE", "cy@acme.example SUSPENDED"],
  );

  const named = await runCliAsync("report", ["--directory", out], env);
  assert.equal(named.status, 0, named.stderr);
  assert.equal(
    row(named.stdout),
    `| duplo-ro-sandbox | tenant sandbox: read-only | the directory, not the file (APP_GROUP ${SANDBOX_RO}, source: directory): 1 member who can sign in, in the snapshot: bob@acme.example; 1 more cannot sign in | - |`,
  );
  assert.equal(
    named.stdout.split("\n").find((line) => line.startsWith("- **tenant sandbox read-only**")),
    "- **tenant sandbox read-only**: 1 person: bob@acme.example",
  );
  const offline = await runCliAsync("report", [], env);
  assert.equal(offline.status, 0, offline.stderr);
  assert.equal(
    row(offline.stdout),
    `| duplo-ro-sandbox | tenant sandbox: read-only | the directory, not the file (APP_GROUP ${SANDBOX_RO}, source: directory): members not known offline (the directory decides them); pass --directory SNAPSHOT from npm run directory | - |`,
  );
});
