import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { estimateExpressionLength, fillText, memberTerms, planRules, renderRuleExpression, teamConditionText, teamTerm, tenantRuleKeys } from "../../src/access/rules";
import { accessFileSchema, type AccessFile } from "../../src/access/schema";
import type { RuleSpec, TenantGroup } from "../../src/access/model-types";
import type { TemporaryGrant } from "../../src/access/temporary-access";
import { MAX_RULE_EXPRESSION_LENGTH } from "../../src/access/okta-catalog";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

/*
 * The edges of rules.ts that decide who a rule lets in, each with its exact output: the boundaries
 * of the length budget and of the home depth, membership tests of more than 100 groups, temporary
 * holders, renamed teams' rule aliases, and the helpers' defaults (the survivors of a mutation run,
 * docs/testing.md "Mutation testing").
 */

const idOf = (key: string) => `ID(${key})`;
const FILE = accessFileSchema.parse(parse(VALID_ACCESS_FILE));
const rule = (clauses: RuleSpec["clauses"]): RuleSpec => ({ key: "rule-x", name: "x", targetGroupKey: "x", clauses });

/** An access file with only these teams and users, as planRules reads it (validation would refuse the oversized terms some tests need). */
const fileWith = (teams: ReadonlyArray<{ name: string; rule?: string; members?: string[]; except?: string[] }>, users: AccessFile["users"] = []) =>
  ({ ...FILE, teams: teams.map((team) => ({ access: [], members: [], ...team })), users }) as unknown as AccessFile;
const grantsOf = (names: readonly string[]) => names.map((team) => ({ team, tenant: "dev01", level: "read-only" as const }));
const tenantKeys = (file: AccessFile, names: readonly string[]) => planRules(file, [], grantsOf(names)).map((r) => r.key);
const padded = (name: string, pad: number) => ({ name, rule: `user.department == "${name}${"x".repeat(pad)}"` });

test("rules (exact): isMemberOfAnyGroup takes at most 100 group IDs: 100 groups are one call, 101 are two", () => {
  const keys = (count: number) => Array.from({ length: count }, (_, i) => `g${i}`);
  const ids = (list: readonly string[]) => list.map((key) => `"ID(${key})"`).join(", ");
  assert.equal(renderRuleExpression(rule([{ kind: "member-of-any", groupKeys: keys(100) }]), idOf), `isMemberOfAnyGroup(${ids(keys(100))})`);
  assert.equal(
    renderRuleExpression(rule([{ kind: "member-of-any", groupKeys: keys(101) }]), idOf),
    `isMemberOfAnyGroup(${ids(keys(100))}) OR isMemberOfAnyGroup(${ids(["g100"])})`,
  );
});

test("rules (exact): a temporary holder Okta has deactivated loses their login test like an explicit member", () => {
  const members = [
    { person: "ann@acme.example", login: "ann@acme.example" },
    { person: "bo@acme.example", login: "bo@acme.example" },
  ];
  assert.equal(
    renderRuleExpression(rule([{ kind: "temporary", members }]), idOf, (person) => person !== "ann@acme.example"),
    'String.toLowerCase(user.login) == "bo@acme.example"',
  );
});

test("rules (exact): only a renamed team's rule carries its former key (the Pulumi alias); a role's rule never does", () => {
  const model = modelOf(VALID_ACCESS_FILE.replace("  - name: payments\n", "  - name: payments\n    formerName: pay\n"));
  assert.deepEqual(
    model.rules.map((r) => [r.key, r.formerKey]),
    [
      ["rule-role-readOnly", undefined],
      ["rule-team-payments", "rule-team-pay"],
      ["rule-tenant-dev01-read-write", undefined],
      ["rule-tenant-qa01-read-only", undefined],
    ],
  );
});

test("rules (exact): a tenant group never gets a rule of its own expression, only the rules its teams make", () => {
  const tenant: TenantGroup = { key: "tenant-dev01-read-only", name: "duplo-ro-dev01", description: "", kind: "tenant", tenant: "dev01", level: "read-only", owners: [], explicitMembers: [], ruleExpression: "true", grantsDuploAccess: true };
  assert.deepEqual(planRules(fileWith([]), [tenant], []), []);
});

test("rules (exact): temporary holders of a tenant no team is granted get a rule of their own; a temporary role is no tenant rule", () => {
  const temporary: TemporaryGrant[] = [
    { person: "alan@acme.example", target: { kind: "tenant", tenant: "qa01", level: "read-write" }, expires: "2026-12-31T10:00Z", reason: "release" },
    { person: "kat@acme.example", target: { kind: "role", role: "securityAdmins" }, expires: "2026-12-31T10:00Z", reason: "audit" },
  ];
  assert.deepEqual(
    planRules(fileWith([]), [], [], temporary).map((r) => [r.key, r.name, renderRuleExpression(r, idOf)]),
    [["rule-tenant-qa01-read-write", "duplo rw qa01", 'String.toLowerCase(user.login) == "alan@acme.example"']],
  );
  // Without temporary grants (the default), the same teams give the same rules.
  assert.deepEqual(planRules(fileWith([{ name: "a", rule: 'user.department == "A"' }]), [], grantsOf(["a"])), planRules(fileWith([{ name: "a", rule: 'user.department == "A"' }]), [], grantsOf(["a"]), []));
  assert.deepEqual(tenantKeys(fileWith([{ name: "a", rule: 'user.department == "A"' }]), ["a"]), ["rule-tenant-dev01-read-only"]);
});

test("rules (exact): the budget is inclusive: terms of exactly MAX_RULE_EXPRESSION_LENGTH characters fit one rule, one more spreads them over 16", () => {
  const lengthWith = (pad: number) => estimateExpressionLength(planRules(fileWith([padded("a", 100), padded("b", pad)]), [], grantsOf(["a", "b"]))[0]!);
  const pad = 100 + MAX_RULE_EXPRESSION_LENGTH - lengthWith(100);
  assert.equal(lengthWith(pad), MAX_RULE_EXPRESSION_LENGTH);
  assert.deepEqual(tenantKeys(fileWith([padded("a", 100), padded("b", pad)]), ["a", "b"]), ["rule-tenant-dev01-read-only"]);
  assert.equal(tenantKeys(fileWith([padded("a", 100), padded("b", pad + 1)]), ["a", "b"]).length, 16);
});

test("rules (exact): one team's term longer than the budget cannot be spread, so it stays one rule", () => {
  assert.deepEqual(tenantKeys(fileWith([padded("a", MAX_RULE_EXPRESSION_LENGTH + 1)]), ["a"]), ["rule-tenant-dev01-read-only"]);
  assert.deepEqual(tenantRuleKeys("g", [{ team: "a", expression: `user.x == "${"y".repeat(MAX_RULE_EXPRESSION_LENGTH)}"` }]), ["rule-g"]);
});

test("rules (exact): homes go eight hex digits deep and no deeper: two names whose hashes share eight digits stay in one rule", () => {
  // sha256("team-21198") and sha256("team-102730") both begin 96b9dc1c; their ninth digits differ (7, f).
  const keys = tenantKeys(fileWith([padded("team-21198", 600), padded("team-102730", 600)]), ["team-21198", "team-102730"]);
  // Each level down to the eighth: 15 homes of their own beside the one that goes on; the last holds both.
  assert.equal(keys.length, 1 + 15 * 8);
  const holding = planRules(fileWith([padded("team-21198", 600), padded("team-102730", 600)]), [], grantsOf(["team-21198", "team-102730"])).filter((r) =>
    r.clauses.some((clause) => clause.kind === "expression" && clause.team !== undefined),
  );
  assert.deepEqual(
    holding.map((r) => [r.key, r.clauses.map((clause) => (clause.kind === "expression" ? clause.team : clause.kind))]),
    [["rule-tenant-dev01-read-only-home-96b9dc1c", ["team-102730", "team-21198"]]],
  );
});

test("rules (exact): the helpers' defaults: no exceptions, no members, no temporary holders", () => {
  const ann = { person: "ann@acme.example", login: "ann@acme.example" };
  assert.equal(fillText("user.a == 1", [ann]), '(user.a == 1) OR String.toLowerCase(user.login) == "ann@acme.example"');
  assert.equal(teamConditionText({ team: "t", expression: "user.a == 1" }), "user.a == 1");
  assert.equal(teamConditionText({ team: "t", expression: "user.a == 1", members: [ann] }), '(user.a == 1) OR String.toLowerCase(user.login) == "ann@acme.example"');
  // A term without a rule of its own has no condition text, whatever else it holds.
  assert.equal(teamConditionText({ team: "t", members: [ann] }), undefined);
  assert.equal(teamConditionText({ team: "t", viaGroup: "team-t" }), undefined);
});

test("rules (exact): a team without a rule is tested by its group only when it names members; the first of two emails with one login is kept", () => {
  const file = fileWith(
    [],
    [
      { email: "a@acme.example", firstName: "A", lastName: "A", login: "Shared@acme.example" },
      { email: "b@acme.example", firstName: "B", lastName: "B", login: "shared@acme.example" },
    ] as AccessFile["users"],
  );
  assert.deepEqual(teamTerm(file, { name: "empty", members: [], access: [] } as unknown as AccessFile["teams"][number]), { team: "empty" });
  assert.deepEqual(teamTerm(file, { name: "ops", members: ["a@acme.example"], access: [] } as unknown as AccessFile["teams"][number]), { team: "ops", viaGroup: "team-ops" });
  assert.deepEqual(memberTerms(file, ["b@acme.example", "a@acme.example"]), [{ person: "b@acme.example", login: "shared@acme.example" }]);
});

/** Five teams whose names hash to home 0 (second digits 3, 5, 8, b, d): together they overflow home 0 too. */
const HOME_ZERO = ["zero-189", "zero-128", "zero-90", "zero-77", "zero-87"];

test("rules (exact): a home 0 that overflows spreads one level down; its own home 0 keeps rule-<group>, the others are keyed by their whole path", () => {
  const rules = planRules(fileWith(HOME_ZERO.map((name) => padded(name, 300))), [], grantsOf(HOME_ZERO));
  const level = (prefix: string) => Array.from({ length: 15 }, (_, i) => `rule-tenant-dev01-read-only-home-${prefix}${(i + 1).toString(16)}`);
  assert.deepEqual(
    rules.map((r) => r.key),
    ["rule-tenant-dev01-read-only", ...level("0"), ...level("")],
  );
  assert.deepEqual(
    rules.flatMap((r) => r.clauses.flatMap((clause) => (clause.kind === "expression" && clause.team !== undefined ? [`${clause.team} ${r.key.replace("rule-tenant-dev01-read-only", "")}`] : []))),
    ["zero-189 -home-03", "zero-128 -home-05", "zero-90 -home-08", "zero-77 -home-0b", "zero-87 -home-0d"],
  );
});

test("rules (exact): temporary holders of a split tenant group are in rule-<group> only, never in another home's rule", () => {
  const temporary: TemporaryGrant[] = [{ person: "alan@acme.example", target: { kind: "tenant", tenant: "dev01", level: "read-only" }, expires: "2026-12-31T10:00Z", reason: "release" }];
  const rules = planRules(fileWith(HOME_ZERO.map((name) => padded(name, 300))), [], grantsOf(HOME_ZERO), temporary);
  assert.deepEqual(
    rules.filter((r) => r.clauses.some((clause) => clause.kind === "temporary")).map((r) => [r.key, renderRuleExpression(r, idOf)]),
    [["rule-tenant-dev01-read-only", 'String.toLowerCase(user.login) == "alan@acme.example"']],
  );
});

test("rules (exact): rules come sorted by key, whatever order the grants come in", () => {
  const file = fileWith([
    { name: "b", rule: 'user.department == "B"' },
    { name: "a", rule: 'user.department == "A"' },
  ]);
  const grants = [
    { team: "b", tenant: "qa01", level: "read-write" as const },
    { team: "a", tenant: "dev01", level: "read-only" as const },
  ];
  assert.deepEqual(
    planRules(file, [], grants).map((r) => r.key),
    ["rule-tenant-dev01-read-only", "rule-tenant-qa01-read-write"],
  );
});
