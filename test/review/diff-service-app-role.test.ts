import { test } from "node:test";
import assert from "node:assert/strict";
import { diffAccess } from "../../src/review/diff";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

/*
 * A new service app: its admin role is critical, a widening, and said to act on the whole org (the
 * Okta provider cannot scope a client's role: src/review/diff.ts, CLIENT_ROLE_REACH). Exact.
 */

const WITH_APP = `${VALID_ACCESS_FILE}apiAccess:
  serviceApps:
    - name: sync
      scopes: [okta.users.read]
      adminRole: USER_ADMIN
      publicKey:
        jwksUri: https://acme.example/jwks.json
`;

test("diff (exact): a new service app gains its scopes, its key and an admin role over the whole org, each a critical widening", () => {
  const change = (kind: string, summary: string, after?: string) => ({
    kind,
    direction: "widens",
    critical: true,
    subject: "service app sync",
    summary,
    ...(after ? { after } : {}),
    owners: [],
  });
  assert.deepEqual(diffAccess(modelOf(VALID_ACCESS_FILE), modelOf(WITH_APP)).changes, [
    change("service-app-role", "gains admin role USER_ADMIN, over the whole org (no targets)"),
    change("scope", "gains scope okta.users.read"),
    change("service-app-key", "public key set to https://acme.example/jwks.json (whoever holds its private key acts as the app)", "https://acme.example/jwks.json"),
  ]);
});
