import { test } from "node:test";
import assert from "node:assert/strict";
import { formatProblem } from "../../src/access/problems";
import { OKTA_ADMIN_ROLE_TYPES } from "../../src/access/okta-catalog";
import { VALID_ACCESS_FILE, validateText } from "../support/access-files";

/** Every problem of the valid fixture with these `oktaAdminRoles` lines (from line 30), formatted. */
const problemsOf = (roles: string) => {
  const result = validateText(`${VALID_ACCESS_FILE}oktaAdminRoles:\n${roles}`);
  return result.ok ? [] : result.problems.map(formatProblem);
};

test("admin roles: the catalogue is the enum of StandardRoleAssignmentSchema in Okta's management spec", () => {
  // okta/okta-management-openapi-spec dist/current/management-minimal.yaml, StandardRoleAssignmentSchema.type.enum
  assert.deepEqual(OKTA_ADMIN_ROLE_TYPES, [
    "ACCESS_CERTIFICATIONS_ADMIN",
    "ACCESS_REQUESTS_ADMIN",
    "API_ACCESS_MANAGEMENT_ADMIN",
    "APP_ADMIN",
    "GROUP_MEMBERSHIP_ADMIN",
    "HELP_DESK_ADMIN",
    "ORG_ADMIN",
    "READ_ONLY_ADMIN",
    "REPORT_ADMIN",
    "SUPER_ADMIN",
    "USER_ADMIN",
    "WORKFLOWS_ADMIN",
  ]);
});

test("admin roles: MOBILE_ADMIN, which Okta lists but never assigns, is refused at its line", () => {
  assert.deepEqual(problemsOf("  - { role: MOBILE_ADMIN, team: oncall }\n"), [
    'access/test.yaml:30:13: oktaAdminRoles[0].role: must be one of "ACCESS_CERTIFICATIONS_ADMIN", "ACCESS_REQUESTS_ADMIN", "API_ACCESS_MANAGEMENT_ADMIN", "APP_ADMIN", "GROUP_MEMBERSHIP_ADMIN", "HELP_DESK_ADMIN", "ORG_ADMIN", "READ_ONLY_ADMIN", "REPORT_ADMIN", "SUPER_ADMIN", "USER_ADMIN", "WORKFLOWS_ADMIN", not "MOBILE_ADMIN"',
  ]);
});

test("admin roles: a role Okta scopes, without targets, is refused with how to scope it", () => {
  const groups = (role: string) =>
    `access/test.yaml:30:13: oktaAdminRoles[0].role: ${role} without targets acts on every user and group of the org (a GROUP_MEMBERSHIP_ADMIN could add anyone to the DuploCloud administrators group); name what it may act on with targets: { teams: [...], roles: [...] }, or write orgWide: true with a reason`;
  for (const role of ["GROUP_MEMBERSHIP_ADMIN", "HELP_DESK_ADMIN", "USER_ADMIN"]) assert.deepEqual(problemsOf(`  - { role: ${role}, team: oncall }\n`), [groups(role)]);
  // Empty lists are no targets either.
  assert.deepEqual(problemsOf("  - { role: USER_ADMIN, team: oncall, targets: { teams: [], roles: [] } }\n"), [groups("USER_ADMIN")]);
  assert.deepEqual(problemsOf("  - { role: APP_ADMIN, team: oncall }\n"), [
    "access/test.yaml:30:13: oktaAdminRoles[0].role: APP_ADMIN without targets acts on every app of the org; name what it may act on with targets: { apps: [duplocloud] }, or write orgWide: true with a reason",
  ]);
});

test("admin roles: targets of the kind the role takes, naming teams that exist", () => {
  assert.deepEqual(problemsOf("  - { role: HELP_DESK_ADMIN, team: oncall, targets: { teams: [nobody], apps: [duplocloud] } }\n"), [
    'access/test.yaml:30:63: oktaAdminRoles[0].targets.teams[0]: team "nobody" is not defined under teams; define it or fix the name',
    "access/test.yaml:30:78: oktaAdminRoles[0].targets.apps: HELP_DESK_ADMIN is scoped to groups, not apps; list teams or roles (apps are for APP_ADMIN)",
  ]);
  assert.deepEqual(problemsOf("  - { role: APP_ADMIN, team: oncall, targets: { apps: [duplocloud], roles: [readOnly] } }\n"), [
    "access/test.yaml:30:47: oktaAdminRoles[0].targets: APP_ADMIN is scoped to apps, not groups; list apps (teams and roles are for GROUP_MEMBERSHIP_ADMIN, HELP_DESK_ADMIN, USER_ADMIN)",
  ]);
  assert.deepEqual(problemsOf("  - { role: APP_ADMIN, team: oncall, targets: { apps: [salesforce] } }\n"), [
    "access/test.yaml:30:56: oktaAdminRoles[0].targets.apps[0]: must be duplocloud (the stack's OIDC app) or one app instance written <app name>.<app ID>, e.g. oidc_client.0oa1abcdEFGH2345ijk7",
  ]);
  assert.deepEqual(problemsOf("  - { role: READ_ONLY_ADMIN, team: oncall, targets: { teams: [payments] }, orgWide: true }\n"), [
    "access/test.yaml:30:53: oktaAdminRoles[0].targets: Okta does not scope READ_ONLY_ADMIN to groups or apps; remove targets",
    "access/test.yaml:30:85: oktaAdminRoles[0].orgWide: READ_ONLY_ADMIN always acts on the whole org (Okta does not scope it); remove orgWide",
  ]);
  assert.deepEqual(problemsOf("  - { role: HELP_DESK_ADMIN, team: oncall, targets: { teams: [payments] } }\n  - { role: HELP_DESK_ADMIN, team: oncall, targets: { roles: [readOnly] } }\n"), [
    "access/test.yaml:31:13: oktaAdminRoles[1].role: HELP_DESK_ADMIN is given to team oncall twice (first at oktaAdminRoles[0]); keep one entry and merge the targets into it",
  ]);
  assert.deepEqual(problemsOf("  - { role: HELP_DESK_ADMIN, team: oncall, targets: { teams: [payments], roles: [readOnly] } }\n  - { role: APP_ADMIN, team: oncall, targets: { apps: [duplocloud] } }\n"), []);
});

test("admin roles: org-wide only on purpose, with a reason, and never with targets", () => {
  assert.deepEqual(problemsOf("  - { role: USER_ADMIN, team: oncall, orgWide: true }\n"), [
    'access/test.yaml:30:48: oktaAdminRoles[0].orgWide: an org-wide USER_ADMIN needs a reason: add reason: "..." (at least 10 characters; reviewers see it, and it is written into the group\'s description in Okta)',
  ]);
  assert.deepEqual(problemsOf("  - { role: USER_ADMIN, team: oncall, orgWide: true, targets: { teams: [payments] }, reason: Onboards new hires. }\n"), [
    "access/test.yaml:30:48: oktaAdminRoles[0].orgWide: orgWide: true and targets contradict each other; keep targets to scope the role, or remove them to give it over the whole org",
  ]);
  assert.deepEqual(problemsOf("  - { role: USER_ADMIN, team: oncall, orgWide: true, reason: Onboards every new hire. }\n"), []);
});

test("admin roles: SUPER_ADMIN and ORG_ADMIN need a reason", () => {
  for (const role of ["SUPER_ADMIN", "ORG_ADMIN"]) {
    assert.deepEqual(problemsOf(`  - { role: ${role}, platformRole: administrators }\n`), [
      `access/test.yaml:30:13: oktaAdminRoles[0].role: ${role} controls the whole Okta org, its admins and settings included; say why this group needs it with reason: "..." (at least 10 characters; reviewers see it, and it is written into the group's description in Okta)`,
    ]);
    assert.deepEqual(problemsOf(`  - { role: ${role}, platformRole: administrators, reason: Okta's own administrators. }\n`), []);
  }
  assert.deepEqual(problemsOf("  - { role: SUPER_ADMIN, platformRole: administrators, reason: short }\n"), [
    "access/test.yaml:30:64: oktaAdminRoles[0].reason: is too short: write at least 10 characters",
  ]);
});

test("admin roles: a reason that would push the group's description past Okta's 1,024 characters is refused", () => {
  const text = VALID_ACCESS_FILE.replace("  administrators:\n", `  administrators:\n    description: ${"d".repeat(900)}\n`);
  const result = validateText(`${text}oktaAdminRoles:\n  - { role: SUPER_ADMIN, platformRole: administrators, reason: ${"r".repeat(120)} }\n`);
  assert.deepEqual(result.ok ? [] : result.problems.map(formatProblem), [
    "access/test.yaml:31:64: oktaAdminRoles[0].reason: with this reason the role administrators group's description is 1052 characters, more than Okta's 1024; shorten the reason or the group's description",
  ]);
});
