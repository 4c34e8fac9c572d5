import type { AccessModel } from "../access/model";
import { describeEntitlement, describeGroupGrant, peopleAccess } from "./effective-access";

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
  }>;
  readonly people: ReadonlyArray<{
    readonly email: string;
    readonly status?: string;
    readonly access: ReadonlyArray<{ readonly what: string; readonly via: string }>;
  }>;
  readonly serviceApps: ReadonlyArray<{ readonly name: string; readonly scopes: readonly string[]; readonly adminRole: string }>;
  /** Users made in DuploCloud itself (break-glass, service users), outside Okta. */
  readonly duplocloudUsers: ReadonlyArray<{
    readonly username: string;
    readonly roles: readonly string[];
    readonly readOnly: boolean;
    readonly tenants: ReadonlyArray<{ readonly tenant: string; readonly level: string }>;
    readonly reason: string;
  }>;
}

export function buildReport(model: AccessModel): AccessReport {
  const status = new Map(model.users.map((user) => [user.email.toLowerCase(), user.status]));
  return {
    portal: model.portalUrl,
    groups: model.groups.map((group) => {
      const teams = group.kind === "tenant"
        ? model.grants.filter((g) => g.tenant === group.tenant && g.level === group.level).map((g) => g.team)
        : undefined;
      return {
        group: group.name,
        grants: describeGroupGrant(group, model),
        explicitMembers: group.explicitMembers,
        ...(group.ruleExpression ? { rule: group.ruleExpression } : {}),
        ...(teams ? { filledByTeams: teams } : {}),
        owners: group.owners,
      };
    }),
    people: [...peopleAccess(model)].map(([email, granted]) => ({
      email,
      ...(status.has(email) ? { status: status.get(email) } : {}),
      access: granted.map((g) => ({ what: describeEntitlement(g.entitlement), via: g.via })),
    })),
    serviceApps: model.serviceApps.map((app) => ({ name: app.name, scopes: [...app.scopes].sort(), adminRole: app.adminRole })),
    duplocloudUsers: model.duplocloudUsers.map((user) => ({
      username: user.username,
      roles: [...user.roles].sort(),
      readOnly: user.readOnly,
      tenants: user.tenants.map((grant) => ({ tenant: grant.tenant, level: grant.level })),
      reason: user.reason,
    })),
  };
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderReportMarkdown(report: AccessReport, title: string): string {
  const lines = [`# Who gets what: ${title}`, "", `Portal: ${report.portal}`, "", "## Groups", "", "| Okta group | Grants | Filled by | Owners |", "|---|---|---|---|"];
  for (const group of report.groups) {
    const filledBy = [
      ...(group.explicitMembers.length > 0 ? [`members: ${group.explicitMembers.join(", ")}`] : []),
      ...(group.rule ? [`rule: \`${group.rule}\``] : []),
      ...(group.filledByTeams ? [`teams: ${group.filledByTeams.join(", ")}`] : []),
    ];
    lines.push(`| ${cell(group.group)} | ${cell(group.grants)} | ${cell(filledBy.join("; ") || "nobody")} | ${cell(group.owners.join(", ") || "-")} |`);
  }
  lines.push("", "## People named in the file", "", "Access through rules depends on Okta profiles and is listed under the rule's group above.", "");
  for (const person of report.people) {
    lines.push(`- **${person.email}**${person.status && person.status !== "ACTIVE" ? ` (${person.status})` : ""}`);
    if (person.access.length === 0) lines.push("  - no DuploCloud or Okta admin access through this file");
    for (const access of person.access) lines.push(`  - ${access.what}, via ${access.via}`);
  }
  if (report.duplocloudUsers.length > 0) {
    lines.push("", "## DuploCloud users outside Okta", "", "Made in DuploCloud itself, not through Okta: they keep their access when Okta is down or someone leaves Okta.", "");
    for (const user of report.duplocloudUsers) {
      const tenants = user.roles.includes("Administrator") ? "every tenant" : user.tenants.map((grant) => `${grant.tenant}: ${grant.level}`).join(", ") || "no tenant";
      lines.push(`- **${user.username}**: ${user.roles.join(", ")}${user.readOnly ? " (read-only)" : ""}; ${tenants}. Why: ${cell(user.reason)}`);
    }
  }
  if (report.serviceApps.length > 0) {
    lines.push("", "## API access", "");
    for (const app of report.serviceApps) lines.push(`- service app **${app.name}**: scopes ${app.scopes.join(", ")}; admin role ${app.adminRole}`);
  }
  return `${lines.join("\n")}\n`;
}
