import type { AccessModel, GroupSpec } from "../access/model";
import type { RuleSpec, TeamGroup, TenantGroup } from "../access/model-types";
import type { AccessLevel } from "../access/schema";
import { teamGroupKey } from "../access/keys";
import { tenantRuleKeys, type TeamTerm } from "../access/rules";
import { byText } from "../access/text-order";
import type { GroupAudience } from "./audience";
import { teamRenames } from "./team-renames";

/*
 * People Okta leaves in a tenant group when a step deletes the group's home rules (docs/rule-design.md).
 * A tenant level whose teams fit one rule again keeps `rule-<group>` and deletes its other homes'
 * rules with `removeAssignedUsers: false` (src/okta/groups.ts): deleting them with removeUsers
 * would take out people `rule-<group>` still matches, and Okta does not re-run the group's other
 * rules when a rule is deleted (reference/okta.md, "Rule deletion"). Those people stay in the group
 * as members no rule manages (Okta help, "What happens if group rules are deactivated and deleted":
 * "Leave users in the group ... their membership will no longer be managed by the rule"). So when
 * the same step removes or narrows a team whose term was in a deleted home, that team's people keep
 * the group (and the DuploCloud access it gives) although the file no longer gives it to them.
 * The same holds when a home that overflowed fits again (its sub-homes' rules go), and when an
 * adopted group's last grant goes (the group is kept, retainOnDelete; its rule-<group> takes its
 * people out, the other homes' rules do not).
 * The ways out: a home rule updated in place (the provider deactivates, PUTs and activates it) takes
 * out whom it no longer matches, since Okta updates memberships "based on the edited settings" once
 * an edited rule is activated (help.okta.com, users-groups-profiles/usgp-edit-group-rules.htm, "Edit
 * group rules"); and a member no rule manages can be removed by hand without Okta adding them to a
 * rule's exclusion list, which only happens to a rule-managed member (help.okta.com,
 * usgp-group-users-manually.htm, "Manual group user management").
 */

/** One team of a deleted home whose people the head file no longer gives the group, and why. */
export interface TeamLeftIn {
  /** The team's name in the base file. */
  readonly team: string;
  /** What the step does to the team, in words: "removed from the file", "its rule changes". */
  readonly change: string;
}

/** A tenant group whose deleted home rules leave in people the head file no longer gives it. */
export interface LeftInGroup {
  readonly tenant: string;
  readonly level: AccessLevel;
  /** The Okta group's name (the head's, when the head keeps the group). */
  readonly group: string;
  /** The names of the rules the step deletes with their people left in, sorted. */
  readonly deletedRules: readonly string[];
  readonly teams: readonly TeamLeftIn[];
  /**
   * How to avoid it: `teams-first` when a first pull request with only these teams' changes still
   * needs the deleted rules (each is then updated in place, and Okta re-applies it on re-activation);
   * `by-hand` when these changes themselves let the group fit one rule, so no order of pull requests helps.
   */
  readonly avoid: "teams-first" | "by-hand";
  /** With a directory snapshot: who keeps the group although the head file does not give it, by login. */
  readonly people?: readonly string[];
}

const tenantGroupOf = (model: AccessModel, key: string) => model.groups.find((group): group is TenantGroup => group.kind === "tenant" && group.key === key);
const teamGroupOf = (model: AccessModel, team: string) => model.groups.find((group): group is TeamGroup => group.kind === "team" && group.team === team);

/** The teams whose terms a rule holds: its expression terms, and the team groups of its membership test. */
function teamsOfRule(model: AccessModel, rule: RuleSpec): string[] {
  const teamByKey = new Map(model.groups.flatMap((group) => (group.kind === "team" ? [[group.key, group.team] as const] : [])));
  return rule.clauses.flatMap((clause) => {
    if (clause.kind === "expression") return clause.team === undefined ? [] : [clause.team];
    if (clause.kind === "member-of-any") return clause.groupKeys.flatMap((key) => (teamByKey.has(key) ? [teamByKey.get(key)!] : []));
    return [];
  });
}

/** Each team's term in a group's rules, as rules.ts built it, by team name. */
function termsOfGroup(model: AccessModel, groupKey: string): Map<string, TeamTerm> {
  const teamByKey = new Map(model.groups.flatMap((group) => (group.kind === "team" ? [[group.key, group.team] as const] : [])));
  const terms = new Map<string, TeamTerm>();
  for (const rule of model.rules.filter((r) => r.targetGroupKey === groupKey)) {
    for (const clause of rule.clauses) {
      if (clause.kind === "expression" && clause.team !== undefined)
        terms.set(clause.team, { team: clause.team, expression: clause.expression, members: clause.members, ...(clause.except ? { except: clause.except } : {}) });
      if (clause.kind === "member-of-any") for (const key of clause.groupKeys) if (teamByKey.has(key)) terms.set(teamByKey.get(key)!, { team: teamByKey.get(key)!, viaGroup: key });
    }
  }
  return terms;
}

const missingFrom = (from: readonly string[] | undefined, to: readonly string[] | undefined) => (from ?? []).filter((person) => !(to ?? []).includes(person));

/** What a step does to a team that can leave its people in the group, or undefined when it only keeps or widens them. */
function narrowing(base: TeamGroup, head: TeamGroup | undefined, granted: boolean, tenant: string, level: AccessLevel): string | undefined {
  if (!head) return "removed from the file";
  if (!granted) return `no longer granted ${tenant} ${level}`;
  const reasons: string[] = [];
  if (base.ruleExpression !== undefined && base.ruleExpression !== head.ruleExpression)
    reasons.push(head.ruleExpression === undefined ? "its rule is removed" : "its rule changes");
  const lost = missingFrom(base.explicitMembers, head.explicitMembers);
  if (lost.length > 0) reasons.push(`loses ${lost.length === 1 ? "member" : "members"} ${lost.join(", ")}`);
  const excepted = missingFrom(head.ruleExceptions, base.ruleExceptions);
  if (excepted.length > 0) reasons.push(`its rule now leaves out ${excepted.join(", ")}`);
  return reasons.length > 0 ? reasons.join("; ") : undefined;
}

/**
 * The tenant groups of a step (base to head) whose deleted home rules leave in the people of a team
 * the same step removes or narrows. Empty when no such step is in it.
 */
export function leftInGroups(base: AccessModel | undefined, head: AccessModel | undefined): LeftInGroup[] {
  if (!base) return [];
  const headRuleKeys = new Set((head?.rules ?? []).map((rule) => rule.key));
  const deleted = base.rules.filter((rule) => rule.keepsMembersOnDelete && !headRuleKeys.has(rule.key));
  const renamed = new Map(teamRenames(base, head).map(({ from, to }) => [from, to]));
  const results: LeftInGroup[] = [];
  for (const groupKey of [...new Set(deleted.map((rule) => rule.targetGroupKey))].sort(byText)) {
    const baseGroup = tenantGroupOf(base, groupKey);
    const headGroup = head && tenantGroupOf(head, groupKey);
    // A group the step deletes takes everyone out; an adopted one is kept (retainOnDelete) with whoever is in it.
    if (!baseGroup || (!headGroup && !baseGroup.importId)) continue;
    const { tenant, level } = baseGroup;
    const rules = deleted.filter((rule) => rule.targetGroupKey === groupKey);
    const homeOf = new Map(rules.flatMap((rule) => teamsOfRule(base, rule).map((team) => [team, rule.key] as const)));
    const teams: TeamLeftIn[] = [];
    for (const team of [...homeOf.keys()].sort(byText)) {
      const headName = renamed.get(team) ?? team;
      const granted = (head?.grants ?? []).some((grant) => grant.team === headName && grant.tenant === tenant && grant.level === level);
      const change = headGroup ? narrowing(teamGroupOf(base, team)!, head && teamGroupOf(head, headName), granted, tenant, level) : `no longer granted ${tenant} ${level}`;
      if (change !== undefined) teams.push({ team, change });
    }
    if (teams.length === 0) continue;
    results.push({
      tenant,
      level,
      group: (headGroup ?? baseGroup).name,
      deletedRules: rules.map((rule) => rule.name).sort(byText),
      teams,
      avoid: headGroup && teamsFirstKeepsHomes(base, head!, groupKey, teams, homeOf, renamed) ? "teams-first" : "by-hand",
    });
  }
  return results;
}

/**
 * Whether a first pull request with only these teams' changes keeps every deleted rule that holds
 * one of them: the base's terms of the group, with these teams' terms as the head has them (or gone).
 * rules.ts decides one rule or homes by the group's whole length, so the answer depends on the rest.
 */
function teamsFirstKeepsHomes(
  base: AccessModel,
  head: AccessModel,
  groupKey: string,
  teams: readonly TeamLeftIn[],
  homeOf: ReadonlyMap<string, string>,
  renamed: ReadonlyMap<string, string>,
): boolean {
  const [before, after] = [termsOfGroup(base, groupKey), termsOfGroup(head, groupKey)];
  for (const { team } of teams) {
    before.delete(team);
    const headName = renamed.get(team) ?? team;
    const term = after.get(headName);
    if (term) before.set(headName, term);
  }
  const terms = [...before.keys()].sort().map((team) => before.get(team)!);
  const keys = new Set(tenantRuleKeys(groupKey, terms));
  return teams.every(({ team }) => keys.has(homeOf.get(team)!));
}

/**
 * With a directory snapshot: each group's people the deleted rules held (their teams' members in the
 * base) whom the head's rules of the group no longer match (their teams' members in the head, and
 * the people given it for a while), by login.
 */
export function withPeopleLeftIn(
  groups: readonly LeftInGroup[],
  sides: {
    readonly base: AccessModel;
    readonly head?: AccessModel;
    readonly baseAudiences: ReadonlyMap<string, GroupAudience>;
    readonly headAudiences?: ReadonlyMap<string, GroupAudience>;
  },
): LeftInGroup[] {
  return groups.map((group) => {
    const groupKey = sides.base.groups.find((g: GroupSpec) => g.kind === "tenant" && g.tenant === group.tenant && g.level === group.level)!.key;
    const headRuleKeys = new Set((sides.head?.rules ?? []).map((rule) => rule.key));
    const held = new Set<string>();
    for (const rule of sides.base.rules.filter((r) => r.targetGroupKey === groupKey && r.keepsMembersOnDelete && !headRuleKeys.has(r.key)))
      for (const team of teamsOfRule(sides.base, rule)) for (const login of sides.baseAudiences.get(teamGroupKey(team))?.members ?? []) held.add(login);
    const kept = new Set<string>();
    for (const rule of (sides.head?.rules ?? []).filter((r) => r.targetGroupKey === groupKey)) {
      for (const team of teamsOfRule(sides.head!, rule)) for (const login of sides.headAudiences?.get(teamGroupKey(team))?.members ?? []) kept.add(login);
      for (const clause of rule.clauses) if (clause.kind === "temporary") for (const member of clause.members) kept.add(member.person);
    }
    return { ...group, people: [...held].filter((login) => !kept.has(login)).sort(byText) };
  });
}
