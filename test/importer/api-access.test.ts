import { test } from "node:test";
import assert from "node:assert/strict";
import { importApiTokens, serviceAppsKeptOutside } from "../../src/importer/api-access";
import { indexOrg } from "../../src/importer/org-index";
import type { OrgServiceApp } from "../../src/live/okta-org";
import { orgOf } from "./org-fixtures";

const serviceApp = (id: string, label: string, scopes: string[], adminRoles: string[]): OrgServiceApp => ({
  id,
  label,
  redirectUris: [],
  grantTypes: ["client_credentials"],
  clientId: id,
  jwks: [],
  scopes,
  adminRoles,
});

test("service apps stay outside, described in the account and the closing comment, with a role beyond what a service app may hold named", () => {
  const org = orgOf({
    serviceApps: [
      serviceApp("0oa00000000000sync01", "User sync", ["okta.users.read", "okta.groups.read"], ["READ_ONLY_ADMIN"]),
      serviceApp("0oa00000000000root01", "Root", [], ["SUPER_ADMIN", "ORG_ADMIN"]),
    ],
  });
  const keep = "the access file cannot adopt a service app yet, so it stays as it is";
  assert.deepEqual(serviceAppsKeptOutside(indexOrg(org)), {
    outside: [
      { what: 'service app "User sync" (0oa00000000000sync01)', note: `scopes okta.users.read, okta.groups.read; admin roles READ_ONLY_ADMIN; ${keep}` },
      { what: 'service app "Root" (0oa00000000000root01)', note: `scopes none; admin roles SUPER_ADMIN, ORG_ADMIN; ${keep}` },
    ],
    notExpressed: [
      'service app "User sync" (0oa00000000000sync01): scopes okta.users.read, okta.groups.read; roles READ_ONLY_ADMIN',
      'service app "Root" (0oa00000000000root01): scopes ; roles SUPER_ADMIN, ORG_ADMIN (SUPER_ADMIN, ORG_ADMIN is more than a service app may hold here)',
    ],
  });
});

test("API tokens: their metadata imported as Okta has it, zone lists only when not empty; adopted, never revoked", () => {
  const org = orgOf({
    apiTokens: [
      { id: "00T000000000duplo001", name: "duplocloud-sync", userId: "00u000000000000ada01", network: { connection: "ZONE", include: ["nzo00000000000office"], exclude: [] } },
      { id: "00T000000000duplo002", name: "ci", userId: "00u000000000000gra01", network: { connection: "ANYWHERE", include: [], exclude: ["nzo0000000000blocked"] } },
    ],
  });
  const protectedNote = "metadata only; protected: removing the entry never revokes it";
  assert.deepEqual(importApiTokens(indexOrg(org)), {
    apiTokens: [
      { name: "duplocloud-sync", id: "00T000000000duplo001", userId: "00u000000000000ada01", network: { connection: "ZONE", includes: ["nzo00000000000office"] } },
      { name: "ci", id: "00T000000000duplo002", userId: "00u000000000000gra01", network: { connection: "ANYWHERE", excludes: ["nzo0000000000blocked"] } },
    ],
    account: {
      adopted: [
        { what: 'API token "duplocloud-sync" (00T000000000duplo001)', note: protectedNote },
        { what: 'API token "ci" (00T000000000duplo002)', note: protectedNote },
      ],
    },
  });
});
