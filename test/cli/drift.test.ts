import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../../src/cli/common";
import { APP_USERS_NOT_READ } from "../../src/live/drift/render-markdown";
import { runCliAsync } from "../support/run-cli";
import { tempDir } from "../support/temp-dir";
import type { SeededOrg } from "../support/drift-org";
import { DUPLO_TOKEN, OKTA_TOKEN, seedsStoppedAfterTests, TODAY } from "../support/drift-seed";

/*
 * `npm run drift` end to end against the emulators (what it renders, in-process, is in
 * test/live/drift-render.test.ts; the HTML matrix in a browser in drift-html.test.ts).
 */

const folder = tempDir("drift-cli-");
const seeded = seedsStoppedAfterTests();

const env = (withPortal = true) => ({
  OKTA_API_TOKEN: OKTA_TOKEN,
  ACCESS_TODAY: TODAY,
  ...(withPortal ? { DUPLO_TOKEN } : { DUPLO_TOKEN: "" }),
  OKTA_ACCESS_TOKEN: "",
});
const args = (org: SeededOrg) => ["--stack", "dev", "--org-url", org.okta.url, "--host", org.duplo.url];

test("drift command: a clean org exits 0 with the Markdown report on stdout and progress on stderr; the CSV and HTML are written, readable by their owner only", async () => {
  const org = await seeded();
  const csv = path.join(folder, "clean.csv");
  const html = path.join(folder, "clean.html");
  const run = await runCliAsync("drift", [...args(org), "--skip-app-users", "--csv", csv, "--html", html], env());
  assert.equal(run.status, 0, run.stderr);
  // The access file and the commit the project is checked out at (what git itself says).
  const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: PROJECT_DIR, encoding: "utf8" }).trim();
  const fileLine = /\nAccess file access\/dev\.yaml at commit ([0-9a-f]{40})(, with changes in the working tree not in that commit)?\.\n/.exec(run.stdout);
  assert.equal(fileLine?.[1], head, run.stdout);
  const stdout = run.stdout.replace(/read \d{4}-\d\d-\d\dT[\d:.]+Z/, "read TIME").replace(fileLine![0], "\nAccess file FILE.\n");
  const dated = ["frank.analytics", "katherine.johnson", "lead.data"].map((login) => `- ${login}@acme.example: tenant qa01 read-only until 2099-12-31\n`).join("");
  assert.equal(
    stdout,
    `## Access drift: stack \`dev\`\n\nOrg \`${org.okta.url}\`, read TIME.\n\nAccess file FILE.\n\n${APP_USERS_NOT_READ}\n\nNo finding: the live org matches the access file.\n\n### Access with an end date\n\n${dated}\n### Super and org admins\n\nNobody the drift check read holds SUPER\\_ADMIN or ORG\\_ADMIN.\n`,
  );
  assert.match(run.stderr, /users read\n/);
  // With --skip-app-users the app's user listing is not read, and the report says so.
  assert.deepEqual(
    org.okta.requests.filter((request) => request.url.startsWith(`/api/v1/apps/${org.appId}/users`)),
    [],
  );
  assert.deepEqual([existsSync(csv), existsSync(html), statSync(csv).mode & 0o777, statSync(html).mode & 0o777], [true, true, 0o600, 0o600]);
  for (const text of [run.stdout, run.stderr, readFileSync(csv, "utf8"), readFileSync(html, "utf8")]) {
    assert.equal(text.includes(OKTA_TOKEN) || text.includes(DUPLO_TOKEN), false);
  }
});

test("drift command --json: findings and people; exit 1 on a finding; without DUPLO_TOKEN it says Okta only", async () => {
  const org = await seeded();
  org.userRoles.set(org.userId("dan.eng@acme.example"), [{ type: "SUPER_ADMIN", assignmentType: "USER" }]);
  org.refreshRoles();
  // By default the app's user listing is read too (every page of it).
  const run = await runCliAsync("drift", [...args(org), "--json"], env(false));
  assert.equal(run.status, 1, run.stderr);
  const output = JSON.parse(run.stdout) as { findings: Array<{ kind: string; who?: { login: string } }>; people: Array<{ login: string }> };
  assert.deepEqual(Object.keys(output), ["findings", "people"]);
  assert.deepEqual(
    output.findings.map((finding) => [finding.kind, finding.who?.login]),
    [["admin-role-outside-file", "dan.eng@acme.example"]],
  );
  assert.equal(
    output.people.some((person) => person.login === "ci-deployer@acme.example"),
    false,
    "the portal was not read",
  );
  assert.match(run.stderr, /DUPLO_TOKEN is not set: Okta only, the portal is not read\n/);
  assert.equal(org.duplo.requests.length, 0);
  assert.deepEqual(
    org.okta.requests.filter((request) => request.url.startsWith(`/api/v1/apps/${org.appId}/users`)).map((request) => request.url),
    [`/api/v1/apps/${org.appId}/users?limit=200`],
  );
});

test("drift command: usage errors exit 2 (no credential, unknown flag); an unreachable org exits 3 without the token", async () => {
  const org = await seeded();
  const noToken = await runCliAsync("drift", args(org), { OKTA_API_TOKEN: "", OKTA_ACCESS_TOKEN: "", ACCESS_TODAY: TODAY });
  assert.deepEqual(
    [noToken.status, noToken.stderr],
    [
      2,
      "set OKTA_API_TOKEN (SSWS token of a read-only admin) or OKTA_ACCESS_TOKEN (OAuth token with okta.users.read, okta.groups.read, okta.apps.read, okta.policies.read, okta.roles.read, okta.apiTokens.read)\n",
    ],
  );
  const unknown = await runCliAsync("drift", ["--nope"], env());
  assert.equal(unknown.status, 2);
  const wrongToken = await runCliAsync("drift", args(org), { ...env(), OKTA_API_TOKEN: "wrong-token-never-shown" });
  assert.equal(wrongToken.status, 3);
  assert.equal(
    wrongToken.stderr.split("\n").at(-2),
    `error: GET ${org.okta.url}/api/v1/users?limit=200 answered 401 (Invalid token provided): Okta did not accept the token; check that OKTA_API_TOKEN (or OKTA_ACCESS_TOKEN) is a token of this org that has not expired or been revoked`,
  );
  assert.equal(wrongToken.stderr.includes("wrong-token-never-shown") || wrongToken.stdout.includes("wrong-token-never-shown"), false);
});
