import { ruleEvaluator, type readMembershipsOf } from "./intended";
import type { LiveGroup, LivePerson, LiveState } from "./live-state";

/**
 * How Okta put a person in a group: the first active live rule of the group that matches their profile, else by hand.
 * Okta does not say how someone got into a group, so this is the check's reading, and says where it cannot decide.
 */
export function howOkta(live: LiveState, memberships: ReturnType<typeof readMembershipsOf>): (group: LiveGroup, person: LivePerson) => string {
  const byGroup = new Map<string, Array<{ rule: LiveState["rules"][number]; evaluate: ReturnType<typeof ruleEvaluator> }>>();
  for (const rule of live.rules.filter((r) => r.status === "ACTIVE")) {
    const evaluator = { rule, evaluate: ruleEvaluator(rule.expression, memberships) };
    for (const id of rule.groupIds) byGroup.set(id, [...(byGroup.get(id) ?? []), evaluator]);
  }
  return (group, person) => {
    const undecided: string[] = [];
    for (const { rule, evaluate } of byGroup.get(group.id) ?? []) {
      const outcome = evaluate(person);
      if (outcome.decided && outcome.value) return `rule ${rule.id} (${rule.name})`;
      if (!outcome.decided) undecided.push(`rule ${rule.id} (${rule.name}) undecided`);
    }
    return undecided.length > 0 ? `added directly or by ${undecided.join(", ")}` : "added directly (by hand or the API), not by a rule";
  };
}
