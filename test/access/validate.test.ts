import { test } from "node:test";
import assert from "node:assert/strict";
import { formatProblem } from "../../src/access/problems";
import { modelOf, VALID_ACCESS_FILE, validateText, withLine } from "../support/access-files";

test("the valid fixture validates", () => {
  const result = validateText(VALID_ACCESS_FILE);
  assert.ok(result.ok, result.ok ? "" : result.problems.map(formatProblem).join("\n"));
});

interface BadCase {
  readonly name: string;
  readonly text: string;
  readonly line: number;
  readonly column?: number;
  readonly key?: string;
  /** A pattern, or the whole message exactly. */
  readonly message: RegExp | string;
  /** Other problems the same edit rightly causes, formatted in full; nothing else may be reported. */
  readonly alsoReported?: readonly string[];
}

const L = VALID_ACCESS_FILE.split("\n");
const lineOf = (needle: string) => L.findIndex((line) => line.includes(needle)) + 1;

const BAD_CASES: BadCase[] = [
  { name: "unknown top-level key", text: VALID_ACCESS_FILE + "tennants: [x]\n", line: 29, column: 1, key: "tennants", message: /unknown key "tennants"; allowed keys here: apiAccess, duplocloud, githubLogins, groupNaming/ },
  { name: "unknown key in a team", text: withLine(lineOf("name: payments"), "  - name: payments\n    memebers: []"), line: 12, column: 5, key: "teams[0].memebers", message: /unknown key "memebers"/ },
  { name: "rule on administrators", text: withLine(7, "    members: [ada@acme.example, grace@acme.example]\n    rule: user.x == \"y\""), line: 8, key: "roles.administrators.rule", message: /administrators are given explicitly only/ },
  { name: "missing portal", text: withLine(3, ""), line: 3, key: "duplocloud.portal", message: /missing required key "portal"/ },
  { name: "missing roles", text: VALID_ACCESS_FILE.replace(/roles:\n(.*\n){4}/, ""), line: 2, key: "roles", message: /missing required key "roles"/ },
  { name: "non-https portal", text: withLine(3, "  portal: http://acme.duplocloud.net"), line: 3, column: 11, key: "duplocloud.portal", message: /must be the portal's https URL/ },
  { name: "bad email in members", text: withLine(7, "    members: [ada@acme.example, grace-at-acme]"), line: 7, column: 33, key: "roles.administrators.members[1]", message: /must be an email address/ },
  { name: "wrong type: tenants as a string", text: withLine(4, "  tenants: dev01"), line: 4, column: 12, key: "duplocloud.tenants", message: /must be a list .* not the string "dev01"/ },
  { name: "wrong enum: level", text: withLine(lineOf("level: read-write"), "        level: admin"), line: 15, column: 16, key: "teams[0].access[0].level", message: /must be one of "read-write", "read-only", not "admin"/ },
  { name: "bad date", text: withLine(lineOf("expires"), '        expires: "31/12/2026"'), line: 21, key: "teams[1].access[0].expires", message: /must be a date written YYYY-MM-DD/ },
  {
    name: "bad tenant name (and, in the same pass, the grant of the tenant it no longer lists)",
    text: withLine(4, "  tenants: [dev01, QA_01]"),
    line: 4,
    key: "duplocloud.tenants[1]",
    message: /must be a DuploCloud tenant name/,
    alsoReported: ['access/test.yaml:19:17: teams[1].access[0].tenant: tenant "qa01" is not listed under duplocloud.tenants (dev01); add it there or fix the name'],
  },
  { name: "duplicate tenant", text: withLine(4, "  tenants: [dev01, qa01, dev01]"), line: 4, column: 26, key: "duplocloud.tenants[2]", message: /tenant "dev01" is listed twice/ },
  { name: "duplicate team", text: withLine(lineOf("name: oncall"), "  - name: payments"), line: 16, key: "teams[1].name", message: /team "payments" is defined twice/ },
  { name: "duplicate user (emails compared without case)", text: `${VALID_ACCESS_FILE}  - email: ADA@acme.example\n    firstName: Ada\n    lastName: Again\n`, line: 29, column: 12, key: "users[2].email", message: "user ada@acme.example is listed twice (first at users[0]); keep one entry" },
  { name: "grant to an unlisted tenant", text: withLine(lineOf("tenant: dev01"), "      - tenant: prod01"), line: 14, column: 17, key: "teams[0].access[0].tenant", message: /tenant "prod01" is not listed under duplocloud.tenants \(dev01, qa01\)/ },
  { name: "the same tenant granted twice", text: withLine(lineOf("level: read-write"), "        level: read-write\n      - tenant: dev01\n        level: read-only"), line: 16, key: "teams[0].access[1].tenant", message: /granted tenant dev01 twice/ },
  { name: "one administrator only", text: withLine(7, "    members: [ada@acme.example]"), line: 7, key: "roles.administrators.members", message: /at least two ACTIVE explicit members .* it has 1/ },
  { name: "single = in a rule", text: withLine(9, '    rule: user.department = "Engineering"'), line: 9, column: 27, key: "roles.readOnly.rule", message: /a single '=' is not a comparison; use '=='/ },
  { name: "trailing AND in a rule", text: withLine(12, '    rule: user.department == "Payments" AND'), line: 12, column: 41, key: "teams[0].rule", message: /ends after 'AND'/ },
  { name: "unbalanced parenthesis", text: withLine(12, '    rule: (user.department == "Payments"'), line: 12, column: 11, message: /'\(' is never closed/ },
  { name: "unclosed quote (quoted YAML scalar)", text: withLine(12, `    rule: 'user.department == "Payments'`), line: 12, column: 31, message: /string that starts here is never closed/ },
  { name: "profile.x in a rule", text: withLine(12, '    rule: profile.department == "Payments"'), line: 12, column: 11, message: /write user.department/ },
  { name: "user.status in a rule", text: withLine(12, '    rule: user.status == "ACTIVE"'), line: 12, column: 11, message: /user.status is not reliable in group rules/ },
  { name: "unknown function", text: withLine(12, '    rule: String.contains(user.title, "x")'), line: 12, column: 11, message: /unknown function String.contains/ },
  { name: "non-boolean rule", text: withLine(12, '    rule: String.substringAfter(user.email, "@")'), line: 12, column: 11, message: /must evaluate to true or false/ },
  { name: "error inside a block scalar is placed on its line", text: withLine(12, '    rule: >-\n      user.department == "Payments" OR\n      user.title = "Payments lead"'), line: 14, column: 18, message: /single '='/ },
  { name: "rule name too long", text: withLine(4, "  tenants: [dev01, qa01]").replace("name: payments", "name: " + "p".repeat(40)), line: 11, key: "teams[0].name", message: /rule name "duplo team p+", longer than Okta's 50 characters/ },
  {
    name: "group name collision through prefixes",
    text: VALID_ACCESS_FILE.replace("name: oncall", "name: qa01") + "groupNaming:\n  teamPrefix: duplo-ro-\n",
    line: 4,
    key: "duplocloud.tenants[1]",
    message: 'makes the Okta group name "duplo-ro-qa01", which team qa01 already uses; rename one of them or change a prefix under groupNaming',
    alsoReported: ['access/test.yaml:30:15: groupNaming.teamPrefix: "duplo-ro-" is the same as tenantReadOnlyPrefix "duplo-ro-", so DuploCloud could read one kind of group as the other; give each prefix a start of its own'],
  },
  {
    name: "a team prefix that starts with the read-write tenant prefix (a team named like a tenant would be a tenant grant)",
    text: VALID_ACCESS_FILE + "groupNaming:\n  teamPrefix: duploservices-team-\n",
    line: 30,
    column: 15,
    key: "groupNaming.teamPrefix",
    message: '"duploservices-team-" starts with tenantReadWritePrefix "duploservices-", so DuploCloud could read one kind of group as the other; give each prefix a start of its own',
  },
  {
    name: "a read-only prefix that is the start of the read-write prefix",
    text: VALID_ACCESS_FILE + "groupNaming:\n  tenantReadWritePrefix: duplo-ro-rw-\n",
    line: 30,
    column: 26,
    key: "groupNaming.tenantReadWritePrefix",
    message: '"duplo-ro-rw-" starts with tenantReadOnlyPrefix "duplo-ro-", so DuploCloud could read one kind of group as the other; give each prefix a start of its own',
  },
  {
    name: "tenant prefixes that differ only in case",
    text: VALID_ACCESS_FILE + "groupNaming:\n  tenantReadOnlyPrefix: DuploServices-\n",
    line: 30,
    column: 25,
    key: "groupNaming.tenantReadOnlyPrefix",
    message: '"DuploServices-" is the same as tenantReadWritePrefix "duploservices-", so DuploCloud could read one kind of group as the other; give each prefix a start of its own',
    alsoReported: [
      'access/test.yaml:4:13: duplocloud.tenants[0]: makes the Okta group name "DuploServices-dev01", which the read-write group of tenant dev01 already uses; rename one of them or change a prefix under groupNaming',
      'access/test.yaml:4:20: duplocloud.tenants[1]: makes the Okta group name "DuploServices-qa01", which the read-write group of tenant qa01 already uses; rename one of them or change a prefix under groupNaming',
    ],
  },
  {
    name: "an adopted tenant group that no team grants",
    text: VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]\n", "  tenants: [dev01, qa01]\n  tenantGroupImports:\n    - { tenant: qa01, level: read-write, importId: 00g1abcdEFGH2345ijk7 }\n"),
    line: 6,
    column: 30,
    key: "duplocloud.tenantGroupImports[0].level",
    message: "no team grants tenant qa01 read-write, so the stack makes no such group to adopt; grant it to a team or remove the entry",
  },
  {
    name: "a tenant group adopted twice",
    text: VALID_ACCESS_FILE.replace(
      "  tenants: [dev01, qa01]\n",
      "  tenants: [dev01, qa01]\n  tenantGroupImports:\n    - { tenant: dev01, level: read-write, importId: 00g1abcdEFGH2345ijk7 }\n    - { tenant: dev01, level: read-write, importId: 00g1abcdEFGH2345ijk8 }\n",
    ),
    line: 7,
    column: 17,
    key: "duplocloud.tenantGroupImports[1].tenant",
    message: "the read-write group of tenant dev01 is adopted twice (first at tenantGroupImports[0]); keep one entry",
  },
  {
    name: "an adopted tenant group of a tenant that is not listed",
    text: VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]\n", "  tenants: [dev01, qa01]\n  tenantGroupImports:\n    - { tenant: prod01, level: read-write, importId: 00g1abcdEFGH2345ijk7 }\n"),
    line: 6,
    column: 17,
    key: "duplocloud.tenantGroupImports[0].tenant",
    message: 'tenant "prod01" is not listed under duplocloud.tenants (dev01, qa01); add it there or fix the name',
  },
  {
    name: "a role group named with a tenant prefix",
    text: VALID_ACCESS_FILE.replace("  readOnly:\n", "  readOnly:\n    name: Duplo-RO-everything\n"),
    line: 9,
    column: 11,
    key: "roles.readOnly.name",
    message: 'makes the Okta group name "Duplo-RO-everything", which starts with the tenant prefix "duplo-ro-": DuploCloud would read it as a tenant grant; choose another name',
  },
  { name: "admin role on a rule-filled team", text: VALID_ACCESS_FILE + "oktaAdminRoles:\n  - role: READ_ONLY_ADMIN\n    team: payments\n", line: 31, key: "oktaAdminRoles[0].team", message: /filled by a rule, and Okta does not allow admin roles on rule-filled groups/ },
  { name: "admin role on a team that does not exist", text: VALID_ACCESS_FILE + "oktaAdminRoles:\n  - role: READ_ONLY_ADMIN\n    team: nobody\n", line: 31, key: "oktaAdminRoles[0].team", message: /team "nobody" is not defined/ },
  { name: "admin role with two targets", text: VALID_ACCESS_FILE + "oktaAdminRoles:\n  - role: READ_ONLY_ADMIN\n    team: oncall\n    user: ada@acme.example\n", line: 30, key: "oktaAdminRoles[0]", message: /exactly one of team, platformRole or user \(found 2\)/ },
  { name: "not a real scope", text: VALID_ACCESS_FILE + "apiAccess:\n  serviceApps:\n    - name: sync\n      scopes: [okta.users.read, okta.user.read]\n      publicKey: { jwksUri: https://keys.acme.example/jwks.json }\n", line: 32, column: 33, key: "apiAccess.serviceApps[0].scopes[1]", message: /"okta.user.read" is not an Okta management scope/ },
  { name: "manage scope without justification", text: VALID_ACCESS_FILE + "apiAccess:\n  serviceApps:\n    - name: sync\n      scopes: [okta.users.manage]\n      publicKey: { jwksUri: https://keys.acme.example/jwks.json }\n", line: 32, key: "apiAccess.serviceApps[0].scopes", message: /write-access scopes need a written justification/ },
  { name: "service app with SUPER_ADMIN", text: VALID_ACCESS_FILE + "apiAccess:\n  serviceApps:\n    - name: sync\n      scopes: [okta.users.read]\n      adminRole: SUPER_ADMIN\n      publicKey: { jwksUri: https://keys.acme.example/jwks.json }\n", line: 33, key: "apiAccess.serviceApps[0].adminRole", message: /must be one of "READ_ONLY_ADMIN"/ },
  { name: "service app without a key", text: VALID_ACCESS_FILE + "apiAccess:\n  serviceApps:\n    - name: sync\n      scopes: [okta.users.read]\n      publicKey: {}\n", line: 33, key: "apiAccess.serviceApps[0].publicKey", message: /exactly one of jwksUri or jwk/ },
  {
    name: "deprovisioned user kept as a member",
    text: VALID_ACCESS_FILE.replace("    lastName: Hopper", "    lastName: Hopper\n    status: DEPROVISIONED\n    importId: 00u1abcdEFGH2345ijk7"),
    line: 7,
    key: "roles.administrators.members[1]",
    message: "grace@acme.example is DEPROVISIONED under users; remove them from this group",
    alsoReported: ["access/test.yaml:7:14: roles.administrators.members: the administrators group needs at least two ACTIVE explicit members so nobody is locked out; it has 1"],
  },
  {
    name: "a SUSPENDED administrator does not count toward the two",
    text: VALID_ACCESS_FILE.replace("    lastName: Hopper", "    lastName: Hopper\n    status: SUSPENDED\n    importId: 00u1abcdEFGH2345ijk7"),
    line: 7,
    column: 14,
    key: "roles.administrators.members",
    message: "the administrators group needs at least two ACTIVE explicit members so nobody is locked out; it has 1",
  },
  {
    name: "one administrator written twice in other case counts once",
    text: VALID_ACCESS_FILE.replace("    members: [ada@acme.example, grace@acme.example]", "    members: [ada@acme.example, ADA@acme.example]"),
    line: 7,
    column: 14,
    key: "roles.administrators.members",
    message: "the administrators group needs at least two ACTIVE explicit members so nobody is locked out; it has 1",
  },
  {
    name: "a team's rule plus its explicit members must fit one Okta rule",
    text:
      VALID_ACCESS_FILE.replace('    rule: user.department == "Payments"\n', `    rule: user.department == "Payments"\n    members: [${Array.from({ length: 40 }, (_, i) => `person${i}-with-a-long-name@acme.example`).join(", ")}]\n`) +
      Array.from({ length: 40 }, (_, i) => `  - { email: person${i}-with-a-long-name@acme.example, firstName: P, lastName: Q }\n`).join(""),
    line: 13,
    column: 14,
    key: "teams[0].members",
    message:
      "team payments's condition (its rule, plus a login test per explicit member) is 3141 characters, more than the 1024 one rule allows; shorten the rule or move the explicit members to a team of their own",
  },
  {
    name: "an Okta admin role given to a user directly",
    text: VALID_ACCESS_FILE + "oktaAdminRoles:\n  - role: READ_ONLY_ADMIN\n    user: ada@acme.example\n",
    line: 31,
    column: 11,
    key: "oktaAdminRoles[0].user",
    message:
      "Okta admin roles go to groups only: a role given to ada@acme.example directly would make the stack own every admin role that person holds, and strip the ones given outside it; put them in a team with explicit members and give the role to the team",
  },
  { name: "Okta admin role on a rule-filled platform role", text: VALID_ACCESS_FILE + "oktaAdminRoles:\n  - role: READ_ONLY_ADMIN\n    platformRole: readOnly\n", line: 31, column: 19, key: "oktaAdminRoles[0].platformRole", message: "roles.readOnly is filled by a rule, and Okta does not allow admin roles on rule-filled groups" },
  {
    name: "DuploCloud user granted a tenant the file does not list",
    text: VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]\n", "  tenants: [dev01, qa01]\n  users:\n    - username: ci@acme.example\n      roles: [User]\n      reason: CI deployer for dev.\n      tenants: [{ tenant: prod01, level: read-only }]\n"),
    line: 9,
    column: 27,
    key: "duplocloud.users[0].tenants[0].tenant",
    message: 'tenant "prod01" is not listed under duplocloud.tenants (dev01, qa01); add it there or fix the name',
  },
  {
    name: "DuploCloud Administrator with tenant grants",
    text: VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]\n", "  tenants: [dev01, qa01]\n  users:\n    - username: bg@acme.example\n      roles: [Administrator]\n      reason: Break glass for outages.\n      tenants: [{ tenant: dev01, level: read-only }]\n"),
    line: 9,
    column: 16,
    key: "duplocloud.users[0].tenants",
    message: "an Administrator has every tenant already; remove the tenant grants",
  },
  {
    name: "DuploCloud user granted one tenant twice",
    text: VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]\n", "  tenants: [dev01, qa01]\n  users:\n    - username: ci@acme.example\n      roles: [User]\n      reason: CI deployer for dev.\n      tenants: [{ tenant: dev01, level: read-only }, { tenant: dev01, level: read-write }]\n"),
    line: 9,
    column: 64,
    key: "duplocloud.users[0].tenants[1].tenant",
    message: "ci@acme.example is granted tenant dev01 twice; keep one grant",
  },
  {
    name: "DuploCloud user listed twice, in other case",
    text: VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]\n", "  tenants: [dev01, qa01]\n  users:\n    - { username: ci@acme.example, roles: [User], reason: CI deployer for dev. }\n    - { username: CI@acme.example, roles: [User], reason: The CI deployer copy. }\n"),
    line: 7,
    column: 19,
    key: "duplocloud.users[1].username",
    message: "DuploCloud user ci@acme.example is listed twice (first at duplocloud.users[0]); keep one entry",
  },
  {
    name: "DuploCloud user's reason too short to explain anything",
    text: VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]\n", "  tenants: [dev01, qa01]\n  users:\n    - { username: ci@acme.example, roles: [User], reason: short }\n"),
    line: 6,
    column: 59,
    key: "duplocloud.users[0].reason",
    message: "is too short: write at least 10 characters",
  },
  { name: "RSA key without n", text: VALID_ACCESS_FILE + "apiAccess:\n  serviceApps:\n    - name: sync\n      scopes: [okta.users.read]\n      publicKey: { jwk: { kty: RSA, kid: k1, e: AQAB } }\n", line: 33, column: 25, key: "apiAccess.serviceApps[0].publicKey.jwk", message: "an RSA key needs e and n" },
  { name: "EC key without y", text: VALID_ACCESS_FILE + "apiAccess:\n  serviceApps:\n    - name: sync\n      scopes: [okta.users.read]\n      publicKey: { jwk: { kty: EC, kid: k1, x: abc } }\n", line: 33, column: 25, key: "apiAccess.serviceApps[0].publicKey.jwk", message: "an EC key needs x and y" },
  { name: "two users with one login", text: VALID_ACCESS_FILE + "  - { email: other@acme.example, login: ada@acme.example, firstName: O, lastName: T }\n", line: 29, column: 41, key: "users[2].login", message: "login ada@acme.example is used twice (first at users[0]); Okta logins are unique" },
  {
    name: "service app defined twice",
    text: VALID_ACCESS_FILE + "apiAccess:\n  serviceApps:\n    - { name: sync, scopes: [okta.users.read], publicKey: { jwksUri: https://k.acme.example/j.json } }\n    - { name: sync, scopes: [okta.groups.read], publicKey: { jwksUri: https://k.acme.example/j.json } }\n",
    line: 32,
    column: 15,
    key: "apiAccess.serviceApps[1].name",
    message: 'service app "sync" is defined twice; rename or merge',
  },
  {
    name: "API token imported twice",
    text: VALID_ACCESS_FILE + "apiAccess:\n  apiTokens:\n    - { name: a, id: 00T1abcdEFGH2345ijk7, userId: 00u1abcdEFGH2345ijk7 }\n    - { name: b, id: 00T1abcdEFGH2345ijk7, userId: 00u1abcdEFGH2345ijk7 }\n",
    line: 32,
    column: 22,
    key: "apiAccess.apiTokens[1].id",
    message: "API token 00T1abcdEFGH2345ijk7 is imported twice; keep one entry",
  },
  {
    name: "a DuploCloud Administrator whose Okta account is deprovisioned",
    text: VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]\n", "  tenants: [dev01, qa01]\n  users:\n    - { username: former@acme.example, roles: [Administrator], reason: Break-glass administrator. }\n") +
      "  - email: former@acme.example\n    firstName: Former\n    lastName: Admin\n    status: DEPROVISIONED\n    importId: 00u1abcdEFGH2345ijk7\n",
    line: 6,
    column: 19,
    key: "duplocloud.users[0].username",
    message: "former@acme.example is DEPROVISIONED under users, but this DuploCloud user would keep Administrator outside Okta; remove the DuploCloud user (or reactivate the Okta account)",
  },
  {
    name: "a token restricted to ZONE without a zone",
    text: VALID_ACCESS_FILE + "apiAccess:\n  apiTokens:\n    - { name: a, id: 00T1abcdEFGH2345ijk7, userId: 00u1abcdEFGH2345ijk7, network: { connection: ZONE } }\n",
    line: 31,
    column: 83,
    key: "apiAccess.apiTokens[0].network.includes",
    message: "a token restricted to ZONE needs at least one network zone ID under includes; with none, Okta lets it be used from nowhere or rejects the change",
  },
  {
    name: "a new account that is not ACTIVE",
    text: VALID_ACCESS_FILE.replace("    lastName: Hopper", "    lastName: Hopper\n    status: SUSPENDED"),
    line: 29,
    column: 13,
    key: "users[1].status",
    message: "a new account is created ACTIVE; SUSPENDED only describes an existing account: give its importId, or remove the entry (to take someone's access away, remove them from the groups)",
    alsoReported: ["access/test.yaml:7:14: roles.administrators.members: the administrators group needs at least two ACTIVE explicit members so nobody is locked out; it has 1"],
  },
  {
    name: "a role group name longer than Okta's 255",
    text: VALID_ACCESS_FILE.replace("  readOnly:\n", `  readOnly:\n    name: ${"r".repeat(256)}\n`),
    line: 9,
    column: 11,
    key: "roles.readOnly.name",
    message: "is too long: at most 255 characters",
  },
  { name: "a first name longer than Okta's 50", text: VALID_ACCESS_FILE.replace("firstName: Grace", `firstName: ${"G".repeat(51)}`), line: 27, column: 16, key: "users[1].firstName", message: "is too long: at most 50 characters" },
  { name: "a login shorter than Okta's 5", text: VALID_ACCESS_FILE.replace("    lastName: Hopper", "    lastName: Hopper\n    login: gh"), line: 29, column: 12, key: "users[1].login", message: "is too short: write at least 5 characters" },
  { name: "duplicate mapping key", text: withLine(3, "  portal: https://acme.duplocloud.net\n  portal: https://other.duplocloud.net"), line: 4, message: /duplicate key/ },
  { name: "YAML syntax error", text: withLine(4, "  tenants: [dev01, qa01"), line: 5, message: /YAML syntax error/ },
];

for (const bad of BAD_CASES) {
  test(`bad file: ${bad.name}`, () => {
    const result = validateText(bad.text);
    assert.equal(result.ok, false, `${bad.name} should not validate`);
    if (result.ok) return;
    // One edit, one problem (plus the ones the case names): nothing spurious besides it.
    const others = bad.alsoReported ?? [];
    const rest = result.problems.map(formatProblem).filter((line) => !others.includes(line));
    assert.equal(rest.length, 1, `expected exactly one problem besides ${others.length} named; got:\n${result.problems.map(formatProblem).join("\n")}`);
    assert.equal(result.problems.length, others.length + 1, `named problems missing; got:\n${result.problems.map(formatProblem).join("\n")}`);
    const match = result.problems.find((problem) => formatProblem(problem) === rest[0])!;
    if (typeof bad.message === "string") assert.equal(match.message, bad.message);
    else assert.match(match.message, bad.message);
    assert.equal(match.file, "access/test.yaml");
    assert.equal(match.line, bad.line, `line of: ${formatProblem(match)}`);
    if (bad.column !== undefined) assert.equal(match.column, bad.column, `column of: ${formatProblem(match)}`);
    if (bad.key !== undefined) assert.equal(match.key, bad.key);
  });
}

test("every problem is reported at once, in file order", () => {
  const text = withLine(4, "  tenants: [dev01, qa01, dev01]", withLine(7, "    members: [ada@acme.example]", withLine(12, '    rule: user.department = "Payments"')));
  const result = validateText(text);
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.deepEqual(
    result.problems.map((p) => p.line),
    [4, 7, 12],
  );
  assert.match(formatProblem(result.problems[0]!), /^access\/test\.yaml:4:26: duplocloud\.tenants\[2\]: tenant "dev01" is listed twice/);
});

test("an expired grant is a warning, not an error: the model leaves it out, so the next up takes the access away", () => {
  const text = withLine(lineOf("expires"), '        expires: "2026-01-31"');
  const result = validateText(text);
  assert.ok(result.ok, result.ok ? "" : result.problems.map(formatProblem).join("\n"));
  assert.deepEqual(result.warnings.map(formatProblem), [
    "access/test.yaml:21:18: teams[1].access[0].expires: the grant of qa01 to team oncall expired on 2026-01-31 (today is 2026-06-15); it is left out, so the next pulumi up takes the access away; remove the line",
  ]);
  assert.deepEqual(result.model.grants.map((g) => `${g.team} ${g.tenant}`), ["payments dev01"]);
  const clean = validateText(VALID_ACCESS_FILE);
  assert.deepEqual(clean.ok ? clean.warnings : "invalid", []);
});

test("the longest names the schema allows still make group names within Okta's 255 characters", () => {
  const longest = VALID_ACCESS_FILE.replace("duplocloud:\n", `groupNaming:\n  tenantReadWritePrefix: ${"w".repeat(100)}\n  tenantReadOnlyPrefix: ${"o".repeat(100)}\n  teamPrefix: ${"t".repeat(100)}\nduplocloud:\n`)
    .replace("tenants: [dev01, qa01]", `tenants: [dev01, ${"q".repeat(30)}]`)
    .replace("tenant: qa01", `tenant: ${"q".repeat(30)}`)
    .replace("name: oncall", `name: ${"c".repeat(40)}`)
    .replace("  readOnly:\n", `  readOnly:\n    name: ${"r".repeat(255)}\n`);
  const model = modelOf(longest);
  assert.deepEqual(model.groups.map((group) => group.name.length).sort((a, b) => b - a).slice(0, 3), [255, 140, 130]);
});
