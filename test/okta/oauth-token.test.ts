import { test } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { serviceAppAuthorization } from "../../src/okta/oauth-token";
import { roleAssignmentApi } from "../../src/okta/role-rollback";
import { authorizationFor } from "../../src/okta/write-access";
import { OktaEmulator } from "../../src/sandbox/okta-emulator";

/*
 * The roll-back's OAuth sign-in (private_key_jwt client credentials) against the Okta emulator,
 * which checks the assertion's signature and claims and the scopes granted to the app.
 */

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const PEM = privateKey.export({ type: "pkcs8", format: "pem" }).toString();

async function orgWithApp(app: { scopes: string[]; requireDpop?: boolean }): Promise<OktaEmulator> {
  const org = await new OktaEmulator("ssws").start();
  org.serviceApps.set("0oaSync", { publicKey, ...app });
  org.groups.push({ id: "00gA", name: "help-desk", members: [] });
  return org;
}

test("a service app holding okta.roles.manage gets a Bearer token that removes a role assignment", async (t) => {
  const org = await orgWithApp({ scopes: ["okta.roles.read", "okta.roles.manage"] });
  t.after(() => org.stop());
  org.roles.assignments.push({ id: "ra1", holder: "group", holderId: "00gA", type: "USER_ADMIN", groups: [], apps: [] });
  const app = { orgUrl: org.url, clientId: "0oaSync", privateKeyId: "kid1", privateKey: PEM };
  const authorization = await serviceAppAuthorization(app, "okta.roles.manage");
  assert.match(authorization, /^Bearer [0-9a-f]{32}$/);
  assert.deepEqual(org.oauthTokens.get(authorization.slice("Bearer ".length)), ["okta.roles.manage"]);
  // Each assertion is new (a fresh jti): a second token request is accepted too.
  await serviceAppAuthorization(app, "okta.roles.manage");
  // The roll-back reads the assignment first (okta.roles.read) and then removes it (okta.roles.manage).
  const rollback = roleAssignmentApi({ orgUrl: org.url, authorization: () => authorizationFor({ orgUrl: org.url, oauth: app }) });
  assert.equal(await rollback.roleTypeOf("00gA", "ra1"), "USER_ADMIN");
  await rollback.unassign("00gA", "ra1");
  assert.deepEqual(org.roles.assignments, []);
});

test("a token Okta will not give is an error that says why, without the key", async (t) => {
  const org = await orgWithApp({ scopes: ["okta.users.read"] });
  t.after(() => org.stop());
  const app = { orgUrl: org.url, clientId: "0oaSync", privateKey: PEM };
  await assert.rejects(serviceAppAuthorization(app, "okta.roles.manage"), {
    message: `POST ${org.url}/oauth2/v1/token refused a token with scope okta.roles.manage for service app 0oaSync (invalid_scope): grant the app that scope`,
  });
  // Signed with another key: Okta refuses the client.
  const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  await assert.rejects(serviceAppAuthorization({ ...app, privateKey: other }, "okta.users.read"), {
    message: `POST ${org.url}/oauth2/v1/token refused service app 0oaSync's signed assertion (invalid_client): check okta:clientId, okta:privateKeyId and okta:privateKey`,
  });
  org.serviceApps.set("0oaSync", { publicKey, scopes: ["okta.roles.manage"], requireDpop: true });
  await assert.rejects(serviceAppAuthorization(app, "okta.roles.manage"), {
    message: "Okta requires DPoP-bound tokens for service app 0oaSync (invalid_dpop_proof), and the roll-back sends no DPoP proof",
  });
});
