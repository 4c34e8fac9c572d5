import { evaluateRule, type Membership, type Outcome, type ProfileValue, type Subject } from "../access/expression-eval";
import { accountProfile, SENT_PROFILE_ATTRIBUTES } from "../access/account-profile";
import { parsedRuleOf, type AccessModel, type GroupSpec } from "../access/model";
import { EVERYONE_GROUP_NAME } from "../access/rule-breadth";

/*
 * The accounts the file itself creates (`users:`) are part of the directory the review knows: their
 * profile is what the stack sends, so every rule of the file can be evaluated on them without a
 * snapshot. A rule that lets such an account in gives it that group's access exactly as an explicit
 * membership would.
 */

/** One account a group's rule lets in, or may let in. */
export interface AccountMatch {
  readonly groupKey: string;
  readonly email: string;
  /** Undecided: why the rule cannot be settled for this account (it may let it in). */
  readonly undecided?: string;
}

/**
 * The evaluator's view of an account the file names. An account the stack creates has exactly the
 * attributes it is sent, every other one empty; an adopted account may hold attributes set before
 * (a rule reading one of those is undecided). Group memberships are not given: groups other admins
 * add the account to are not in the file, so a membership test is undecided rather than guessed.
 */
function accountSubject(user: AccessModel["users"][number], ruleAttributes: ReadonlySet<string>, explicitGroups: readonly Membership[]): Subject {
  const profile: Record<string, ProfileValue> = { ...accountProfile(user) };
  const known = new Set<string>(SENT_PROFILE_ATTRIBUTES);
  if (!user.importId) for (const attribute of ruleAttributes) known.add(attribute);
  // Reasons then read "the access file does not hold user.costCenter".
  return { profile, known, status: user.status, source: "the access file", groups: [EVERYONE, ...explicitGroups], someGroupsOnly: true };
}

/** Every person is in Okta's built-in group Everyone (see rule-breadth.ts); its ID is not known here, so only name tests find it. */
const EVERYONE: Membership = { id: "", name: EVERYONE_GROUP_NAME };

/** Every (group, account) pair a rule of the file lets in or may let in, sorted by group then email. */
export function accountMatches(model: AccessModel): AccountMatch[] {
  if (model.users.length === 0) return [];
  // The teams' and roles' rules, as the model parsed them (each distinct expression once).
  const ruleOf = (group: GroupSpec) => (group.kind === "tenant" ? undefined : parsedRuleOf(model, group));
  const ruleAttributes = new Set(model.groups.flatMap((group) => ruleOf(group)?.attributes ?? []));
  // The groups the file names each account in (by name; an adopted group also by its ID).
  const explicitGroups = new Map<string, Membership[]>();
  for (const group of model.groups) {
    for (const member of group.explicitMembers) {
      const email = member.toLowerCase();
      const list = explicitGroups.get(email) ?? explicitGroups.set(email, []).get(email)!;
      list.push({ id: group.importId ?? "", name: group.name });
    }
  }
  const subjects = model.users.map((user) => {
    const email = user.email.toLowerCase();
    return { email, subject: accountSubject(user, ruleAttributes, explicitGroups.get(email) ?? []) };
  });
  const matches: AccountMatch[] = [];
  for (const group of model.groups) {
    const tree = ruleOf(group)?.tree;
    if (!tree) continue;
    const explicit = new Set(group.explicitMembers.map((member) => member.toLowerCase()));
    // The rule's exceptions are left out whatever the rule says (Okta's exclusion list, or the term's own test).
    const excepted = new Set(group.ruleExceptions ?? []);
    for (const { email, subject } of subjects) {
      if (explicit.has(email) || excepted.has(email)) continue;
      const outcome: Outcome<boolean> = evaluateRule(tree, subject);
      if (!outcome.decided) matches.push({ groupKey: group.key, email, undecided: outcome.reason });
      else if (outcome.value) matches.push({ groupKey: group.key, email });
    }
  }
  return matches;
}
