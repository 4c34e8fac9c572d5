import { test } from "node:test";
import assert from "node:assert/strict";
import { diffAccess, compareChanges, type AccessChange } from "../../src/review/diff";
import { renderDiffMarkdown } from "../../src/review/diff-render";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

/*
 * The whole access diff of one edit, field for field: direction, criticality, subject, summary,
 * old and new values and owners, and the approvers. Written to fail when any of them is lost
 * (these are the behaviours a mutation run showed no test held).
 */

const BASE = VALID_ACCESS_FILE.replace("  - name: payments\n", "  - name: payments\n    owners: [lead@acme.example]\n").replace(
  "  - name: oncall\n",
  "  - name: oncall\n    owners: [oncall-lead@acme.example]\n",
);
const diff = (head: string, base = BASE) => diffAccess(modelOf(base), modelOf(head));
const change = (fields: Partial<AccessChange> & Pick<AccessChange, "direction" | "kind" | "subject" | "summary">): AccessChange => ({ critical: false, owners: [], ...fields });

const withDuploUsers = (users: string) => BASE.replace("  tenants: [dev01, qa01]\n", `  tenants: [dev01, qa01]\n  users:\n${users}`);
const BREAKGLASS = `    - username: breakglass@acme.example
      roles: [User]
      reason: Break-glass user for Okta outages.
      readOnly: true
      tenants:
        - { tenant: dev01, level: read-only }
`;

test("diff (exact): a DuploCloud user losing its read-only flag widens; regaining it narrows", () => {
  const before = withDuploUsers(BREAKGLASS);
  const after = withDuploUsers(BREAKGLASS.replace("      readOnly: true\n", "      readOnly: false\n"));
  const subject = "DuploCloud user breakglass@acme.example";
  assert.deepEqual(diff(after, before), {
    changes: [change({ kind: "duplocloud-readonly", direction: "widens", critical: true, subject, summary: "read-only: true becomes false", before: "true", after: "false" })],
    approvers: [],
  });
  assert.deepEqual(diff(before, after), {
    changes: [change({ kind: "duplocloud-readonly", direction: "narrows", critical: true, subject, summary: "read-only: false becomes true", before: "false", after: "true" })],
    approvers: [],
  });
});

test("diff (exact): taking over a portal user (adopt: true) is a critical widening; a new entry without it shows its roles (up refuses it if the portal has the user)", () => {
  const subject = "DuploCloud user breakglass@acme.example";
  const plain = BREAKGLASS;
  const adopted = plain.replace("      readOnly: true\n", "      readOnly: true\n      adopt: true\n");
  assert.deepEqual(diff(withDuploUsers(adopted)), {
    changes: [
      change({
        kind: "adoption",
        direction: "widens",
        critical: true,
        subject,
        summary:
          "adopts the existing DuploCloud user breakglass@acme.example: the stack takes over the portal user of that name (its roles and read-only flag become the entry's), and leaves it in the portal when the entry goes",
        after: "breakglass@acme.example",
      }),
      change({ kind: "duplocloud-role", direction: "widens", subject, summary: "gains DuploCloud role User" }),
      change({ kind: "tenant", direction: "widens", subject, summary: "gains tenant dev01: read-only" }),
      change({ kind: "duplocloud-readonly", direction: "changes", critical: true, subject, summary: "read-only flag set", after: "true" }),
    ],
    approvers: [],
  });
  assert.deepEqual(diff(withDuploUsers(adopted), withDuploUsers(plain)).changes, [
    change({
      kind: "adoption",
      direction: "widens",
      critical: true,
      subject,
      summary:
        "adopts the existing DuploCloud user breakglass@acme.example: the stack takes over the portal user of that name (its roles and read-only flag become the entry's), and leaves it in the portal when the entry goes",
      after: "breakglass@acme.example",
    }),
  ]);
});

test("diff (exact): DuploCloud users' roles and tenant grants are access; Administrator is critical", () => {
  const before = withDuploUsers(BREAKGLASS);
  const after = withDuploUsers(
    BREAKGLASS.replace("        - { tenant: dev01, level: read-only }\n", "        - { tenant: dev01, level: read-write }\n        - { tenant: qa01, level: read-only }\n"),
  );
  const subject = "DuploCloud user breakglass@acme.example";
  assert.deepEqual(diff(after, before).changes, [
    change({ kind: "tenant", direction: "widens", subject, summary: "gains tenant qa01: read-only" }),
    change({ kind: "tenant", direction: "widens", subject, summary: "tenant dev01: read-only becomes read-write", before: "read-only", after: "read-write" }),
  ]);
  assert.deepEqual(diff(before, after).changes, [
    change({ kind: "tenant", direction: "narrows", subject, summary: "loses tenant qa01: read-only" }),
    change({ kind: "tenant", direction: "narrows", subject, summary: "tenant dev01: read-write becomes read-only", before: "read-write", after: "read-only" }),
  ]);
  const noTenants = BREAKGLASS.replace("      tenants:\n        - { tenant: dev01, level: read-only }\n", "");
  const admin = withDuploUsers(noTenants.replace("roles: [User]", "roles: [User, Administrator]"));
  assert.deepEqual(diff(admin, withDuploUsers(noTenants)).changes, [
    change({ kind: "duplocloud-role", direction: "widens", critical: true, subject, summary: "gains DuploCloud role Administrator" }),
  ]);
  assert.deepEqual(diff(withDuploUsers(noTenants), admin).changes, [
    change({ kind: "duplocloud-role", direction: "narrows", critical: true, subject, summary: "loses DuploCloud role Administrator" }),
  ]);
  const securityAdmin = withDuploUsers(BREAKGLASS.replace("roles: [User]", "roles: [User, SecurityAdmin]"));
  assert.deepEqual(diff(securityAdmin, before).changes, [
    change({ kind: "duplocloud-role", direction: "widens", critical: true, subject, summary: "gains DuploCloud role SecurityAdmin" }),
  ]);
  assert.deepEqual(diff(withDuploUsers(BREAKGLASS.replace("roles: [User]", "roles: [User, SignupUser]")), before).changes, [
    change({ kind: "duplocloud-role", direction: "widens", subject, summary: "gains DuploCloud role SignupUser" }),
  ]);
});

// ada is in both teams below; the person's level on qa01 is the widest of the two, whatever the order.
const TWO_PATHS = (first: string, second: string) => BASE.replace("  - name: payments\n", `${first}${second}  - name: payments\n`);
const RW_TEAM = "  - name: alpha\n    owners: [alpha@acme.example]\n    members: [ada@acme.example]\n    access:\n      - { tenant: qa01, level: read-write }\n";
const RO_TEAM = "  - name: beta\n    owners: [beta@acme.example]\n    members: [ada@acme.example]\n    access:\n      - { tenant: qa01, level: read-only }\n";

for (const [label, base] of [
  ["read-write team first", TWO_PATHS(RW_TEAM, RO_TEAM)],
  ["read-only team first", TWO_PATHS(RO_TEAM, RW_TEAM)],
] as const) {
  test(`diff (exact): a person keeps the widest level of several paths (${label})`, () => {
    const head = base.replace("      - { tenant: qa01, level: read-write }\n", "      - { tenant: qa01, level: read-only }\n");
    assert.deepEqual(diff(head, base), {
      changes: [
        change({
          kind: "tenant",
          direction: "narrows",
          subject: "ada@acme.example",
          summary: "tenant qa01: read-write becomes read-only",
          before: "read-write",
          after: "read-only",
        }),
        change({
          kind: "tenant",
          direction: "narrows",
          subject: "team alpha",
          summary: "tenant qa01: read-write becomes read-only",
          before: "read-write",
          after: "read-only",
          owners: ["alpha@acme.example"],
        }),
      ],
      approvers: ["alpha@acme.example"],
    });
    // The read-only path changing does not change the person: the read-write path still holds.
    const other = base.replace("      - { tenant: qa01, level: read-only }\n", "      - { tenant: qa01, level: read-write }\n");
    assert.deepEqual(diff(other, base).changes, [
      change({
        kind: "tenant",
        direction: "widens",
        subject: "team beta",
        summary: "tenant qa01: read-only becomes read-write",
        before: "read-only",
        after: "read-write",
        owners: ["beta@acme.example"],
      }),
    ]);
  });
}

const SERVICE_APP = `apiAccess:
  serviceApps:
    - name: sync
      label: Sync
      scopes: [okta.users.read]
      adminRole: READ_ONLY_ADMIN
      publicKey:
        jwksUri: https://acme.example/jwks.json
  apiTokens:
    - name: dev-sync
      id: 00T1abcdEFGH2345ijk7
      userId: 00u1abcdEFGH2345ijk7
      network: { connection: ZONE, includes: [nzo1abcdEFGH2345ijk7] }
`;

test("diff (exact): a service app's admin role is critical and ranked like a group's; a token's network is always shown, a zone to anywhere widens, critically", () => {
  const before = `${BASE}${SERVICE_APP}`;
  const after = `${BASE}${SERVICE_APP.replace("adminRole: READ_ONLY_ADMIN", "adminRole: USER_ADMIN").replace("network: { connection: ZONE, includes: [nzo1abcdEFGH2345ijk7] }", "network: { connection: ANYWHERE }")}`;
  const zone = '{"connection":"ZONE","includes":["nzo1abcdEFGH2345ijk7"],"excludes":[]}';
  const anywhere = '{"connection":"ANYWHERE","includes":[],"excludes":[]}';
  const zoneWords = "ZONE (from nzo1abcdEFGH2345ijk7)";
  const tokenChange = (direction: AccessChange["direction"], from: string, to: string, summary: string) =>
    change({ kind: "token-network", direction, critical: true, subject: "API token dev-sync", summary, before: from, after: to });
  const role = (direction: AccessChange["direction"], from: string, to: string) =>
    change({
      kind: "service-app-role",
      direction,
      critical: true,
      subject: "service app sync",
      summary: `admin role: ${from} becomes ${to}, over the whole org (no targets)`,
      before: from,
      after: to,
    });
  assert.deepEqual(diff(after, before), {
    changes: [tokenChange("widens", zone, anywhere, `network restriction: ${zoneWords} becomes ANYWHERE (any network)`), role("widens", "READ_ONLY_ADMIN", "USER_ADMIN")],
    approvers: [],
  });
  assert.deepEqual(diff(before, after), {
    changes: [tokenChange("narrows", anywhere, zone, `network restriction: ANYWHERE (any network) becomes ${zoneWords}`), role("narrows", "USER_ADMIN", "READ_ONLY_ADMIN")],
    approvers: [],
  });
  // Between two roles that only view, nothing is gained or lost; between two that change things, each can do what the other cannot.
  const withRole = (adminRole: string) => `${BASE}${SERVICE_APP.replace("adminRole: READ_ONLY_ADMIN", `adminRole: ${adminRole}`)}`;
  assert.deepEqual(diff(withRole("REPORT_ADMIN"), before).changes, [role("changes", "READ_ONLY_ADMIN", "REPORT_ADMIN")]);
  assert.deepEqual(diff(withRole("HELP_DESK_ADMIN"), withRole("GROUP_MEMBERSHIP_ADMIN")).changes, [role("widens", "GROUP_MEMBERSHIP_ADMIN", "HELP_DESK_ADMIN")]);
  assert.deepEqual(diff(withRole("REPORT_ADMIN"), withRole("APP_ADMIN")).changes, [role("narrows", "APP_ADMIN", "REPORT_ADMIN")]);
  // Another zone lets the token in from a network it was not used from: wider.
  const otherZone = `${BASE}${SERVICE_APP.replace("includes: [nzo1abcdEFGH2345ijk7]", "includes: [nzo1abcdEFGH2345ijk8]")}`;
  assert.deepEqual(diff(otherZone, before).changes, [
    tokenChange("widens", zone, zone.replace("ijk7", "ijk8"), `network restriction: ${zoneWords} becomes ZONE (from nzo1abcdEFGH2345ijk8)`),
  ]);
  assert.deepEqual(
    diff(`${BASE}${SERVICE_APP}`, BASE).changes.filter((c) => c.subject === "API token dev-sync"),
    [change({ kind: "token-network", direction: "changes", critical: true, subject: "API token dev-sync", summary: `network restriction set: ${zoneWords}`, after: zone })],
  );
  assert.deepEqual(
    diff(BASE, `${BASE}${SERVICE_APP}`).changes.filter((c) => c.subject === "API token dev-sync"),
    [
      change({
        kind: "token-network",
        direction: "changes",
        critical: true,
        subject: "API token dev-sync",
        summary: `network restriction no longer managed (was ${zoneWords})`,
        before: zone,
      }),
    ],
  );
});

test("diff (exact): a new rule shows its expression, a removed one too; owners approve", () => {
  const head = BASE.replace(
    "    members: [ada@acme.example]\n    access:\n      - tenant: qa01",
    '    members: [ada@acme.example]\n    rule: user.department == "SRE"\n    access:\n      - tenant: qa01',
  );
  const gained = change({
    kind: "rule",
    direction: "widens",
    subject: "team oncall",
    summary: "is now also filled by a rule",
    after: 'user.department == "SRE"',
    owners: ["oncall-lead@acme.example"],
  });
  assert.deepEqual(diff(head), { changes: [gained], approvers: ["oncall-lead@acme.example"] });
  assert.deepEqual(diff(BASE, head), {
    changes: [
      change({
        kind: "rule",
        direction: "narrows",
        subject: "team oncall",
        summary: "is no longer filled by a rule",
        before: 'user.department == "SRE"',
        owners: ["oncall-lead@acme.example"],
      }),
    ],
    approvers: ["oncall-lead@acme.example"],
  });
});

test("diff (exact): re-authentication period and MFA are facts of the app, approved by the administrators' owners", () => {
  const base = BASE.replace("    members: [ada@acme.example, grace@acme.example]\n", "    members: [ada@acme.example, grace@acme.example]\n    owners: [ciso@acme.example]\n");
  const head = base.replace("roles:\n", "okta:\n  app:\n    signOn:\n      reauthenticateEvery: PT1H\nroles:\n");
  const result = diff(head, base);
  assert.deepEqual(result.approvers, ["ciso@acme.example"]);
  const period = (from: string, to: string, direction: AccessChange["direction"]) =>
    change({
      kind: "reauthentication",
      direction,
      critical: true,
      subject: "the DuploCloud app",
      summary: `re-authentication period: ${from} becomes ${to}`,
      before: from,
      after: to,
      owners: ["ciso@acme.example"],
    });
  assert.deepEqual(result.changes, [period("PT12H", "PT1H", "narrows")]);
  // Stretched from hours to years: a widening, compared by length and not by the text.
  const years = base.replace("roles:\n", "okta:\n  app:\n    signOn:\n      reauthenticateEvery: PT24000H\nroles:\n");
  assert.deepEqual(diff(years, base).changes, [period("PT12H", "PT24000H", "widens")]);
  const mixed = base.replace("roles:\n", "okta:\n  app:\n    signOn:\n      reauthenticateEvery: PT26H30M\nroles:\n");
  const justOver = base.replace("roles:\n", "okta:\n  app:\n    signOn:\n      reauthenticateEvery: PT26H31M\nroles:\n");
  assert.deepEqual(diff(justOver, mixed).changes, [period("PT26H30M", "PT26H31M", "widens")]);
  assert.deepEqual(diff(mixed, justOver).changes, [period("PT26H31M", "PT26H30M", "narrows")]);
  // "PT3H" sorts after "PT26H30M" as text, but is the shorter period.
  const three = base.replace("roles:\n", "okta:\n  app:\n    signOn:\n      reauthenticateEvery: PT3H\nroles:\n");
  assert.deepEqual(diff(three, mixed).changes, [period("PT26H30M", "PT3H", "narrows")]);
});

test("compareChanges: widenings first, then changes, then narrowings; critical first within each; then by subject and summary", () => {
  const c = (direction: AccessChange["direction"], critical: boolean, subject: string, summary = "s") => change({ kind: "tenant", direction, critical, subject, summary });
  const sorted = [
    c("narrows", false, "a"),
    c("changes", false, "a"),
    c("widens", false, "b"),
    c("widens", true, "z"),
    c("widens", false, "a", "t"),
    c("widens", false, "a", "s"),
  ].sort(compareChanges);
  assert.deepEqual(
    sorted.map((x) => `${x.direction}${x.critical ? "!" : ""} ${x.subject} ${x.summary}`),
    ["widens! z s", "widens a s", "widens a t", "widens b s", "changes a s", "narrows a s"],
  );
});

test("diff (exact): MFA made stronger narrows, made weaker widens; both critical, approved by the administrators' owners", () => {
  const base = BASE.replace("    members: [ada@acme.example, grace@acme.example]\n", "    members: [ada@acme.example, grace@acme.example]\n    owners: [ciso@acme.example]\n");
  const mfa = (mode: string) => base.replace("roles:\n", `okta:\n  app:\n    signOn:\n      mfa: ${mode}\n      reauthenticateEvery: PT12H\nroles:\n`);
  const subject = "the DuploCloud app";
  const owners = ["ciso@acme.example"];
  const step = (from: string, to: string, direction: AccessChange["direction"]) =>
    assert.deepEqual(diff(mfa(to), mfa(from)), {
      changes: [change({ kind: "mfa", direction, critical: true, subject, summary: `MFA at sign-in: ${from} becomes ${to}`, before: from, after: to, owners })],
      approvers: owners,
    });
  step("required", "phishing-resistant", "narrows");
  step("phishing-resistant", "required", "widens");
  step("not-required", "required", "narrows");
  step("required", "not-required", "widens");
  step("phishing-resistant", "not-required", "widens");
});

test("diff (exact): setting a token to be revoked is critical, and so is taking that back", () => {
  const before = `${BASE}${SERVICE_APP}`;
  const after = before.replace(
    "      network: { connection: ZONE, includes: [nzo1abcdEFGH2345ijk7] }\n",
    "      network: { connection: ZONE, includes: [nzo1abcdEFGH2345ijk7] }\n      revoke: true\n",
  );
  const subject = "API token dev-sync";
  assert.deepEqual(diff(after, before).changes, [
    change({ kind: "token-revoke", direction: "narrows", critical: true, subject, summary: "will be revoked in Okta once its entry is removed (revoke: true)" }),
  ]);
  assert.deepEqual(diff(before, after).changes, [
    change({ kind: "token-revoke", direction: "changes", critical: true, subject, summary: "will no longer be revoked when its entry is removed" }),
  ]);
});

test("diff Markdown: a narrowing says that Okta accounts are never touched, a pure widening does not", () => {
  const context = { stack: "dev", baseRef: "main", basePath: "a.yaml", headPath: "a.yaml" };
  const note = "Access taken away here is taken from the groups only: nobody's Okta account is suspended, deprovisioned or changed.";
  const removed = BASE.replace("    members: [ada@acme.example]\n    access:\n      - tenant: qa01", "    members: [grace@acme.example]\n    access:\n      - tenant: qa01");
  assert.equal(
    renderDiffMarkdown({ kind: "compared", context, diff: diff(removed) })
      .trimEnd()
      .endsWith(note),
    true,
  );
  const added = BASE.replace(
    "    members: [ada@acme.example]\n    access:\n      - tenant: qa01",
    "    members: [ada@acme.example, grace@acme.example]\n    access:\n      - tenant: qa01",
  );
  assert.equal(renderDiffMarkdown({ kind: "compared", context, diff: diff(added) }).includes(note), false);
});

test("diff (exact): a new Okta group owner is access, critical on the administrators group; the base version's owners approve it", () => {
  const withOwners = (admins: string, team: string) =>
    BASE.replace("    members: [ada@acme.example, grace@acme.example]\n", `    members: [ada@acme.example, grace@acme.example]\n    owners: [${admins}]\n`).replace(
      "    owners: [lead@acme.example]\n",
      `    owners: [${team}]\n`,
    );
  const before = withOwners("ciso@acme.example", "lead@acme.example");
  const after = withOwners("ciso@acme.example, mallory@acme.example", "lead@acme.example, deputy@acme.example");
  assert.deepEqual(diff(after, before), {
    changes: [
      change({
        kind: "owner",
        direction: "widens",
        critical: true,
        subject: "platform role administrators",
        summary: "gains Okta group owner mallory@acme.example",
        owners: ["ciso@acme.example"],
      }),
      change({ kind: "owner", direction: "widens", subject: "team payments", summary: "gains Okta group owner deputy@acme.example", owners: ["lead@acme.example"] }),
    ],
    // Nobody approves their own promotion.
    approvers: ["ciso@acme.example", "lead@acme.example"],
  });
});

test("diff (exact): a new team's owners never approve its creation or first grants; the base's administrators' owners do", () => {
  const withTeam = (base: string) =>
    base.replace(
      "users:\n",
      "  - name: infra\n    owners: [infra-lead@acme.example]\n    members: [grace@acme.example]\n    access:\n      - tenant: dev01\n        level: read-only\nusers:\n",
    );
  const withAdminOwners = BASE.replace(
    "    members: [ada@acme.example, grace@acme.example]\n",
    "    members: [ada@acme.example, grace@acme.example]\n    owners: [ciso@acme.example]\n",
  );
  const owners = ["ciso@acme.example"];
  assert.deepEqual(diff(withTeam(withAdminOwners), withAdminOwners), {
    changes: [
      change({ kind: "tenant", direction: "widens", subject: "grace@acme.example", summary: "gains tenant dev01: read-only", owners }),
      change({ kind: "owner", direction: "widens", subject: "team infra", summary: "gains Okta group owner infra-lead@acme.example", owners }),
      change({ kind: "member", direction: "widens", subject: "team infra", summary: "gains member grace@acme.example", owners }),
      change({ kind: "tenant", direction: "widens", subject: "team infra", summary: "gains tenant dev01: read-only", owners }),
    ],
    approvers: owners,
  });
  // Administrators without owners in the base: nobody the pull request names approves; the rendering asks a platform administrator.
  const unowned = diff(withTeam(BASE));
  assert.deepEqual(
    unowned.changes.map((c) => [c.subject, c.owners]),
    [
      ["grace@acme.example", []],
      ["team infra", []],
      ["team infra", []],
      ["team infra", []],
    ],
  );
  assert.deepEqual(unowned.approvers, []);
  // The administrators' owners the pull request adds along with the team do not approve either.
  assert.deepEqual(diff(withTeam(withAdminOwners)).approvers, []);
});

test("diff (exact): a person's platform role is critical only for the critical roles; an Okta admin role always is", () => {
  const signup = BASE.replace("teams:\n", "  signupUsers:\n    members: [grace@acme.example]\nteams:\n");
  assert.deepEqual(diff(signup).changes, [
    change({ kind: "platform-role", direction: "widens", subject: "grace@acme.example", summary: "gains DuploCloud SignupUser" }),
    change({ kind: "member", direction: "widens", subject: "platform role signupUsers", summary: "gains member grace@acme.example" }),
  ]);
  const adminRole = BASE + "oktaAdminRoles:\n  - role: READ_ONLY_ADMIN\n    team: oncall\n";
  assert.deepEqual(diff(adminRole), {
    changes: [
      change({ kind: "okta-admin-role", direction: "widens", critical: true, subject: "ada@acme.example", summary: "gains Okta admin role READ_ONLY_ADMIN" }),
      change({
        kind: "okta-admin-role",
        direction: "widens",
        critical: true,
        subject: "team oncall",
        summary: "gains Okta admin role READ_ONLY_ADMIN",
        owners: ["oncall-lead@acme.example"],
      }),
    ],
    approvers: ["oncall-lead@acme.example"],
  });
});

test("diff (exact): an adopted account's status is critical only while it holds a critical role (here an Okta admin role)", () => {
  const linus = (status: string, adminRole: boolean) =>
    BASE.replace("    members: [ada@acme.example]\n", "    members: [ada@acme.example, linus@acme.example]\n") +
    `  - email: linus@acme.example\n    firstName: Linus\n    lastName: T\n    importId: 00u1abcdEFGH2345ijk7\n    status: ${status}\n` +
    (adminRole ? "oktaAdminRoles:\n  - role: READ_ONLY_ADMIN\n    team: oncall\n" : "");
  const reactivated = (critical: boolean) =>
    change({
      kind: "account-status",
      direction: "widens",
      critical,
      subject: "linus@acme.example",
      summary: "account status: SUSPENDED becomes ACTIVE",
      before: "SUSPENDED",
      after: "ACTIVE",
    });
  assert.deepEqual(diff(linus("ACTIVE", false), linus("SUSPENDED", false)).changes, [reactivated(false)]);
  assert.deepEqual(diff(linus("ACTIVE", true), linus("SUSPENDED", true)).changes, [reactivated(true)]);
});
