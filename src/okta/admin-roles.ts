import * as pulumi from "@pulumi/pulumi";
import * as okta from "@pulumi/okta";
import type { GroupAdminRole } from "../access/model";

export interface OktaAdminRolesArgs {
  readonly groupRoles: readonly GroupAdminRole[];
  readonly groupIds: ReadonlyMap<string, pulumi.Output<string>>;
}

/**
 * Okta admin roles, given to groups only (okta.group.Role: one role on one group the stack made).
 * Never okta.UserAdminRoles: it owns every role assigned directly to a user and would take back
 * roles given outside the stack. Removing a line takes that one role back on the next `pulumi up`.
 */
export class OktaAdminRoles extends pulumi.ComponentResource {
  constructor(name: string, args: OktaAdminRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("duplocloud-okta:okta:OktaAdminRoles", name, {}, opts);
    for (const role of args.groupRoles) {
      new okta.group.Role(`admin-role-${role.key}`, { groupId: args.groupIds.get(role.groupKey)!, roleType: role.roleType, disableNotifications: false }, { parent: this });
    }
    this.registerOutputs({});
  }
}
