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
 * - When a tenant group's expression would pass MAX_RULE_EXPRESSION_LENGTH its terms are spread
 *   over rules by their teams' *homes*: a team's home is read from a hash of its own name alone, one
 *   hex digit per level, so no other team's coming, going or renaming can change it. A group that
 *   no longer fits one rule gets HOMES_PER_LEVEL rules, every one of them present even when empty
 *   (an empty home matches nobody), so a home's rule is updated when its last team leaves, never
 *   deleted; a home that overflows does the same one level down. Home 0 of each level keeps the key
 *   of the rule above it, so `rule-<group>` lives as long as the group has grants. See
 *   docs/rule-design.md for the two points where terms do move (a group first needing a second
 *   rule, or needing one rule again; a home first overflowing) and what Okta does then.
 */

/** isMemberOfAnyGroup accepts at most this many group IDs. */
const MAX_GROUPS_PER_MEMBERSHIP_CALL = 100;
const OR = " OR ";

/**
 * Expression text of a rule, with group keys turned into IDs by `idOf`. `keeps` says which explicit
 * members still get their login test (the program leaves out people Okta has deactivated); every
 * member by default, which is also the longest the text can be.
 */
export function renderRuleExpression(rule: Pick<RuleSpec, "clauses">, idOf: (groupKey: string) => string, keeps: (person: string) => boolean = () => true): string {
  return rule.clauses
    .flatMap((clause) => {
      if (clause.kind === "expression") {
        const text = fillText(clause.expression, clause.members.filter((member) => keeps(member.person)), clause.except ?? []);
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
export function estimateExpressionLength(rule: Pick<RuleSpec, "clauses">): number {
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
      // The rule fills this one group only, so Okta's own exclusion list says exactly "not through this rule".
      ...(group.ruleExceptions ? { excludedPeople: group.ruleExceptions } : {}),
      ...(group.kind === "team" && group.formerName ? { formerKey: ruleKey(teamGroupKey(group.formerName)) } : {}),
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
    for (const home of homesOf(terms, "")) {
      const part = homePart(home.path);
      rules.push({
        key: homeRuleKey(groupKey, part),
        // Okta rule names are at most 50 characters: the home's path is at most a few hex digits.
        name: `duplo ${LEVEL_SHORT[level]} ${tenant}${part === "" ? "" : ` #${part}`}`,
        targetGroupKey: groupKey,
        // rule-<group> (home 0) also holds the people given the group for a while (temporaryAccess).
        clauses: clausesOrNobody([...build(home.terms), ...(part === "" ? temporaryClause(groupKey) : [])]),
        // Only rule-<group> takes its people out when deleted: another home's rule is deleted only
        // when the group fits one rule again (rule-<group> then matches all its people) or goes.
        ...(part === "" ? {} : { keepsMembersOnDelete: true as const }),
      });
    }
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

/** The test that leaves one excepted person out: the negation of memberTest, case-proof the same way. */
export const exceptTest = (login: string) => `String.toLowerCase(user.login) != ${JSON.stringify(login.toLowerCase())}`;

/**
 * The condition that fills a group with a rule: the rule itself, or, when the group also names
 * explicit members, `(rule) OR String.toLowerCase(user.login) == "..."` for each. A group is filled
 * one way only: by API memberships or by its rule, never both (Okta puts a user the API removes from
 * a rule-filled group on the rule's exclusion list, keeping them out for good).
 *
 * `except` (a team's exceptions, copied into a tenant rule) narrows the rule alone:
 * `((rule) AND String.toLowerCase(user.login) != "...") OR <member tests>`. Okta's exclusion list is
 * per rule (GroupRule.conditions.people.users.exclude), and a tenant rule ORs several teams' terms,
 * so excluding the person there would also take away the access another team of the same rule gives
 * them; in the term, the exception leaves that team's condition only. Validation refuses a person
 * both excepted and an explicit member.
 */
export function fillText(rule: string, members: readonly MemberTerm[], except: readonly MemberTerm[] = []): string {
  const narrowed = except.length === 0 ? rule : [`(${rule})`, ...except.map((person) => exceptTest(person.login))].join(" AND ");
  if (members.length === 0) return narrowed;
  return [`(${narrowed})`, ...members.map((member) => memberTest(member.login))].join(OR);
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
  const except = memberTerms(file, team.except ?? []);
  return { team: team.name, expression: team.rule, members: memberTerms(file, team.members), ...(except.length > 0 ? { except } : {}) };
}

export interface TeamTerm {
  readonly team: string;
  /** The team's own rule, when it has one, and the login tests of its explicit members. */
  readonly expression?: string;
  readonly members?: readonly MemberTerm[];
  /** The people the team's rule leaves out (`except`), by login. */
  readonly except?: readonly MemberTerm[];
  readonly viaGroup?: string;
}

/** A team's whole condition as one rule would hold it (undefined for a team without a rule). */
export const teamConditionText = (term: TeamTerm) => (term.expression === undefined ? undefined : fillText(term.expression, term.members ?? [], term.except ?? []));

/** How many homes a tenant group's terms are spread over, at each level, once they no longer fit one rule. */
export const HOMES_PER_LEVEL = 16;
/** Split rules are keyed `rule-<group>-home-<path>` (path in hex digits, trailing zeros dropped). */
const HOME_KEY_PREFIX = "home-";
/** A home's path without its trailing zeros: home 0 of each level keeps the key of the rule above it. */
const homePart = (path: string) => path.replace(/0+$/, "");
const homeRuleKey = (groupKey: string, part: string) => ruleKey(groupKey, part === "" ? undefined : `${HOME_KEY_PREFIX}${part}`);

/**
 * The keys of the rules a tenant group's terms get, as planRules keys them: `rule-<group>` alone
 * when they fit one rule, else one per home. The access diff asks it of a step's intermediate file
 * (review/rule-collapse.ts): would the group still need its homes without the rest of the change?
 */
export function tenantRuleKeys(groupKey: string, terms: readonly TeamTerm[]): string[] {
  return homesOf(terms, "").map((home) => homeRuleKey(groupKey, homePart(home.path)));
}

const hashOf = (text: string) => createHash("sha256").update(text).digest("hex");
/** A team's home at `depth`: the depth-th hex digit of its name's hash, a property of its name alone. */
export const homeDigit = (team: string, depth: number) => hashOf(team)[depth]!;

/**
 * What an empty home's rule holds: Okta logins are 5 to 100 characters (reference/okta.md,
 * "Limits"), so no one matches. The rule stays, so the home's last team leaving updates it (Okta
 * re-runs it on reactivation) instead of deleting it.
 */
export const NOBODY_EXPRESSION = memberTest("");
const NOBODY: RuleClause = { kind: "expression", expression: NOBODY_EXPRESSION, members: [] };
/** A home's clauses, or the one that matches nobody when it holds none. */
const clausesOrNobody = (clauses: readonly RuleClause[]): RuleClause[] => (clauses.length === 0 ? [NOBODY] : [...clauses]);

/**
 * The homes of a tenant group's terms under `path`: one, if they fit one rule (or cannot be spread
 * further); otherwise all HOMES_PER_LEVEL homes one level down, empty ones included.
 */
function homesOf(terms: readonly TeamTerm[], path: string): Array<{ path: string; terms: readonly TeamTerm[] }> {
  if (fits(build(terms)) || terms.length <= 1 || path.length >= MAX_HOME_DEPTH) return [{ path, terms }];
  return Array.from({ length: HOMES_PER_LEVEL }, (_, i) => i.toString(16)).flatMap((digit) =>
    homesOf(
      terms.filter((term) => homeDigit(term.team, path.length) === digit),
      `${path}${digit}`,
    ),
  );
}
/** Eight levels of sixteen homes: only names whose hashes share eight hex digits could need more. */
const MAX_HOME_DEPTH = 8;

/** Clauses of a list of team terms: their expressions, then one membership test for the explicit teams. */
function build(terms: readonly TeamTerm[]): RuleClause[] {
  const expressions: RuleClause[] = terms
    .filter((t) => t.expression)
    .map((t) => ({ kind: "expression", expression: t.expression!, members: t.members ?? [], team: t.team, ...(t.except ? { except: t.except } : {}) }));
  const keys = terms.filter((t) => t.viaGroup).map((t) => t.viaGroup!);
  return keys.length > 0 ? [...expressions, { kind: "member-of-any", groupKeys: keys }] : expressions;
}

const fits = (clauses: RuleClause[]) => estimateExpressionLength({ clauses }) <= MAX_RULE_EXPRESSION_LENGTH;
