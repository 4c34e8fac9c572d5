import type { DuploMeaning } from "./duplo-meaning";
import type { AccessPath, DriftInput, Finding, Who } from "./finding";
import { portalGrantOutsideFile } from "./kinds/portal-grant-outside-file";
import { portalRoleOutsideFile, portalUserOutsideFile } from "./kinds/portal-user-outside-file";
import type { LiveGroup, LivePerson } from "./live-state";

/*
 * The portal's users against the file's duplocloud.users: people DuploCloud syncs from Okta are
 * accounted for by their groups; anyone else, and any role or tenant grant beyond the file's, is
 * a finding. Every portal role and grant of a user outside Okta's sync is evidence.
 */
export function portalFindings(
  input: DriftInput,
  people: ReadonlyMap<string, LivePerson>,
  groups: ReadonlyMap<string, LiveGroup>,
  meaningOf: (name: string) => DuploMeaning | undefined,
  addPath: (person: LivePerson, path: AccessPath) => void,
): Finding[] {
  const { model, lines, live } = input;
  if (!live.portal) return [];
  // People DuploCloud syncs from Okta: anyone in a group DuploCloud reads.
  const synced = new Set<string>();
  for (const group of groups.values()) {
    if (!meaningOf(group.name)) continue;
    for (const id of group.memberIds) {
      const person = people.get(id);
      if (person) synced.add(person.login.toLowerCase());
    }
  }
  const fileUsers = new Map(model.duplocloudUsers.map((user) => [user.username, user]));
  const findings: Finding[] = [];
  for (const user of live.portal.users) {
    const key = user.username.toLowerCase();
    const fileUser = fileUsers.get(key);
    const who: Who = { login: user.username, name: "", status: "portal user" };
    const portalPerson: LivePerson = { id: `portal:${user.username}`, login: user.username, name: "", status: "portal user", profile: {} };
    const index = lines.duploUserIndex(key);
    const line = index === undefined ? "" : lines.at(["duplocloud", "users", index]);
    for (const role of user.roles) {
      const declared = fileUser?.roles.includes(role as never) ?? false;
      if (fileUser || !synced.has(key))
        addPath(portalPerson, { target: `portal role ${role}`, level: role, path: "DuploCloud user", declared, line: declared ? line : "", owners: [] });
    }
    for (const grant of user.tenants) {
      const declared = fileUser?.tenants.some((t) => t.tenant === grant.tenant && t.level === grant.level) ?? false;
      if (fileUser || !synced.has(key))
        addPath(portalPerson, { target: `tenant ${grant.tenant}`, level: grant.level, path: "DuploCloud tenant grant", declared, line: declared ? line : "", owners: [] });
    }
    if (!fileUser) {
      if (synced.has(key)) continue;
      findings.push(portalUserOutsideFile(user, who, lines));
      continue;
    }
    for (const role of user.roles.filter((role) => !fileUser.roles.includes(role as never))) findings.push(portalRoleOutsideFile(user, role, who, line));
    for (const grant of user.tenants.filter((grant) => !fileUser.tenants.some((t) => t.tenant === grant.tenant && t.level === grant.level)))
      findings.push(portalGrantOutsideFile(user, grant, who, line));
  }
  return findings;
}
