import type { GroupAdminRole } from "../access/model-types";

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
}

export function adminRoleReach(role: GroupAdminRole, labelOfGroup: (groupKey: string) => string): AdminRoleReach {
  const targets = [...role.targetGroupKeys.map(labelOfGroup), ...role.targetApps.map((app) => `app ${app}`)].sort();
  const reason = role.reason !== undefined ? `reason: ${role.reason}` : "";
  if (role.orgWide) return { text: `over the whole org (${reason})`, orgWide: true, targets: [] };
  const over = targets.length > 0 ? `over ${targets.join(", ")}` : "";
  return { text: [over, reason && (over ? `(${reason})` : reason)].filter(Boolean).join(" "), orgWide: false, targets };
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
