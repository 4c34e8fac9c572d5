import { test } from "node:test";
import assert from "node:assert/strict";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";
import { resourceNamed, resourcesOfType, runProgram } from "../support/mock-program";

/*
 * Okta admin roles through the real program under Pulumi's mocks: the exact inputs each
 * okta.group.Role receives, targets included.
 */

const withRoles = (roles: string) => `${VALID_ACCESS_FILE}oktaAdminRoles:\n${roles}`;
const roleInputs = async (roles: string) => resourcesOfType(await runProgram(modelOf(withRoles(roles))), "okta:group/role:Role").map((r) => [r.name, r.inputs]);

test("admin roles: a group-scoped role carries the IDs of the groups of its target teams and roles, sorted by key", async () => {
  assert.deepEqual(await roleInputs("  - { role: GROUP_MEMBERSHIP_ADMIN, team: oncall, targets: { teams: [payments], roles: [readOnly, administrators] } }\n"), [
    [
      "admin-role-team-oncall-GROUP_MEMBERSHIP_ADMIN",
      {
        disableNotifications: false,
        groupId: "team-oncall-id",
        roleType: "GROUP_MEMBERSHIP_ADMIN",
        targetGroupLists: ["role-administrators-id", "role-readOnly-id", "team-payments-id"],
      },
    ],
  ]);
});

test("admin roles: APP_ADMIN over the stack's own app is scoped to that app instance, <app name>.<app ID>; another instance is sent as written", async () => {
  const run = await runProgram(modelOf(withRoles("  - { role: APP_ADMIN, team: oncall, targets: { apps: [oidc_client.0oa1abcdEFGH2345ijk7, duplocloud] } }\n")));
  assert.deepEqual(resourceNamed(run, "admin-role-team-oncall-APP_ADMIN").inputs, {
    disableNotifications: false,
    groupId: "team-oncall-id",
    roleType: "APP_ADMIN",
    // Sorted as the file writes them (duplocloud first); the provider keeps the list as a set.
    targetAppLists: ["oidc_client.duplocloud-app-id", "oidc_client.0oa1abcdEFGH2345ijk7"],
  });
});

test("admin roles: org-wide on purpose, and roles Okta does not scope, are sent without targets", async () => {
  const roles =
    "  - { role: USER_ADMIN, team: oncall, orgWide: true, reason: Onboards every new hire in the org. }\n" +
    "  - { role: SUPER_ADMIN, platformRole: administrators, reason: Okta's own administrators. }\n" +
    "  - { role: READ_ONLY_ADMIN, team: oncall }\n";
  assert.deepEqual(await roleInputs(roles), [
    ["admin-role-role-administrators-SUPER_ADMIN", { disableNotifications: false, groupId: "role-administrators-id", roleType: "SUPER_ADMIN" }],
    ["admin-role-team-oncall-READ_ONLY_ADMIN", { disableNotifications: false, groupId: "team-oncall-id", roleType: "READ_ONLY_ADMIN" }],
    ["admin-role-team-oncall-USER_ADMIN", { disableNotifications: false, groupId: "team-oncall-id", roleType: "USER_ADMIN" }],
  ]);
});

test("admin roles: the reason for SUPER_ADMIN or an org-wide role is written into the holder group's description, where the policy pack finds it", async () => {
  const run = await runProgram(
    modelOf(
      withRoles(
        "  - { role: SUPER_ADMIN, platformRole: administrators, reason: Okta's own administrators. }\n  - { role: USER_ADMIN, platformRole: administrators, orgWide: true, reason: Onboards every new hire. }\n",
      ),
    ),
  );
  assert.equal(
    resourceNamed(run, "role-administrators").inputs.description,
    "DuploCloud Administrator (every tenant). Managed by Pulumi from the access file. Justification for SUPER_ADMIN: Okta's own administrators. Justification for USER_ADMIN: Onboards every new hire.",
  );
  assert.equal(resourceNamed(run, "team-oncall").inputs.description, "Team oncall. Managed by Pulumi from the access file.");
});
