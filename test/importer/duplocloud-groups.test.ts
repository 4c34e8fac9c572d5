import { test } from "node:test";
import assert from "node:assert/strict";
import { groupSelectionFor, roleGroupIdsOf, roleGroupNameOf, settingOf, tenantPrefixesOf } from "../../src/importer/duplocloud-groups";
import { portalOf } from "./org-fixtures";

test("tenant prefixes: the portal's settings where it has them (an empty one included), else DuploCloud's defaults", () => {
  assert.deepEqual(
    [
      tenantPrefixesOf(portalOf({})),
      tenantPrefixesOf(portalOf({ oktaSettings: { OktaTenantGroupPrefix: "svc-" } })),
      tenantPrefixesOf(portalOf({ oktaSettings: { OktaTenantRoGroupPrefix: "" } })),
    ],
    [
      { tenantReadWritePrefix: "duploservices-", tenantReadOnlyPrefix: "duplo-ro-" },
      { tenantReadWritePrefix: "svc-", tenantReadOnlyPrefix: "duplo-ro-" },
      { tenantReadWritePrefix: "duploservices-", tenantReadOnlyPrefix: "" },
    ],
  );
});

test("role group IDs under every legacy key the portal fills, both spellings of the sign-up group's; names from the options, else the defaults", () => {
  const portal = portalOf({
    oktaSettings: { OktaAdminGroupId: "00gadmin000000000001", OktaSignupGroupId: "", OktaSignUpGroupId: "00gsignup00000000001", OktaReadOnlyGroupId: "" },
  });
  assert.deepEqual(
    (["administrators", "readOnly", "securityAdmins", "signupUsers"] as const).map((role) => roleGroupIdsOf(portal, role)),
    [["00gadmin000000000001"], [], [], ["00gsignup00000000001"]],
  );
  const options = { today: "2026-12-02", roleGroupNames: { readOnly: "Duplo-RO" } };
  assert.deepEqual(
    [roleGroupNameOf(options, "readOnly"), roleGroupNameOf(options, "administrators"), roleGroupNameOf({ today: "2026-12-02" }, "readOnly")],
    ["Duplo-RO", "duplo-administrators", "duplo-readonly"],
  );
});

test("the groups the org reader reads: role groups by ID and by name, tenant groups by the two prefixes", () => {
  const portal = portalOf({ oktaSettings: { OktaSecurityGroupId: "00gsecurity000000001", OktaTenantGroupPrefix: "svc-" } });
  assert.deepEqual(groupSelectionFor(portal, { today: "2026-12-02", roleGroupNames: { signupUsers: "signups" } }), {
    ids: ["00gsecurity000000001"],
    names: ["duplo-administrators", "duplo-readonly", "duplo-security-admins", "signups"],
    prefixes: ["svc-", "duplo-ro-"],
  });
});

test("a setting's value: under the first of its legacy keys the portal has, an empty one included; none when the portal has none", () => {
  assert.deepEqual(
    [
      settingOf(portalOf({ oktaSettings: { OktaSignUpGroupId: "00gsignup00000000001" } }), "signupGroupId"),
      settingOf(portalOf({ oktaSettings: { OktaSignupGroupId: "", OktaSignUpGroupId: "00gsignup00000000001" } }), "signupGroupId"),
      settingOf(portalOf({ oktaSettings: { OktaSignupGroupId: "00gsignup00000000002", OktaSignUpGroupId: "00gsignup00000000001" } }), "signupGroupId"),
      settingOf(portalOf({}), "signupGroupId"),
    ],
    ["00gsignup00000000001", "", "00gsignup00000000002", undefined],
  );
});
