import type { AccessFile, PlatformRoleName } from "../../access/schema";
import { locate, type AccessSource } from "../../access/source";

/*
 * Where things are written in the access file (`access/dev.yaml:42`), so that each finding names
 * the line to edit. Built from the validated source; positions come from the YAML parser.
 */

export interface FileLines {
  /** The access file, as the command was given it. */
  readonly file: string;
  /** `file:line` of a key path; the nearest existing parent when the path is not written. */
  at(path: readonly PropertyKey[]): string;
  /** Index of a team in the file's `teams` list. */
  teamIndex(team: string): number | undefined;
  /** Index of an explicit DuploCloud user (lower-cased username) in `duplocloud.users`. */
  duploUserIndex(username: string): number | undefined;
  /** Index of the `oktaAdminRoles` entry that gives `role` to a team or platform role. */
  adminRoleIndex(role: string, holder: { team?: string; platformRole?: PlatformRoleName }): number | undefined;
  /** Index of the `duplocloud.tenantGroupImports` entry of a tenant level. */
  tenantImportIndex(tenant: string, level: string): number | undefined;
}

export function fileLinesOf(source: AccessSource, file: AccessFile): FileLines {
  const teams = new Map(file.teams.map((team, index) => [team.name, index]));
  const duploUsers = new Map(file.duplocloud.users.map((user, index) => [user.username.toLowerCase(), index]));
  return {
    file: source.file,
    at: (path) => `${source.file}:${locate(source, path).line}`,
    teamIndex: (team) => teams.get(team),
    duploUserIndex: (username) => duploUsers.get(username.toLowerCase()),
    tenantImportIndex: (tenant, level) => {
      const index = file.duplocloud.tenantGroupImports.findIndex((entry) => entry.tenant === tenant && entry.level === level);
      return index < 0 ? undefined : index;
    },
    adminRoleIndex: (role, holder) => {
      const index = file.oktaAdminRoles.findIndex(
        (grant) => grant.role === role && (holder.team ? grant.team === holder.team : grant.platformRole === holder.platformRole && !grant.team),
      );
      return index < 0 ? undefined : index;
    },
  };
}
