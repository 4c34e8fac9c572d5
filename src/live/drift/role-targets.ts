import type { GroupAdminRole, GroupSpec } from "../../access/model";
import { byText } from "../../access/text-order";
import type { DriftInput, Finding } from "./finding";
import type { AdminRoleTargets, LiveGroup } from "./live-state";

/*
 * A scoped admin role the file gives a group (oktaAdminRoles[].targets) against what the role may
 * act on in Okta (read-role-targets.ts). Targets added in the console, or removed so that the role
 * acts on the whole org, widen who the role's holders can change (a GROUP_MEMBERSHIP_ADMIN over the
 * administrators group can make anyone a DuploCloud administrator): critical. Targets the file lists
 * that Okta lacks only narrow the role: a warning. One finding per group and role, not per member.
 */

const names = (list: readonly string[]) => [...list].sort(byText).join(", ");

/** `over groups a, b`, `over apps x`, or `over the whole org` (no targets: Okta's answer for an unscoped role). */
export function targetsText(targets: AdminRoleTargets): string {
  const parts = [
    ...(targets.groups.length > 0 ? [`groups ${names(targets.groups.map((group) => group.name || group.id))}`] : []),
    ...(targets.apps.length > 0 ? [`apps ${names(targets.apps.map((app) => (app.id ? `${app.name}.${app.id}` : `${app.name} (every instance)`)))}`] : []),
  ];
  return parts.length === 0 ? "over the whole org" : `over ${parts.join(" and ")}`;
}

/** The app IDs the file's targets name: `duplocloud` is the stack's app, `<name>.<id>` another. */
function declaredAppIds(declared: GroupAdminRole, duploCloudAppId: string | undefined): string[] {
  return declared.targetApps.flatMap((app) => (app === "duplocloud" ? (duploCloudAppId ? [duploCloudAppId] : []) : [app.slice(app.lastIndexOf(".") + 1)]));
}

export function roleTargetFindings(input: DriftInput, groups: ReadonlyMap<string, LiveGroup>, stackGroups: ReadonlyMap<string, GroupSpec>): Finding[] {
  const { model, lines, live } = input;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const role of live.adminRoles) {
    if (role.assignmentType !== "GROUP" || !role.groupId || !role.targets) continue;
    const key = `${role.groupId} ${role.roleType}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const holder = groups.get(role.groupId);
    const spec = holder ? stackGroups.get(holder.name) : undefined;
    const declared = spec ? model.groupAdminRoles.find((grant) => grant.groupKey === spec.key && grant.roleType === role.roleType) : undefined;
    if (!holder || !spec || !declared || declared.orgWide) continue;
    const fileGroups = declared.targetGroupKeys.map((groupKey) => model.groups.find((group) => group.key === groupKey)?.name ?? groupKey);
    const fileApps = declaredAppIds(declared, live.app?.id);
    if (fileGroups.length === 0 && fileApps.length === 0) continue;
    const liveWide = role.targets.groups.length === 0 && role.targets.apps.length === 0;
    const extraGroups = role.targets.groups.filter((group) => !fileGroups.includes(group.name)).map((group) => group.name || group.id);
    const extraApps = role.targets.apps.filter((app) => !app.id || !fileApps.includes(app.id)).map((app) => (app.id ? `${app.name}.${app.id}` : `${app.name} (every instance)`));
    const missing = [
      ...fileGroups.filter((name) => !role.targets!.groups.some((group) => group.name === name)),
      ...fileApps.filter((id) => !role.targets!.apps.some((app) => app.id === id)),
    ];
    const extra = [...extraGroups, ...extraApps];
    if (!liveWide && extra.length === 0 && missing.length === 0) continue;
    const fileText = [...(fileGroups.length > 0 ? [`groups ${names(fileGroups)}`] : []), ...(declared.targetApps.length > 0 ? [`apps ${names(declared.targetApps)}`] : [])].join(
      " and ",
    );
    const line = lines.at([
      "oktaAdminRoles",
      lines.adminRoleIndex(role.roleType, spec.kind === "team" ? { team: spec.team } : spec.kind === "platform-role" ? { platformRole: spec.platformRole } : {}) ?? 0,
      "targets",
    ]);
    const console = `Okta console, Security > Administrators, the group ${holder.name}: edit ${role.roleType}`;
    const widened = liveWide || extra.length > 0;
    findings.push({
      kind: "admin-role-targets-differ",
      severity: widened ? "critical" : "warning",
      where: `Okta admin role ${role.roleType} of group ${holder.name}`,
      how: `in Okta ${targetsText(role.targets)}; the file: ${fileText}`,
      fix: liveWide
        ? `The role acts on the whole org: ${console} and limit it to what the file lists (${line}); or, if meant, say so in the file with orgWide: true and a reason`
        : widened
          ? `To keep: add ${names(extra)} to the role's targets in the file (${line}). To undo: ${console} and remove ${names(extra)}`
          : // Whether the provider reads targets back is not confirmed here: the console step is given too.
            `Run pulumi up --refresh to restore the targets the file lists (${line}), here ${names(missing)}; if it shows no change, ${console} and add them`,
    });
  }
  return findings;
}
