import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { stringify } from "yaml";
import { estimateExpressionLength, homeDigit, HOMES_PER_LEVEL, NOBODY_EXPRESSION, renderRuleExpression } from "../../src/access/rules";
import { MAX_RULE_EXPRESSION_LENGTH } from "../../src/access/okta-catalog";
import type { RuleSpec } from "../../src/access/model-types";
import { modelOf } from "../support/access-files";

/*
 * Stable rule homes (issue 29): a tenant group's terms are spread over rules by a hash of each
 * team's own name, so adding, removing or renaming one team moves no other team's term and
 * deletes no rule whose teams remain (rules.ts, docs/rule-design.md).
 */

const GROUP = "tenant-dev01-read-only";
const idOf = (key: string) => `ID(${key})`;

interface TeamShape {
  readonly name: string;
  /** Characters of padding in the team's rule, so expressions are long enough to force a split. */
  readonly pad: number;
  /** A team filled by explicit members: its term is a group ID in the isMemberOfAnyGroup test. */
  readonly explicit?: boolean;
}

/** An access file whose teams are all granted dev01 read-only. */
function fileOf(teams: readonly TeamShape[]): string {
  return stringify({
    duplocloud: { portal: "https://acme.duplocloud.net", tenants: ["dev01"] },
    roles: { administrators: { members: ["ada@acme.example", "grace@acme.example"] } },
    teams: teams.map((team) => ({
      name: team.name,
      ...(team.explicit ? { members: ["grace@acme.example"] } : { rule: `user.department == "${team.name} ${"x".repeat(team.pad)}"` }),
      access: [{ tenant: "dev01", level: "read-only" }],
    })),
  });
}

const tenantRules = (teams: readonly TeamShape[]) => modelOf(fileOf(teams)).rules.filter((rule) => rule.targetGroupKey === `${GROUP}`);

/** The teams each rule holds: its expression terms, and the team groups of its membership test. */
function teamsOf(rule: RuleSpec): string[] {
  return rule.clauses.flatMap((clause) => (clause.kind === "expression" ? (clause.team === undefined ? [] : [clause.team]) : clause.kind === "member-of-any" ? clause.groupKeys.map((key) => key.replace(/^team-/, "")) : []));
}

/** The rule key that holds each team's term. */
function homesByTeam(rules: readonly RuleSpec[]): Map<string, string> {
  return new Map(rules.flatMap((rule) => teamsOf(rule).map((team) => [team, rule.key] as const)));
}

const numbered = (count: number, pad = 40): TeamShape[] => Array.from({ length: count }, (_, i) => ({ name: `team-${String(i).padStart(3, "0")}`, pad, explicit: i % 5 === 4 }));

test("homes (exact): 60 teams that do not fit one rule get one rule per home, empty homes included, each within the budget", () => {
  const rules = tenantRules(numbered(60));
  assert.deepEqual(
    rules.map((rule) => [rule.key, rule.name, rule.keepsMembersOnDelete ?? false]),
    Array.from({ length: HOMES_PER_LEVEL }, (_, i) => {
      const digit = i.toString(16);
      return i === 0 ? [`rule-${GROUP}`, "duplo ro dev01", false] : [`rule-${GROUP}-home-${digit}`, `duplo ro dev01 #${digit}`, true];
    }).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
  );
  for (const rule of rules) assert.ok(estimateExpressionLength(rule) <= MAX_RULE_EXPRESSION_LENGTH, rule.key);
  // A team's home is the first hex digit of the SHA-256 of its name, whatever the other teams.
  const homes = homesByTeam(rules);
  assert.deepEqual(
    ["team-000", "team-001", "team-002", "team-003", "team-059"].map((team) => homes.get(team)),
    [`rule-${GROUP}-home-e`, `rule-${GROUP}-home-2`, `rule-${GROUP}-home-3`, `rule-${GROUP}-home-b`, `rule-${GROUP}-home-b`],
  );
  assert.deepEqual([...homes.keys()].sort(), numbered(60).map((team) => team.name));
  // An explicit team is tested by its group's ID in its own home's rule.
  assert.deepEqual(teamsOf(rules.find((rule) => rule.key === homes.get("team-004"))!).includes("team-004"), true);
});

test("homes: an empty home's rule matches nobody, so its last team leaving updates it instead of deleting it", () => {
  const teams = numbered(60);
  const empty = tenantRules(teams).filter((rule) => teamsOf(rule).length === 0);
  const lonely = tenantRules(teams).filter((rule) => teamsOf(rule).length === 1);
  assert.ok(lonely.length > 0, "some home holds a single team");
  const [only] = teamsOf(lonely[0]!);
  const after = tenantRules(teams.filter((team) => team.name !== only));
  const emptied = after.find((rule) => rule.key === lonely[0]!.key)!;
  assert.equal(renderRuleExpression(emptied, idOf), 'String.toLowerCase(user.login) == ""');
  assert.equal(NOBODY_EXPRESSION, 'String.toLowerCase(user.login) == ""');
  for (const rule of empty) assert.equal(renderRuleExpression(rule, idOf), NOBODY_EXPRESSION);
});

test("homes: a group that fits one rule has exactly one, rule-<group>, which takes its people out when deleted", () => {
  const rules = tenantRules(numbered(8));
  assert.deepEqual(
    rules.map((rule) => [rule.key, rule.name, rule.keepsMembersOnDelete ?? false, teamsOf(rule)]),
    // Expression terms first, then the one membership test of the explicit teams.
    [[`rule-${GROUP}`, "duplo ro dev01", false, ["team-000", "team-001", "team-002", "team-003", "team-005", "team-006", "team-007", "team-004"]]],
  );
});

test("homes: a home that overflows spreads its teams one level down; home 0 below keeps the home's key, and names stay within 50 characters", () => {
  // Long terms: a home of 60 teams holds about four, and a few such terms pass 1,024 characters.
  const teams = numbered(60, 260).map((team) => ({ ...team, explicit: false }));
  const rules = tenantRules(teams);
  const deep = rules.filter((rule) => /-home-[0-9a-f]{2}$/.test(rule.key));
  assert.ok(deep.length > 0, "some home overflowed");
  for (const rule of rules) {
    assert.ok(estimateExpressionLength(rule) <= MAX_RULE_EXPRESSION_LENGTH, rule.key);
    assert.ok(rule.name.length <= 50, rule.name);
  }
  for (const [team, key] of homesByTeam(rules)) {
    const path = key === `rule-${GROUP}` ? "" : key.slice(`rule-${GROUP}-home-`.length);
    // The key's path is the start of the team's own hash digits (trailing zeros dropped: rule-<group> is home 0).
    const digits = [0, 1].map((depth) => homeDigit(team, depth)).join("");
    assert.ok(digits.startsWith(path) && (path !== "" || digits[0] === "0"), `${team} (${digits}) in ${key}`);
  }
  // An overflowing home `h` becomes homes h0..hf; h0 keeps the key rule-...-home-h.
  const overflowing = [...new Set(deep.map((rule) => rule.key.slice(-2, -1)))];
  for (const digit of overflowing) {
    assert.deepEqual(
      rules.filter((rule) => rule.key.startsWith(`rule-${GROUP}-home-${digit}`)).map((rule) => rule.key),
      Array.from({ length: HOMES_PER_LEVEL }, (_, i) => `rule-${GROUP}-home-${digit}${i === 0 ? "" : i.toString(16)}`),
    );
  }
});

/*
 * The step from one file to the next. For 30 to 60 teams whose terms force a split, and any one
 * team added, removed or renamed at any position: every unchanged team's term stays in the same
 * rule resource, and every rule that held an unchanged team is still there.
 */
const teamNames = fc.uniqueArray(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,14}$/), { minLength: 31, maxLength: 61 });

function assertNothingElseMoves(before: readonly TeamShape[], after: readonly TeamShape[], changed: ReadonlySet<string>) {
  const [rulesBefore, rulesAfter] = [tenantRules(before), tenantRules(after)];
  const [homesBefore, homesAfter] = [homesByTeam(rulesBefore), homesByTeam(rulesAfter)];
  const keysAfter = new Set(rulesAfter.map((rule) => rule.key));
  assert.ok(rulesBefore.length >= HOMES_PER_LEVEL && rulesAfter.length >= HOMES_PER_LEVEL, "both files need a split");
  for (const team of before.filter((t) => !changed.has(t.name))) {
    assert.equal(homesAfter.get(team.name), homesBefore.get(team.name), `${team.name} moved`);
    assert.ok(keysAfter.has(homesBefore.get(team.name)!), `the rule of ${team.name} was deleted`);
  }
  // While a group stays split, no rule of it is deleted at all.
  for (const rule of rulesBefore) assert.ok(keysAfter.has(rule.key), `${rule.key} deleted`);
}

test("homes (property): adding, removing or renaming one team of 30 to 60 moves no other team's term and deletes no rule", () => {
  fc.assert(
    fc.property(
      teamNames,
      fc.array(fc.integer({ min: 30, max: 80 }), { minLength: 61, maxLength: 61 }),
      fc.nat(),
      fc.constantFrom("add", "remove", "rename"),
      (names, pads, position, operation) => {
        const shapes = names.map((name, i) => ({ name, pad: pads[i]!, explicit: i % 6 === 5 }));
        const [current, spare] = [shapes.slice(0, -1), shapes.at(-1)!];
        const at = position % current.length;
        const target = current[at]!;
        if (operation === "add") assertNothingElseMoves(current, [...current.slice(0, at), spare, ...current.slice(at)], new Set([spare.name]));
        if (operation === "remove") assertNothingElseMoves(current, current.filter((_, i) => i !== at), new Set([target.name]));
        if (operation === "rename") assertNothingElseMoves(current, current.map((team, i) => (i === at ? { ...team, name: spare.name } : team)), new Set([target.name, spare.name]));
      },
    ),
    { numRuns: 40 },
  );
});
