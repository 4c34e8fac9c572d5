import type { GroupAdminRole } from "../access/model-types";
import type { ServiceApp } from "../access/schema";
import { roleGroupKey, teamGroupKey } from "../access/keys";
import { ORG_CONTROL_ADMIN_ROLE_TYPES } from "../access/okta-catalog";

/*
 * What an Okta admin role given to a group may act on, in words and as data: its targets (groups by
 * label, apps), the whole org on purpose (`orgWide`), or the reach Okta fixes for the role. The
 * report and the diff show it; the diff compares it to tell a wider reach from a narrower one.
 */

export interface AdminRoleReach {
  /** "over team payments, platform role readOnly", "over the whole org (reason: ...)", or "" for a role Okta does not scope. */
  readonly text: string;
  /** The whole org, on purpose; false for a role Okta does not scope (its reach never changes). */
  readonly orgWide: boolean;
  /** Target groups (their labels) and apps, sorted; empty when not scoped. */
  readonly targets: readonly string[];
  /** SUPER_ADMIN and ORG_ADMIN: the whole org, its administrators included, whatever the file says. */
  readonly controlsOrg: boolean;
}

export function adminRoleReach(role: GroupAdminRole, labelOfGroup: (groupKey: string) => string): AdminRoleReach {
  const targets = [...role.targetGroupKeys.map(labelOfGroup), ...role.targetApps.map((app) => `app ${app}`)].sort();
  const reason = role.reason !== undefined ? `reason: ${role.reason}` : "";
  const controlsOrg = ORG_CONTROL_ADMIN_ROLE_TYPES.includes(role.roleType);
  if (role.orgWide) return { text: `over the whole org (${reason})`, orgWide: true, targets: [], controlsOrg };
  const over = targets.length > 0 ? `over ${targets.join(", ")}` : "";
  return { text: [over, reason && (over ? `(${reason})` : reason)].filter(Boolean).join(" "), orgWide: false, targets, controlsOrg };
}

/**
 * What a service app's role may act on: its targets, else the whole org (for every role type: the
 * roles Okta scopes act on everything unscoped, the others always do).
 */
export function serviceAppReach(app: ServiceApp, labelOfGroup: (groupKey: string) => string): AdminRoleReach {
  const targets = app.targets ?? { teams: [], roles: [], apps: [] };
  const targetGroupKeys = [...targets.teams.map(teamGroupKey), ...targets.roles.map(roleGroupKey)];
  if (targetGroupKeys.length + targets.apps.length === 0)
    return { text: "over the whole org (no targets)", orgWide: true, targets: [], controlsOrg: ORG_CONTROL_ADMIN_ROLE_TYPES.includes(app.adminRole) };
  return adminRoleReach({ key: app.name, groupKey: "", roleType: app.adminRole, targetGroupKeys, targetApps: [...targets.apps], orgWide: false }, labelOfGroup);
}

/** Whether `after` reaches something `before` did not: the whole org, or a target it did not have. */
export function reachWidens(before: AdminRoleReach, after: AdminRoleReach): boolean {
  if (after.orgWide) return !before.orgWide;
  if (before.orgWide) return false;
  return after.targets.some((target) => !before.targets.includes(target));
}

/** Whether `after` reaches less than `before` and nothing new. */
export function reachNarrows(before: AdminRoleReach, after: AdminRoleReach): boolean {
  if (before.orgWide) return !after.orgWide;
  return !reachWidens(before, after) && before.targets.some((target) => !after.targets.includes(target));
}

/**
 * What `after` reaches that `before` (undefined: a role just given) did not: the whole org (given
 * org-wide on purpose, or by its type), or target groups and apps. The owners of each approve.
 */
export function newlyReached(before: AdminRoleReach | undefined, after: AdminRoleReach): { readonly wholeOrg: boolean; readonly targets: readonly string[] } {
  const wholeOrg = (reach: AdminRoleReach | undefined) => reach !== undefined && (reach.orgWide || reach.controlsOrg);
  if (wholeOrg(before)) return { wholeOrg: false, targets: [] };
  return { wholeOrg: wholeOrg(after), targets: after.targets.filter((target) => !before?.targets.includes(target)) };
}

/**
 * Standard roles that only view (Okta help, "Standard administrator roles and permissions",
 * help.okta.com/en-us/content/topics/security/administrators-admin-comparison.htm: the Read-only
 * and Report administrators view, never change). Every other role changes something another role
 * cannot (the help desk resets passwords and factors, the group membership admin moves people
 * between groups), so a move to it is read as a widening.
 */
const VIEW_ONLY_ROLE_TYPES: ReadonlySet<string> = new Set(["READ_ONLY_ADMIN", "REPORT_ADMIN"]);

/** A role swapped for another on the same holder: wider when the new one changes anything, narrower when it only views where the old one changed. */
export function roleTypeDirection(before: string, after: string): "widens" | "narrows" | "changes" {
  if (!VIEW_ONLY_ROLE_TYPES.has(after)) return "widens";
  return VIEW_ONLY_ROLE_TYPES.has(before) ? "changes" : "narrows";
}
