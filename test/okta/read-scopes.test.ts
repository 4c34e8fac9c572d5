import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../../src/cli/common";
import { takeSnapshot } from "../../src/live/directory";
import { OktaReader } from "../../src/okta/read-api";
import { COMMAND_SCOPES, readOperationOf, scopesOf, type LiveCommand } from "../../src/okta/read-scopes";
import { OktaEmulator } from "../../src/sandbox/okta-emulator";

/*
 * The scopes of the live commands come from one place (src/okta/read-scopes.ts): the README lists
 * them as it says, the emulator enforces each operation's scope as Okta's spec requires, and a 403
 * names the operation's scope and every scope of the command that ran.
 */

const okta = new OktaEmulator("ssws-token");
before(async () => {
  await okta.start();
  okta.users.push({ id: "00u1", status: "ACTIVE", profile: { login: "ada@acme.example", department: "Engineering" } });
  okta.lists.set("/api/v1/apps", () => [{ id: "0oa1", label: "sync", settings: { oauthClient: { grant_types: ["client_credentials"] } } }]);
  okta.oauthTokens.set("directory-token", COMMAND_SCOPES.directory);
  okta.oauthTokens.set("drift-token", COMMAND_SCOPES.drift);
});
after(() => okta.stop());

test("README: each live command's scopes, exactly as read-scopes.ts has them", () => {
  const readme = readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8").split("\n");
  for (const command of Object.keys(COMMAND_SCOPES) as LiveCommand[]) {
    assert.ok(readme.includes(`- \`${command}\`: ${COMMAND_SCOPES[command].map((scope) => `\`${scope}\``).join(", ")}`), command);
  }
});

test("operations by path: a literal segment wins over a parameter; an unknown path has none", () => {
  assert.deepEqual(
    [
      "/api/v1/groups/rules",
      "/api/v1/groups/00g1",
      "/api/v1/groups/00g1/users",
      "/api/v1/apps/0oa1/grants",
      "/oauth2/v1/clients/0oa1/roles",
      "/api/v1/users/00u1",
      "/api/v1/zones",
    ].map((pathname) => readOperationOf(pathname)?.operationId),
    ["listGroupRules", undefined, "listGroupUsers", "listScopeConsentGrants", "listRolesForClient", "getUser", undefined],
  );
  assert.equal(scopesOf("import"), "okta.users.read, okta.groups.read, okta.apps.read, okta.policies.read, okta.roles.read, okta.apiTokens.read, okta.appGrants.read");
});

test("an OAuth token with the directory's scopes takes a snapshot", async () => {
  const snapshot = await takeSnapshot(new OktaReader({ orgUrl: okta.url, authorization: "Bearer directory-token", command: "directory" }), ["department"], [], () => {});
  assert.deepEqual(
    snapshot.users.map((user) => [user.login, user.profile.department]),
    [["ada@acme.example", "Engineering"]],
  );
});

test("a 403 for a missing scope names the URL, the operation's scope, and every scope of the command", async () => {
  const reader = new OktaReader({ orgUrl: okta.url, authorization: "Bearer drift-token", command: "import" });
  await assert.rejects(reader.one("/api/v1/apps/0oa1/grants"), {
    message: `GET ${okta.url}/api/v1/apps/0oa1/grants answered 403 (You do not have permission to perform the requested action): this request (listScopeConsentGrants) needs the scope okta.appGrants.read; npm run import needs okta.users.read, okta.groups.read, okta.apps.read, okta.policies.read, okta.roles.read, okta.apiTokens.read, okta.appGrants.read (granted to the OAuth service app of OKTA_ACCESS_TOKEN), or use OKTA_API_TOKEN, an SSWS token of a read-only admin`,
    status: 403,
  });
  // The directory's token may not read the apps: the emulator refuses as Okta does.
  const directory = new OktaReader({ orgUrl: okta.url, authorization: "Bearer directory-token" });
  await assert.rejects(directory.one("/api/v1/apps"), { status: 403 });
});

test("a 401 says the token was not accepted, with other advice than a 403", async () => {
  const reader = new OktaReader({ orgUrl: okta.url, authorization: "Bearer unknown-token", command: "drift" });
  await assert.rejects(reader.one("/api/v1/users/00u1"), {
    message: `GET ${okta.url}/api/v1/users/00u1 answered 401 (Invalid token provided): Okta did not accept the token; check that OKTA_API_TOKEN (or OKTA_ACCESS_TOKEN) is a token of this org that has not expired or been revoked`,
  });
});
