import type { AccessModel } from "../access/model";
import { describeEntitlement, describeGroupGrant, peopleAccess } from "./effective-access";
import { markdownCode, markdownText } from "./markdown";
import { adminRoleReach, serviceAppReach } from "./admin-role-reach";
import { groupLabel } from "../access/naming";
import { countOf } from "../access/plural";
import { directoryMembersOf, type SnapshotMember } from "./directory-members";

/** The "who gets what" report of one access file, as data (for --json) and as Markdown. */
export interface AccessReport {
  readonly portal: string;
  readonly groups: ReadonlyArray<{
    readonly group: string;
    readonly grants: string;
    readonly explicitMembers: readonly string[];
    readonly rule?: string;
    readonly filledByTeams?: readonly string[];
    readonly owners: readonly string[];
    /**
     * A group a directory masters (source: directory): its Okta ID, and its members by login as the
     * snapshot read them (everyone it lists), or why they are not known. They come from the directory, never from the file.
     */
    readonly directory?: { readonly groupId: string; readonly members?: readonly string[]; readonly membersWhoCannotSignIn?: number; readonly membersNotKnown?: string };
  }>;
  readonly people: ReadonlyArray<{
    readonly email: string;
    readonly status?: string;
    readonly access: ReadonlyArray<{ readonly what: string; readonly via: string }>;
  }>;
  readonly serviceApps: ReadonlyArray<{ readonly name: string; readonly scopes: readonly string[]; readonly adminRole: string; readonly reach: string }>;
  /** Okta admin roles of the stack's groups, with what each may act on. */
  readonly oktaAdminRoles: ReadonlyArray<{ readonly group: string; readonly role: string; readonly reach: string }>;
  /** Users made in DuploCloud itself (break-glass, service users), outside Okta. */
  readonly duplocloudUsers: ReadonlyArray<{
    readonly username: string;
    readonly roles: readonly string[];
    readonly readOnly: boolean;
    readonly tenants: ReadonlyArray<{ readonly tenant: string; readonly level: string }>;
    readonly reason: string;
  }>;
}

/** `directoryMembers`: the members of the groups a snapshot read, by group ID (directory-members.ts); absent without a snapshot. */
export function buildReport(model: AccessModel, directoryMembers?: ReadonlyMap<string, readonly SnapshotMember[]>): AccessReport {
  const status = new Map(model.users.map((user) => [user.email.toLowerCase(), user.status]));
  const groupsByKey = new Map(model.groups.map((group) => [group.key, group]));
  return {
    portal: model.portal.url,
    groups: model.groups.map((group) => {
      const teams = group.kind === "tenant" ? model.grants.filter((g) => g.tenant === group.tenant && g.level === group.level).map((g) => g.team) : undefined;
      const members = group.source === "directory" && group.importId !== undefined ? directoryMembersOf(group.importId, directoryMembers) : undefined;
      return {
        group: group.name,
        grants: describeGroupGrant(group, model),
        explicitMembers: group.explicitMembers,
        ...(group.ruleExpression ? { rule: group.ruleExpression } : {}),
        ...(teams && group.source !== "directory" ? { filledByTeams: teams } : {}),
        owners: group.owners,
        ...(members
          ? {
              directory: {
                groupId: group.importId!,
                ...(members.known ? { members: members.logins, membersWhoCannotSignIn: members.cannotSignIn } : { membersNotKnown: members.why }),
              },
            }
          : {}),
      };
    }),
    people: [...peopleAccess(model)].map(([email, granted]) => ({
      email,
      ...(status.has(email) ? { status: status.get(email) } : {}),
      access: granted.map((g) => ({ what: describeEntitlement(g.entitlement), via: g.via })),
    })),
    serviceApps: model.serviceApps.map((app) => ({
      name: app.name,
      scopes: [...app.scopes].sort(),
      adminRole: app.adminRole,
      reach: serviceAppReach(app, (key) => groupLabel(groupsByKey.get(key)!)).text,
    })),
    oktaAdminRoles: model.groupAdminRoles.map((role) => ({
      group: groupsByKey.get(role.groupKey)!.name,
      role: role.roleType,
      reach: adminRoleReach(role, (key) => groupLabel(groupsByKey.get(key)!)).text || "not scoped by Okta",
    })),
    duplocloudUsers: model.duplocloudUsers.map((user) => ({
      username: user.username,
      roles: [...user.roles].sort(),
      readOnly: user.readOnly,
      tenants: user.tenants.map((grant) => ({ tenant: grant.tenant, level: grant.level })),
      reason: user.reason,
    })),
  };
}

/** Free text in a table cell: escaped, so it cannot end the cell, the row or the table. */
const cell = (text: string) => markdownText(text);
/** A code span inside a table cell: GitHub splits cells on '|' even inside code, so it is escaped there too. */
const codeCell = (text: string) => markdownCode(text).replace(/\|/g, "\\|");

/** A directory group's members named in its cell before the rest is counted, so the table stays readable. */
const DIRECTORY_NAMES_SHOWN = 20;

/** Who fills a directory's group: the directory, with its members by name when a snapshot read them. */
function directoryCell(directory: NonNullable<AccessReport["groups"][number]["directory"]>): string {
  const from = `the directory, not the file (APP_GROUP ${cell(directory.groupId)}, source: directory)`;
  if (!directory.members) return `${from}: members ${cell(directory.membersNotKnown ?? "")}`;
  const count = directory.members.length;
  const shown = directory.members.slice(0, DIRECTORY_NAMES_SHOWN).join(", ");
  const more = count > DIRECTORY_NAMES_SHOWN ? ` and ${count - DIRECTORY_NAMES_SHOWN} more (--json lists everyone)` : "";
  const others = directory.membersWhoCannotSignIn ?? 0;
  const cannot = others > 0 ? `; ${others} more cannot sign in` : "";
  return `${from}: ${countOf(count, "member")} who can sign in, in the snapshot${count > 0 ? `: ${cell(shown)}${more}` : ""}${cannot}`;
}

/** The report as Markdown; `extra` lines (the directory section) are appended as given. */
export function renderReportMarkdown(report: AccessReport, title: string, extra: readonly string[] = []): string {
  const lines = [
    `# Who gets what: ${markdownCode(title)}`,
    "",
    `Portal: ${markdownText(report.portal)}`,
    "",
    "## Groups",
    "",
    "| Okta group | Grants | Filled by | Owners |",
    "|---|---|---|---|",
  ];
  for (const group of report.groups) {
    const filledBy = [
      ...(group.explicitMembers.length > 0 ? [`members: ${cell(group.explicitMembers.join(", "))}`] : []),
      ...(group.rule ? [`rule: ${codeCell(group.rule)}`] : []),
      ...(group.filledByTeams ? [`teams: ${cell(group.filledByTeams.join(", "))}`] : []),
      ...(group.directory ? [directoryCell(group.directory)] : []),
    ];
    lines.push(`| ${cell(group.group)} | ${cell(group.grants)} | ${filledBy.join("; ") || "nobody"} | ${cell(group.owners.join(", ") || "-")} |`);
  }
  lines.push("", "## People named in the file", "", "Access through rules depends on Okta profiles and is listed under the rule's group above.", "");
  for (const person of report.people) {
    lines.push(`- **${cell(person.email)}**${person.status && person.status !== "ACTIVE" ? ` (${person.status})` : ""}`);
    if (person.access.length === 0) lines.push("  - no DuploCloud or Okta admin access through this file");
    for (const access of person.access) lines.push(`  - ${cell(access.what)}, via ${cell(access.via)}`);
  }
  if (report.duplocloudUsers.length > 0) {
    lines.push("", "## DuploCloud users outside Okta", "", "Made in DuploCloud itself, not through Okta: they keep their access when Okta is down or someone leaves Okta.", "");
    for (const user of report.duplocloudUsers) {
      const tenants = user.roles.includes("Administrator") ? "every tenant" : user.tenants.map((grant) => `${grant.tenant}: ${grant.level}`).join(", ") || "no tenant";
      lines.push(`- **${cell(user.username)}**: ${user.roles.join(", ")}${user.readOnly ? " (read-only)" : ""}; ${tenants}. Why: ${cell(user.reason)}`);
    }
  }
  if (report.oktaAdminRoles.length > 0) {
    lines.push("", "## Okta admin roles", "", "Given to groups; every member of the group holds the role.", "");
    for (const role of report.oktaAdminRoles) lines.push(`- **${cell(role.group)}**: ${cell(role.role)}, ${cell(role.reach)}`);
  }
  if (report.serviceApps.length > 0) {
    lines.push("", "## API access", "");
    for (const app of report.serviceApps) lines.push(`- service app **${cell(app.name)}**: scopes ${cell(app.scopes.join(", "))}; admin role ${app.adminRole}, ${cell(app.reach)}`);
  }
  lines.push(...extra);
  return `${lines.join("\n")}\n`;
}
