import { PLATFORM_ROLES, type AccessFile } from "./schema";
import { locate, type AccessSource } from "./source";

/** Every place each person is named as a member, owner, rule exception or holder of temporary access (`access/dev.yaml:12:14`), in file order of roles, teams, then temporary access. */
export function everyPlaceNamed(source: AccessSource, file: AccessFile): Map<string, string[]> {
  const at = new Map<string, string[]>();
  const note = (people: readonly string[], path: PropertyKey[]) =>
    people.forEach((person, i) => {
      const key = person.toLowerCase();
      const { line, column } = locate(source, [...path, i]);
      at.set(key, [...(at.get(key) ?? []), `${source.file}:${line}:${column}`]);
    });
  for (const role of PLATFORM_ROLES) {
    note(file.roles[role].members, ["roles", role, "members"]);
    note(file.roles[role].owners, ["roles", role, "owners"]);
    const spec = file.roles[role];
    if ("except" in spec) note(spec.except ?? [], ["roles", role, "except"]);
  }
  file.teams.forEach((team, t) => {
    note(team.members, ["teams", t, "members"]);
    note(team.owners, ["teams", t, "owners"]);
    note(team.except ?? [], ["teams", t, "except"]);
  });
  file.temporaryAccess.forEach((grant, g) => note([grant.person], ["temporaryAccess", g, "person"]));
  return at;
}
