import { byText } from "../../access/text-order";
import { duploMeaningOf } from "./duplo-meaning";
import type { AccessPath, DriftInput, DriftResult, Finding, Severity, Who } from "./finding";
import { groupMemberFindings } from "./group-members";
import { adminRoleFindings } from "./kinds/admin-role-outside-file";
import { tokenFindings } from "./kinds/api-token-outside-file";
import { appFindings } from "./kinds/app-assignment-outside-file";
import { ruleFindings } from "./kinds/rule-outside-file";
import type { LivePerson } from "./live-state";
import { portalFindings } from "./portal-users";
import { roleTargetFindings } from "./role-targets";
import { signOnWeaknesses } from "./sign-on";

/*
 * The finding engine: the access the file intends (intended.ts) against the live org and portal
 * (live-state.ts), one finding per person and access path, and the evidence of who holds what.
 * Pure: plain data in, plain data out. Okta does not say how someone got into a group; "how" is
 * the group's live rule that matches the person's profile, else "added by hand" (how-okta.ts).
 * Each finding kind is built in its own module (kinds/, role-targets.ts, sign-on.ts); the types
 * they share are in finding.ts.
 */

export { FINDING_KINDS } from "./finding";
export type { AccessPath, DriftInput, DriftResult, Finding, FindingKind, PersonAccess, Severity, Who } from "./finding";
export { duploMeaningOf } from "./duplo-meaning";

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { critical: 0, warning: 1, information: 2 };
const ROLES_ALWAYS_LISTED = new Set(["SUPER_ADMIN", "ORG_ADMIN"]);

export function findDrift(input: DriftInput): DriftResult {
  const { model, live } = input;
  const paths = new Map<string, { who: Who; access: AccessPath[] }>();
  const people = new Map(live.people.map((person) => [person.id, person]));
  const whoOf = (person: LivePerson): Who => ({ login: person.login, name: person.name, status: person.status });
  const addPath = (person: LivePerson, path: AccessPath) => {
    const entry = paths.get(person.id) ?? { who: whoOf(person), access: [] };
    entry.access.push(path);
    paths.set(person.id, entry);
  };
  const stackGroups = new Map(model.groups.map((group) => [group.name, group]));
  const meaningOf = duploMeaningOf(model);
  const liveGroupsById = new Map(live.groups.map((group) => [group.id, group]));

  const findings: Finding[] = [
    ...groupMemberFindings(input, people, stackGroups, meaningOf, whoOf, addPath),
    ...ruleFindings(model, live, meaningOf, stackGroups),
    ...adminRoleFindings(input, people, liveGroupsById, stackGroups, whoOf, addPath),
    ...roleTargetFindings(input, liveGroupsById, stackGroups),
    ...appFindings(input, people, stackGroups, whoOf, addPath),
    ...signOnWeaknesses(model, input.stack, live, input.lines),
    ...tokenFindings(input, people, whoOf),
    ...portalFindings(input, people, liveGroupsById, meaningOf, addPath),
  ];

  return {
    findings: findings.sort(byFinding),
    people: [...paths.values()]
      .map(({ who, access }) => ({ ...who, access: access.sort((a, b) => byText(a.target, b.target) || byText(a.path, b.path)) }))
      .sort((a, b) => byText(a.login.toLowerCase(), b.login.toLowerCase())),
  };
}

function byFinding(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    byText(a.kind, b.kind) ||
    byText(a.where, b.where) ||
    byText(a.who?.login.toLowerCase() ?? "", b.who?.login.toLowerCase() ?? "") ||
    byText(a.how, b.how)
  );
}

/** SUPER_ADMIN and ORG_ADMIN holders, whatever the file says: the Markdown always lists them. */
export function alwaysListedAdmins(result: DriftResult): Array<{ login: string; name: string; role: string; path: string; declared: boolean }> {
  return result.people.flatMap((person) =>
    person.access
      .filter((access) => access.target.startsWith("Okta admin role ") && ROLES_ALWAYS_LISTED.has(access.level))
      .map((access) => ({ login: person.login, name: person.name, role: access.level, path: access.path, declared: access.declared })),
  );
}
