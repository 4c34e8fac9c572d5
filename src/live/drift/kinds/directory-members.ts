import type { GroupSpec } from "../../../access/model";
import { countOf } from "../../../access/plural";
import type { Finding } from "../finding";
import type { LiveGroup, LivePerson } from "../live-state";

/**
 * The members of a group a directory masters (source: directory, Okta type APP_GROUP): the file
 * references the group and cannot list them, and Okta lets only the directory change them
 * (okta-management-openapi-spec, assignUserToGroup and unassignUserFromGroup act on OKTA_GROUP
 * groups only). Information, once per group: no member is "outside the file", and no fix is given
 * that Okta would refuse. Who they are is in the evidence, person by person.
 */
export function directoryMembers(spec: GroupSpec, group: LiveGroup, members: readonly LivePerson[], line: string): Finding {
  const active = members.filter((person) => person.status !== "DEPROVISIONED").length;
  const deactivated = members.length - active;
  const liveId = group.id === spec.importId ? "" : ` The file references ${spec.importId}, and Okta's group of that name is ${group.id}: check the importId at ${line}.`;
  return {
    kind: "directory-members",
    severity: group.id === spec.importId ? "information" : "warning",
    where: `group ${group.name}`,
    how: `${countOf(active, "member")}${deactivated > 0 ? ` (and ${deactivated} deactivated)` : ""} from the directory that masters it (APP_GROUP); the file references the group (${line}) and does not list them`,
    fix: `Nothing to change in the file: who is in ${group.name} is the directory's to change (AD, LDAP or the app it comes from); Okta refuses to add or remove its members.${liveId}`,
  };
}
