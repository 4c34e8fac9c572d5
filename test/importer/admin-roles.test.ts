import { test } from "node:test";
import assert from "node:assert/strict";
import { OKTA_ADMIN_ROLE_TYPES } from "../../src/access/okta-catalog";
import { importableAdminRole, importAdminRoles, ownersNotRead } from "../../src/importer/admin-roles";
import { indexOrg } from "../../src/importer/org-index";
import { group, orgOf } from "./org-fixtures";

const KEPT_NOTE = "stay as they are, outside the stack; to manage one, add it to oktaAdminRoles with its targets or reason (see docs/access-file.md)";

test("the admin roles the file can hold by type alone: the catalogue's, less those Okta scopes and those that need a reason", () => {
  assert.deepEqual(OKTA_ADMIN_ROLE_TYPES.filter(importableAdminRole), [
    "ACCESS_CERTIFICATIONS_ADMIN",
    "ACCESS_REQUESTS_ADMIN",
    "API_ACCESS_MANAGEMENT_ADMIN",
    "READ_ONLY_ADMIN",
    "REPORT_ADMIN",
    "WORKFLOWS_ADMIN",
  ]);
  assert.deepEqual(["MOBILE_ADMIN", "CUSTOM", "read_only_admin"].map(importableAdminRole), [false, false, false]);
});

test("admin roles of the adopted role groups: imported for the group's role, in the order of the roles found; the rest listed as staying", () => {
  const org = orgOf({
    groups: [
      group("00g0000000000admins1", "duplo-administrators", [], { adminRoles: ["SUPER_ADMIN", "REPORT_ADMIN", "MOBILE_ADMIN"] }),
      group("00g00000000readonly1", "duplo-readonly", [], { adminRoles: ["READ_ONLY_ADMIN"] }),
      group("00g000000000security", "duplo-security-admins", [], { adminRoles: ["USER_ADMIN", "APP_ADMIN"] }),
      // Not a role group: its roles are the tenant step's business.
      group("00g0000000000dev01rw", "duploservices-dev01", [], { adminRoles: ["READ_ONLY_ADMIN"] }),
    ],
  });
  const roleOfGroup = new Map([
    ["00g0000000000admins1", "administrators"],
    ["00g00000000readonly1", "readOnly"],
    ["00g000000000security", "securityAdmins"],
  ] as const);
  assert.deepEqual(importAdminRoles(indexOrg(org), roleOfGroup), {
    oktaAdminRoles: [
      { role: "REPORT_ADMIN", platformRole: "administrators" },
      { role: "READ_ONLY_ADMIN", platformRole: "readOnly" },
    ],
    account: {
      outside: [
        { what: "Okta admin roles SUPER_ADMIN, MOBILE_ADMIN of duplo-administrators", note: KEPT_NOTE },
        { what: "Okta admin roles USER_ADMIN, APP_ADMIN of duplo-security-admins", note: KEPT_NOTE },
      ],
    },
  });
});

test("owners not read: a to-do quoting Okta's refusal; nothing when they were read", () => {
  assert.deepEqual(ownersNotRead(indexOrg(orgOf({ ownersRefused: "Okta answered 401 to GET /api/v1/groups/00g1/owners" }))), {
    todo: [
      "Group owners were not read (Okta answered 401 to GET /api/v1/groups/00g1/owners; the owner API needs Okta Identity Governance): add owners to the file by hand if the org has them.",
    ],
  });
  assert.deepEqual(ownersNotRead(indexOrg(orgOf({}))), {});
});
