import { test } from "node:test";
import assert from "node:assert/strict";
import { buildModel } from "../../src/access/model";
import { isGrantActive } from "../../src/access/dates";
import { loadAccessSource } from "../../src/access/source";
import { parseFileRules } from "../../src/access/rule-parsing";
import { DEFAULT_ROLE_GROUP_NAMES, signInRedirectUri } from "../../src/access/naming";
import { parse } from "yaml";
import { accessFileSchema } from "../../src/access/schema";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

/*
 * Details of the model that decide access but that the whole-output golden files do not reach:
 * adoption of team and tenant groups, the order of every list whatever the file's order, the last
 * day of a grant, the sign-in redirect and the default group names.
 */

test("a grant's expiry date is its last day: in force on the day, gone the day after", () => {
  assert.deepEqual(
    [
      isGrantActive("2026-12-31", { today: "2026-12-30" }),
      isGrantActive("2026-12-31", { today: "2026-12-31" }),
      isGrantActive("2026-12-31", { today: "2027-01-01" }),
      isGrantActive(undefined, { today: "2999-01-01" }),
      isGrantActive("2020-01-31", "ignore"),
    ],
    [true, true, false, true, true],
  );
});

test("the sign-in redirect is DuploCloud's Okta path on the portal; the default role group names", () => {
  assert.equal(signInRedirectUri("acme.duplocloud.net"), "https://acme.duplocloud.net/app/signin-okta");
  // Renaming a default renames the Okta group, which DuploCloud maps to a role by ID or name.
  assert.deepEqual(DEFAULT_ROLE_GROUP_NAMES, {
    administrators: "duplo-administrators",
    readOnly: "duplo-readonly",
    securityAdmins: "duplo-security-admins",
    signupUsers: "duplo-signup-users",
  });
});

test("adopted team and tenant groups keep their importId in the model; groups not adopted have none", () => {
  const text = VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]\n", "  tenants: [dev01, qa01]\n  tenantGroupImports:\n    - { tenant: dev01, level: read-write, importId: 00g1abcdEFGH2345ijk7 }\n").replace(
    "  - name: oncall\n",
    "  - name: oncall\n    importId: 00g1abcdEFGH2345ijk8\n",
  );
  const adopted = modelOf(text).groups.map((group) => [group.key, group.importId ?? null]);
  assert.deepEqual(adopted, [
    ["role-administrators", null],
    ["role-readOnly", null],
    ["role-securityAdmins", null],
    ["role-signupUsers", null],
    ["team-oncall", "00g1abcdEFGH2345ijk8"],
    ["team-payments", null],
    ["tenant-dev01-read-write", "00g1abcdEFGH2345ijk7"],
    ["tenant-qa01-read-only", null],
  ]);
});

test("an adopted group keeps the description it has in Okta when the file copies it, none included; others get the generated one", () => {
  const text = VALID_ACCESS_FILE.replace(
    "  tenants: [dev01, qa01]\n",
    '  tenants: [dev01, qa01]\n  tenantGroupImports:\n    - { tenant: dev01, level: read-write, importId: 00g1abcdEFGH2345ijk7, description: "Made by support" }\n    - { tenant: qa01, level: read-only, importId: 00g1abcdEFGH2345ijk8, description: "" }\n',
  ).replace("roles:\n  administrators:\n", 'roles:\n  administrators:\n    importId: 00g1abcdEFGH2345ijk9\n    description: ""\n');
  const descriptions = modelOf(text)
    .groups.filter((group) => group.kind !== "team")
    .map((group) => [group.key, group.description]);
  assert.deepEqual(descriptions, [
    ["role-administrators", ""],
    ["role-readOnly", "DuploCloud read-only platform user. Managed by Pulumi from the access file."],
    ["role-securityAdmins", "DuploCloud SecurityAdmin. Managed by Pulumi from the access file."],
    ["role-signupUsers", "DuploCloud SignupUser. Managed by Pulumi from the access file."],
    ["tenant-dev01-read-write", "Made by support"],
    ["tenant-qa01-read-only", ""],
  ]);
});

test("the reason for SUPER_ADMIN follows the group's description, and stands alone when the group has none", () => {
  const roles = "oktaAdminRoles:\n  - { role: SUPER_ADMIN, platformRole: administrators, reason: Okta's own administrators. }\n";
  const withNone = VALID_ACCESS_FILE.replace("roles:\n  administrators:\n", 'roles:\n  administrators:\n    importId: 00g1abcdEFGH2345ijk9\n    description: ""\n') + roles;
  const withOne = VALID_ACCESS_FILE.replace("roles:\n  administrators:\n", "roles:\n  administrators:\n    description: Platform admins\n") + roles;
  const descriptionOf = (text: string) => modelOf(text).groups.find((group) => group.key === "role-administrators")!.description;
  assert.deepEqual(
    [descriptionOf(withNone), descriptionOf(withOne)],
    ["Justification for SUPER_ADMIN: Okta's own administrators.", "Platform admins Justification for SUPER_ADMIN: Okta's own administrators."],
  );
});

test("every list of the model is sorted, whatever the order of the file: users, service apps, tokens, DuploCloud users with their roles and tenants", () => {
  const text = VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]\n", "  tenants: [dev01, qa01]\n  users:\n" +
    "    - { username: zed@acme.example, roles: [User], tenants: [{ tenant: qa01, level: read-only }, { tenant: dev01, level: read-only }], reason: Deploys to dev01 and qa01. }\n" +
    "    - { username: Bob@acme.example, roles: [SecurityAdmin, Administrator], reason: Break-glass for Okta outages. }\n",
  ).replace("users:\n  - email: ada@acme.example", "users:\n  - email: Zoe@acme.example\n    firstName: Zoe\n    lastName: Z\n  - email: ada@acme.example") +
    "apiAccess:\n  serviceApps:\n" +
    "    - { name: sync, scopes: [okta.users.read], publicKey: { jwksUri: https://keys.acme.example/jwks.json } }\n" +
    "    - { name: audit, scopes: [okta.logs.read], publicKey: { jwksUri: https://keys.acme.example/jwks.json } }\n" +
    "  apiTokens:\n" +
    "    - { name: b, id: 00T1abcdEFGH2345ijk9, userId: 00u1abcdEFGH2345ijk8, network: { connection: ANYWHERE } }\n" +
    "    - { name: a, id: 00T1abcdEFGH2345ijk1, userId: 00u1abcdEFGH2345ijk8, network: { connection: ANYWHERE } }\n";
  const model = modelOf(text);
  assert.deepEqual(model.users.map((user) => user.email), ["ada@acme.example", "grace@acme.example", "zoe@acme.example"]);
  assert.deepEqual(model.serviceApps.map((app) => app.name), ["audit", "sync"]);
  assert.deepEqual(model.apiTokens.map((token) => token.id), ["00T1abcdEFGH2345ijk1", "00T1abcdEFGH2345ijk9"]);
  assert.deepEqual(
    model.duplocloudUsers.map((user) => [user.username, user.roles, user.tenants.map((grant) => grant.tenant)]),
    [
      ["bob@acme.example", ["Administrator", "SecurityAdmin"], []],
      ["zed@acme.example", ["User"], ["dev01", "qa01"]],
    ],
  );
});

test("the model never turns an admin role given to a user into a group's (validation refuses it first)", () => {
  const text = VALID_ACCESS_FILE + "oktaAdminRoles:\n  - role: READ_ONLY_ADMIN\n    user: ada@acme.example\n  - role: USER_ADMIN\n    team: oncall\n    targets: { teams: [payments] }\n";
  const loaded = loadAccessSource("access/test.yaml", text);
  assert.ok(loaded.ok);
  const file = accessFileSchema.parse(parse(text));
  assert.deepEqual(buildModel(loaded.source, file, { today: "2026-01-01" }, parseFileRules(file)).groupAdminRoles, [
    { key: "team-oncall-USER_ADMIN", groupKey: "team-oncall", roleType: "USER_ADMIN", targetGroupKeys: ["team-payments"], targetApps: [], orgWide: false },
  ]);
});
