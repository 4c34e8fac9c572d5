import * as pulumi from "@pulumi/pulumi";
import * as okta from "@pulumi/okta";
import type { GroupAdminRole } from "../access/model";
import { adminRoleKey } from "../access/keys";
import { aliasOf } from "./groups";

export interface OktaAdminRolesArgs {
  readonly groupRoles: readonly GroupAdminRole[];
  readonly groupIds: ReadonlyMap<string, pulumi.Output<string>>;
  /** A renamed team's group key under its former name, by its key (groups.ts, formerGroupKey): its roles keep theirs. */
  readonly formerGroupKeys?: ReadonlyMap<string, string>;
  /** The DuploCloud OIDC app, for roles whose targets name `duplocloud`. */
  readonly duplocloudApp: { readonly appName: pulumi.Output<string>; readonly appId: pulumi.Output<string> };
  /**
   * The error hook that removes the org-wide role a failed create leaves (role-rollback.ts), on
   * every role. Absent under Pulumi's mock engine, whose monitor cannot register hooks
   * (@pulumi/pulumi 3.248.0 runtime/mocks.js has no registerErrorHook) and where nothing fails.
   */
  readonly rollback?: pulumi.ErrorHook;
}

/**
 * Okta admin roles, given to groups only (okta.group.Role: one role on one group the stack made).
 * Never okta.UserAdminRoles: it owns every role assigned directly to a user and would take back
 * roles given outside the stack. Removing a line takes that one role back on the next `pulumi up`.
 *
 * A role Okta scopes gets its targets: `targetGroupLists` (group IDs) for GROUP_MEMBERSHIP_ADMIN,
 * HELP_DESK_ADMIN and USER_ADMIN, `targetAppLists` for APP_ADMIN, where one app instance is written
 * `<app name>.<app ID>` (terraform-provider-okta okta/services/idaas/resource_okta_group_role.go:
 * `addGroupAppTargetsToRole` splits on the dot, and the read writes instances back in that form).
 * A role validated as org-wide is sent without targets.
 *
 * Replaced delete-first: the provider forces a new role when its group or type changes, when its
 * group targets become empty and when its app targets change with none kept
 * (resource_okta_group_role.go: `group_id` and `role_type` ForceNew, and the CustomizeDiff
 * `customdiff.ForceNewIf("target_group_list", ...)` / `ForceNewIf("target_app_list", ...)`), and
 * Okta refuses a second assignment of a role type a group already holds ("The role specified is
 * already assigned"): Pulumi's default, the new role before the old one is deleted, would fail the
 * `up` when an entry goes `orgWide` or an APP_ADMIN's apps are swapped. Deleting first leaves the
 * group without the role for a moment, which narrows access, never widens it.
 *
 * The provider gives a scoped role org-wide first and adds its targets after; when a target fails,
 * `rollback` removes the role the state does not hold (partial-role.ts). Between the assignment and
 * its first target the group holds the role org-wide for a moment: Okta's API has no assignment
 * that carries its targets.
 */
export class OktaAdminRoles extends pulumi.ComponentResource {
  constructor(name: string, args: OktaAdminRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("duplocloud-okta:okta:OktaAdminRoles", name, {}, opts);
    const appTarget = (app: string) => (app === "duplocloud" ? pulumi.interpolate`${args.duplocloudApp.appName}.${args.duplocloudApp.appId}` : pulumi.output(app));
    const formerOf = (role: GroupAdminRole) => {
      const former = args.formerGroupKeys?.get(role.groupKey);
      return former === undefined ? undefined : adminRoleKey(former, role.roleType);
    };
    for (const role of args.groupRoles) {
      new okta.group.Role(
        adminRoleKey(role.groupKey, role.roleType),
        {
          groupId: args.groupIds.get(role.groupKey)!,
          roleType: role.roleType,
          disableNotifications: false,
          ...(role.targetGroupKeys.length > 0 ? { targetGroupLists: role.targetGroupKeys.map((key) => args.groupIds.get(key)!) } : {}),
          ...(role.targetApps.length > 0 ? { targetAppLists: role.targetApps.map(appTarget) } : {}),
        },
        { parent: this, deleteBeforeReplace: true, ...aliasOf(formerOf(role)), ...(args.rollback ? { hooks: { onError: [args.rollback] } } : {}) },
      );
    }
    this.registerOutputs({});
  }
}
