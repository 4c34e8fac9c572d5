import { test } from "node:test";
import assert from "node:assert/strict";
import { legacyKeysOf, ROLE_GROUP_SETTING } from "../../src/duplocloud/okta-settings-catalog";
import { PLATFORM_ROLES } from "../../src/access/schema";

test("each platform role's group ID is kept under the legacy keys the docs name, both spellings of the sign-up group's", () => {
  assert.deepEqual(
    PLATFORM_ROLES.map((role) => [role, ROLE_GROUP_SETTING[role], legacyKeysOf(ROLE_GROUP_SETTING[role])]),
    [
      ["administrators", "adminGroupId", ["OktaAdminGroupId"]],
      ["readOnly", "readOnlyGroupId", ["OktaReadOnlyGroupId"]],
      ["securityAdmins", "securityGroupId", ["OktaSecurityGroupId"]],
      ["signupUsers", "signupGroupId", ["OktaSignupGroupId", "OktaSignUpGroupId"]],
    ],
  );
  assert.deepEqual(
    [legacyKeysOf("tenantGroupPrefix"), legacyKeysOf("tenantReadOnlyGroupPrefix"), legacyKeysOf("oktaApiTokenId")],
    [["OktaTenantGroupPrefix"], ["OktaTenantRoGroupPrefix"], []],
  );
});
