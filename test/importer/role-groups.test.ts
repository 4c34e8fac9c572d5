import { test } from "node:test";
import assert from "node:assert/strict";
import { indexOrg } from "../../src/importer/org-index";
import { findRoleGroups, rolesWithRules } from "../../src/importer/role-groups";
import { DEACTIVATED, group, orgOf, person, portalOf, rule } from "./org-fixtures";

const TODAY = { today: "2026-12-02" };
const ada = person("ada@acme.example", "Platform");
const grace = person("grace@acme.example", "Platform");
const olaf = person("olaf@acme.example", "Platform", "DEPROVISIONED");
const pam = person("pam@acme.example", "Payments");
const dee = person("dee@acme.example", "QA");
const rita = person("rita@acme.example", "payments");

test("role groups: found by the portal's ID first, else by name whatever its case; a name other than the default is kept; owners and members who can sign in", () => {
  const org = orgOf({
    users: [ada, grace, olaf, dee],
    groups: [
      group("00g0000000000admins1", "Platform Admins", ["ada@acme.example", "grace@acme.example", "olaf@acme.example"], {
        owners: ["ada@acme.example", "olaf@acme.example"],
        description: "Platform team",
      }),
      group("00g00000000readonly1", "DUPLO-READONLY", ["dee@acme.example"]),
      // Named like the default, but the portal names another group: the portal wins.
      group("00g0000000000admins2", "duplo-administrators", ["dee@acme.example"]),
    ],
  });
  const found = findRoleGroups(indexOrg(org), portalOf({ oktaSettings: { OktaAdminGroupId: "00g0000000000admins1" } }), TODAY);
  assert.deepEqual(found.entries, {
    administrators: {
      name: "Platform Admins",
      importId: "00g0000000000admins1",
      description: "Platform team",
      owners: ["ada@acme.example"],
      members: ["ada@acme.example", "grace@acme.example"],
    },
    readOnly: { name: "DUPLO-READONLY", importId: "00g00000000readonly1", description: "", members: ["dee@acme.example"] },
    securityAdmins: {},
    signupUsers: {},
  });
  assert.deepEqual(
    [...found.roleOfGroup],
    [
      ["00g0000000000admins1", "administrators"],
      ["00g00000000readonly1", "readOnly"],
    ],
  );
  assert.deepEqual(found.account, {
    adopted: [
      { what: "Okta group Platform Admins (platform role administrators)", note: "3 members" },
      { what: "Okta group DUPLO-READONLY (platform role readOnly)", note: "1 member" },
    ],
    created: [{ what: "Okta group duplo-security-admins (platform role securityAdmins)" }, { what: "Okta group duplo-signup-users (platform role signupUsers)" }],
    outside: [
      { what: "olaf@acme.example, owner of Platform Admins", note: DEACTIVATED },
      { what: "olaf@acme.example, member of Platform Admins", note: DEACTIVATED },
    ],
    todo: [],
  });
});

test("role groups: members a rule explains are not listed, undecided ones are listed with a to-do; administrators are never judged by a rule", () => {
  const org = orgOf({
    users: [ada, pam, dee, rita],
    groups: [
      group("00g0000000000admins1", "duplo-administrators", ["pam@acme.example"]),
      group("00g00000000readonly1", "duplo-readonly", ["pam@acme.example", "dee@acme.example", "rita@acme.example"]),
    ],
    rules: [
      rule("0pr00000000payments1", "Payments read", 'user.department == "Payments"', ["00g00000000readonly1", "00g0000000000admins1"]),
      // Inactive: it explains nobody.
      rule("0pr0000000000qaread1", "QA read", 'user.department == "QA"', ["00g00000000readonly1"], "INACTIVE"),
    ],
  });
  const found = findRoleGroups(indexOrg(org), portalOf({}), TODAY);
  assert.deepEqual(
    [found.entries.administrators, found.entries.readOnly],
    [
      { importId: "00g0000000000admins1", description: "", members: ["pam@acme.example"] },
      { importId: "00g00000000readonly1", description: "", members: ["dee@acme.example", "rita@acme.example"] },
    ],
  );
  assert.deepEqual(found.account.todo, [
    "rita@acme.example is in duplo-readonly, and the rule filling it cannot be evaluated for them: check whether they belong under roles.readOnly.members.",
  ]);
});

test("role groups: no administrators group found is a to-do naming where it was looked for; a group given by the options' name", () => {
  const org = orgOf({ users: [dee], groups: [group("00g00000000readonly1", "ro-people", ["dee@acme.example"])] });
  const found = findRoleGroups(indexOrg(org), portalOf({ oktaSettings: { OktaAdminGroupId: "00g00000000missing01" } }), {
    ...TODAY,
    roleGroupNames: { administrators: "admins", readOnly: "ro-people" },
  });
  assert.deepEqual(found.entries.administrators, {});
  assert.deepEqual(found.entries.readOnly, { name: "ro-people", importId: "00g00000000readonly1", description: "", members: ["dee@acme.example"] });
  assert.deepEqual(found.account.todo, ["No administrators group was found (portal setting or name admins): name at least two administrators under roles.administrators.members."]);
  assert.deepEqual(found.account.created?.[0], { what: "Okta group admins (platform role administrators)" });
});

test("one group found for two roles: both entries adopt it, and it counts for the later role", () => {
  const org = orgOf({ users: [dee], groups: [group("00g00000000readonly1", "duplo-readonly", ["dee@acme.example"])] });
  const found = findRoleGroups(indexOrg(org), portalOf({ oktaSettings: { OktaSignupGroupId: "00g00000000readonly1" } }), TODAY);
  assert.deepEqual(
    [found.entries.readOnly, found.entries.signupUsers],
    [
      { importId: "00g00000000readonly1", description: "", members: ["dee@acme.example"] },
      { name: "duplo-readonly", importId: "00g00000000readonly1", description: "", members: ["dee@acme.example"] },
    ],
  );
  assert.deepEqual([...found.roleOfGroup], [["00g00000000readonly1", "signupUsers"]]);
});

const plain = (expression: string) => ({ expression, except: [] as string[] });

test("the roles section: each role's rule, several joined with OR in parentheses, after the entry's other keys; administrators as they are", () => {
  const entries = {
    administrators: { importId: "00g0000000000admins1", description: "" },
    readOnly: { importId: "00g00000000readonly1", description: "", members: ["dee@acme.example"] },
    securityAdmins: {},
    signupUsers: {},
  };
  const roles = rolesWithRules(
    entries,
    new Map([
      ["readOnly", [plain('user.department == "QA"'), plain('user.title == "Auditor"')]],
      ["signupUsers", [plain('user.department == "Sales"')]],
    ]),
  );
  assert.deepEqual(roles, {
    administrators: { importId: "00g0000000000admins1", description: "" },
    readOnly: { importId: "00g00000000readonly1", description: "", members: ["dee@acme.example"], rule: '(user.department == "QA") OR (user.title == "Auditor")' },
    securityAdmins: {},
    signupUsers: { rule: 'user.department == "Sales"' },
  });
  assert.deepEqual(Object.keys(roles.readOnly!), ["importId", "description", "members", "rule"]);
  assert.equal(rolesWithRules(entries, new Map([["securityAdmins", []]])).securityAdmins, entries.securityAdmins);
});

test("a role group whose members are all there by its rule, or who cannot sign in, is adopted with no members listed", () => {
  const org = orgOf({
    users: [pam, person("olaf@acme.example", "Platform", "DEPROVISIONED")],
    groups: [group("00g00000000readonly1", "duplo-readonly", ["pam@acme.example", "olaf@acme.example"], { owners: ["olaf@acme.example"] })],
    rules: [rule("0pr00000000payments1", "Payments read", 'user.department == "Payments"', ["00g00000000readonly1"])],
  });
  assert.deepEqual(findRoleGroups(indexOrg(org), portalOf({}), TODAY).entries.readOnly, { importId: "00g00000000readonly1", description: "" });
});

test("the roles section: the people every rule of a role excludes are its except; one only some rules exclude is left out in their terms", () => {
  const roles = rolesWithRules(
    { administrators: {}, readOnly: { importId: "00g00000000readonly1" }, securityAdmins: {}, signupUsers: {} },
    new Map([
      [
        "readOnly",
        [
          { expression: 'user.department == "QA"', except: ["eve@acme.example", "max@acme.example"] },
          { expression: 'user.title == "Auditor"', except: ["eve@acme.example"] },
        ],
      ],
      ["signupUsers", [{ expression: 'user.department == "Sales"', except: ["sal@acme.example"] }]],
    ]),
  );
  assert.deepEqual(roles.readOnly, {
    importId: "00g00000000readonly1",
    rule: '((user.department == "QA") AND String.toLowerCase(user.login) != "max@acme.example") OR (user.title == "Auditor")',
    except: ["eve@acme.example"],
  });
  assert.deepEqual(roles.signupUsers, { rule: 'user.department == "Sales"', except: ["sal@acme.example"] });
});
