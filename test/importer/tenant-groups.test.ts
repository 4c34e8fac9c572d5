import { test } from "node:test";
import assert from "node:assert/strict";
import { indexOrg } from "../../src/importer/org-index";
import { TeamNames } from "../../src/importer/team-names";
import { adoptTenantGroups, findTenantGroups } from "../../src/importer/tenant-groups";
import type { TenantGrantInput } from "../../src/importer/types";
import { DEACTIVATED, group, orgOf, person, rule } from "./org-fixtures";

const DEFAULT_PREFIXES = { tenantReadWritePrefix: "duploservices-", tenantReadOnlyPrefix: "duplo-ro-" };
const pam = person("pam@acme.example", "Payments");
const dee = person("dee@acme.example", "QA");
const olaf = person("olaf@acme.example", "Platform", "DEPROVISIONED");

test("tenant groups: a group for each tenant and level the prefixes name, whatever its case; nothing for other tenants or prefixes", () => {
  const index = indexOrg(
    orgOf({
      groups: [
        group("00g0000000000dev01rw", "DuploServices-dev01"),
        group("00g0000000000dev01ro", "duplo-ro-dev01"),
        group("00g00000000000qa01rw", "svc-qa01"),
        group("00g0000000000prod1rw", "duploservices-prod"),
      ],
    }),
  );
  assert.deepEqual(
    [...findTenantGroups(index, ["dev01", "qa01"], DEFAULT_PREFIXES)],
    [
      ["00g0000000000dev01rw", { tenant: "dev01", level: "read-write" }],
      ["00g0000000000dev01ro", { tenant: "dev01", level: "read-only" }],
    ],
  );
  assert.deepEqual(
    [...findTenantGroups(index, ["dev01", "qa01"], { tenantReadWritePrefix: "svc-", tenantReadOnlyPrefix: "ro-" })],
    [["00g00000000000qa01rw", { tenant: "qa01", level: "read-write" }]],
  );
});

test("tenant groups: members added by hand become a team of their own, named after tenant and level; the group is adopted and what stays is listed", () => {
  const org = orgOf({
    users: [pam, dee, olaf],
    groups: [
      group("00g0000000000dev01rw", "duploservices-dev01", ["pam@acme.example", "dee@acme.example", "olaf@acme.example"], {
        owners: ["dee@acme.example", "olaf@acme.example", "pam@acme.example"],
        adminRoles: ["USER_ADMIN", "REPORT_ADMIN"],
        description: "Made by DuploCloud support",
      }),
    ],
  });
  const teamNames = new TeamNames();
  teamNames.take("dev01-rw-members");
  const adoption = adoptTenantGroups(indexOrg(org), new Map([["00g0000000000dev01rw", { tenant: "dev01", level: "read-write" }]]), [], teamNames);
  assert.deepEqual(adoption.teams, [{ name: "dev01-rw-members-2", members: ["pam@acme.example", "dee@acme.example"], access: [{ tenant: "dev01", level: "read-write" }] }]);
  assert.deepEqual(adoption.imports, [{ tenant: "dev01", level: "read-write", importId: "00g0000000000dev01rw", description: "Made by DuploCloud support" }]);
  assert.deepEqual(adoption.account, {
    adopted: [{ what: "Okta group duploservices-dev01 (tenant dev01 read-write)", note: "3 members" }],
    created: [{ what: "team dev01-rw-members-2: Okta group duplo-team-dev01-rw-members-2, with the 2 people added to duploservices-dev01 by hand" }],
    outside: [
      { what: "olaf@acme.example, member of duploservices-dev01", note: DEACTIVATED },
      { what: "olaf@acme.example, owner of duploservices-dev01", note: DEACTIVATED },
      {
        what: "owners of duploservices-dev01",
        note: "dee@acme.example, pam@acme.example stay owners; the stack sets Okta owners only on team and role groups, and only with oktaGroupOwners on",
      },
      { what: "Okta admin roles of duploservices-dev01", note: "USER_ADMIN, REPORT_ADMIN stay; give them to a team in the file to manage them" },
    ],
    todo: [
      "duploservices-dev01: 2 members added by hand are now team dev01-rw-members-2 too; after the first pulumi up, remove them from the group by hand if you want the team to be the only path.",
    ],
  });
});

test("tenant groups filled by a rule: members it explains are the rule team's; one by hand is told to leave once the stack's rule fills the group; an undecided one is a to-do", () => {
  const rita = person("rita@acme.example", "payments");
  const org = orgOf({
    users: [pam, dee, rita],
    groups: [group("00g0000000000qa01ro1", "duplo-ro-qa01", ["pam@acme.example", "dee@acme.example", "rita@acme.example"])],
    rules: [rule("0pr00000000payments1", "Payments", 'user.department == "Payments"', ["00g0000000000qa01ro1"])],
  });
  const qa01 = { tenant: "qa01", level: "read-only" } as const;
  const adoption = adoptTenantGroups(
    indexOrg(org),
    new Map([["00g0000000000qa01ro1", qa01]]),
    [{ name: "payments", rule: 'user.department == "Payments"', access: [qa01] }],
    new TeamNames(),
  );
  assert.deepEqual(adoption.teams, [{ name: "qa01-ro-members", members: ["dee@acme.example", "rita@acme.example"], access: [qa01] }]);
  assert.deepEqual(adoption.account.todo, [
    "rita@acme.example is in duplo-ro-qa01, and the rule filling it cannot be evaluated for them: check whether the team that lists them should.",
    "duplo-ro-qa01: 2 members added by hand are now team qa01-ro-members too; once the stack's rule has filled the group, remove them from the group by hand if you want the team to be the only path.",
  ]);
});

test("a tenant group nobody who can sign in is in and no rule fills is left as it is; one a rule team grants is adopted with no team of its own", () => {
  const org = orgOf({
    users: [olaf, pam],
    groups: [group("00g00000000legacyro1", "duplo-ro-legacy", ["olaf@acme.example"]), group("00g0000000000dev01rw", "duploservices-dev01", ["pam@acme.example"])],
    rules: [rule("0pr00000000payments1", "Payments", 'user.department == "Payments"', ["00g0000000000dev01rw"])],
  });
  const dev01 = { tenant: "dev01", level: "read-write" } as const;
  const adoption = adoptTenantGroups(
    indexOrg(org),
    new Map<string, TenantGrantInput>([
      ["00g00000000legacyro1", { tenant: "legacy", level: "read-only" }],
      ["00g0000000000dev01rw", dev01],
    ]),
    // A team for the same tenant at the other level does not grant the legacy group.
    [
      // Granting the group among others is enough; a grant of another tenant at the group's level is not.
      { name: "payments", rule: 'user.department == "Payments"', access: [{ tenant: "qa01", level: "read-only" }, dev01] },
      { name: "legacy-rw", rule: 'user.department == "Payments"', access: [{ tenant: "legacy", level: "read-write" }] },
    ],
    new TeamNames(),
  );
  assert.deepEqual([adoption.teams, adoption.imports], [[], [{ tenant: "dev01", level: "read-write", importId: "00g0000000000dev01rw", description: "" }]]);
  assert.deepEqual(adoption.account, {
    adopted: [{ what: "Okta group duploservices-dev01 (tenant dev01 read-write)", note: "1 member" }],
    created: [],
    outside: [
      { what: "olaf@acme.example, member of duplo-ro-legacy", note: DEACTIVATED },
      {
        what: "Okta group duplo-ro-legacy (00g00000000legacyro1)",
        note: "nobody who can sign in is in it and no rule fills it; the stack makes no read-only group for legacy, so it stays as it is (delete it in Okta if unused)",
      },
    ],
    todo: [],
  });
});

test("one member added by hand: the count and the verb agree", () => {
  const org = orgOf({ users: [dee], groups: [group("00g0000000000dev01rw", "duploservices-dev01", ["dee@acme.example"])] });
  const adoption = adoptTenantGroups(indexOrg(org), new Map([["00g0000000000dev01rw", { tenant: "dev01", level: "read-write" }]]), [], new TeamNames());
  assert.deepEqual(
    [adoption.account.created, adoption.account.todo],
    [
      [{ what: "team dev01-rw-members: Okta group duplo-team-dev01-rw-members, with the 1 person added to duploservices-dev01 by hand" }],
      [
        "duploservices-dev01: 1 member added by hand is now team dev01-rw-members too; after the first pulumi up, remove them from the group by hand if you want the team to be the only path.",
      ],
    ],
  );
});
