import { test } from "node:test";
import assert from "node:assert/strict";
import { renderRuleExpression, estimateExpressionLength } from "../../src/access/rules";
import { MAX_RULE_EXPRESSION_LENGTH } from "../../src/access/okta-catalog";
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
  assert.equal(expression, '(user.department == "Payments") OR user.login == "grace@acme.example"');
  assert.doesNotMatch(expression, /team-payments/);
});

test("every rule has exactly one target group, so edits never change groupAssignments", () => {
  const model = modelOf(VALID_ACCESS_FILE);
  const keys = new Set(model.groups.map((g) => g.key));
  for (const rule of model.rules) assert.ok(keys.has(rule.targetGroupKey), rule.key);
});

/** An access file with many rule-based teams all granted the same tenant, to force a split. */
function manyTeamsOnOneTenant(count: number): string {
  const teams = Array.from({ length: count }, (_, i) => `  - name: team-${String(i).padStart(3, "0")}\n    rule: user.department == "Department number ${i}"\n    access: [{ tenant: dev01, level: read-only }]`);
  return VALID_ACCESS_FILE.replace(/teams:\n[\s\S]*?users:/, `teams:\n${teams.join("\n")}\nusers:`);
}

test("a tenant rule that would pass the length budget is split into several rules for the same group", () => {
  const model = modelOf(manyTeamsOnOneTenant(60));
  const tenantRules = model.rules.filter((r) => r.targetGroupKey === "tenant-dev01-read-only");
  assert.ok(tenantRules.length > 1, `expected a split, got ${tenantRules.length} rule(s)`);
  assert.deepEqual(tenantRules.map((r) => r.key).slice(0, 2), ["rule-tenant-dev01-read-only", "rule-tenant-dev01-read-only-2"]);
  for (const rule of tenantRules) assert.ok(estimateExpressionLength(rule) <= MAX_RULE_EXPRESSION_LENGTH, rule.key);
  // Every team's condition appears in exactly one of the rules.
  const all = tenantRules.map((r) => renderRuleExpression(r, idOf)).join(" OR ");
  for (let i = 0; i < 60; i++) assert.equal(all.split(`"Department number ${i}"`).length - 1, 1, `team ${i}`);
});

test("isMemberOfAnyGroup calls hold at most 100 group IDs", () => {
  const rule = { key: "r", name: "r", targetGroupKey: "g", clauses: [{ kind: "member-of-any" as const, groupKeys: Array.from({ length: 150 }, (_, i) => `g${i}`) }] };
  const expression = renderRuleExpression(rule, (key) => key);
  assert.equal(expression.split("isMemberOfAnyGroup(").length - 1, 2);
});
