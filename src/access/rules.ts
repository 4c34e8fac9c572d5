import { createHash } from "node:crypto";
import type { AccessFile } from "./schema";
import type { GroupSpec, MemberTerm, RuleClause, RuleSpec, TeamGrant } from "./model-types";
import { MAX_RULE_EXPRESSION_LENGTH, OKTA_ID_LENGTH } from "./okta-catalog";
import { ruleKey, teamGroupKey, tenantGroupKey } from "./keys";
import { LEVEL_SHORT } from "./vocabulary";
import { byText } from "./text-order";
import type { TemporaryGrant } from "./temporary-access";

/*
 * Group-rule design (docs/rule-design.md):
 * - A group with its own expression (a team or a non-admin platform role) gets one rule that fills
 *   only that group.
 * - Each tenant group gets rules whose expression ORs, for every team granted that tenant at that
 *   level, the team's own expression (copied, never "member of the team group", because rules do
 *   not fire on memberships that other rules create) and isMemberOfAnyGroup(...) of the teams that
 *   are filled by explicit members only (memberships made by the API, which rules do see).
 * - A team filled both ways contributes `(expression) OR String.toLowerCase(user.login) == "..."`
 *   for its explicit members instead of a membership test, because its group is also filled by its own rule and a
 *   rule that tests such a group is what Okta calls a cascading rule.
 * - Every rule targets exactly one group that never changes, so `groupAssignments` never changes
 *   and no typical edit replaces a rule: only `expressionValue` is updated in place.
 * - When a tenant group's expression would pass MAX_RULE_EXPRESSION_LENGTH it is split into
 *   several rules for the same group, and the split is stable: teams, in name order, are cut into
 *   runs that start at "anchor" teams (a team is an anchor when a hash of its name says so, about
 *   one in ANCHOR_ODDS), a run too long for one rule is halved at its smallest-hash team, and each
 *   rule is keyed by its first team. Adding or removing a team changes only the rule that holds it,
 *   or splits one rule in two; teams elsewhere do not move because another came or went.
 */

/** isMemberOfAnyGroup accepts at most this many group IDs. */
const MAX_GROUPS_PER_MEMBERSHIP_CALL = 100;
const OR = " OR ";

/**
 * Expression text of a rule, with group keys turned into IDs by `idOf`. `keeps` says which explicit
 * members still get their login test (the program leaves out people Okta has deactivated); every
 * member by default, which is also the longest the text can be.
 */
export function renderRuleExpression(rule: RuleSpec, idOf: (groupKey: string) => string, keeps: (person: string) => boolean = () => true): string {
  return rule.clauses
    .flatMap((clause) => {
      if (clause.kind === "expression") {
        const text = fillText(clause.expression, clause.members.filter((member) => keeps(member.person)));
        return [rule.clauses.length === 1 ? text : `(${text})`];
      }
      if (clause.kind === "temporary") return clause.members.filter((member) => keeps(member.person)).map((member) => memberTest(member.login));
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

/**
 * `temporary`: the temporary grants still running. A tenant's temporary holders are one login test
 * each in the first rule of the tenant group (a rule of their own when no team is granted it): the
 * group stays filled by rules alone, and when a grant ends its test goes, an in-place update.
 */
export function planRules(file: AccessFile, groups: readonly GroupSpec[], grants: readonly TeamGrant[], temporary: readonly TemporaryGrant[] = []): RuleSpec[] {
  const rules: RuleSpec[] = [];
  for (const group of groups) {
    // Tenant groups are filled by the rules planned below, never by an expression of their own.
    if (!group.ruleExpression || group.kind === "tenant") continue;
    const label = group.kind === "team" ? `team ${group.team}` : `role ${group.platformRole}`;
    rules.push({
      key: ruleKey(group.key),
      name: `duplo ${label}`,
      targetGroupKey: group.key,
      // A group with a rule is filled by its rule alone: its explicit members join the condition.
      clauses: [{ kind: "expression", expression: group.ruleExpression, members: memberTerms(file, group.explicitMembers) }],
    });
  }

  const termsByTeam = new Map(file.teams.map((team) => [team.name, teamTerm(file, team)]));
  const grantsByGroup = new Map<string, TeamGrant[]>();
  for (const grant of grants) {
    const key = tenantGroupKey(grant.tenant, grant.level);
    const list = grantsByGroup.get(key) ?? [];
    list.push(grant);
    grantsByGroup.set(key, list);
  }
  const temporaryByGroup = new Map<string, { tenant: string; level: TeamGrant["level"]; people: string[] }>();
  for (const grant of temporary) {
    if (grant.target.kind !== "tenant") continue;
    const key = tenantGroupKey(grant.target.tenant, grant.target.level);
    const entry = temporaryByGroup.get(key) ?? { tenant: grant.target.tenant, level: grant.target.level, people: [] };
    entry.people.push(grant.person);
    temporaryByGroup.set(key, entry);
  }
  const temporaryClause = (groupKey: string): RuleClause[] => {
    const people = temporaryByGroup.get(groupKey)?.people ?? [];
    return people.length === 0 ? [] : [{ kind: "temporary", members: memberTerms(file, people) }];
  };
  for (const [groupKey, { tenant, level }] of temporaryByGroup) {
    if (!grantsByGroup.has(groupKey)) rules.push({ key: ruleKey(groupKey), name: `duplo ${LEVEL_SHORT[level]} ${tenant}`, targetGroupKey: groupKey, clauses: temporaryClause(groupKey) });
  }
  for (const [groupKey, tenantGrants] of grantsByGroup) {
    const { tenant, level } = tenantGrants[0]!;
    const teamNames = [...new Set(tenantGrants.map((grant) => grant.team))].sort();
    const terms = teamNames.map((name) => termsByTeam.get(name)!);
    const whole = build(terms);
    if (fits(whole)) {
      rules.push({ key: ruleKey(groupKey), name: `duplo ${LEVEL_SHORT[level]} ${tenant}`, targetGroupKey: groupKey, clauses: [...whole, ...temporaryClause(groupKey)] });
      continue;
    }
    const chunks = anchoredRuns(terms).flatMap((run) => bisect(run));
    chunks.forEach((chunk, index) => {
      // The chunk that holds the first team keeps the group's key; every other is keyed by its first team.
      const first = index === 0 ? undefined : chunk[0]!.team;
      rules.push({
        key: ruleKey(groupKey, first),
        // Okta rule names are at most 50 characters: the first team goes in as a short hash.
        name: `duplo ${LEVEL_SHORT[level]} ${tenant}${first === undefined ? "" : ` #${shortHash(first)}`}`,
        targetGroupKey: groupKey,
        clauses: index === 0 ? [...build(chunk), ...temporaryClause(groupKey)] : build(chunk),
      });
    });
  }
  return rules.sort((a, b) => byText(a.key, b.key));
}

/**
 * The login test of one explicit member. Okta keeps a login as it was created
 * (`Maria.Garcia@Northwind.example`) and does not document that `==` ignores case, so the term
 * lower-cases the login before comparing it with the lower-cased literal: its meaning does not
 * depend on case. Group rule conditions allow `String` functions, `String.toLowerCase` among them
 * (okta/okta-developer-docs, docs/reference/okta-expression-language/index.md, "String functions"
 * and "Expressions in group rules").
 */
export const memberTest = (login: string) => `String.toLowerCase(user.login) == ${JSON.stringify(login.toLowerCase())}`;

/**
 * The condition that fills a group with a rule: the rule itself, or, when the group also names
 * explicit members, `(rule) OR String.toLowerCase(user.login) == "..."` for each. A group is filled
 * one way only: by API memberships or by its rule, never both (Okta puts a user the API removes from
 * a rule-filled group on the rule's exclusion list, keeping them out for good).
 */
export function fillText(rule: string, members: readonly MemberTerm[]): string {
  if (members.length === 0) return rule;
  return [`(${rule})`, ...members.map((member) => memberTest(member.login))].join(OR);
}

/** The login tests of a group's explicit members (emails as the file names them), one per login, by login. */
export function memberTerms(file: AccessFile, members: readonly string[]): MemberTerm[] {
  const logins = new Map(file.users.map((user) => [user.email.toLowerCase(), (user.login ?? user.email).toLowerCase()]));
  const byLogin = new Map<string, MemberTerm>();
  for (const email of members) {
    const person = email.toLowerCase();
    const login = logins.get(person) ?? person;
    if (!byLogin.has(login)) byLogin.set(login, { person, login });
  }
  return [...byLogin.values()].sort((a, b) => byText(a.login, b.login));
}

/** What a team contributes to the rules of the tenant groups it is granted. */
export function teamTerm(file: AccessFile, team: AccessFile["teams"][number]): TeamTerm {
  if (!team.rule) return { team: team.name, ...(team.members.length > 0 ? { viaGroup: teamGroupKey(team.name) } : {}) };
  return { team: team.name, expression: team.rule, members: memberTerms(file, team.members) };
}

export interface TeamTerm {
  readonly team: string;
  /** The team's own rule, when it has one, and the login tests of its explicit members. */
  readonly expression?: string;
  readonly members?: readonly MemberTerm[];
  readonly viaGroup?: string;
}

/** A team's whole condition as one rule would hold it (undefined for a team without a rule). */
export const teamConditionText = (term: TeamTerm) => (term.expression === undefined ? undefined : fillText(term.expression, term.members ?? []));

/** About one team in this many starts a run of its own when a tenant group needs several rules. */
export const ANCHOR_ODDS = 8;

const hashOf = (text: string) => createHash("sha256").update(text).digest();
const shortHash = (text: string) => hashOf(text).toString("hex").slice(0, 6);
/** Whether a team starts a run: a property of its name alone, so it never depends on other teams. */
export const isAnchor = (team: string) => hashOf(team).readUInt32BE(0) % ANCHOR_ODDS === 0;

/** Teams in name order, cut before every anchor. */
function anchoredRuns(terms: readonly TeamTerm[]): TeamTerm[][] {
  const runs: TeamTerm[][] = [[]];
  for (const term of terms) {
    if (isAnchor(term.team) && runs.at(-1)!.length > 0) runs.push([term]);
    else runs.at(-1)!.push(term);
  }
  return runs.filter((run) => run.length > 0);
}

/**
 * A run too long for one rule, cut in two before its team (other than the first) with the smallest
 * name hash, again and again: a cut only moves when a new team takes that smallest hash, so teams
 * added or removed elsewhere in the run leave the other parts alone.
 */
function bisect(run: readonly TeamTerm[]): TeamTerm[][] {
  if (run.length === 1 || fits(build(run))) return [[...run]];
  const hashes = run.map((term) => hashOf(term.team));
  let cut = 1;
  for (let i = 2; i < run.length; i++) if (Buffer.compare(hashes[i]!, hashes[cut]!) < 0) cut = i;
  return [...bisect(run.slice(0, cut)), ...bisect(run.slice(cut))];
}

/** Clauses of a list of team terms: their expressions, then one membership test for the explicit teams. */
function build(terms: readonly TeamTerm[]): RuleClause[] {
  const expressions: RuleClause[] = terms.filter((t) => t.expression).map((t) => ({ kind: "expression", expression: t.expression!, members: t.members ?? [], team: t.team }));
  const keys = terms.filter((t) => t.viaGroup).map((t) => t.viaGroup!);
  return keys.length > 0 ? [...expressions, { kind: "member-of-any", groupKeys: keys }] : expressions;
}

const fits = (clauses: RuleClause[]) => estimateExpressionLength({ key: "", name: "", targetGroupKey: "", clauses }) <= MAX_RULE_EXPRESSION_LENGTH;
