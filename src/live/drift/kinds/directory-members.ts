import type { GroupSpec } from "../../../access/model";
import { countOf } from "../../../access/plural";
import type { Finding } from "../finding";
import type { LiveGroup, LivePerson } from "../live-state";

/**
 * The members of a group a directory masters (Okta type APP_GROUP): the file cannot list them, and
 * Okta lets only the directory change them (okta-management-openapi-spec, assignUserToGroup and
 * unassignUserFromGroup act on OKTA_GROUP groups only). Once per group, never a member "outside the
 * file" with a fix Okta would refuse; who they are is in the evidence, person by person.
 * Information when the file references the group (source: directory) by the live ID; a warning when
 * it references another ID, or still manages the group (its writes to it fail).
 */
export function directoryMembers(spec: GroupSpec, group: LiveGroup, members: readonly LivePerson[], line: string): Finding {
  const active = members.filter((person) => person.status !== "DEPROVISIONED").length;
  const deactivated = members.length - active;
  const count = `${countOf(active, "member")}${deactivated > 0 ? ` (and ${deactivated} deactivated)` : ""} from the directory that masters it (APP_GROUP)`;
  const theDirectorys = `who is in ${group.name} is the directory's to change (AD, LDAP or the app it comes from); Okta refuses to add or remove its members.`;
  if (spec.source !== "directory")
    return {
      kind: "directory-members",
      severity: "warning",
      where: `group ${group.name}`,
      how: `${count}; the file manages the group (${line}), and Okta refuses the stack's writes to it`,
      fix: `Reference it instead of managing it: ${referenceOf(spec, group)}; ${theDirectorys}`,
    };
  const liveId = group.id === spec.importId ? "" : ` The file references ${spec.importId}, and Okta's group of that name is ${group.id}: check the importId at ${line}.`;
  return {
    kind: "directory-members",
    severity: group.id === spec.importId ? "information" : "warning",
    where: `group ${group.name}`,
    how: `${count}; the file references the group (${line}) and does not list them`,
    fix: `Nothing to change in the file: ${theDirectorys}${liveId}`,
  };
}

/** A group the file references as a directory's (source: directory) that Okta does not have by its name. */
export function directoryGroupMissing(spec: GroupSpec, line: string): Finding {
  return {
    kind: "directory-members",
    severity: "warning",
    where: `group ${spec.name}`,
    how: `the file references it as a directory's group (${line}), and Okta has no group of that name`,
    fix: `Check importId ${spec.importId ?? "(none)"} at ${line} and the group's name in the directory (AD, LDAP or the app it comes from): DuploCloud reads ${spec.name} by its name, so nobody gets its access through it until it exists`,
  };
}

/** How the file references the live group as the directory's (access/schema.ts, source: directory). */
function referenceOf(spec: GroupSpec, group: LiveGroup): string {
  if (spec.kind === "tenant")
    return `{ tenant: ${spec.tenant}, level: ${spec.level}, importId: ${group.id}, source: directory } under duplocloud.tenantGroupImports, with no team or temporary grant of ${spec.tenant} ${spec.level}`;
  if (spec.kind === "platform-role") return `importId: ${group.id} and source: directory under roles.${spec.platformRole}, with no members, owners, rule or except`;
  return `team ${spec.team} cannot keep a directory's group: remove its importId, and the stack makes a group of its own`;
}
