import { test } from "node:test";
import assert from "node:assert/strict";
import { parseGroupRuleExpression } from "../../src/access/expression";

// Valid forms from Okta's documentation and common practice: none may raise a false alarm.
const VALID = [
  'user.department == "Engineering"',
  "user.department == 'Engineering'",
  'user.department == "Engineering" and user.title != "Intern"',
  'user.department == "Engineering" AND (user.city == "Paris" OR user.city == "Berlin")',
  'user.a == "1" && user.b == "2" || user.c == "3"',
  '!(user.department == "Sales")',
  'NOT isMemberOfGroupName("contractors")',
  'String.stringContains(user.email, "@acme.com")',
  'String.startsWith(String.toLowerCase(user.title), "data")',
  'Arrays.contains(user.costCenters, "cc-42")',
  'isMemberOfAnyGroup("00g1abcdEFGH2345ijk7", "00g1abcdEFGH2345ijk8")',
  'isMemberOfGroupNameStartsWith("duplo-") or isMemberOfGroupNameRegex("/^team-.*$/")',
  "user.isContractor",
  'String.len(user.employeeNumber) > 4',
  'user.manager == null',
  '  user.department   ==   "Engineering"  ',
];

for (const expression of VALID) {
  test(`valid: ${expression}`, () => {
    assert.deepEqual(parseGroupRuleExpression(expression).errors, []);
  });
}

const INVALID: Array<[string, number, RegExp]> = [
  ['user.department = "x"', 16, /single '='/],
  ['user.department == "x" AND', 23, /ends after 'AND'/],
  ['user.department == "x" or', 23, /ends after 'or'/],
  ['(user.department == "x"', 0, /'\(' is never closed/],
  ['user.department == "x")', 22, /no matching '\('/],
  ['user.department == "x', 19, /never closed/],
  ["user.department == 'x", 19, /never closed/],
  ['profile.department == "x"', 0, /write user.department/],
  ['user.profile.department == "x"', 0, /Identity Engine policy syntax/],
  ['user.status == "ACTIVE"', 0, /user.status cannot be used/],
  ['user.isMemberOf({"group.id": "00g1"})', 0, /Identity Engine policy syntax/],
  ['Convert.toInt(user.age) > 30', 0, /Convert functions are not supported/],
  ['Time.now() == "x"', 0, /Time functions are not supported/],
  ['String.contains(user.title, "x")', 0, /unknown function String.contains/],
  ['string.stringcontains(user.title, "x")', 0, /did you mean String.stringContains/],
  ['String.substringAfter(user.email, "@")', 0, /must evaluate to true or false/],
  ['"Engineering"', 0, /must evaluate to true or false/],
  ['user.department == "x" AND AND user.title == "y"', 27, /'AND' right after 'AND'/],
  ['OR user.title == "y"', 0, /condition is missing before it/],
  ['user.department == "x" user.title == "y"', 23, /join conditions with AND or OR/],
  ['isMemberOfGroup()', 0, /takes 1 argument, not 0/],
  ['department == "x"', 0, /attributes are written user.attribute/],
  ['user.a == "x" & user.b == "y"', 14, /'&' alone/],
  ['()', 1, /empty parentheses/],
  ['"a" AND user.b == "c"', 0, /'AND' needs conditions on both sides/],
];

for (const [expression, index, message] of INVALID) {
  test(`invalid: ${expression}`, () => {
    const { errors } = parseGroupRuleExpression(expression);
    const match = errors.find((error) => message.test(error.message));
    assert.ok(match, `expected ${message}, got ${JSON.stringify(errors)}`);
    assert.equal(match.index, index);
  });
}

test("reports the attributes and groups an expression reads", () => {
  const parsed = parseGroupRuleExpression('user.department == "x" OR isMemberOfGroupName("admins") OR String.startsWith(user.title, "a")');
  assert.deepEqual(parsed.attributes, ["department", "title"]);
  assert.deepEqual(parsed.groupReferences, ["admins"]);
});
