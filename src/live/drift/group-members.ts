import type { AccessModel, GroupSpec } from "../../access/model";
import type { DuploMeaning } from "./duplo-meaning";
import { targetOf } from "./duplo-meaning";
import { endDateOf } from "./end-dates";
import type { AccessPath, DriftInput, Finding, Who } from "./finding";
import { howOkta } from "./how-okta";
import { intendedMembers, readMembershipsOf, type Intent } from "./intended";
import { deactivatedMember } from "./kinds/deactivated-member";
import { memberMissing } from "./kinds/member-missing";
import { memberOutsideFile } from "./kinds/member-outside-file";
import { ruleUndecidable } from "./kinds/rule-undecidable";
import { exceptedMember } from "./kinds/excepted-member";
import { pendingActivation } from "./kinds/pending-activation";
import { PENDING_ACTIVATION } from "../../access/rule-statuses";
import { undeclaredDuploGroup } from "./kinds/undeclared-duplo-group";
import { directoryGroupMissing, directoryMembers } from "./kinds/directory-members";
import type { FileLines } from "./file-lines";
import type { LiveGroup, LivePerson } from "./live-state";

/*
 * The walk over the live groups that matter (the stack's, and those DuploCloud reads by name):
 * each member against what the file intends (intended.ts), one finding per person and group, and
 * the evidence path of everyone in a group DuploCloud reads.
 */
export function groupMemberFindings(
  input: DriftInput,
  people: ReadonlyMap<string, LivePerson>,
  stackGroups: ReadonlyMap<string, GroupSpec>,
  meaningOf: (name: string) => DuploMeaning | undefined,
  whoOf: (person: LivePerson) => Who,
  addPath: (person: LivePerson, path: AccessPath) => void,
): Finding[] {
  const { model, lines, live } = input;
  const findings: Finding[] = [];
  const memberships = readMembershipsOf(live.groups);
  const intended = intendedMembers(model, live.people, lines, memberships);
  const how = howOkta(live, memberships);

  for (const group of live.groups) {
    const spec = group.name ? stackGroups.get(group.name) : undefined;
    const meaning = group.name ? meaningOf(group.name) : undefined;
    if (!spec && !meaning) continue;
    const intents = spec ? (intended.get(spec.key) ?? new Map<string, Intent>()) : new Map<string, Intent>();
    const members = new Set(group.memberIds);
    if (!spec && meaning?.kind === "tenant" && group.memberIds.length === 0) findings.push(undeclaredDuploGroup(group, meaning, lines));
    // A group a directory masters, whether the file says so or Okta does (a file that still manages it).
    if (spec && (spec.source === "directory" || group.type === "APP_GROUP")) {
      findings.push(directoryGroupMembers(spec, group, meaning, people, lines, model, addPath));
      continue;
    }
    for (const personId of group.memberIds) {
      const person = people.get(personId);
      if (!person) continue;
      const intent = intents.get(person.id);
      const via = how(group, person);
      if (meaning) {
        const expires = intent?.kind === "intended" ? endDateOf(model, intended, spec, person.id) : undefined;
        addPath(person, {
          ...targetOf(meaning),
          path: `group ${group.name}, ${via}`,
          declared: intent?.kind === "intended",
          line: intent?.line ?? "",
          owners: spec?.owners ?? [],
          ...(expires ? { expires } : {}),
        });
      }
      if (person.status === "DEPROVISIONED") {
        if (meaning) findings.push(deactivatedMember(group, person, whoOf(person), via, intent));
        continue;
      }
      if (!spec) {
        findings.push(undeclaredDuploGroup(group, meaning!, lines, { who: whoOf(person), via }));
        continue;
      }
      if (intent?.kind === "intended") continue;
      if (intent?.kind === "undecided") {
        findings.push(ruleUndecidable(group, person, whoOf(person), via, intent));
        continue;
      }
      if (intent?.kind === "excepted") {
        findings.push(exceptedMember(spec, meaning, group, person, whoOf(person), via, intent));
        continue;
      }
      findings.push(memberOutsideFile(spec, meaning, group, person, whoOf(person), via, model, lines));
    }
    if (!spec) continue;
    for (const [personId, intent] of intents) {
      const person = people.get(personId);
      if (!person || members.has(personId) || intent.kind !== "intended" || person.status === "DEPROVISIONED") continue;
      // Okta's rules skip people pending activation: their absence is what Okta does, not drift.
      if (intent.byRule && PENDING_ACTIVATION.has(person.status)) findings.push(pendingActivation(group, person, whoOf(person), intent));
      else findings.push(memberMissing(spec, group, person, whoOf(person), intent));
    }
  }
  // A directory group the file references that Okta does not have (by its name, as DuploCloud reads it).
  const read = new Set(live.groups.map((group) => group.name));
  for (const spec of model.groups) {
    if (spec.source === "directory" && !read.has(spec.name)) findings.push(directoryGroupMissing(spec, sourceLine(spec, lines, model)));
  }
  return findings;
}

/** Where the file says a group comes from a directory: its `source` key. */
function sourceLine(spec: GroupSpec, lines: FileLines, model: AccessModel): string {
  if (spec.kind === "platform-role") return lines.at(["roles", spec.platformRole, "source"]);
  if (spec.kind === "tenant") {
    const index = lines.tenantImportIndex(spec.tenant, spec.level);
    if (index !== undefined) return lines.at(["duplocloud", "tenantGroupImports", index, "source"]);
    // Not adopted: the stack makes it for the teams granted it; the first grant says so.
    const team = model.grants.find((grant) => grant.tenant === spec.tenant && grant.level === spec.level)?.team;
    return team === undefined ? lines.at(["duplocloud"]) : lines.at(["teams", lines.teamIndex(team) ?? 0, "access"]);
  }
  return lines.at(["teams", lines.teamIndex(spec.team) ?? 0]);
}

/**
 * A group a directory masters: everyone in it holds its access by the directory's say, which the
 * file declares by referencing the group (a file that still manages it: a warning); one finding,
 * and each member's path in the evidence.
 */
function directoryGroupMembers(
  spec: GroupSpec,
  group: LiveGroup,
  meaning: DuploMeaning | undefined,
  people: ReadonlyMap<string, LivePerson>,
  lines: FileLines,
  model: AccessModel,
  addPath: (person: LivePerson, path: AccessPath) => void,
): Finding {
  const line = sourceLine(spec, lines, model);
  const members = group.memberIds.flatMap((id) => (people.has(id) ? [people.get(id)!] : []));
  // Declared when the file references the group as the directory's; a file that manages it declares none of them.
  const declared = spec.source === "directory";
  if (meaning)
    for (const person of members)
      addPath(person, { ...targetOf(meaning), path: `group ${group.name}, from the directory (APP_GROUP)`, declared, line: declared ? line : "", owners: spec.owners });
  return directoryMembers(spec, group, members, line);
}
