import { countOf } from "../../access/plural";
import { fileCommitText, type FileCommit } from "../../review/file-commit";
import { markdownCode, markdownText } from "../../review/markdown";
import { alwaysListedAdmins, type DriftResult, type Finding } from "./findings";

/*
 * The drift report as Markdown, for the issue the scheduled job keeps up to date. Every free text
 * (names, logins, group and rule names, expressions) goes through markdown.ts: an attacker who
 * names a group or a profile cannot write into the issue.
 */

export interface ReportHeader {
  readonly stack: string;
  readonly orgUrl: string;
  readonly readAt: string;
  /** Whether the portal was read (DUPLO_TOKEN set). */
  readonly portalRead: boolean;
  /** Whether the people assigned to the app one by one were read (unless --skip-app-users). */
  readonly appUsersRead: boolean;
  /** The access file the live org was compared with, and the commit it was read at. */
  readonly accessFile: FileCommit;
  /** The portal read (its API host), absent when it was not read. */
  readonly portalUrl?: string;
}

/** Everyone's access with an end date, soonest first: the temporary access an auditor asks about. */
export function datedAccess(result: DriftResult): Array<{ login: string; target: string; level: string; expires: string }> {
  return result.people
    .flatMap((person) => person.access.flatMap((access) => (access.expires ? [{ login: person.login, target: access.target, level: access.level, expires: access.expires }] : [])))
    .sort((a, b) => (a.expires < b.expires ? -1 : a.expires > b.expires ? 1 : a.login.toLowerCase() < b.login.toLowerCase() ? -1 : 1));
}

/** Said when --skip-app-users was given: what the check did not look at, and why. */
export const APP_USERS_NOT_READ =
  "People assigned to the DuploCloud app one by one were not read: Okta lists an app's users only all together (about one request per 200 people who can sign in) and --skip-app-users left them out; run without it to check them.";

/** Findings shown in the issue; the rest are in the CSV and JSON (GitHub caps an issue body at 65,536 characters). */
export const MAX_FINDINGS_SHOWN = 100;

const SEVERITY_LABEL = { critical: "🔴 critical", warning: "🟠 warning", information: "🔵 information" } as const;

function whoCell(finding: Finding): string {
  if (!finding.who) return "";
  const name = finding.who.name ? ` (${finding.who.name})` : "";
  return markdownText(`${finding.who.login}${name}, ${finding.who.status}`);
}

export function renderDriftMarkdown(result: DriftResult, header: ReportHeader): string {
  const lines = [
    `## Access drift: stack ${markdownCode(header.stack)}`,
    "",
    `Org ${markdownCode(header.orgUrl)}, read ${markdownText(header.readAt)}.`,
    "",
    `Access file ${markdownText(fileCommitText(header.accessFile))}.`,
  ];
  if (!header.portalRead) lines.push("", "Okta only: DUPLO\\_TOKEN was not set, so the DuploCloud portal (its users and tenant grants) was not read.");
  if (!header.appUsersRead) lines.push("", markdownText(APP_USERS_NOT_READ));
  const count = (severity: Finding["severity"]) => result.findings.filter((finding) => finding.severity === severity).length;
  lines.push("");
  if (result.findings.length === 0) lines.push("No finding: the live org matches the access file.");
  else {
    lines.push(
      `**${countOf(result.findings.length, "finding")}**: ${count("critical")} critical, ${countOf(count("warning"), "warning")}, ${count("information")} information.`,
      "",
    );
    lines.push("| Severity | Kind | Who | Where | How | Fix |", "| --- | --- | --- | --- | --- | --- |");
    for (const finding of result.findings.slice(0, MAX_FINDINGS_SHOWN)) {
      lines.push(
        `| ${SEVERITY_LABEL[finding.severity]} | ${finding.kind} | ${whoCell(finding)} | ${markdownText(finding.where)} | ${markdownText(finding.how)} | ${markdownText(finding.fix)} |`,
      );
    }
    if (result.findings.length > MAX_FINDINGS_SHOWN)
      lines.push("", `${countOf(result.findings.length - MAX_FINDINGS_SHOWN, "more finding")} in the JSON output (--json) and the evidence CSV.`);
  }
  const dated = datedAccess(result);
  if (dated.length > 0) {
    lines.push("", "### Access with an end date", "");
    for (const access of dated) lines.push(`- ${markdownText(access.login)}: ${markdownText(access.target)} ${markdownText(access.level)} until ${markdownText(access.expires)}`);
  }
  const admins = alwaysListedAdmins(result);
  lines.push("", "### Super and org admins", "");
  if (admins.length === 0) lines.push("Nobody the drift check read holds SUPER\\_ADMIN or ORG\\_ADMIN.");
  for (const admin of admins) {
    lines.push(
      `- ${markdownText(admin.login)}${admin.name ? ` (${markdownText(admin.name)})` : ""}: ${admin.role.replace(/_/g, "\\_")}, ${markdownText(admin.path)}${admin.declared ? "" : ", **not in the file**"}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
