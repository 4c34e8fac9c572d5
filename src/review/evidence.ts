import type { AccessModel } from "../access/model";
import { groupLabel } from "../access/naming";
import { compareChanges, type AccessChange, type AccessDiff } from "./diff";
import type { GroupAudience } from "./audience";

/*
 * Evidence counts: with a directory snapshot, a changed rule is classed by who it really lets in or
 * out, not left "to read". A rule the snapshot shows letting people in widens (and counts in the
 * headline and the approvals like any widening); one that only lets people out narrows. A rule
 * already classed as widening by its breadth stays so: the snapshot is one day's org, and a broad
 * rule matches tomorrow's hires too.
 */

const people = (count: number) => `${count} ${count === 1 ? "person" : "people"}`;

/** The group a change is about, by its label, and its audience on one side. */
function audiencesByLabel(model: AccessModel | undefined, audiences: ReadonlyMap<string, GroupAudience> | undefined): Map<string, GroupAudience> {
  const byLabel = new Map<string, GroupAudience>();
  if (!model || !audiences) return byLabel;
  for (const group of model.groups) {
    const audience = audiences.get(group.key);
    if (audience) byLabel.set(groupLabel(group), audience);
  }
  return byLabel;
}

function withEvidence(change: AccessChange, before: GroupAudience | undefined, after: GroupAudience | undefined): AccessChange {
  const [was, is] = [before?.members ?? new Set<string>(), after?.members ?? new Set<string>()];
  const doubt = new Set([...(before?.undecided.keys() ?? []), ...(after?.undecided.keys() ?? [])]);
  const gained = [...is].filter((login) => !was.has(login) && !doubt.has(login)).length;
  const lost = [...was].filter((login) => !is.has(login) && !doubt.has(login)).length;
  if (gained === 0 && lost === 0) return change;
  const evidence = `the directory snapshot shows it letting in ${people(gained)} and out ${people(lost)}`;
  if (gained > 0) return { ...change, direction: "widens", summary: `${change.summary}: ${evidence}` };
  return { ...change, direction: change.direction === "widens" ? "widens" : "narrows", summary: `${change.summary}: ${evidence}` };
}

/** The diff with each rule change classed by the people the snapshot shows it letting in or out, re-sorted. */
export function applyEvidence(
  diff: AccessDiff,
  sides: {
    readonly base?: AccessModel;
    readonly head?: AccessModel;
    readonly baseAudiences?: ReadonlyMap<string, GroupAudience>;
    readonly headAudiences?: ReadonlyMap<string, GroupAudience>;
  },
): AccessDiff {
  const before = audiencesByLabel(sides.base, sides.baseAudiences);
  const after = audiencesByLabel(sides.head, sides.headAudiences);
  // A rule's change, and a directory group's (whose members the snapshot read): who really comes and goes.
  const evidenced = (change: AccessChange) => change.kind === "rule" || change.kind === "directory-group";
  const changes = diff.changes.map((change) => (evidenced(change) ? withEvidence(change, before.get(change.subject), after.get(change.subject)) : change));
  return { ...diff, changes: changes.sort(compareChanges) };
}
