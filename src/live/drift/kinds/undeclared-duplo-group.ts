import type { DuploMeaning } from "../duplo-meaning";
import type { FileLines } from "../file-lines";
import type { Finding, Who } from "../finding";
import type { LiveGroup } from "../live-state";

/**
 * A group DuploCloud reads (by its name) that the file does not declare: one finding for the group
 * when it is empty, else one per member (`who` and `via` given).
 */
export function undeclaredDuploGroup(group: LiveGroup, meaning: DuploMeaning, lines: FileLines, member?: { who: Who; via: string }): Finding {
  const readWrite = meaning.kind === "tenant" && meaning.level === "read-write";
  return {
    kind: "undeclared-duplo-group",
    severity: readWrite ? "critical" : "warning",
    ...(member ? { who: member.who } : {}),
    where: `group ${group.name}`,
    how: member ? member.via : "created outside the stack",
    fix: undeclaredGroupFix(group, meaning, lines),
  };
}

function undeclaredGroupFix(group: LiveGroup, meaning: DuploMeaning, lines: FileLines): string {
  // A directory's group: no team can be granted it, and Okta refuses to remove its members (unassignUserFromGroup acts on OKTA_GROUP only).
  if (meaning.kind === "tenant" && group.type === "APP_GROUP")
    return (
      `To keep: reference it under duplocloud.tenantGroupImports ({ tenant: ${meaning.tenant}, level: ${meaning.level}, importId: ${group.id}, source: directory }, ${lines.at(["duplocloud"])}): a directory masters it (APP_GROUP). ` +
      `To undo: ask the directory's administrators to empty or remove ${group.name}; Okta refuses to change its members`
    );
  if (meaning.kind !== "tenant") return `Declare the group in the file or remove its members in the Okta console (Directory > Groups > ${group.name})`;
  return (
    `To keep: grant a team { tenant: ${meaning.tenant}, level: ${meaning.level} } under teams (${lines.at(["teams"])}) and adopt the group under duplocloud.tenantGroupImports ` +
    `({ tenant: ${meaning.tenant}, level: ${meaning.level}, importId: ${group.id} }, ${lines.at(["duplocloud"])}). To undo: Okta console, Directory > Groups > ${group.name}: remove its members, or delete the group`
  );
}
