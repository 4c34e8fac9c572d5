import { test } from "node:test";
import assert from "node:assert/strict";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";
import { isSecret, resourceNamed, resourcesOfType, runProgram, valueOf } from "../support/mock-program";
import { SECRET_SHOWN_AS } from "../../src/config/secret-placeholder";

const FILE_WITH_EVERYTHING =
  VALID_ACCESS_FILE.replace("  - email: grace@acme.example", "  - email: grace@acme.example\n    status: ACTIVE\n    department: Platform") +
  `oktaAdminRoles:
  - { role: READ_ONLY_ADMIN, team: oncall }
  - { role: HELP_DESK_ADMIN, team: oncall, targets: { teams: [payments] } }
apiAccess:
  serviceApps:
    - name: sync
      scopes: [okta.users.read, okta.groups.read]
      adminRole: READ_ONLY_ADMIN
      publicKey:
        jwk: { kty: RSA, kid: key-1, e: AQAB, n: abc }
  apiTokens:
    - name: legacy-sync
      id: 00T1abcdEFGH2345ijk7
      userId: 00u1abcdEFGH2345ijk7
      network: { connection: ZONE, includes: [nzo1abcdEFGH2345ijk7] }
`;

test("program: the OIDC app signs people in at the portal's Okta callback, behind an MFA policy", async () => {
  const run = await runProgram(modelOf(FILE_WITH_EVERYTHING));
  const app = resourceNamed(run, "duplocloud-app");
  assert.equal(app.type, "okta:app/oAuth:OAuth");
  assert.equal(app.inputs.type, "web");
  assert.deepEqual(app.inputs.redirectUris, ["https://acme.duplocloud.net/app/signin-okta"]);
  assert.deepEqual(app.inputs.grantTypes, ["authorization_code"]);
  assert.equal(app.inputs.authenticationPolicy, "duplocloud-sign-on-id");
  const rule = resourceNamed(run, "duplocloud-sign-on-rule");
  assert.deepEqual(rule.inputs, {
    access: "ALLOW",
    // Two factors, the second a device-bound possession factor: never SMS, voice or email.
    constraints: ['{"possession":{"required":true,"deviceBound":"REQUIRED"}}'],
    factorMode: "2FA",
    name: "Require MFA",
    policyId: "duplocloud-sign-on-id",
    priority: 1,
    reAuthenticationFrequency: "PT12H",
  });
  const policy = resourceNamed(run, "duplocloud-sign-on");
  assert.equal(policy.inputs.catchAll, false, "the catch-all rule denies");
  assert.equal(policy.inputs.name, "DuploCloud dev sign-on");
  assert.equal(run.options.get("duplocloud-app")?.protect, true);
  assert.equal(run.options.get("duplocloud-sign-on")?.protect, true);
});

test("program: phishing-resistant MFA on request", async () => {
  const run = await runProgram(modelOf(VALID_ACCESS_FILE.replace("roles:", "okta:\n  app:\n    signOn: { mfa: phishing-resistant }\nroles:")));
  const rule = resourceNamed(run, "duplocloud-sign-on-rule");
  assert.deepEqual(
    [rule.inputs.name, rule.inputs.factorMode, rule.inputs.constraints],
    ["Require phishing-resistant MFA", "2FA", ['{"possession":{"required":true,"deviceBound":"REQUIRED","phishingResistant":"REQUIRED"}}']],
  );
});

test("program: MFA can be turned off explicitly, and the re-authentication period follows the file", async () => {
  const text = VALID_ACCESS_FILE.replace("roles:", "okta:\n  app:\n    signOn: { mfa: not-required, reauthenticateEvery: PT1H }\nroles:");
  const run = await runProgram(modelOf(text));
  const rule = resourceNamed(run, "duplocloud-sign-on-rule");
  assert.deepEqual(rule.inputs, { access: "ALLOW", factorMode: "1FA", name: "Password only", policyId: "duplocloud-sign-on-id", priority: 1, reAuthenticationFrequency: "PT1H" });
});

test("program: one group per platform role, per used tenant level and per team, named with the prefixes", async () => {
  const run = await runProgram(modelOf(VALID_ACCESS_FILE));
  const groups = Object.fromEntries(resourcesOfType(run, "okta:group/group:Group").map((g) => [g.name, g.inputs.name]));
  assert.deepEqual(groups, {
    "role-administrators": "duplo-administrators",
    "role-readOnly": "duplo-readonly",
    "role-securityAdmins": "duplo-security-admins",
    "role-signupUsers": "duplo-signup-users",
    "team-oncall": "duplo-team-oncall",
    "team-payments": "duplo-team-payments",
    "tenant-dev01-read-write": "duploservices-dev01",
    "tenant-qa01-read-only": "duplo-ro-qa01",
  });
  assert.equal(run.options.get("role-administrators")?.protect, true);
  assert.equal(run.options.get("team-payments")?.protect, false);
});

test("program: the app is assigned to every group that grants DuploCloud access, and to no team group", async () => {
  const run = await runProgram(modelOf(VALID_ACCESS_FILE));
  const assigned = resourcesOfType(run, "okta:app/groupAssignment:GroupAssignment")
    .map((a) => a.inputs.groupId)
    .sort();
  assert.deepEqual(assigned, [
    "role-administrators-id",
    "role-readOnly-id",
    "role-securityAdmins-id",
    "role-signupUsers-id",
    "tenant-dev01-read-write-id",
    "tenant-qa01-read-only-id",
  ]);
});

test("program: rules have one fixed target, render group IDs, and remove what they added when deleted", async () => {
  const run = await runProgram(modelOf(VALID_ACCESS_FILE));
  const rules = Object.fromEntries(resourcesOfType(run, "okta:group/rule:Rule").map((r) => [r.name, r.inputs]));
  assert.deepEqual(Object.keys(rules).sort(), ["rule-role-readOnly", "rule-team-payments", "rule-tenant-dev01-read-write", "rule-tenant-qa01-read-only"]);
  assert.deepEqual(rules["rule-tenant-qa01-read-only"], {
    expressionType: "urn:okta:expression:1.0",
    expressionValue: 'isMemberOfAnyGroup("team-oncall-id")',
    groupAssignments: ["tenant-qa01-read-only-id"],
    name: "duplo ro qa01",
    removeAssignedUsers: true,
    status: "ACTIVE",
  });
  assert.equal(rules["rule-team-payments"]!.expressionValue, 'user.department == "Payments"');
});

test("program: a split tenant group's rule-<group> removes its people when deleted, its other homes leave them in (Okta does not re-run rule-<group> after a delete)", async () => {
  const teams = Array.from(
    { length: 40 },
    (_, i) =>
      `  - name: team-${String(i).padStart(3, "0")}\n    rule: user.department == "Department with a long name, number ${i}"\n    access: [{ tenant: dev01, level: read-only }]`,
  );
  const run = await runProgram(modelOf(VALID_ACCESS_FILE.replace(/teams:\n[\s\S]*?users:/, `teams:\n${teams.join("\n")}\nusers:`)));
  const removes = resourcesOfType(run, "okta:group/rule:Rule")
    .filter((rule) => rule.name.startsWith("rule-tenant-dev01-read-only"))
    .map((rule) => [rule.name, rule.inputs.removeAssignedUsers]);
  assert.deepEqual(
    removes.sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    [["rule-tenant-dev01-read-only", true], ...Array.from({ length: 15 }, (_, i) => [`rule-tenant-dev01-read-only-home-${(i + 1).toString(16)}`, false])],
  );
});

test("program: a group of explicit members only is filled by memberships that track every user", async () => {
  const run = await runProgram(modelOf(VALID_ACCESS_FILE));
  const memberships = Object.fromEntries(resourcesOfType(run, "okta:index/groupMemberships:GroupMemberships").map((m) => [m.name, m.inputs]));
  assert.deepEqual(memberships, {
    "members-role-administrators": { groupId: "role-administrators-id", trackAllUsers: true, users: ["user-ada@acme.example-id", "user-grace@acme.example-id"] },
    "members-team-oncall": { groupId: "team-oncall-id", trackAllUsers: true, users: ["user-ada@acme.example-id"] },
  });
});

test("program: a group with a rule and explicit members is filled by one rule, never by API memberships as well", async () => {
  const text = VALID_ACCESS_FILE.replace('    rule: user.department == "Payments"', '    rule: user.department == "Payments"\n    members: [grace@acme.example]').replace(
    '    rule: user.department == "Engineering"',
    '    rule: user.department == "Engineering"\n    members: [ada@acme.example]',
  );
  const run = await runProgram(modelOf(text));
  const names = (type: string) => resourcesOfType(run, type).map((r) => r.name);
  assert.deepEqual(names("okta:index/groupMemberships:GroupMemberships"), ["members-role-administrators", "members-team-oncall"]);
  assert.equal(resourceNamed(run, "rule-team-payments").inputs.expressionValue, '(user.department == "Payments") OR String.toLowerCase(user.login) == "grace@acme.example"');
  assert.equal(resourceNamed(run, "rule-role-readOnly").inputs.expressionValue, '(user.department == "Engineering") OR String.toLowerCase(user.login) == "ada@acme.example"');
  // No group is both the target of a rule and filled by memberships.
  const ruleTargets = new Set(resourcesOfType(run, "okta:group/rule:Rule").flatMap((r) => r.inputs.groupAssignments as string[]));
  for (const membership of resourcesOfType(run, "okta:index/groupMemberships:GroupMemberships"))
    assert.equal(ruleTargets.has(membership.inputs.groupId as string), false, membership.name);
});

test("program: managed users carry their lifecycle status and are retained, not deleted, when dropped", async () => {
  const run = await runProgram(modelOf(FILE_WITH_EVERYTHING));
  const grace = resourceNamed(run, "user-grace@acme.example");
  assert.deepEqual(grace.inputs, { department: "Platform", email: "grace@acme.example", firstName: "Grace", lastName: "Hopper", login: "grace@acme.example", status: "ACTIVE" });
  assert.equal(run.options.get("user-grace@acme.example")?.retainOnDelete, true);
});

test("program: Okta admin roles go to groups only, one resource per role, never okta.UserAdminRoles", async () => {
  const run = await runProgram(modelOf(FILE_WITH_EVERYTHING));
  assert.deepEqual(
    resourcesOfType(run, "okta:group/role:Role").map((r) => [r.name, r.inputs]),
    [
      ["admin-role-team-oncall-HELP_DESK_ADMIN", { disableNotifications: false, groupId: "team-oncall-id", roleType: "HELP_DESK_ADMIN", targetGroupLists: ["team-payments-id"] }],
      ["admin-role-team-oncall-READ_ONLY_ADMIN", { disableNotifications: false, groupId: "team-oncall-id", roleType: "READ_ONLY_ADMIN" }],
    ],
  );
  assert.deepEqual(
    run.resources.filter((r) => r.type === "okta:index/userAdminRoles:UserAdminRoles"),
    [],
  );
});

test("program: a service app uses a private key, gets only its scopes and one narrow role; tokens are imported", async () => {
  const run = await runProgram(modelOf(FILE_WITH_EVERYTHING));
  const app = resourceNamed(run, "service-app-sync");
  assert.deepEqual(app.inputs, {
    adminNote: "Read-only API access; managed by Pulumi.",
    grantTypes: ["client_credentials"],
    jwks: [{ e: "AQAB", kid: "key-1", kty: "RSA", n: "abc" }],
    label: "sync",
    omitSecret: true,
    responseTypes: ["token"],
    // Otherwise the provider PUTs a sign-on policy on every update, which Okta refuses for service apps.
    skipAuthenticationPolicy: true,
    tokenEndpointAuthMethod: "private_key_jwt",
    type: "service",
  });
  assert.deepEqual(resourceNamed(run, "service-app-sync-scopes").inputs, {
    appId: "service-app-sync-id",
    issuer: "https://acme-dev.oktapreview.com",
    scopes: ["okta.groups.read", "okta.users.read"],
  });
  const role = resourceNamed(run, "service-app-sync-role");
  assert.equal(role.type, "okta:index/oauth2V1ClientsRoleReadOnlyAdmin:Oauth2V1ClientsRoleReadOnlyAdmin");
  assert.deepEqual(role.inputs, { clientId: "service-app-sync-client-id", type: "READ_ONLY_ADMIN" });
  const token = resourceNamed(run, "api-token-00T1abcdEFGH2345ijk7");
  // No empty zone list is sent: Okta may read it back as absent, and the token would differ on every preview.
  assert.deepEqual(token.inputs.network, { connection: "ZONE", includes: ["nzo1abcdEFGH2345ijk7"] });
  const options = run.options.get("api-token-00T1abcdEFGH2345ijk7");
  assert.deepEqual([options?.import, options?.protect, options?.retainOnDelete], ["00T1abcdEFGH2345ijk7", true, true], "an imported token is never revoked by accident");
});

test("program: an API token usable from anywhere is sent without zone lists; excluded zones are sent sorted", async () => {
  const network = async (line: string) =>
    resourceNamed(
      await runProgram(modelOf(FILE_WITH_EVERYTHING.replace("      network: { connection: ZONE, includes: [nzo1abcdEFGH2345ijk7] }\n", line))),
      "api-token-00T1abcdEFGH2345ijk7",
    ).inputs.network;
  assert.deepEqual(await network(""), { connection: "ANYWHERE" });
  assert.deepEqual(await network("      network: { connection: ANYWHERE, excludes: [nzo1abcdEFGH2345ijk9, nzo1abcdEFGH2345ijk8] }\n"), {
    connection: "ANYWHERE",
    excludes: ["nzo1abcdEFGH2345ijk8", "nzo1abcdEFGH2345ijk9"],
  });
});

test("program: an API token is revocable only when its entry says revoke: true", async () => {
  const run = await runProgram(
    modelOf(
      FILE_WITH_EVERYTHING.replace(
        "      network: { connection: ZONE, includes: [nzo1abcdEFGH2345ijk7] }\n",
        "      network: { connection: ZONE, includes: [nzo1abcdEFGH2345ijk7] }\n      revoke: true\n",
      ),
    ),
  );
  const options = run.options.get("api-token-00T1abcdEFGH2345ijk7");
  assert.deepEqual([options?.import, options?.protect, options?.retainOnDelete], ["00T1abcdEFGH2345ijk7", false, false]);
});

test("program: the provider is explicit, backs off on rate limits and keeps its token secret", async () => {
  const run = await runProgram(modelOf(VALID_ACCESS_FILE), { "okta:apiToken": "ssws-token-value" });
  const provider = resourceNamed(run, "okta");
  assert.equal(provider.type, "pulumi:providers:okta");
  assert.equal(provider.inputs.orgName, "acme-dev");
  assert.equal(provider.inputs.baseUrl, "oktapreview.com");
  assert.equal(provider.inputs.backoff, "true");
  assert.equal(provider.inputs.apiToken, SECRET_SHOWN_AS);
  assert.doesNotMatch(JSON.stringify(run.resources), /ssws-token-value/);
});

test("program: stack outputs hand DuploCloud its Okta settings, the client secret as a secret", async () => {
  const run = await runProgram(modelOf(VALID_ACCESS_FILE));
  const handoff = run.outputs.duplocloudOktaSettings;
  assert.equal(handoff.oktaDomain, "https://acme-dev.oktapreview.com");
  assert.equal(await valueOf(handoff.adminGroupId), "role-administrators-id");
  assert.equal(await valueOf(handoff.readOnlyGroupId), "role-readOnly-id");
  assert.equal(await valueOf(handoff.securityGroupId), "role-securityAdmins-id");
  assert.equal(await valueOf(handoff.signupGroupId), "role-signupUsers-id");
  assert.equal(handoff.tenantGroupPrefix, "duploservices-");
  assert.equal(handoff.tenantReadOnlyGroupPrefix, "duplo-ro-");
  assert.equal(await valueOf(handoff.clientId), "duplocloud-app-client-id");
  assert.equal(await isSecret(handoff.clientSecret), true);
});

test("program: importIds adopt existing Okta objects", async () => {
  const text = VALID_ACCESS_FILE.replace("  administrators:\n", "  administrators:\n    importId: 00g1abcdEFGH2345ijk7\n").replace(
    "roles:",
    "okta:\n  app:\n    importId: 0oa1abcdEFGH2345ijk7\nroles:",
  );
  const run = await runProgram(modelOf(text));
  assert.equal(run.options.get("role-administrators")?.import, "00g1abcdEFGH2345ijk7");
  assert.equal(run.options.get("duplocloud-app")?.import, "0oa1abcdEFGH2345ijk7");
  // What the stack adopted it never deletes; what it created it may.
  assert.deepEqual([run.options.get("role-administrators")?.retainOnDelete, run.options.get("role-readOnly")?.retainOnDelete], [true, undefined]);
});

/** The stack setting that turns the file's owners into real Okta group owners (needs Okta Identity Governance). */
const REAL_OWNERS = { "duplocloud-okta-access:oktaGroupOwners": "true" };

test("program: with oktaGroupOwners on, owners of team and role groups become real Okta group owners, looked up by login; tenant groups get none", async () => {
  const text = VALID_ACCESS_FILE.replace(
    "  - name: payments\n",
    "  - name: payments\n    owners: [lead@acme.example, Deputy@acme.example, ada@acme.example]\n    description: Payments squad\n",
  );
  const run = await runProgram(modelOf(text), REAL_OWNERS);
  assert.equal(resourceNamed(run, "team-payments").inputs.description, "Payments squad");
  assert.deepEqual(
    resourcesOfType(run, "okta:group/owners:Owners").map((r) => [r.name, r.inputs]),
    [
      [
        "owners-team-payments",
        {
          groupId: "team-payments-id",
          owners: [
            { id: "user-ada@acme.example-id", type: "USER" },
            { id: "00u-deputy@acme.example", type: "USER" },
            { id: "00u-lead@acme.example", type: "USER" },
          ],
        },
      ],
    ],
  );
  assert.deepEqual(run.lookups.logins, ["deputy@acme.example", "lead@acme.example"]);
});

test("program: a service app's justification becomes its admin note", async () => {
  const run = await runProgram(modelOf(FILE_WITH_EVERYTHING));
  assert.equal(resourceNamed(run, "service-app-sync").inputs.adminNote, "Read-only API access; managed by Pulumi.");
  const justified = FILE_WITH_EVERYTHING.replace(
    "      adminRole: READ_ONLY_ADMIN\n",
    "      adminRole: READ_ONLY_ADMIN\n      justification: Reads groups for the nightly audit.\n",
  );
  assert.equal(resourceNamed(await runProgram(modelOf(justified)), "service-app-sync").inputs.adminNote, "Justification: Reads groups for the nightly audit.");
});

/** The valid fixture with `count` more people named as members of the oncall team. */
const withManyMembers = (count: number) =>
  VALID_ACCESS_FILE.replace(
    "    members: [ada@acme.example]\n",
    `    members: [ada@acme.example, ${Array.from({ length: count }, (_, i) => `person${String(i).padStart(3, "0")}@acme.example`).join(", ")}]\n`,
  );

test("program: people the file names are looked up in Okta, 50 logins per look-up, and never become user resources", async () => {
  const run = await runProgram(modelOf(withManyMembers(120)));
  const expected = ["ada@acme.example", "grace@acme.example", ...Array.from({ length: 120 }, (_, i) => `person${String(i).padStart(3, "0")}@acme.example`)];
  // ada and grace are accounts the fixture's `users` creates: they are not looked up.
  assert.deepEqual(run.lookups, { logins: expected.slice(2).sort(), calls: 3 });
  assert.deepEqual(
    resourcesOfType(run, "okta:user/user:User").map((r) => r.name),
    ["user-ada@acme.example", "user-grace@acme.example"],
  );
  const oncall = resourceNamed(run, "members-team-oncall").inputs.users as string[];
  assert.deepEqual(oncall, ["user-ada@acme.example-id", ...expected.slice(2).map((login) => `00u-${login}`)]);
});

test("program: Ada@ and ada@ are one person: one look-up, one membership", async () => {
  const text = VALID_ACCESS_FILE.replace("    members: [ada@acme.example]\n", "    members: [ada@acme.example, Bob@Acme.example]\n").replace(
    '    rule: user.department == "Payments"\n',
    '    rule: user.department == "Payments"\n    owners: [bob@acme.example]\n',
  );
  const run = await runProgram(modelOf(text));
  assert.deepEqual(run.lookups, { logins: ["bob@acme.example"], calls: 1 });
  assert.deepEqual(resourceNamed(run, "members-team-oncall").inputs.users, ["user-ada@acme.example-id", "00u-bob@acme.example"]);
});

test("program: an account the stack creates starts ACTIVE and its status is never managed again; an adopted one's never at all", async () => {
  const text = VALID_ACCESS_FILE.replace("    lastName: Hopper\n", "    lastName: Hopper\n    importId: 00u1abcdEFGH2345ijk7\n    status: SUSPENDED\n").replace(
    "    members: [ada@acme.example, grace@acme.example]",
    "    members: [ada@acme.example, grace@acme.example, alan@acme.example]",
  );
  const run = await runProgram(modelOf(text));
  assert.equal(resourceNamed(run, "user-ada@acme.example").inputs.status, "ACTIVE");
  assert.equal(resourceNamed(run, "user-grace@acme.example").inputs.status, undefined);
  for (const name of ["user-ada@acme.example", "user-grace@acme.example"]) {
    assert.deepEqual(run.options.get(name)?.ignoreChanges, ["status"], name);
    assert.equal(run.options.get(name)?.retainOnDelete, true, name);
  }
});

test("program: an adopted group (importId) gets no authoritative owners list, so owners given outside the stack stay", async () => {
  const text = VALID_ACCESS_FILE.replace("  - name: payments\n", "  - name: payments\n    owners: [lead@acme.example]\n    importId: 00g1abcdEFGH2345ijk7\n").replace(
    "  - name: oncall\n",
    "  - name: oncall\n    owners: [lead@acme.example]\n",
  );
  const run = await runProgram(modelOf(text), REAL_OWNERS);
  assert.deepEqual(
    resourcesOfType(run, "okta:group/owners:Owners").map((r) => r.name),
    ["owners-team-oncall"],
  );
  assert.equal(run.options.get("team-payments")?.import, "00g1abcdEFGH2345ijk7");
});

test("program: an adopted group's memberships cover only the people the file names; those of the stack's own groups track every user", async () => {
  const text = VALID_ACCESS_FILE.replace("  - name: oncall\n", "  - name: oncall\n    importId: 00g1abcdEFGH2345ijk7\n");
  const run = await runProgram(modelOf(text));
  const memberships = Object.fromEntries(resourcesOfType(run, "okta:index/groupMemberships:GroupMemberships").map((m) => [m.name, m.inputs]));
  assert.deepEqual(memberships, {
    "members-role-administrators": { groupId: "role-administrators-id", trackAllUsers: true, users: ["user-ada@acme.example-id", "user-grace@acme.example-id"] },
    "members-team-oncall": { groupId: "team-oncall-id", trackAllUsers: false, users: ["user-ada@acme.example-id"] },
  });
});
