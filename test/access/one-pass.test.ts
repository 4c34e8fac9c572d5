/*
 * Validation in one pass: the schema's refusals do not hide the checks of the parts it accepted; rule
 * attributes are Okta's base profile or declared; logins written two ways are warned about where each is.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatProblem } from "../../src/access/problems";
import { validateAccessFile } from "../../src/access/validate";
import { nearestName } from "../../src/access/nearest-name";
import { TODAY, VALID_ACCESS_FILE, validateText, withLine } from "../support/access-files";

const problemsOf = (text: string) => {
  const result = validateText(text);
  return result.ok ? [] : result.problems.map(formatProblem);
};

const ADMIN_ROLE_FOR_UNKNOWN_TEAM = `oktaAdminRoles:
  - role: READ_ONLY_ADMIN
    team: nope
`;

test("a value the schema refuses (a wrong level) does not hide what the checks find elsewhere (an unknown team)", () => {
  const text = withLine(15, "        level: admin") + ADMIN_ROLE_FOR_UNKNOWN_TEAM;
  assert.deepEqual(problemsOf(text), [
    'access/test.yaml:15:16: teams[0].access[0].level: must be one of "read-write", "read-only", not "admin"',
    'access/test.yaml:31:11: oktaAdminRoles[0].team: team "nope" is not defined under teams; define it or fix the name',
  ]);
});

test("after a refused entry is set aside, the checks' keys and lines are still the file's own (teams[2], not teams[1])", () => {
  const text = VALID_ACCESS_FILE.replace(
    "users:\n",
    "  - name: Not A Team Name\n    members: [ada@acme.example]\n    access: []\n  - name: late\n    members: [ada@acme.example]\n    access:\n      - { tenant: prod01, level: read-only }\nusers:\n",
  );
  assert.deepEqual(problemsOf(text), [
    "access/test.yaml:22:11: teams[2].name: must be 1-40 lower-case letters, digits and '-', starting with a letter or digit",
    'access/test.yaml:28:19: teams[3].access[0].tenant: tenant "prod01" is not listed under duplocloud.tenants (dev01, qa01); add it there or fix the name',
  ]);
});

test("an entry that held a refused value is judged by the schema alone: no second, wrong problem about what is left of it", () => {
  const text = withLine(7, "    members: [ada@acme.example, not-an-email]");
  assert.deepEqual(problemsOf(text), ["access/test.yaml:7:33: roles.administrators.members[1]: must be an email address such as ada@example.com"]);
});

test("a misspelled rule attribute is refused where it is written, with the nearest name Okta's base profile has", () => {
  const text = withLine(12, '    rule: user.departement == "Payments"');
  assert.deepEqual(problemsOf(text), [
    "access/test.yaml:12:16: teams[0].rule: user.departement is neither in Okta's base user profile nor under okta.customAttributes; did you mean department? (a custom attribute of your org's profile goes under okta.customAttributes)",
  ]);
});

test("a custom attribute is accepted when the file declares it, or when a directory snapshot holds it; far from every name, nothing is suggested", () => {
  const custom = withLine(12, '    rule: user.badgeColour == "blue"');
  assert.deepEqual(problemsOf(custom), [
    "access/test.yaml:12:16: teams[0].rule: user.badgeColour is neither in Okta's base user profile nor under okta.customAttributes (a custom attribute of your org's profile goes under okta.customAttributes)",
  ]);
  assert.deepEqual(problemsOf(`${custom}okta:\n  customAttributes: [badgeColour]\n`), []);
  const withSnapshot = validateAccessFile("access/test.yaml", { text: custom, expiry: { today: TODAY }, profileAttributes: ["badgeColour"] });
  assert.equal(withSnapshot.ok, true);
});

test("attribute names are Okta's, case included: user.Department is refused and pointed at department", () => {
  assert.deepEqual(problemsOf(withLine(9, '    rule: user.Department == "Engineering"')), [
    "access/test.yaml:9:16: roles.readOnly.rule: user.Department is neither in Okta's base user profile nor under okta.customAttributes; did you mean department? (a custom attribute of your org's profile goes under okta.customAttributes)",
  ]);
});

test("logins that differ only in case are warned about at each place, naming the other spelling's line", () => {
  const result = validateText(withLine(17, "    members: [Ada@acme.example]"));
  assert.ok(result.ok);
  assert.deepEqual(result.warnings.map(formatProblem), [
    "access/test.yaml:7:15: roles.administrators.members[0]: ada@acme.example differs from Ada@acme.example (line 17) only in case; Okta takes them for one login, so write the person one way (as their Okta login is written)",
    "access/test.yaml:17:15: teams[1].members[0]: Ada@acme.example differs from ada@acme.example (line 7) only in case; Okta takes them for one login, so write the person one way (as their Okta login is written)",
    "access/test.yaml:23:12: users[0].email: ada@acme.example differs from Ada@acme.example (line 17) only in case; Okta takes them for one login, so write the person one way (as their Okta login is written)",
  ]);
});

test("nearestName: by edits, case free, nothing past a third of the name", () => {
  assert.deepEqual(
    [nearestName("departement", ["department", "division"]), nearestName("Title", ["title"]), nearestName("badgeColour", ["department", "title"]), nearestName("ab", ["cd", "ax"])],
    ["department", "title", undefined, "ax"],
  );
});
