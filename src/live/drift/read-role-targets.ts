import { APP_SCOPED_ADMIN_ROLE_TYPES, GROUP_SCOPED_ADMIN_ROLE_TYPES, type OktaAdminRoleType } from "../../access/okta-catalog";
import type { OktaReader } from "../../okta/read-api";
import { readAll } from "../okta-reads";
import type { AdminRoleTargets } from "./live-state";

/*
 * What a scoped admin role may act on, read from Okta (okta.roles.read), so that a role the file
 * declares with targets is compared with its live targets, and a role given outside the file says
 * what it reaches. Okta's RoleBTargetAdmin / RoleBTargetBGroup operations
 * (okta-management-openapi-spec):
 * - listGroupTargetsForRole `GET /api/v1/users/{userId}/roles/{roleAssignmentId}/targets/groups` and
 *   listGroupTargetsForGroupRole `GET /api/v1/groups/{groupId}/roles/{roleAssignmentId}/targets/groups`,
 *   for USER_ADMIN, HELP_DESK_ADMIN and GROUP_MEMBERSHIP_ADMIN: Group objects; "If the role isn't
 *   scoped to specific group targets, Okta returns an empty array" (the role acts on the whole org);
 * - listApplicationTargetsForApplicationAdministratorRoleFor{User,Group} `.../targets/catalog/apps`,
 *   for APP_ADMIN: CatalogApplication objects, with `id` for an app instance and without it for
 *   every instance of an OIN app.
 * A role held through a group is read once for the group (listGroupAssignedRoles `GET
 * /api/v1/groups/{groupId}/roles` gives the group's role assignment IDs), not once per member.
 */

interface TargetGroup {
  readonly id: string;
  readonly profile?: { readonly name?: string };
}

interface TargetApp {
  readonly name: string;
  readonly id?: string;
}

const isGroupScoped = (roleType: string) => GROUP_SCOPED_ADMIN_ROLE_TYPES.includes(roleType as OktaAdminRoleType);
const isAppScoped = (roleType: string) => APP_SCOPED_ADMIN_ROLE_TYPES.includes(roleType as OktaAdminRoleType);

/** Whether Okta lets the role type be scoped to groups or apps (the others have no targets). */
export const takesTargets = (roleType: string) => isGroupScoped(roleType) || isAppScoped(roleType);

export class RoleTargetsReader {
  private readonly byGroup = new Map<string, Promise<ReadonlyMap<string, AdminRoleTargets>>>();

  constructor(private readonly reader: OktaReader) {}

  /** Targets of a role assigned to the user directly; undefined for a role that takes none. */
  async ofUserRole(userId: string, role: { readonly id: string; readonly type: string }): Promise<AdminRoleTargets | undefined> {
    if (!takesTargets(role.type)) return undefined;
    return this.targets(`/api/v1/users/${encodeURIComponent(userId)}/roles/${encodeURIComponent(role.id)}`, role.type);
  }

  /** Targets of a role held through a group; undefined for a role that takes none, or one the group's role listing does not show. */
  async ofGroupRole(groupId: string, roleType: string): Promise<AdminRoleTargets | undefined> {
    if (!takesTargets(roleType)) return undefined;
    let roles = this.byGroup.get(groupId);
    if (!roles) {
      roles = this.readGroupRoles(groupId);
      this.byGroup.set(groupId, roles);
    }
    return (await roles).get(roleType);
  }

  private async readGroupRoles(groupId: string): Promise<ReadonlyMap<string, AdminRoleTargets>> {
    const base = `/api/v1/groups/${encodeURIComponent(groupId)}/roles`;
    const targets = new Map<string, AdminRoleTargets>();
    for (const role of await readAll<{ id: string; type: string }>(this.reader, base)) {
      if (takesTargets(role.type)) targets.set(role.type, await this.targets(`${base}/${encodeURIComponent(role.id)}`, role.type));
    }
    return targets;
  }

  private async targets(assignment: string, roleType: string): Promise<AdminRoleTargets> {
    if (isGroupScoped(roleType)) {
      const groups = await readAll<TargetGroup>(this.reader, `${assignment}/targets/groups`);
      return { groups: groups.map((group) => ({ id: group.id, name: group.profile?.name ?? "" })), apps: [] };
    }
    const apps = await readAll<TargetApp>(this.reader, `${assignment}/targets/catalog/apps`);
    return { groups: [], apps: apps.map((app) => ({ name: app.name, ...(app.id ? { id: app.id } : {}) })) };
  }
}
