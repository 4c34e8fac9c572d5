import { test } from "node:test";
import assert from "node:assert/strict";
import { renderRuleExpression, estimateExpressionLength } from "../../src/access/rules";
import { parseGroupRuleExpression } from "../../src/access/expression";
import { evaluateRule } from "../../src/access/expression-eval";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

const idOf = (key: string) => `ID(${key})`;

test("a rule-based team gets one rule that fills only its own group", () => {
  const model = modelOf(VALID_ACCESS_FILE);
  const rule = model.rules.find((r) => r.key === "rule-team-payments")!;
  assert.equal(rule.name, "duplo team payments");
  assert.equal(rule.targetGroupKey, "team-payments");
  assert.equal(renderRuleExpression(rule, idOf), 'user.department == "Payments"');
});

test("a tenant group's rule copies rule-based teams' expressions and tests explicit teams' groups", () => {
  const text = VALID_ACCESS_FILE.replace("      - tenant: qa01\n        level: read-only", "      - tenant: dev01\n        level: read-write");
  const model = modelOf(text);
  const rule = model.rules.find((r) => r.key === "rule-tenant-dev01-read-write")!;
  assert.equal(rule.targetGroupKey, "tenant-dev01-read-write");
  assert.equal(rule.name, "duplo rw dev01");
  // Never "member of team-payments": that group is filled by a rule, and rules do not cascade.
  assert.equal(renderRuleExpression(rule, idOf), '(user.department == "Payments") OR isMemberOfAnyGroup("ID(team-oncall)")');
});

test("a team filled both ways contributes its expression and login tests, never its rule-filled group", () => {
  const text = VALID_ACCESS_FILE.replace('    rule: user.department == "Payments"', '    rule: user.department == "Payments"\n    members: [grace@acme.example]');
  const model = modelOf(text);
  const rule = model.rules.find((r) => r.key === "rule-tenant-dev01-read-write")!;
  const expression = renderRuleExpression(rule, idOf);
  assert.equal(expression, '(user.department == "Payments") OR String.toLowerCase(user.login) == "grace@acme.example"');
  assert.doesNotMatch(expression, /team-payments/);
});

test("every rule has exactly one target group, so edits never change groupAssignments", () => {
  const model = modelOf(VALID_ACCESS_FILE);
  const keys = new Set(model.groups.map((g) => g.key));
  for (const rule of model.rules) assert.ok(keys.has(rule.targetGroupKey), rule.key);
});

test("explicit members of a team filled both ways are tested by their Okta login, which may differ from their email", () => {
  const text = VALID_ACCESS_FILE.replace('    rule: user.department == "Payments"', '    rule: user.department == "Payments"\n    members: [grace@acme.example]').replace(
    "  - email: grace@acme.example\n",
    "  - email: grace@acme.example\n    login: ghopper\n",
  );
  const rule = modelOf(text).rules.find((r) => r.key === "rule-tenant-dev01-read-write")!;
  assert.equal(renderRuleExpression(rule, idOf), '(user.department == "Payments") OR String.toLowerCase(user.login) == "ghopper"');
});

test("member terms never compare user.login as written: mixed-case logins match whatever case Okta keeps, and the evaluator agrees", () => {
  // A managed account whose login keeps its capitals, and a looked-up person named in mixed case.
  const text = VALID_ACCESS_FILE.replace('    rule: user.department == "Payments"', '    rule: user.department == "Payments"\n    members: [grace@acme.example, Alan.Turing@Acme.Example]').replace(
    "  - email: grace@acme.example\n",
    "  - email: grace@acme.example\n    login: Grace.Hopper@Acme.Example\n",
  );
  const model = modelOf(text);
  const expressions = ["rule-team-payments", "rule-tenant-dev01-read-write"].map((key) => renderRuleExpression(model.rules.find((r) => r.key === key)!, idOf));
  const expected = '(user.department == "Payments") OR String.toLowerCase(user.login) == "alan.turing@acme.example" OR String.toLowerCase(user.login) == "grace.hopper@acme.example"';
  assert.deepEqual(expressions, [expected, expected]);
  for (const expression of expressions) assert.doesNotMatch(expression, /(^|[^(])user\.login\s*==/);
  // Okta keeps the login as it was created; the rule matches it in any case, and no one else.
  const tree = parseGroupRuleExpression(expected).tree!;
  const person = (login: string) => ({ profile: { login, department: "Sales" }, known: new Set(["login", "department"]) });
  assert.deepEqual(
    ["Grace.Hopper@Acme.Example", "GRACE.HOPPER@ACME.EXAMPLE", "alan.turing@acme.example", "Alan.Turing@acme.EXAMPLE", "Grace.Hopper@acme.example.org"].map((login) => evaluateRule(tree, person(login))),
    [true, true, true, true, false].map((value) => ({ decided: true, value })),
  );
  // The form it replaces is undecided for such a person: Okta does not document == on case.
  assert.deepEqual(evaluateRule(parseGroupRuleExpression('user.login == "grace.hopper@acme.example"').tree!, person("Grace.Hopper@Acme.Example")), {
    decided: false,
    reason: '"Grace.Hopper@Acme.Example" == "grace.hopper@acme.example" differ only in case, and Okta does not document whether == ignores case; compare String.toLowerCase of both',
  });
});

test("a member left out (deactivated in Okta) loses only their own login test; with none left the rule is the team's condition alone", () => {
  const text = VALID_ACCESS_FILE.replace('    rule: user.department == "Payments"', '    rule: user.department == "Payments"\n    members: [grace@acme.example, alan.turing@acme.example]');
  const rule = modelOf(text).rules.find((r) => r.key === "rule-team-payments")!;
  assert.deepEqual(
    [renderRuleExpression(rule, idOf, (person) => person !== "alan.turing@acme.example"), renderRuleExpression(rule, idOf, () => false)],
    ['(user.department == "Payments") OR String.toLowerCase(user.login) == "grace@acme.example"', 'user.department == "Payments"'],
  );
});

test("estimateExpressionLength counts each group ID at Okta's 20 characters", () => {
  const rule = { key: "r", name: "r", targetGroupKey: "g", clauses: [{ kind: "member-of-any" as const, groupKeys: ["a", "b"] }] };
  assert.equal(estimateExpressionLength(rule), 'isMemberOfAnyGroup("", "")'.length + 2 * 20);
});
