import * as pulumi from "@pulumi/pulumi";
import * as okta from "@pulumi/okta";
import type { GroupAdminRole, UserAdminRoles } from "../access/model";

export interface OktaAdminRolesArgs {
  readonly groupRoles: readonly GroupAdminRole[];
  readonly userRoles: readonly UserAdminRoles[];
  readonly groupIds: ReadonlyMap<string, pulumi.Output<string>>;
  readonly userIds: ReadonlyMap<string, pulumi.Output<string>>;
}

/**
 * Okta admin roles given to groups and users. Removing a line from the access file takes the role
 * back on the next `pulumi up`; a user's roles are one authoritative list.
 */
export class OktaAdminRoles extends pulumi.ComponentResource {
  constructor(name: string, args: OktaAdminRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("duplocloud-okta:okta:OktaAdminRoles", name, {}, opts);
    for (const role of args.groupRoles) {
      new okta.group.Role(
        `admin-role-${role.key}`,
        { groupId: args.groupIds.get(role.groupKey)!, roleType: role.roleType, disableNotifications: false },
        { parent: this },
      );
    }
    for (const roles of args.userRoles) {
      new okta.UserAdminRoles(
        `admin-roles-${roles.email.toLowerCase()}`,
        { userId: args.userIds.get(roles.email.toLowerCase())!, adminRoles: [...roles.roleTypes], disableNotifications: false },
        { parent: this },
      );
    }
    this.registerOutputs({});
  }
}
