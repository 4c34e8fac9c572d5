import { test } from "node:test";
import assert from "node:assert/strict";
import { indexOrg } from "../../src/importer/org-index";
import { importPortalUsers } from "../../src/importer/portal-users";
import { orgOf, person, portalOf } from "./org-fixtures";

test("portal users Okta does not have are adopted, by lower-cased name, with a reason to write; tenant grants only for non-administrators; read-only when set", () => {
  const portal = portalOf({
    users: [
      { username: "BreakGlass@Acme.example", roles: ["User"], readOnly: false, tenants: [{ tenant: "dev01", level: "read-write" }] },
      { username: "root@acme.example", roles: ["Administrator"], readOnly: false, tenants: [{ tenant: "dev01", level: "read-write" }] },
      { username: "auditor@acme.example", roles: ["User"], readOnly: true, tenants: [] },
      // In Okta and able to sign in: DuploCloud takes them from Okta, the file does not list them.
      { username: "Ada@acme.example", roles: ["Administrator"], readOnly: false, tenants: [] },
    ],
  });
  const imported = importPortalUsers(indexOrg(orgOf({ users: [person("ada@acme.example", "Platform")] })), portal, { today: "2026-12-02" });
  const reason = "Imported from the portal on 2026-12-02; say why this user exists outside Okta.";
  assert.deepEqual(imported.users, [
    { username: "breakglass@acme.example", roles: ["User"], tenants: [{ tenant: "dev01", level: "read-write" }], reason, adopt: true },
    { username: "root@acme.example", roles: ["Administrator"], reason, adopt: true },
    { username: "auditor@acme.example", roles: ["User"], readOnly: true, reason, adopt: true },
  ]);
  assert.deepEqual(imported.account, {
    outside: [],
    adopted: [
      { what: "DuploCloud user breakglass@acme.example", note: "User; not in Okta" },
      { what: "DuploCloud user root@acme.example", note: "Administrator; not in Okta" },
      { what: "DuploCloud user auditor@acme.example", note: "User; not in Okta" },
    ],
    todo: [
      "duplocloud.users breakglass@acme.example: write the real reason this user exists outside Okta.",
      "duplocloud.users root@acme.example: write the real reason this user exists outside Okta.",
      "duplocloud.users auditor@acme.example: write the real reason this user exists outside Okta.",
    ],
  });
});

test("a portal user whose Okta account cannot sign in was offboarded: never carried into the file, listed with what to do", () => {
  const portal = portalOf({
    users: [
      { username: "Gone.User@Acme.example", roles: ["User", "SecurityAdmin"], readOnly: false, tenants: [] },
      { username: "away@acme.example", roles: [], readOnly: false, tenants: [] },
    ],
  });
  const org = orgOf({ users: [person("gone.user@acme.example", "Platform", "DEPROVISIONED"), person("away@acme.example", "Platform", "SUSPENDED")] });
  assert.deepEqual(importPortalUsers(indexOrg(org), portal, { today: "2026-12-02" }), {
    users: [],
    account: {
      outside: [
        {
          what: "DuploCloud user Gone.User@Acme.example: offboarded, still in the portal",
          note: "the Okta account is DEPROVISIONED; the file does not carry the user (User, SecurityAdmin); remove the user in the portal (Administrator > Users)",
        },
        {
          what: "DuploCloud user away@acme.example: offboarded, still in the portal",
          note: "the Okta account is SUSPENDED; the file does not carry the user (no roles); remove the user in the portal (Administrator > Users)",
        },
      ],
      adopted: [],
      todo: [],
    },
  });
});
