import type { GroupSpec } from "../../../access/model";
import type { FileLines } from "../file-lines";
import type { AccessPath, DriftInput, Finding, Who } from "../finding";
import type { LiveGroup, LivePerson } from "../live-state";
import { targetsText } from "../role-targets";

/** The one role the owner of a declared API token may hold directly. */
const TOKEN_OWNER_ROLE = "READ_ONLY_ADMIN";

/** Every Okta admin role a person holds, as evidence; those the file does not give, as findings. */
export function adminRoleFindings(
  input: DriftInput,
  people: ReadonlyMap<string, LivePerson>,
  groups: ReadonlyMap<string, LiveGroup>,
  stackGroups: ReadonlyMap<string, GroupSpec>,
  whoOf: (person: LivePerson) => Who,
  addPath: (person: LivePerson, path: AccessPath) => void,
): Finding[] {
  const { model, lines, live } = input;
  const declared = new Map<string, Set<string>>();
  for (const role of model.groupAdminRoles) declared.set(role.groupKey, new Set([...(declared.get(role.groupKey) ?? []), role.roleType]));
  // The groups the person is in that the file gives this role to (when Okta's answer does not name the group).
  const declaringGroups = (person: LivePerson, roleType: string, groupId?: string) =>
    [...groups.values()].filter((group) => {
      const spec = stackGroups.get(group.name);
      return spec && declared.get(spec.key)?.has(roleType) && group.memberIds.includes(person.id) && (groupId === undefined || groupId === group.id);
    });
  // An SSWS token acts with its owner's roles, which the file cannot give to a user: the owner of a
  // token the file declares may hold READ_ONLY_ADMIN directly (all DuploCloud's sync needs); any other role is a finding.
  const tokenOwned = new Map(model.apiTokens.map((token, index) => [token.userId, index]));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const role of live.adminRoles) {
    const person = people.get(role.userId);
    if (!person) continue;
    const key = `${role.userId} ${role.roleType} ${role.assignmentType} ${role.groupId ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const holding =
      role.assignmentType === "USER" ? "assigned to the user directly" : `through group ${role.groupId ? (groups.get(role.groupId)?.name ?? role.groupId) : "(not named by Okta)"}`;
    const via = role.targets ? `${holding}, ${targetsText(role.targets)}` : holding;
    const declaring = role.assignmentType === "GROUP" ? declaringGroups(person, role.roleType, role.groupId) : [];
    const spec = declaring[0] ? stackGroups.get(declaring[0].name) : undefined;
    const token = role.assignmentType === "USER" && role.roleType === TOKEN_OWNER_ROLE ? tokenOwned.get(person.id) : undefined;
    const line = spec ? adminRoleLine(spec, role.roleType, lines) : token !== undefined ? lines.at(["apiAccess", "apiTokens"]) : "";
    addPath(person, {
      target: `Okta admin role ${role.roleType}`,
      level: role.roleType,
      path: token === undefined ? via : `${via}, owner of a declared API token`,
      declared: spec !== undefined || token !== undefined,
      line,
      owners: spec?.owners ?? [],
    });
    if (spec || token !== undefined) continue;
    const holder = role.groupId ? groups.get(role.groupId) : undefined;
    const holderSpec = holder ? stackGroups.get(holder.name) : undefined;
    const keep = holderSpec
      ? `To keep: add { role: ${role.roleType}, ${holderSpec.kind === "team" ? `team: ${holderSpec.team}` : holderSpec.kind === "platform-role" ? `platformRole: ${holderSpec.platformRole}` : `group: ${holderSpec.name}`} } under oktaAdminRoles (${lines.at(["oktaAdminRoles"])})`
      : `To keep: give the role to a team's group in the file (oktaAdminRoles, ${lines.at(["oktaAdminRoles"])})`;
    const undo =
      role.assignmentType === "USER"
        ? `To undo: Okta console, Security > Administrators > ${person.login}: remove ${role.roleType}`
        : `To undo: Okta console, Security > Administrators, the group ${holder?.name ?? role.groupId ?? ""}: remove ${role.roleType}`;
    findings.push({ kind: "admin-role-outside-file", severity: "critical", who: whoOf(person), where: `Okta admin role ${role.roleType}`, how: via, fix: `${keep}. ${undo}` });
  }
  return findings;
}

function adminRoleLine(spec: GroupSpec, roleType: string, lines: FileLines): string {
  const index = lines.adminRoleIndex(roleType, spec.kind === "team" ? { team: spec.team } : spec.kind === "platform-role" ? { platformRole: spec.platformRole } : {});
  return index === undefined ? lines.at(["oktaAdminRoles"]) : lines.at(["oktaAdminRoles", index]);
}
