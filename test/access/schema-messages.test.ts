import { test } from "node:test";
import assert from "node:assert/strict";
import { formatProblem, sortProblems, AccessFileError } from "../../src/access/problems";
import { isManageScope, OKTA_SCOPES } from "../../src/access/okta-catalog";
import { validateText, VALID_ACCESS_FILE } from "../support/access-files";

/*
 * Every kind of schema problem, with the whole list of located problems it gives (never one match
 * among possible extras): the messages are what people read to fix their file.
 */

const problemsOf = (text: string) => {
  const result = validateText(text);
  return result.ok ? [] : result.problems.map(formatProblem);
};

const CASES: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ["a missing required key", "duplocloud:\n  portal: https://a.duplocloud.net\n  tenants: [dev01]\n", ['access/test.yaml:1:1: roles: missing required key "roles"; add it']],
  ["an unknown top-level key", VALID_ACCESS_FILE + "team: []\n", ['access/test.yaml:29:1: team: unknown key "team"; allowed keys here: apiAccess, duplocloud, githubLogins, groupNaming, okta, oktaAdminRoles, roles, teams, temporaryAccess, temporaryAccessLimits, users']],
  [
    "an unknown key in a list item",
    VALID_ACCESS_FILE.replace("  - name: oncall\n", "  - name: oncall\n    member: [x@acme.example]\n"),
    ['access/test.yaml:17:5: teams[1].member: unknown key "member"; allowed keys here: access, description, except, formerName, importId, members, name, owners, rule'],
  ],
  [
    "a rule on the administrators, with the reason instead of the list of keys",
    VALID_ACCESS_FILE.replace("    members: [ada@acme.example, grace@acme.example]\n", '    members: [ada@acme.example, grace@acme.example]\n    rule: user.department == "IT"\n'),
    ['access/test.yaml:8:5: roles.administrators.rule: unknown key "rule"; administrators are given explicitly only, so that no attribute change can make or unmake an administrator; list them under members'],
  ],
  [
    "orgWide on a service app, with how to scope its role instead",
    `${VALID_ACCESS_FILE}apiAccess:\n  serviceApps:\n    - name: sync\n      scopes: [okta.users.read]\n      adminRole: HELP_DESK_ADMIN\n      orgWide: true\n      publicKey: { jwksUri: https://keys.acme.example/jwks.json }\n`,
    [
      "access/test.yaml:34:7: apiAccess.serviceApps[0].orgWide: unknown key \"orgWide\"; a service app's admin role without targets acts on the whole org; leave orgWide out, or scope the role with targets: { teams: [...] } (apps: [...] for APP_ADMIN)",
    ],
  ],
  ["a list where a mapping is expected", VALID_ACCESS_FILE + "okta: [a]\n", ["access/test.yaml:29:7: okta: must be a mapping (key: value lines), not a list"]],
  ["a mapping where a list is expected", VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]", "  tenants: { dev01: true }"), ["access/test.yaml:4:12: duplocloud.tenants: must be a list (lines starting with '- '), not a mapping"]],
  ["a string where a list is expected", VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]", "  tenants: dev01"), ["access/test.yaml:4:12: duplocloud.tenants: must be a list (lines starting with '- '), not the string \"dev01\""]],
  ["an empty value where a list is expected", VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]", "  tenants:"), ["access/test.yaml:4:11: duplocloud.tenants: must be a list (lines starting with '- '), not empty (null)"]],
  ["a number where a string is expected", VALID_ACCESS_FILE.replace("  - name: oncall", "  - name: 42"), ["access/test.yaml:16:11: teams[1].name: must be a string, not the number 42"]],
  ["a boolean where a string is expected", VALID_ACCESS_FILE.replace("  - name: oncall", "  - name: true"), ["access/test.yaml:16:11: teams[1].name: must be a string, not the boolean true"]],
  ["an empty list with a message of its own", VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]", "  tenants: []"), ["access/test.yaml:4:12: duplocloud.tenants: must list at least one tenant"]],
  [
    "an empty list with zod's own message",
    VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]\n", "  tenants: [dev01, qa01]\n  users:\n    - username: b@acme.example\n      roles: []\n      reason: The break-glass account.\n"),
    ["access/test.yaml:7:14: duplocloud.users[0].roles: must list at least 1 item"],
  ],
  [
    "a string shorter than its minimum",
    VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]\n", "  tenants: [dev01, qa01]\n  users:\n    - username: b@acme.example\n      reason: short\n"),
    ["access/test.yaml:7:15: duplocloud.users[0].reason: is too short: write at least 10 characters"],
  ],
  ["an empty string", VALID_ACCESS_FILE.replace("  - name: oncall\n", '  - name: oncall\n    description: ""\n'), ["access/test.yaml:17:18: teams[1].description: must not be empty"]],
  ["a string longer than its maximum", VALID_ACCESS_FILE.replace("roles:\n", `okta:\n  app:\n    label: ${"x".repeat(120)}\nroles:\n`), ["access/test.yaml:7:12: okta.app.label: is too long: at most 100 characters"]],
  [
    "a value outside an enumeration, quoted short",
    VALID_ACCESS_FILE.replace("        level: read-only", `        level: ${"superuser".repeat(5)}`),
    ['access/test.yaml:20:16: teams[1].access[0].level: must be one of "read-write", "read-only", not "superusersuperusersuperu…" (45 characters)'],
  ],
  ["a value outside an enumeration, quoted whole when short", VALID_ACCESS_FILE.replace("        level: read-only", "        level: admin"), ['access/test.yaml:20:16: teams[1].access[0].level: must be one of "read-write", "read-only", not "admin"']],
  ["not an email", VALID_ACCESS_FILE.replace("ada@acme.example, grace", "not-an-email, grace"), ["access/test.yaml:7:15: roles.administrators.members[0]: must be an email address such as ada@example.com"]],
  ["not a date", VALID_ACCESS_FILE.replace('expires: "2026-12-31"', 'expires: "31/12/2026"'), [
      "access/test.yaml:21:18: teams[1].access[0].expires: must be a date written YYYY-MM-DD (the grant ends at the end of that day, UTC) or a UTC time written YYYY-MM-DDTHH:MMZ",
    ]],
  [
    "an empty list of scopes",
    VALID_ACCESS_FILE + "apiAccess:\n  serviceApps:\n    - name: s\n      scopes: []\n      publicKey: { jwksUri: https://k.example/j.json }\n",
    ["access/test.yaml:32:15: apiAccess.serviceApps[0].scopes: must list at least one scope, e.g. okta.users.read"],
  ],
  ["a document that is one long string", "SECRET=abcdefghijklmnopqrstuvwxyz0123456789\n", ['access/test.yaml:1:1: must be a mapping (key: value lines), not the string "SECRET=abcdefghijklmnopq…" (43 characters)']],
];

for (const [name, text, expected] of CASES) {
  test(`schema message: ${name}`, () => {
    assert.deepEqual(problemsOf(text), expected);
  });
}

test("problems are sorted by file, line, column, then message, whatever order they were found in", () => {
  const p = (file: string, line: number, column: number, message: string) => ({ file, line, column, key: "k", message });
  const found = [p("b.yaml", 1, 1, "x"), p("a.yaml", 9, 1, "x"), p("a.yaml", 2, 7, "x"), p("a.yaml", 2, 3, "y"), p("a.yaml", 2, 3, "b"), p("a.yaml", 10, 1, "x")];
  assert.deepEqual(
    sortProblems(found).map((q) => `${q.file}:${q.line}:${q.column} ${q.message}`),
    ["a.yaml:2:3 b", "a.yaml:2:3 y", "a.yaml:2:7 x", "a.yaml:9:1 x", "a.yaml:10:1 x", "b.yaml:1:1 x"],
  );
  assert.deepEqual(found[0], p("b.yaml", 1, 1, "x"), "the list passed in is left as it was");
  const error = new AccessFileError([p("b.yaml", 1, 1, "second"), p("a.yaml", 1, 1, "first")]);
  assert.deepEqual([error.name, error.message], ["AccessFileError", "a.yaml:1:1: k: first\nb.yaml:1:1: k: second"]);
});

test("Okta scopes: the catalogue holds the documented read, manage and self scopes; manage scopes are told apart exactly", () => {
  for (const scope of ["okta.logs.read", "okta.clients.register", "okta.users.read.self", "okta.users.manage.self", "okta.myAccount.read", "okta.myAccount.manage", "okta.users.read", "okta.groups.manage"]) {
    assert.ok(OKTA_SCOPES.has(scope), scope);
  }
  assert.equal(OKTA_SCOPES.has(""), false);
  const manage = ["okta.groups.manage", "okta.users.manage.self", "okta.apps.manage"];
  const notManage = ["okta.groups.read", "xokta.groups.manage", "okta.groups.manage.selfish", "okta.groups.manage.x", "myokta.users.manage", "okta..manage", "okta.groups.manager"];
  assert.deepEqual(manage.map(isManageScope), [true, true, true]);
  assert.deepEqual(notManage.map(isManageScope), notManage.map(() => false));
});
