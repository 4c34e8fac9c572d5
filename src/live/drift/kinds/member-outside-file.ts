import type { AccessModel, GroupSpec } from "../../../access/model";
import { widens, type DuploMeaning } from "../duplo-meaning";
import type { FileLines } from "../file-lines";
import { removeFromGroupByHand, type Finding, type Who } from "../finding";
import type { LiveGroup, LivePerson } from "../live-state";

/** A person in a group of the stack whom the file does not put there. */
export function memberOutsideFile(
  spec: GroupSpec,
  meaning: DuploMeaning | undefined,
  group: LiveGroup,
  person: LivePerson,
  who: Who,
  via: string,
  model: AccessModel,
  lines: FileLines,
): Finding {
  return {
    kind: "member-outside-file",
    severity: widens(spec, meaning) ? "critical" : "warning",
    who,
    where: `group ${group.name}`,
    how: via,
    fix: outsideMemberFix(spec, group, person, model, lines),
  };
}

function memberPathOf(spec: GroupSpec, lines: FileLines): string {
  if (spec.kind === "platform-role") return `roles.${spec.platformRole}.members (${lines.at(["roles", spec.platformRole, "members"])})`;
  if (spec.kind === "team") return `the members of team ${spec.team} (${lines.at(["teams", lines.teamIndex(spec.team) ?? 0, "members"])})`;
  return "";
}

function outsideMemberFix(spec: GroupSpec, group: LiveGroup, person: LivePerson, model: AccessModel, lines: FileLines): string {
  const undo = removeFromGroupByHand(group.name, person.login);
  if (spec.kind === "tenant") {
    const teams = model.grants.filter((grant) => grant.tenant === spec.tenant && grant.level === spec.level).map((grant) => grant.team);
    const first = teams[0]!;
    return `To keep: add ${person.login} to the members of a team granted ${spec.tenant} ${spec.level} (${teams.join(", ")}), e.g. team ${first} at ${lines.at(["teams", lines.teamIndex(first) ?? 0])}. ${undo}`;
  }
  return `To keep: add ${person.login} to ${memberPathOf(spec, lines)}. ${undo}`;
}
