import { test } from "node:test";
import assert from "node:assert/strict";
import {
  isStackRuleKey,
  isTenantGroupKey,
  membershipsKey,
  ownersKey,
  roleGroupKey,
  ruleKey, scopeGrantKey, scopeGrantOf, serviceAppKey, serviceAppRoleKey, teamGroupKey, tenantGroupKey, JUSTIFICATION_PREFIX, SIGN_IN_PATH } from "../../src/access/keys";

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
      ruleKey("tenant-dev01-read-only", "home-3f"),
      serviceAppKey("sync"),
      scopeGrantOf("service-app-sync"),
      scopeGrantKey("sync"),
      serviceAppRoleKey("sync"),
      ownersKey("team-payments"),
      membershipsKey("team-payments"),
    ],
    [
      "role-administrators",
      "tenant-dev01-read-only",
      "team-payments",
      "rule-tenant-dev01-read-only",
      "rule-tenant-dev01-read-only-home-3f",
      "service-app-sync",
      "service-app-sync-scopes",
      "service-app-sync-scopes",
      "service-app-sync-role",
      "owners-team-payments",
      "members-team-payments",
    ],
  );
});

test("the conventions the policy pack checks: DuploCloud's Okta sign-in path and the justification note's prefix", () => {
  assert.deepEqual([SIGN_IN_PATH, JUSTIFICATION_PREFIX], ["/app/signin-okta", "Justification:"]);
});

test("the policy pack tells the stack's rules and tenant groups by the shapes of their keys: every rule key the stack gives, and nothing else", () => {
  const given = [
    ruleKey(roleGroupKey("readOnly")),
    ruleKey(teamGroupKey("payments")),
    ruleKey(tenantGroupKey("dev01", "read-write")),
    ruleKey(tenantGroupKey("dev01", "read-only"), "home-3f"),
  ];
  const foreign = ["rule-payments", "rule-tenant-dev01-admin", "rule-team-Payments", "role-readOnly", "rule-", "rule-role-", "rule-tenant-dev01-read-write-Payments"];
  assert.deepEqual(
    [...given, ...foreign].map((name) => [name, isStackRuleKey(name)]),
    [...given.map((name) => [name, true]), ...foreign.map((name) => [name, false])],
  );
  assert.deepEqual(
    [tenantGroupKey("dev01", "read-only"), teamGroupKey("tenant-x"), roleGroupKey("administrators")].map(isTenantGroupKey),
    [true, false, false],
  );
});
