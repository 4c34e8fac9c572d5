import { parseGroupRuleExpression } from "../../access/expression";
import { evaluateRule, type Membership, type Subject } from "../../access/expression-eval";
import { readsStatus } from "../../access/rule-reads";
import type { AccessModel, GroupSpec } from "../../access/model";
import type { FileLines } from "./file-lines";
import type { LiveGroup, LivePerson } from "./live-state";

/*
 * The access the file intends, person by person, on the live profiles: for every group the stack
 * manages, who belongs in it and why (a name in the file, or a rule the project's evaluator
 * decided on the person's profile). A rule the evaluator cannot decide for someone stays
 * undecided, with its reason: the drift check reports it and never guesses.
 */

export type Intent =
  /** `byRule`: the file puts them there by a rule only (not by name), so Okta adds them only once it evaluates them. */
  | { readonly kind: "intended"; readonly because: string; readonly line: string; readonly byRule?: true }
  | { readonly kind: "undecided"; readonly reason: string; readonly line: string }
  /** The rule matches them, and the file leaves them out of it (`except`, written at `line`). */
  | { readonly kind: "excepted"; readonly because: string; readonly line: string };

/** Group key, then person ID: why the file wants the person in the group. Absent: it does not. */
export type IntendedMembers = ReadonlyMap<string, ReadonlyMap<string, Intent>>;

/** Memberships the drift check read, for rules that test membership (isMemberOfAnyGroup...). */
export interface ReadMemberships {
  /** IDs and names of every group read, so that a rule testing another group is undecided, not false. */
  readonly groupsRead: ReadonlySet<string>;
  of(personId: string): readonly Membership[];
}

export function readMembershipsOf(groups: readonly LiveGroup[]): ReadMemberships {
  const byPerson = new Map<string, Membership[]>();
  for (const group of groups) for (const id of group.memberIds) byPerson.set(id, [...(byPerson.get(id) ?? []), { id: group.id, name: group.name }]);
  return { groupsRead: new Set(groups.flatMap((group) => [group.id, ...(group.name ? [group.name] : [])])), of: (id) => byPerson.get(id) ?? [] };
}

/** Said of a membership test of a group the drift check did not read (it reads DuploCloud's groups and those rules test by ID). */
const UNREAD_GROUPS = "the drift check (it reads the groups DuploCloud reads and those their rules test by ID)";

/**
 * Evaluates a rule expression for each person: true, false or undecided (reason). Attributes
 * missing from a live profile are null, as Okta's profile has them unset; a membership test is
 * decided when the groups it names were read, or when the person is in one it names that was.
 */
export function ruleEvaluator(expression: string, memberships: ReadMemberships): (person: LivePerson) => { decided: true; value: boolean } | { decided: false; reason: string } {
  const parsed = parseGroupRuleExpression(expression);
  if (!parsed.tree) {
    const reason = `the rule does not parse: ${parsed.errors[0]?.message ?? "unknown error"}`;
    return () => ({ decided: false, reason });
  }
  const tree = parsed.tree;
  const membershipKnown = parsed.groupReferences.every((reference) => memberships.groupsRead.has(reference));
  // A live profile is the whole profile: every attribute the rule reads is known (null when unset).
  const known = new Set(parsed.attributes);
  return (person) => {
    // A test of a group not read is undecided, never taken as "not a member": the read groups are
    // then some of the person's groups only (a test one of them passes is still true).
    const subject: Subject = {
      profile: person.profile,
      known,
      status: person.status,
      groups: memberships.of(person.id),
      ...(membershipKnown ? {} : { someGroupsOnly: true, source: UNREAD_GROUPS }),
    };
    const outcome = evaluateRule(tree, subject);
    return outcome.decided ? { decided: true, value: outcome.value } : { decided: false, reason: outcome.reason };
  };
}

/** Where a group's own definition is written: its rule and its members. */
function groupPaths(group: GroupSpec, lines: FileLines): { members: PropertyKey[]; rule: PropertyKey[]; except: PropertyKey[] } {
  if (group.kind === "platform-role")
    return { members: ["roles", group.platformRole, "members"], rule: ["roles", group.platformRole, "rule"], except: ["roles", group.platformRole, "except"] };
  if (group.kind === "team") {
    const index = lines.teamIndex(group.team) ?? 0;
    return { members: ["teams", index, "members"], rule: ["teams", index, "rule"], except: ["teams", index, "except"] };
  }
  return { members: ["teams"], rule: ["teams"], except: ["teams"] };
}

/** People by lower-cased login and email, so that a name in the file finds its person once. */
function peopleIndex(people: readonly LivePerson[]): Map<string, LivePerson> {
  const index = new Map<string, LivePerson>();
  for (const person of people) {
    index.set(person.login.toLowerCase(), person);
    if (typeof person.profile.email === "string" && !index.has(person.profile.email.toLowerCase())) index.set(person.profile.email.toLowerCase(), person);
  }
  return index;
}

type RuleOutcome = ReturnType<ReturnType<typeof ruleEvaluator>>;

/**
 * People grouped by the values of the attributes a rule reads, per attribute list: a rule that tests
 * no membership gives the same answer for everyone with the same values, so it is evaluated once per
 * group of people, not once per person (1,000 rules on department over 50,000 people: ~500 evaluations each).
 */
export type ProfileGroupings = Map<string, ReadonlyArray<readonly LivePerson[]>>;

/** The rule's outcome for everyone it matches or cannot decide (people it does not match are left out). */
export function matchingOutcomes(expression: string, people: readonly LivePerson[], memberships: ReadMemberships, groupings: ProfileGroupings): Array<[LivePerson, RuleOutcome]> {
  const evaluate = ruleEvaluator(expression, memberships);
  const parsed = parseGroupRuleExpression(expression);
  const results: Array<[LivePerson, RuleOutcome]> = [];
  const keep = (person: LivePerson, outcome: RuleOutcome) => {
    if (!outcome.decided || outcome.value) results.push([person, outcome]);
  };
  // A rule that tests membership or status answers per person, not per set of profile values.
  if (!parsed.tree || parsed.groupReferences.length > 0 || readsStatus(parsed.tree)) {
    for (const person of people) keep(person, evaluate(person));
    return results;
  }
  const attributes = [...new Set(parsed.attributes)].sort();
  const signature = attributes.join("\u0000");
  let grouping = groupings.get(signature);
  if (!grouping) {
    const byValues = new Map<string, LivePerson[]>();
    for (const person of people) {
      const key = JSON.stringify(attributes.map((attribute) => person.profile[attribute] ?? null));
      const list = byValues.get(key);
      if (list) list.push(person);
      else byValues.set(key, [person]);
    }
    grouping = [...byValues.values()];
    groupings.set(signature, grouping);
  }
  for (const alike of grouping) {
    const outcome = evaluate(alike[0]!);
    if (!outcome.decided || outcome.value) for (const person of alike) results.push([person, outcome]);
  }
  return results;
}

function ownIntent(
  group: GroupSpec,
  people: readonly LivePerson[],
  index: ReadonlyMap<string, LivePerson>,
  lines: FileLines,
  memberships: ReadMemberships,
  groupings: ProfileGroupings,
): Map<string, Intent> {
  const intents = new Map<string, Intent>();
  const paths = groupPaths(group, lines);
  if (group.ruleExpression) {
    const ruleLine = lines.at(paths.rule);
    for (const [person, outcome] of matchingOutcomes(group.ruleExpression, people, memberships, groupings)) {
      intents.set(
        person.id,
        outcome.decided ? { kind: "intended", because: "matches the file's rule", line: ruleLine, byRule: true } : { kind: "undecided", reason: outcome.reason, line: ruleLine },
      );
    }
  }
  // The rule's exceptions: Okta leaves them out of what the rule adds (its exclusion list, or the
  // excepted team's own term in a tenant rule), so the file does not want them there by the rule.
  const label = group.kind === "team" ? `team ${group.team}` : group.kind === "platform-role" ? `roles.${group.platformRole}` : group.name;
  for (const name of group.ruleExceptions ?? []) {
    const person = index.get(name);
    if (person) intents.set(person.id, { kind: "excepted", because: `${label} leaves them out of its rule`, line: lines.at(paths.except) });
  }
  // A name in the file decides, whatever the rule says.
  for (const name of group.explicitMembers) {
    const person = index.get(name);
    if (person) intents.set(person.id, { kind: "intended", because: "named in the file", line: lines.at(paths.members) });
  }
  return intents;
}

/** Who the file puts in each of the stack's groups, decided on the live profiles. */
export function intendedMembers(model: AccessModel, people: readonly LivePerson[], lines: FileLines, memberships: ReadMemberships): IntendedMembers {
  const result = new Map<string, Map<string, Intent>>();
  const teams = new Map<string, Map<string, Intent>>();
  const index = peopleIndex(people);
  const groupings: ProfileGroupings = new Map();
  for (const group of model.groups) {
    if (group.kind === "tenant") continue;
    const intents = ownIntent(group, people, index, lines, memberships, groupings);
    result.set(group.key, intents);
    if (group.kind === "team") teams.set(group.team, intents);
  }
  for (const group of model.groups) {
    if (group.kind !== "tenant") continue;
    const intents = new Map<string, Intent>();
    for (const grant of model.grants.filter((g) => g.tenant === group.tenant && g.level === group.level)) {
      const teamIndex = lines.teamIndex(grant.team) ?? 0;
      const grantLine = lines.at(["teams", teamIndex, "access"]);
      for (const [personId, intent] of teams.get(grant.team) ?? []) {
        const previous = intents.get(personId);
        // Named in one team beats matched by a rule in another: Okta then adds them whatever their status.
        if (previous?.kind === "intended" && (!previous.byRule || intent.kind !== "intended" || intent.byRule)) continue;
        if (intent.kind === "intended")
          intents.set(personId, {
            kind: "intended",
            because: `in team ${grant.team}, granted ${group.tenant} ${group.level}`,
            line: grantLine,
            ...(intent.byRule ? { byRule: true } : {}),
          });
        else if (intent.kind === "undecided" && (!previous || previous.kind === "excepted"))
          intents.set(personId, { kind: "undecided", reason: `team ${grant.team}: ${intent.reason}`, line: intent.line });
        else if (intent.kind === "excepted" && !previous) intents.set(personId, intent);
      }
    }
    result.set(group.key, intents);
  }
  return result;
}
