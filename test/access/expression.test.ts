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
  "String.len(user.employeeNumber) >= 10",
  "String.len(user.employeeNumber) <= 3",
  "String.len(user.employeeNumber) > 123",
  "user.isContractor == true",
  'user.title == "say \\"hi\\""',
  'user.department == "x" AND !(user.title == "y")',
  'String.len(user.employeeNumber) == String.len(user.costCenter)',
  'String.substringAfter(user.email, "@") == "acme.com"',
];

for (const expression of VALID) {
  test(`valid: ${expression}`, () => {
    assert.deepEqual(parseGroupRuleExpression(expression).errors, []);
  });
}

const INVALID: Array<[string, number, RegExp | string]> = [
  ['isMemberOfGroupName("x"', 19, "this '(' is never closed; add the matching ')'"],
  ['isMemberOfGroupName("a", "b")', 0, "isMemberOfGroupName takes 1 argument, not 2"],
  ["isMemberOfGroupName(contractors)", 20, "'contractors' is not something group rules know; attributes are written user.attribute"],
  ['user.address.city == "x"', 13, "user.address.city is not a user attribute; group rules read one level, e.g. user.address"],
  ["isMemberOfAnyGroup()", 0, "isMemberOfAnyGroup takes 1 to 100 arguments, not 0"],
  ["String.startsWith(user.title)", 0, "String.startsWith takes 2 arguments, not 1"],
  ['Arrays.contains(user.x, "a", "b")', 0, "Arrays.contains takes 2 arguments, not 3"],
  ['user.department = "x"', 16, /single '='/],
  ['user.department == "x" AND', 23, /ends after 'AND'/],
  ['user.department == "x" or', 23, /ends after 'or'/],
  ['(user.department == "x"', 0, /'\(' is never closed/],
  ['user.department == "x")', 22, /no matching '\('/],
  ['user.department == "x', 19, /never closed/],
  ["user.department == 'x", 19, /never closed/],
  ['profile.department == "x"', 0, /write user.department/],
  ['user.profile.department == "x"', 0, /Identity Engine policy syntax/],
  ['user.status == "ACTIVE"', 0, /user.status is not reliable in group rules; Okta documents user.getInternalProperty\("status"\) instead/],
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
    // One mistake, one error: the parser stops at the first, and nothing spurious follows.
    assert.equal(errors.length, 1, JSON.stringify(errors));
    if (typeof message === "string") assert.deepEqual(errors, [{ index, message }]);
    else {
      assert.match(errors[0]!.message, message);
      assert.equal(errors[0]!.index, index);
    }
  });
}

test("reports the attributes and groups an expression reads", () => {
  const parsed = parseGroupRuleExpression('user.department == "x" OR isMemberOfGroupName("admins") OR String.startsWith(user.title, "a")');
  assert.deepEqual(parsed.attributes, ["department", "title"]);
  assert.deepEqual(parsed.groupReferences, ["admins"]);
});

// Okta's group-rule functions, written out here from Okta's expression-language reference (not
// read from the parser's catalogue): name, fewest and most arguments, and what the call yields.
const CATALOGUE: Array<[string, number, number, "boolean" | "string" | "number"]> = [
  ["String.stringContains", 2, 2, "boolean"],
  ["String.startsWith", 2, 2, "boolean"],
  ["String.substringAfter", 2, 2, "string"],
  ["String.substringBefore", 2, 2, "string"],
  ["String.substring", 3, 3, "string"],
  ["String.toLowerCase", 1, 1, "string"],
  ["String.toUpperCase", 1, 1, "string"],
  ["String.removeSpaces", 1, 1, "string"],
  ["String.replace", 3, 3, "string"],
  ["String.len", 1, 1, "number"],
  ["Arrays.contains", 2, 2, "boolean"],
  ["Arrays.isEmpty", 1, 1, "boolean"],
  ["Arrays.size", 1, 1, "number"],
  ["isMemberOfGroup", 1, 1, "boolean"],
  ["isMemberOfAnyGroup", 1, 100, "boolean"],
  ["isMemberOfGroupName", 1, 1, "boolean"],
  ["isMemberOfGroupNameStartsWith", 1, 1, "boolean"],
  ["isMemberOfGroupNameContains", 1, 1, "boolean"],
  ["isMemberOfGroupNameRegex", 1, 1, "boolean"],
];

const call = (name: string, count: number) => `${name}(${Array.from({ length: count }, (_, i) => `"a${i}"`).join(", ")})`;

for (const [name, min, max, returns] of CATALOGUE) {
  test(`function catalogue: ${name} takes ${min === max ? min : `${min} to ${max}`} argument(s) and yields a ${returns}`, () => {
    const notBoolean = { index: 0, message: `a group rule must evaluate to true or false, but this is a ${returns}; compare it, e.g. ... == "value"` };
    assert.deepEqual(parseGroupRuleExpression(call(name, min)).errors, returns === "boolean" ? [] : [notBoolean]);
    assert.deepEqual(parseGroupRuleExpression(call(name, max)).errors, returns === "boolean" ? [] : [notBoolean]);
    const arity = (count: number) => ({ index: 0, message: `${name} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? "" : "s"}, not ${count}` });
    assert.deepEqual(parseGroupRuleExpression(call(name, max + 1)).errors, returns === "boolean" ? [arity(max + 1)] : [arity(max + 1), notBoolean]);
    assert.deepEqual(parseGroupRuleExpression(call(name, min - 1)).errors, returns === "boolean" ? [arity(min - 1)] : [arity(min - 1), notBoolean]);
    // Compared with a value of its own kind, every call is a condition.
    const sample = { boolean: "true", string: '"x"', number: "4" }[returns];
    assert.deepEqual(parseGroupRuleExpression(`${call(name, min)} == ${sample}`).errors, []);
  });
}

test("function catalogue: a condition compared with a number, or ordered, is refused", () => {
  assert.deepEqual(parseGroupRuleExpression('isMemberOfGroup("a") > 3').errors, [{ index: 23, message: "compares a condition with a number; compare like with like" }]);
});

test("function catalogue: membership functions take group IDs or names as quoted strings only", () => {
  assert.deepEqual(parseGroupRuleExpression("isMemberOfGroupName(user.team)").errors, [{ index: 20, message: "isMemberOfGroupName takes group IDs or names as quoted strings" }]);
});
