import { test } from "node:test";
import assert from "node:assert/strict";
import { diffAccess, type AccessChange } from "../../src/review/diff";
import { renderDiffMarkdown } from "../../src/review/diff-render";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

/*
 * Okta admin roles in the access diff: every one critical, with what it reaches; a change of
 * targets is a widening when the role reaches anything new, org-wide included.
 */

const withRoles = (roles: string) => `${VALID_ACCESS_FILE}oktaAdminRoles:\n${roles}`;
const lines = (changes: readonly AccessChange[]) => changes.map((c) => `${c.direction}${c.critical ? "!" : ""} ${c.subject} ${c.summary}`);
const diff = (head: string, base: string) => diffAccess(modelOf(base), modelOf(head)).changes;

const scoped = (targets: string) => withRoles(`  - { role: GROUP_MEMBERSHIP_ADMIN, team: oncall, targets: { ${targets} } }\n`);
const orgWide = withRoles("  - { role: GROUP_MEMBERSHIP_ADMIN, team: oncall, orgWide: true, reason: Runs onboarding for the org. }\n");

test("admin role diff: an org-wide role is critical and says so, with its reason", () => {
  assert.deepEqual(lines(diff(orgWide, VALID_ACCESS_FILE)), [
    "widens! ada@acme.example gains Okta admin role GROUP_MEMBERSHIP_ADMIN",
    "widens! team oncall gains Okta admin role GROUP_MEMBERSHIP_ADMIN: over the whole org (reason: Runs onboarding for the org.)",
  ]);
});

test("admin role diff: SUPER_ADMIN is critical, with its reason", () => {
  const head = withRoles("  - { role: SUPER_ADMIN, platformRole: administrators, reason: Okta's own administrators. }\n");
  assert.deepEqual(lines(diff(head, VALID_ACCESS_FILE)), [
    "widens! ada@acme.example gains Okta admin role SUPER_ADMIN",
    "widens! grace@acme.example gains Okta admin role SUPER_ADMIN",
    "widens! platform role administrators gains Okta admin role SUPER_ADMIN: reason: Okta's own administrators.",
  ]);
});

test("admin role diff: targets that reach more widen, fewer narrow, others swapped change; org-wide widens", () => {
  const payments = scoped("teams: [payments]");
  const both = scoped("teams: [payments], roles: [administrators]");
  const administrators = scoped("roles: [administrators]");
  assert.deepEqual(lines(diff(both, payments)), [
    "widens! team oncall Okta admin role GROUP_MEMBERSHIP_ADMIN: over team payments becomes over platform role administrators, team payments",
  ]);
  assert.deepEqual(lines(diff(payments, both)), [
    "narrows! team oncall Okta admin role GROUP_MEMBERSHIP_ADMIN: over platform role administrators, team payments becomes over team payments",
  ]);
  assert.deepEqual(lines(diff(administrators, payments)), [
    "widens! team oncall Okta admin role GROUP_MEMBERSHIP_ADMIN: over team payments becomes over platform role administrators",
  ]);
  assert.deepEqual(lines(diff(orgWide, payments)), [
    "widens! team oncall Okta admin role GROUP_MEMBERSHIP_ADMIN: over team payments becomes over the whole org (reason: Runs onboarding for the org.)",
  ]);
  assert.deepEqual(lines(diff(payments, orgWide)), [
    "narrows! team oncall Okta admin role GROUP_MEMBERSHIP_ADMIN: over the whole org (reason: Runs onboarding for the org.) becomes over team payments",
  ]);
});

test("admin role diff: a reason is free text, escaped in the pull-request comment", () => {
  const head = withRoles("  - { role: SUPER_ADMIN, platformRole: administrators, reason: '<img src=x> [click](https://evil.example) | *' }\n");
  const markdown = renderDiffMarkdown({
    kind: "compared",
    context: { stack: "dev", baseRef: "main", basePath: "access/dev.yaml", headPath: "access/dev.yaml" },
    diff: diffAccess(modelOf(VALID_ACCESS_FILE), modelOf(head)),
  });
  const line = markdown.split("\n").find((text) => text.includes("platform role administrators"));
  assert.equal(line, "- ⚠️ **critical** **platform role administrators** gains Okta admin role SUPER\\_ADMIN: reason: \\<img src=x\\> \\[click\\](`https://evil.example)` \\| \\*");
});
