import type { Membership } from "../access/expression-eval";
import { parseGroupRuleExpression, type ParsedExpression } from "../access/expression";
import type { OktaOrg, OrgGroup, OrgRule, OrgUser } from "../live/okta-org";
import { CAN_SIGN_IN } from "../review/directory";
import { memberSource, ruleMatches, type FillingRule, type MemberSource } from "./member-source";
import { PENDING_ACTIVATION } from "../access/rule-statuses";
import type { PlanLine } from "./types";
import { leftOutsideLine } from "./wording";

/** The org as read, looked up the ways the import's steps need: people by login, groups by ID and name, rules parsed once. */
export interface OrgIndex {
  readonly org: OktaOrg;
  user(login: string): OrgUser | undefined;
  /** A person by Okta ID (a rule's exclusion list names people by ID). */
  userWithId(id: string): OrgUser | undefined;
  /** The logins a rule leaves out, lower-cased, sorted; and the IDs of excluded people the org's user listings did not return. */
  excludedBy(rule: OrgRule): { readonly logins: readonly string[]; readonly unknownIds: readonly string[] };
  group(id: string): OrgGroup | undefined;
  /** A group by name, whatever its case: Okta's group names are not case-sensitive to DuploCloud. */
  groupNamed(name: string): OrgGroup | undefined;
  /** Whether a person can sign in; one Okta does not list (not read) counts as active. */
  canSignIn(login: string): boolean;
  /** One line for each of `logins` who cannot sign in: they stay in the group, outside the file. */
  leftOutside(group: OrgGroup, logins: readonly string[], as: "member" | "owner"): PlanLine[];
  /** The parsed expression of a rule of the org. */
  parsed(rule: OrgRule): ParsedExpression;
  /**
   * People pending activation (STAGED, PROVISIONED) a rule matches and does not exclude: Okta's
   * rules skip them until they are activated (access/rule-statuses.ts). Logins, sorted.
   */
  pendingMatchedBy(rule: OrgRule): string[];
  /** How a member of `group` came to be in it, judged against the active rules that fill it. */
  sourceOf(login: string, group: OrgGroup): MemberSource;
}

export function indexOrg(org: OktaOrg): OrgIndex {
  const userByLogin = new Map(org.users.map((u) => [u.login, u]));
  // Who is in which group read: what isMemberOf* tests.
  const membershipsOf = new Map<string, Membership[]>();
  for (const group of org.groups) for (const login of group.members) membershipsOf.set(login, [...(membershipsOf.get(login) ?? []), { id: group.id, name: group.name }]);
  // People who cannot sign in (deactivated, suspended, not yet activated) are never written to the file.
  const statusOf = (login: string) => userByLogin.get(login)?.status ?? "ACTIVE";
  const canSignIn = (login: string) => CAN_SIGN_IN.has(statusOf(login));
  const groupById = new Map(org.groups.map((g) => [g.id, g]));
  const groupByName = new Map(org.groups.map((g) => [g.name.toLowerCase(), g]));
  const activeRules = org.rules.filter((rule) => rule.status === "ACTIVE");
  // Each rule is parsed once; members of a group are then judged against the rules that target it.
  const parsedRules = new Map(org.rules.map((rule) => [rule.id, parseGroupRuleExpression(rule.expression)]));
  const parsed = (rule: OrgRule) => parsedRules.get(rule.id)!;
  const userById = new Map(org.users.map((u) => [u.id, u]));
  const excludedBy = (rule: OrgRule) => {
    const ids = rule.excludedUserIds ?? [];
    return {
      logins: [...new Set(ids.flatMap((id) => (userById.has(id) ? [userById.get(id)!.login] : [])))].sort(),
      unknownIds: ids.filter((id) => !userById.has(id)),
    };
  };
  const targeting = new Map<string, FillingRule[]>();
  const rulesFilling = (group: OrgGroup) => {
    if (!targeting.has(group.id))
      targeting.set(
        group.id,
        activeRules.filter((rule) => rule.groupIds.includes(group.id)).map((rule): FillingRule => ({ ...parsed(rule), excluded: new Set(excludedBy(rule).logins) })),
      );
    return targeting.get(group.id)!;
  };
  return {
    org,
    user: (login) => userByLogin.get(login),
    userWithId: (id) => userById.get(id),
    excludedBy,
    group: (id) => groupById.get(id),
    groupNamed: (name) => groupByName.get(name.toLowerCase()),
    canSignIn,
    leftOutside: (group, logins, as) => logins.filter((login) => !canSignIn(login)).map((login) => leftOutsideLine(login, statusOf(login), group.name, as)),
    parsed,
    pendingMatchedBy: (rule) => {
      const excluded = new Set(excludedBy(rule).logins);
      return org.users
        .filter((user) => PENDING_ACTIVATION.has(user.status) && !excluded.has(user.login) && ruleMatches(user, parsed(rule), membershipsOf.get(user.login) ?? []))
        .map((user) => user.login)
        .sort();
    },
    sourceOf: (login, group) => memberSource(userByLogin.get(login), rulesFilling(group), membershipsOf.get(login) ?? []),
  };
}
