import { evaluateRule, type Membership } from "../access/expression-eval";
import type { ParsedExpression } from "../access/expression";
import type { OrgUser } from "../live/okta-org";

/** How a member came to be in a group: by one of the rules filling it, by hand, or not decidable. */
export type MemberSource = "rule" | "explicit" | "undecided";

/**
 * Whether a member of a rule-targeted group is there by a rule (then not an explicit member),
 * evaluated with the person's memberships of the groups read (every group the rules test is read,
 * org-reader.ts groupsThatMatter), so isMemberOf* rules are decided too.
 */
/** A rule that fills a group, parsed, with the logins it leaves out (its exclusion list), lower-cased. */
export type FillingRule = ParsedExpression & { readonly excluded?: ReadonlySet<string> };

/** A read profile as the evaluator takes it: the values it can compare. */
const profileOf = (user: OrgUser) =>
  Object.fromEntries(Object.entries(user.profile).filter(([, v]) => v === null || ["string", "number", "boolean"].includes(typeof v) || Array.isArray(v))) as Record<string, never>;

/** Whether a rule matches the person for certain (its exclusions aside). */
export function ruleMatches(user: OrgUser, rule: ParsedExpression, groups: readonly Membership[]): boolean {
  if (!rule.tree) return false;
  const profile = profileOf(user);
  const outcome = evaluateRule(rule.tree, { profile, known: new Set([...Object.keys(profile), ...rule.attributes]), groups, status: user.status });
  return outcome.decided && outcome.value;
}

export function memberSource(user: OrgUser | undefined, rules: readonly FillingRule[], groups: readonly Membership[]): MemberSource {
  if (!user) return "explicit";
  const profile = profileOf(user);
  let undecided = false;
  for (const { tree, attributes, excluded } of rules) {
    // Okta never adds a person the rule excludes: if they are in the group, someone put them there.
    if (!tree || excluded?.has(user.login)) continue;
    // Okta's users API leaves out attributes that are not set: for a read profile, absent is null.
    const outcome = evaluateRule(tree, { profile, known: new Set([...Object.keys(profile), ...attributes]), groups, status: user.status });
    if (outcome.decided && outcome.value) return "rule";
    if (!outcome.decided) undecided = true;
  }
  return undecided ? "undecided" : "explicit";
}
