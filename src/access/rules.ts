import type { AccessFile } from "./schema";
import type { GroupSpec, TeamGrant } from "./model";
import { MAX_RULE_EXPRESSION_LENGTH, OKTA_ID_LENGTH } from "./okta-catalog";
import { teamGroupKey, tenantGroupKey } from "./keys";

/*
 * Group-rule design (README, "Rule design"):
 * - A group with its own expression (a team or a non-admin platform role) gets one rule that fills
 *   only that group.
 * - Each tenant group gets rules whose expression ORs, for every team granted that tenant at that
 *   level, the team's own expression (copied, never "member of the team group", because rules do
 *   not fire on memberships that other rules create) and isMemberOfAnyGroup(...) of the teams that
 *   are filled by explicit members only (memberships made by the API, which rules do see).
 * - A team filled both ways contributes `(expression) OR user.login == "..."` for its explicit
 *   members instead of a membership test, because its group is also filled by its own rule and a
 *   rule that tests such a group is what Okta calls a cascading rule.
 * - Every rule targets exactly one group that never changes, so `groupAssignments` never changes
 *   and no typical edit replaces a rule: only `expressionValue` is updated in place.
 * - When a tenant group's expression would pass MAX_RULE_EXPRESSION_LENGTH it is split into
 *   several rules for the same group, packed in team-name order.
 */

/** One OR-ed part of a rule's expression. */
export type RuleClause =
  | { readonly kind: "expression"; readonly expression: string; readonly team?: string }
  | { readonly kind: "member-of-any"; readonly groupKeys: readonly string[] };

export interface RuleSpec {
  /** Stable logical key: `rule-team-payments`, `rule-tenant-dev01-read-write-2`. */
  readonly key: string;
  /** Okta rule name, at most 50 characters. */
  readonly name: string;
  /** The one group the rule fills. */
  readonly targetGroupKey: string;
  readonly clauses: readonly RuleClause[];
}

/** isMemberOfAnyGroup accepts at most this many group IDs. */
const MAX_GROUPS_PER_MEMBERSHIP_CALL = 100;
const OR = " OR ";

/** Expression text of a rule, with group keys turned into IDs by `idOf`. */
export function renderRuleExpression(rule: RuleSpec, idOf: (groupKey: string) => string): string {
  return rule.clauses
    .flatMap((clause) => {
      if (clause.kind === "expression") return [rule.clauses.length === 1 ? clause.expression : `(${clause.expression})`];
      const calls: string[] = [];
      for (let i = 0; i < clause.groupKeys.length; i += MAX_GROUPS_PER_MEMBERSHIP_CALL) {
        const ids = clause.groupKeys.slice(i, i + MAX_GROUPS_PER_MEMBERSHIP_CALL).map((key) => `"${idOf(key)}"`);
        calls.push(`isMemberOfAnyGroup(${ids.join(", ")})`);
      }
      return calls;
    })
    .join(OR);
}

/** Length of the rendered expression once group keys are IDs (all Okta IDs have the same length). */
export function estimateExpressionLength(rule: RuleSpec): number {
  return renderRuleExpression(rule, () => "x".repeat(OKTA_ID_LENGTH)).length;
}

const shortLevel = (level: string) => (level === "read-write" ? "rw" : "ro");

export function planRules(file: AccessFile, groups: readonly GroupSpec[], grants: readonly TeamGrant[]): RuleSpec[] {
  const rules: RuleSpec[] = [];
  for (const group of groups) {
    if (!group.ruleExpression) continue;
    const label = group.kind === "team" ? `team ${group.team}` : `role ${group.platformRole}`;
    rules.push({
      key: `rule-${group.key}`,
      name: `duplo ${label}`,
      targetGroupKey: group.key,
      // A group with a rule is filled by its rule alone: its explicit members join the condition.
      clauses: [{ kind: "expression", expression: fillCondition(file, group.ruleExpression, group.explicitMembers) }],
    });
  }

  const terms = new Map(file.teams.map((team) => [team.name, teamTerm(file, team)]));
  const grantsByGroup = new Map<string, TeamGrant[]>();
  for (const grant of grants) {
    const key = tenantGroupKey(grant.tenant, grant.level);
    const list = grantsByGroup.get(key) ?? [];
    list.push(grant);
    grantsByGroup.set(key, list);
  }
  for (const [groupKey, tenantGrants] of grantsByGroup) {
    const { tenant, level } = tenantGrants[0]!;
    const teamNames = [...new Set(tenantGrants.map((grant) => grant.team))].sort();
    const chunks = packClauses(
      teamNames.map((name) => terms.get(name)!),
    );
    chunks.forEach((clauses, index) => {
      const suffix = index === 0 ? "" : `-${index + 1}`;
      rules.push({
        key: `rule-${groupKey}${suffix}`,
        name: `duplo ${shortLevel(level)} ${tenant}${index === 0 ? "" : ` (${index + 1})`}`,
        targetGroupKey: groupKey,
        clauses,
      });
    });
  }
  return rules.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The condition that fills a group with a rule: the rule itself, or, when the group also names
 * explicit members, `(rule) OR user.login == "..."` for each. A group is filled one way only: by
 * API memberships or by its rule, never both (Okta puts a user the API removes from a rule-filled
 * group on the rule's exclusion list, keeping them out for good).
 */
export function fillCondition(file: AccessFile, rule: string, members: readonly string[]): string {
  if (members.length === 0) return rule;
  const logins = new Map(file.users.map((user) => [user.email.toLowerCase(), user.login ?? user.email]));
  const memberTests = [...new Set(members.map((email) => logins.get(email.toLowerCase()) ?? email))]
    .sort()
    .map((login) => `user.login == ${JSON.stringify(login)}`);
  return [`(${rule})`, ...memberTests].join(OR);
}

/** What a team contributes to the rules of the tenant groups it is granted. */
export function teamTerm(file: AccessFile, team: AccessFile["teams"][number]): TeamTerm {
  if (!team.rule) return { team: team.name, ...(team.members.length > 0 ? { viaGroup: teamGroupKey(team.name) } : {}) };
  return { team: team.name, expression: fillCondition(file, team.rule, team.members) };
}

export interface TeamTerm {
  readonly team: string;
  readonly expression?: string;
  readonly viaGroup?: string;
}

/** Packs team terms, in order, into clause lists whose rendered expressions fit the length budget. */
function packClauses(terms: readonly TeamTerm[]): RuleClause[][] {
  const chunks: RuleClause[][] = [];
  let expressions: RuleClause[] = [];
  let groupKeys: string[] = [];
  const build = (exprs: RuleClause[], keys: string[]): RuleClause[] =>
    keys.length > 0 ? [...exprs, { kind: "member-of-any", groupKeys: keys }] : exprs;
  const fits = (clauses: RuleClause[]) =>
    estimateExpressionLength({ key: "", name: "", targetGroupKey: "", clauses }) <= MAX_RULE_EXPRESSION_LENGTH;

  for (const term of terms) {
    const nextExpressions = term.expression ? [...expressions, { kind: "expression" as const, expression: term.expression, team: term.team }] : expressions;
    const nextKeys = term.viaGroup ? [...groupKeys, term.viaGroup] : groupKeys;
    const hasContent = expressions.length > 0 || groupKeys.length > 0;
    if (hasContent && !fits(build(nextExpressions, nextKeys))) {
      chunks.push(build(expressions, groupKeys));
      expressions = term.expression ? [{ kind: "expression", expression: term.expression, team: term.team }] : [];
      groupKeys = term.viaGroup ? [term.viaGroup] : [];
    } else {
      expressions = nextExpressions;
      groupKeys = nextKeys;
    }
  }
  if (expressions.length > 0 || groupKeys.length > 0) chunks.push(build(expressions, groupKeys));
  return chunks;
}
