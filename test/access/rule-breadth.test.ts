import { test } from "node:test";
import assert from "node:assert/strict";
import { parseGroupRuleExpression } from "../../src/access/expression";
import { ruleBreadth } from "../../src/access/rule-breadth";

/*
 * Broad unless proven narrow (issue 21): each way of writing "everyone" that once passed is broad,
 * and the forms that positively select stay narrow.
 */

function breadthOf(text: string) {
  const { tree, errors } = parseGroupRuleExpression(text);
  assert.deepEqual(errors, [], text);
  return ruleBreadth(tree!);
}

test("breadth: every rule that does not positively select is broad", () => {
  const cases: ReadonlyArray<readonly [string, string | undefined]> = [
    ["String.len(user.login) > 0", "unproven"],
    ["user.login == user.login", "unproven"],
    ['String.startsWith(user.login, "")', "unproven"],
    ['String.stringContains(user.login, "@")', "unproven"],
    ['isMemberOfGroupName("Everyone")', "everyone"],
    ['isMemberOfGroupName("everyone")', "unproven"],
    ['isMemberOfGroupNameStartsWith("Every")', "everyone"],
    ['isMemberOfGroupNameContains("very")', "everyone"],
    ['isMemberOfGroupNameRegex(".*")', "unproven"],
    ['String.len("") == 0', "everyone"],
    ['user.department == ""', "unproven"],
    ["user.department == null", "unproven"],
    ['isMemberOfGroup("00g1abcdEFGH2345ijk7")', "unproven"],
    ['user.department == "Payments" OR String.len(user.login) > 0', "unproven"],
    ['user.department == "Payments" OR isMemberOfGroupName("Everyone")', "everyone"],
    ['String.toLowerCase(user.login) == String.toLowerCase(user.email)', "unproven"],
  ];
  assert.deepEqual(
    cases.map(([text]) => [text, breadthOf(text)]),
    cases,
  );
});

test("breadth: an attribute equal to a non-empty value, or a named group other than Everyone, under AND, is narrow", () => {
  const cases: ReadonlyArray<readonly [string, string | undefined]> = [
    ['user.department == "Payments"', undefined],
    ['"Payments" == user.department', undefined],
    ['String.toLowerCase(user.login) == "ada@acme.example"', undefined],
    ["user.isContractor == true", undefined],
    ["user.level == 3", undefined],
    ['isMemberOfGroupName("payments-people")', undefined],
    ['Arrays.contains(user.teams, "payments")', undefined],
    ['String.len(user.login) > 0 AND user.department == "Payments"', undefined],
    ['isMemberOfGroupNameRegex(".*") AND isMemberOfGroupName("payments-people")', undefined],
    ['user.department == "Payments" AND user.title != "Intern"', undefined],
    ['user.department == "Payments" OR isMemberOfGroupName("risk")', undefined],
    ["false", undefined],
  ];
  assert.deepEqual(
    cases.map(([text]) => [text, breadthOf(text)]),
    cases,
  );
});
