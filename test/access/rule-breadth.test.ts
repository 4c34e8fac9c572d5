import { test } from "node:test";
import assert from "node:assert/strict";
import { parseGroupRuleExpression, type ExpressionNode } from "../../src/access/expression";
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

test("breadth: a rule built only of calls and comparisons no equality selects stays unproven, however it is combined", () => {
  const cases: ReadonlyArray<readonly [string, string | undefined]> = [
    // Not Everyone matches nobody, but only its negation is seen: it excludes, so nearly everyone.
    ['!isMemberOfGroupName("Everyone")', "nearly-everyone"],
    ['isMemberOfGroupNameStartsWith("")', "everyone"],
    // A function of an attribute other than a case fold is not the attribute.
    ["String.len(user.login) == 5", "unproven"],
    // AND is narrow only when one side is.
    ["String.len(user.login) > 0 AND String.len(user.email) > 1", "unproven"],
    ['String.len(user.login) > 0 AND !(user.title == "Intern")', "unproven"],
    ["user.isAdmin", "unproven"],
    // Arrays.contains selects only an attribute's list, by a value.
    ['Arrays.contains(String.toLowerCase(user.teams), "a")', "unproven"],
    ["Arrays.contains(user.teams, user.team)", "unproven"],
    ['Arrays.contains(user.teams, "")', "unproven"],
  ];
  assert.deepEqual(
    cases.map(([text]) => [text, breadthOf(text)]),
    cases,
  );
});

/*
 * ruleBreadth takes any ExpressionNode, whose type allows a call of any arity and arguments, not
 * only what the parser accepts: such calls are never taken for a selection or for Everyone, and
 * never throw.
 */
const literal = (value: string | number | boolean | null): ExpressionNode => ({ kind: "literal", value, index: 0 });
const attribute = (name: string): ExpressionNode => ({ kind: "attribute", name, index: 0 });
const call = (name: string, ...args: ExpressionNode[]): ExpressionNode => ({ kind: "call", name, args, index: 0 });

test("breadth: trees the parser would refuse (wrong arity or argument types) are unproven, never everyone or narrow", () => {
  const cases: ReadonlyArray<readonly [string, ExpressionNode]> = [
    ['isMemberOfGroupName("Everyone", "x")', call("isMemberOfGroupName", literal("Everyone"), literal("x"))],
    ["isMemberOfGroupName(5)", call("isMemberOfGroupName", literal(5))],
    ["isMemberOfGroupName(user.group)", call("isMemberOfGroupName", attribute("group"))],
    ["Arrays.contains(user.teams)", call("Arrays.contains", attribute("teams"))],
    [
      'String.toLowerCase(user.login, user.email) == "a"',
      { kind: "compare", operator: "==", left: call("String.toLowerCase", attribute("login"), attribute("email")), right: literal("a"), index: 0 },
    ],
  ];
  assert.deepEqual(
    cases.map(([text, tree]) => [text, ruleBreadth(tree)]),
    cases.map(([text]) => [text, "unproven"]),
  );
});
