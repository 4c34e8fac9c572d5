import { test } from "node:test";
import assert from "node:assert/strict";
import { ownersKey, roleGroupKey, ruleKey, scopeGrantKey, scopeGrantOf, serviceAppKey, serviceAppRoleKey, teamGroupKey, tenantGroupKey, JUSTIFICATION_PREFIX, SIGN_IN_PATH } from "../../src/access/keys";

// Logical names are the addresses of resources in the stack's state: a renamed key makes Pulumi
// delete the resource and create another (a group with its members, an app with its client ID).
// They are written out here, not derived, so a change to any of them fails.
test("logical names of every kind of resource, exactly", () => {
  assert.deepEqual(
    [
      roleGroupKey("administrators"),
      tenantGroupKey("dev01", "read-only"),
      teamGroupKey("payments"),
      ruleKey("tenant-dev01-read-only"),
      ruleKey("tenant-dev01-read-only", "payments"),
      serviceAppKey("sync"),
      scopeGrantOf("service-app-sync"),
      scopeGrantKey("sync"),
      serviceAppRoleKey("sync"),
      ownersKey("team-payments"),
    ],
    [
      "role-administrators",
      "tenant-dev01-read-only",
      "team-payments",
      "rule-tenant-dev01-read-only",
      "rule-tenant-dev01-read-only-payments",
      "service-app-sync",
      "service-app-sync-scopes",
      "service-app-sync-scopes",
      "service-app-sync-role",
      "owners-team-payments",
    ],
  );
});

test("the conventions the policy pack checks: DuploCloud's Okta sign-in path and the justification note's prefix", () => {
  assert.deepEqual([SIGN_IN_PATH, JUSTIFICATION_PREFIX], ["/app/signin-okta", "Justification:"]);
});
