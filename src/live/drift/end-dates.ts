import type { AccessModel, GroupSpec } from "../../access/model";
import type { IntendedMembers } from "./intended";

/**
 * When the file's access to a tenant group ends for one person: the latest `expires` of the team
 * grants that put them there (model.grants holds the grants not yet expired), or undefined when one
 * of those grants has no end, or the group is not a tenant group. Evidence, so an auditor sees
 * which access is temporary without reading the file.
 */
export function endDateOf(model: AccessModel, intended: IntendedMembers, spec: GroupSpec | undefined, personId: string): string | undefined {
  if (spec?.kind !== "tenant") return undefined;
  const ends: string[] = [];
  for (const grant of model.grants) {
    if (grant.tenant !== spec.tenant || grant.level !== spec.level) continue;
    const team = model.groups.find((group) => group.kind === "team" && group.team === grant.team);
    if (!team || intended.get(team.key)?.get(personId)?.kind !== "intended") continue;
    if (!grant.expires) return undefined;
    ends.push(grant.expires);
  }
  return ends.sort().at(-1);
}
