import { test } from "node:test";
import assert from "node:assert/strict";
import { renderRuleExpression, estimateExpressionLength, isAnchor } from "../../src/access/rules";
import { parseGroupRuleExpression } from "../../src/access/expression";
import { evaluateRule } from "../../src/access/expression-eval";
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
  assert.equal(expression, '(user.department == "Payments") OR String.toLowerCase(user.login) == "grace@acme.example"');
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
  assert.equal(tenantRules.filter((r) => r.key === "rule-tenant-dev01-read-only").length, 1, "the rule holding the first team keeps the group's key");
  assert.equal(new Set(tenantRules.map((r) => r.key)).size, tenantRules.length);
  for (const rule of tenantRules) assert.ok(estimateExpressionLength(rule) <= MAX_RULE_EXPRESSION_LENGTH, rule.key);
  // Every team's condition appears in exactly one of the rules.
  const all = tenantRules.map((r) => renderRuleExpression(r, idOf)).join(" OR ");
  for (let i = 0; i < 60; i++) assert.equal(all.split(`"Department number ${i}"`).length - 1, 1, `team ${i}`);
});

test("isMemberOfAnyGroup calls hold at most 100 group IDs", () => {
  const rule = { key: "r", name: "r", targetGroupKey: "g", clauses: [{ kind: "member-of-any" as const, groupKeys: Array.from({ length: 150 }, (_, i) => `g${i}`) }] };
  const expression = renderRuleExpression(rule, (key) => key);
  const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `"g${from + i}"`).join(", ");
  assert.equal(expression, `isMemberOfAnyGroup(${ids(0, 100)}) OR isMemberOfAnyGroup(${ids(100, 150)})`);
});

/** Okta IDs are 20 characters: render with IDs of that length, as Okta will. */
const realisticId = (key: string) => `00g${key.replace(/[^a-z0-9]/gi, "").slice(0, 17).padEnd(17, "x")}`;

/** Rule-based teams team-000.. and explicit-member teams crew-000.., all granted dev01 read-only. */
function mixedTeamsOnOneTenant(ruleTeams: number, explicitTeams: number): string {
  const rule = Array.from({ length: ruleTeams }, (_, i) => `  - name: team-${String(i).padStart(3, "0")}\n    rule: user.department == "Department number ${i}"\n    access: [{ tenant: dev01, level: read-only }]`);
  const explicit = Array.from({ length: explicitTeams }, (_, i) => `  - name: crew-${String(i).padStart(3, "0")}\n    members: [ada@acme.example]\n    access: [{ tenant: dev01, level: read-only }]`);
  return VALID_ACCESS_FILE.replace(/teams:\n[\s\S]*?users:/, `teams:\n${[...rule, ...explicit].join("\n")}\nusers:`);
}

test("split tenant rules: every team, rule-based or explicit, is in exactly one rule, and no rule passes 1,024 characters with real IDs", () => {
  // crew-* sort before team-*, and 45 explicit teams' IDs alone need more than one rule.
  const model = modelOf(mixedTeamsOnOneTenant(40, 45));
  const tenantRules = model.rules.filter((r) => r.targetGroupKey === "tenant-dev01-read-only");
  assert.ok(tenantRules.length >= 3, `expected several rules, got ${tenantRules.length}`);
  const rendered = tenantRules.map((r) => renderRuleExpression(r, realisticId));
  for (const [i, text] of rendered.entries()) assert.ok(text.length <= MAX_RULE_EXPRESSION_LENGTH, `${tenantRules[i]!.key} is ${text.length} characters`);
  const all = rendered.join(" OR ");
  for (let i = 0; i < 40; i++) assert.equal(all.split(`"Department number ${i}"`).length - 1, 1, `team-${i}`);
  for (let i = 0; i < 45; i++) assert.equal(all.split(`"${realisticId(`team-crew-${String(i).padStart(3, "0")}`)}"`).length - 1, 1, `crew-${i}`);
});

test("split tenant rules are keyed by their first team, and named within Okta's 50 characters", () => {
  const model = modelOf(manyTeamsOnOneTenant(60));
  const tenantRules = model.rules.filter((r) => r.targetGroupKey === "tenant-dev01-read-only");
  for (const rule of tenantRules) {
    const first = (rule.clauses[0] as { team?: string }).team!;
    assert.equal(rule.key, first === "team-000" ? "rule-tenant-dev01-read-only" : `rule-tenant-dev01-read-only-${first}`);
    assert.match(rule.name, first === "team-000" ? /^duplo ro dev01$/ : /^duplo ro dev01 #[0-9a-f]{6}$/);
  }
  assert.equal(new Set(tenantRules.map((r) => r.name)).size, tenantRules.length, "names are unique");
});

test("split tenant rules are stable: adding or removing a team changes at most one existing rule, and adds or deletes at most one", () => {
  const expressions = (count: number, extra?: string, without?: string) => {
    let text = manyTeamsOnOneTenant(count);
    if (extra) text = text.replace("teams:\n", `teams:\n  - name: ${extra}\n    rule: user.department == "Extra ${extra}"\n    access: [{ tenant: dev01, level: read-only }]\n`);
    if (without) text = text.replace(new RegExp(`  - name: ${without}\\n[^\\n]*\\n[^\\n]*\\n`), "");
    const rules = modelOf(text).rules.filter((r) => r.targetGroupKey === "tenant-dev01-read-only");
    return new Map(rules.map((r) => [r.key, renderRuleExpression(r, idOf)]));
  };
  const before = expressions(80);
  assert.ok(before.size > 3, `${before.size} rules`);
  const delta = (after: Map<string, string>) => ({
    changed: [...after].filter(([key, text]) => before.has(key) && before.get(key) !== text).length,
    added: [...after.keys()].filter((key) => !before.has(key)).length,
    removed: [...before.keys()].filter((key) => !after.has(key)).length,
  });
  // 40 new teams named all over the alphabet, anchors among them.
  const newcomers = Array.from({ length: 40 }, (_, i) => `${String.fromCharCode(97 + (i % 26))}${i}-new`).concat(["team-0105", "team-040x", "team-079z"]);
  assert.ok(newcomers.some(isAnchor) && newcomers.some((name) => !isAnchor(name)));
  for (const name of newcomers) {
    const { changed, added, removed } = delta(expressions(80, name));
    assert.ok(changed <= 1 && added <= 1 && removed === 0, `adding ${name}: ${JSON.stringify({ changed, added, removed })}`);
  }
  for (const name of Array.from({ length: 80 }, (_, i) => `team-${String(i).padStart(3, "0")}`).filter((_, i) => i % 7 === 0)) {
    const { changed, added, removed } = delta(expressions(80, undefined, name));
    assert.ok(changed <= 1 && added === 0 && removed <= 1, `removing ${name}: ${JSON.stringify({ changed, added, removed })}`);
  }
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

test("split tenant rules (exact): 80 teams cut at their anchors and halved at the smallest hash, each rule keyed by its first team", () => {
  const rules = modelOf(manyTeamsOnOneTenant(80)).rules.filter((r) => r.targetGroupKey === "tenant-dev01-read-only");
  const expressionTeams = (rule: (typeof rules)[number]) => rule.clauses.map((clause) => (clause.kind === "expression" ? clause.team : "member-of-any"));
  const team = (i: number) => `team-${String(i).padStart(3, "0")}`;
  const run = (from: number, count: number) => Array.from({ length: count }, (_, i) => team(from + i));
  assert.deepEqual(
    rules.map((rule) => [rule.key, rule.name, expressionTeams(rule)]),
    [
      ["rule-tenant-dev01-read-only", "duplo ro dev01", run(0, 14)],
      ["rule-tenant-dev01-read-only-team-014", "duplo ro dev01 #1dc1ee", run(14, 1)],
      ["rule-tenant-dev01-read-only-team-015", "duplo ro dev01 #1943f5", run(15, 8)],
      ["rule-tenant-dev01-read-only-team-023", "duplo ro dev01 #fe6c38", run(23, 3)],
      ["rule-tenant-dev01-read-only-team-026", "duplo ro dev01 #48f069", run(26, 21)],
      ["rule-tenant-dev01-read-only-team-047", "duplo ro dev01 #6668ea", run(47, 5)],
      ["rule-tenant-dev01-read-only-team-052", "duplo ro dev01 #6adaa6", run(52, 1)],
      ["rule-tenant-dev01-read-only-team-053", "duplo ro dev01 #a5de96", run(53, 4)],
      ["rule-tenant-dev01-read-only-team-057", "duplo ro dev01 #c44c55", run(57, 5)],
      ["rule-tenant-dev01-read-only-team-062", "duplo ro dev01 #029437", run(62, 17)],
      ["rule-tenant-dev01-read-only-team-079", "duplo ro dev01 #1988f5", run(79, 1)],
    ],
  );
  // Which teams are anchors decides the cuts above: the anchors among them, exactly.
  assert.deepEqual(
    run(0, 80).filter(isAnchor),
    rules.map((rule) => expressionTeams(rule)[0]).filter((first) => isAnchor(first!)),
  );
});
