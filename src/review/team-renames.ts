import type { AccessModel } from "../access/model";
import { teamGroupKey } from "../access/keys";
import type { AccessFact } from "./access-facts";

/*
 * A team renamed with `formerName` keeps its Okta group, rule and memberships (Pulumi aliases,
 * src/okta/groups.ts), so the review reads it as a rename: the base's facts of the old name are
 * compared under the new name, and only what really changes shows beside the rename.
 */

export interface TeamRename {
  readonly from: string;
  readonly to: string;
}

const teamsOf = (model: AccessModel) => new Set(model.groups.flatMap((group) => (group.kind === "team" ? [group.team] : [])));

/** The head's teams whose `formerName` is a team of the base that the head no longer has. */
export function teamRenames(base: AccessModel | undefined, head: AccessModel | undefined): TeamRename[] {
  if (!base || !head) return [];
  const [before, after] = [teamsOf(base), teamsOf(head)];
  return head.groups.flatMap((group) =>
    group.kind === "team" && group.formerName !== undefined && before.has(group.formerName) && !before.has(group.team) && !after.has(group.formerName)
      ? [{ from: group.formerName, to: group.team }]
      : [],
  );
}

/** The base's facts as if its renamed teams already had their new names. */
export function underNewNames(facts: ReadonlyMap<string, AccessFact>, renames: readonly TeamRename[]): Map<string, AccessFact> {
  if (renames.length === 0) return new Map(facts);
  const prefixes = renames.flatMap(({ from, to }) => [
    [`team:${from}|`, `team:${to}|`],
    [`${teamGroupKey(from)}|`, `${teamGroupKey(to)}|`],
  ]);
  const subjects = new Map(renames.map(({ from, to }) => [`team ${from}`, `team ${to}`]));
  const renamed = (key: string) => {
    const prefix = prefixes.find(([old]) => key.startsWith(old!));
    return prefix ? `${prefix[1]}${key.slice(prefix[0]!.length)}` : key;
  };
  const result = new Map<string, AccessFact>();
  for (const fact of facts.values()) {
    const moved: AccessFact = {
      ...fact,
      key: renamed(fact.key),
      subject: subjects.get(fact.subject) ?? fact.subject,
      ...(fact.grantKey !== undefined ? { grantKey: renamed(fact.grantKey) } : {}),
      ...(fact.expiryKey !== undefined ? { expiryKey: renamed(fact.expiryKey) } : {}),
    };
    result.set(moved.key, moved);
  }
  return result;
}
