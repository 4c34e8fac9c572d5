import { test } from "node:test";
import assert from "node:assert/strict";
import { parseGroupRuleExpression } from "../../src/access/expression";
import { evaluateRule, type Subject } from "../../src/access/expression-eval";
import { readsStatus } from "../../src/access/rule-reads";

/*
 * The documented group-rule forms beyond the basic ones (okta-developer-docs, Expression Language,
 * "Expressions in group rules"; support.okta.com, "Okta Expression Issue for User Status"):
 * String.append, String.join and user.getInternalProperty("status") are parsed and evaluated; the
 * conditional operators are refused with the reason and the plain form to write instead.
 */

const person = (status: string | undefined, profile: Subject["profile"] = {}): Subject => ({
  profile,
  known: new Set(Object.keys(profile)),
  ...(status === undefined ? {} : { status }),
});
const outcome = (expression: string, subject: Subject) => {
  const parsed = parseGroupRuleExpression(expression);
  assert.deepEqual(parsed.errors, [], expression);
  return evaluateRule(parsed.tree!, subject);
};

test('user.getInternalProperty("status") is parsed and decided on the person\'s status; unknown status is undecided', () => {
  const rule = 'user.department == "Payments" AND user.getInternalProperty("status") != "SUSPENDED"';
  assert.deepEqual(parseGroupRuleExpression(rule).attributes, ["department"]);
  assert.deepEqual(outcome(rule, person("ACTIVE", { department: "Payments" })), { decided: true, value: true });
  assert.deepEqual(outcome(rule, person("SUSPENDED", { department: "Payments" })), { decided: true, value: false });
  assert.deepEqual(outcome(rule, person(undefined, { department: "Payments" })), { decided: false, reason: "the directory snapshot does not hold the person's status" });
  assert.equal(readsStatus(parseGroupRuleExpression(rule).tree!), true);
  assert.equal(readsStatus(parseGroupRuleExpression('user.department == "Payments"').tree!), false);
  assert.deepEqual(
    parseGroupRuleExpression('user.getInternalProperty("id") == "00u1"').errors.map((e) => e.message),
    ['user.getInternalProperty reads "status" only in the file\'s rules (the one internal property Okta documents for group rules); read other attributes as user.x'],
  );
});

test("String.append and String.join are parsed and evaluated", () => {
  const profile = { firstName: "Ada", lastName: "Lovelace" };
  assert.deepEqual(outcome('String.append(user.firstName, "!") == "Ada!"', person("ACTIVE", profile)), { decided: true, value: true });
  assert.deepEqual(outcome('String.join(".", user.firstName, user.lastName) == "Ada.Lovelace"', person("ACTIVE", profile)), { decided: true, value: true });
  assert.deepEqual(outcome('String.join("-", user.firstName) == "Ada"', person("ACTIVE", profile)), { decided: true, value: true });
  assert.deepEqual(outcome('String.append(user.firstName, "x") == "Adax"', person("ACTIVE", { firstName: null, lastName: "L" })), {
    decided: false,
    reason: 'String.append given null, "x"; Okta\'s answer for a missing or non-text value is not documented',
  });
  assert.deepEqual(parseGroupRuleExpression(`String.append(user.firstName) == "A"`).errors.map((e) => e.message), ["String.append takes 2 arguments, not 1"]);
});

test("the conditional operators ?: and ? : are refused where they are written, with the plain form to use", () => {
  const reason =
    "the conditional operators ?: and ? : are not accepted in the file's rules: a group rule is a condition; write (a AND b) OR (NOT a AND c) instead of a ? b : c";
  assert.deepEqual(parseGroupRuleExpression('user.isContractor ? user.department == "A" : user.department == "B"').errors, [{ index: 18, message: reason }]);
  assert.deepEqual(parseGroupRuleExpression('(user.department ?: "none") == "A"').errors, [{ index: 17, message: reason }]);
});
