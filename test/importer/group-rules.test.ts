import { test } from "node:test";
import assert from "node:assert/strict";
import { importRules } from "../../src/importer/group-rules";
import { indexOrg } from "../../src/importer/org-index";
import { TeamNames } from "../../src/importer/team-names";
import type { TenantOfGroup } from "../../src/importer/tenant-groups";
import type { TenantGrantInput } from "../../src/importer/types";
import { group, orgOf, person, rule } from "./org-fixtures";

const GROUPS = [
  group("00g0000000000admins1", "duplo-administrators"),
  group("00g00000000readonly1", "duplo-readonly"),
  group("00g000000signupers01", "duplo-signup-users"),
  group("00g0000000000dev01rw", "duploservices-dev01"),
  group("00g0000000000qa01ro1", "duplo-ro-qa01"),
  group("00g000000marketing01", "marketing"),
];
const ROLE_OF_GROUP = new Map([
  ["00g0000000000admins1", "administrators"],
  ["00g00000000readonly1", "readOnly"],
  ["00g000000signupers01", "signupUsers"],
] as const);
const DEV01 = { tenant: "dev01", level: "read-write" } as const;
const QA01 = { tenant: "qa01", level: "read-only" } as const;
const TENANT_OF_GROUP: TenantOfGroup = new Map<string, TenantGrantInput>([
  ["00g0000000000dev01rw", DEV01],
  ["00g0000000000qa01ro1", QA01],
]);
const NOW_EXPRESSED =
  "the stack's own rules now express it; after the first pulumi up, check the access report, then deactivate and delete this rule in Okta (Directory > Groups > Rules)";

test("rules filling tenant groups become teams named after the rule; rules filling role groups become the roles' rules; both can be one rule", () => {
  const org = orgOf({
    groups: GROUPS,
    rules: [
      rule("0pr00000000payments1", "Payments to DuploCloud!", 'user.department == "Payments"', ["00g0000000000dev01rw", "00g0000000000qa01ro1", "00g00000000readonly1"]),
      rule("0pr00000000payments2", "payments to duplocloud", 'user.department == "Billing"', ["00g0000000000dev01rw"]),
      rule("0pr0000000000signup1", "Sales sign up", 'user.department == "Sales"', ["00g000000signupers01", "00g00000000readonly1"]),
      // Nothing to do with DuploCloud: not the import's business, not even listed.
      rule("0pr0000000marketing1", "Marketing", 'user.department == "Marketing"', ["00g000000marketing01"]),
    ],
  });
  const imported = importRules(indexOrg(org), ROLE_OF_GROUP, TENANT_OF_GROUP, new TeamNames());
  assert.deepEqual(imported.teams, [
    { name: "payments-to-duplocloud", rule: 'user.department == "Payments"', access: [DEV01, QA01] },
    { name: "payments-to-duplocloud-2", rule: 'user.department == "Billing"', access: [DEV01] },
  ]);
  assert.deepEqual(
    [...imported.roleRules],
    [
      [
        "readOnly",
        [
          { expression: 'user.department == "Payments"', except: [] },
          { expression: 'user.department == "Sales"', except: [] },
        ],
      ],
      ["signupUsers", [{ expression: 'user.department == "Sales"', except: [] }]],
    ],
  );
  assert.deepEqual(imported.account, {
    created: [
      { what: 'team payments-to-duplocloud: Okta group duplo-team-payments-to-duplocloud, filled by the expression of rule "Payments to DuploCloud!"' },
      { what: 'team payments-to-duplocloud-2: Okta group duplo-team-payments-to-duplocloud-2, filled by the expression of rule "payments to duplocloud"' },
    ],
    outside: [
      { what: 'Okta group rule "Payments to DuploCloud!" (0pr00000000payments1)', note: NOW_EXPRESSED },
      { what: 'Okta group rule "payments to duplocloud" (0pr00000000payments2)', note: NOW_EXPRESSED },
      { what: 'Okta group rule "Sales sign up" (0pr0000000000signup1)', note: NOW_EXPRESSED },
    ],
    notExpressed: [],
  });
});

test("rules the file cannot express are kept outside with the reason, in the account and in the file's closing comment", () => {
  const org = orgOf({
    groups: GROUPS,
    rules: [
      rule("0pr0000000inactive01", "Old", 'user.department == "QA"', ["00g0000000000dev01rw"], "INACTIVE"),
      rule("0pr00000000policy001", "Contractors", "user.profile.contractor == true", ["00g00000000readonly1"]),
      rule("0pr0000000000admins1", "Platform admins", 'user.department == "Platform"', ["00g0000000000admins1", "00g0000000000dev01rw"]),
      rule("0pr000000000mixed001", "QA\nand marketing", 'user.department == "QA"', ["00g0000000000qa01ro1", "00g000000marketing01", "00g00000000unread001"]),
    ],
  });
  const imported = importRules(indexOrg(org), ROLE_OF_GROUP, TENANT_OF_GROUP, new TeamNames());
  assert.deepEqual([imported.teams, [...imported.roleRules], imported.account.created], [[], [], []]);
  const reasons = [
    "inactive",
    "its expression is not one the stack can check (user.profile.x is Identity Engine policy syntax; group rules read attributes as user.x)",
    "it fills the administrators group, which the stack fills with named people only",
    "it also fills marketing, 00g00000000unread001, which the stack does not manage",
  ];
  assert.deepEqual(
    imported.account.outside,
    [
      ['Okta group rule "Old" (0pr0000000inactive01)', reasons[0]],
      ['Okta group rule "Contractors" (0pr00000000policy001)', reasons[1]],
      ['Okta group rule "Platform admins" (0pr0000000000admins1)', reasons[2]],
      ['Okta group rule "QA\nand marketing" (0pr000000000mixed001)', reasons[3]],
    ].map(([what, reason]) => ({ what, note: `${reason}; it keeps working as it is, outside the stack` })),
  );
  assert.deepEqual(imported.account.notExpressed, [
    `rule "Old" (0pr0000000inactive01), INACTIVE: user.department == "QA" -> duploservices-dev01: ${reasons[0]}`,
    `rule "Contractors" (0pr00000000policy001), ACTIVE: user.profile.contractor == true -> duplo-readonly: ${reasons[1]}`,
    `rule "Platform admins" (0pr0000000000admins1), ACTIVE: user.department == "Platform" -> duplo-administrators, duploservices-dev01: ${reasons[2]}`,
    `rule "QA\nand marketing" (0pr000000000mixed001), ACTIVE: user.department == "QA" -> duplo-ro-qa01, marketing, 00g00000000unread001: ${reasons[3]}`,
  ]);
});

test("a rule's expression on several lines is written on one line in the closing comment", () => {
  const org = orgOf({
    groups: GROUPS,
    rules: [rule("0pr0000000inactive01", "Old", 'user.department == "QA"\r\nOR user.department == "QA2"', ["00g0000000000dev01rw"], "INACTIVE")],
  });
  assert.deepEqual(importRules(indexOrg(org), ROLE_OF_GROUP, TENANT_OF_GROUP, new TeamNames()).account.notExpressed, [
    'rule "Old" (0pr0000000inactive01), INACTIVE: user.department == "QA" OR user.department == "QA2" -> duploservices-dev01: inactive',
  ]);
});

test("a rule's exclusion list is carried over: email logins as except, another login in the expression, an ID nobody has noted and dropped", () => {
  const pam = person("pam@acme.example", "Payments");
  const svc = person("svc-payments", "Payments");
  const org = orgOf({
    users: [pam, svc],
    groups: GROUPS,
    rules: [
      {
        ...rule("0pr00000000payments1", "Payments", 'user.department == "Payments"', ["00g0000000000dev01rw"]),
        excludedUserIds: [pam.id, svc.id, "00u0000000000gone001"],
      },
    ],
  });
  const imported = importRules(indexOrg(org), ROLE_OF_GROUP, TENANT_OF_GROUP, new TeamNames());
  assert.deepEqual(imported.teams, [
    { name: "payments", rule: '(user.department == "Payments") AND String.toLowerCase(user.login) != "svc-payments"', except: ["pam@acme.example"], access: [DEV01] },
  ]);
  assert.deepEqual(imported.account.created, [
    { what: 'team payments: Okta group duplo-team-payments, filled by the expression of rule "Payments", except pam@acme.example as the rule excludes them' },
  ]);
  assert.deepEqual(imported.account.outside, [
    {
      what: 'people excluded from rule "Payments" (0pr00000000payments1) that no user listing returned: 00u0000000000gone001',
      note: "not carried into the file (Okta lists every user, deactivated ones included, so they no longer exist)",
    },
    { what: 'Okta group rule "Payments" (0pr00000000payments1)', note: NOW_EXPRESSED },
  ]);
});

test("a member the rule matches but excludes is there by hand: the import names them", () => {
  const pam = person("pam@acme.example", "Payments");
  const org = orgOf({
    users: [pam],
    groups: [group("00g0000000000dev01rw", "duploservices-dev01", ["pam@acme.example"])],
    rules: [{ ...rule("0pr00000000payments1", "Payments", 'user.department == "Payments"', ["00g0000000000dev01rw"]), excludedUserIds: [pam.id] }],
  });
  const index = indexOrg(org);
  assert.equal(index.sourceOf("pam@acme.example", index.group("00g0000000000dev01rw")!), "explicit");
  const without = indexOrg({ ...org, rules: [rule("0pr00000000payments1", "Payments", 'user.department == "Payments"', ["00g0000000000dev01rw"])] });
  assert.equal(without.sourceOf("pam@acme.example", without.group("00g0000000000dev01rw")!), "rule");
});
