import type { FileCommit } from "../../review/file-commit";
import type { DriftResult } from "./findings";

/*
 * The evidence an auditor keeps: one row per person and access path, with whether the file
 * declares it, where, who approves it (the group's owners), when it ends, when the org was read,
 * and the access file and commit it was compared with (working_tree_differs: the file was not the
 * one of that commit). Cells are quoted, and a cell that a spreadsheet would run as a formula
 * (=, +, -, @, tab, carriage return first) is prefixed with an apostrophe, as OWASP's CSV-injection advice says.
 */

export const EVIDENCE_COLUMNS = [
  "login",
  "name",
  "status",
  "role_or_tenant",
  "level",
  "path",
  "declared",
  "file_line",
  "owners",
  "expires",
  "read_at",
  "access_file",
  "commit",
  "working_tree_differs",
] as const;

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function evidenceCsv(result: DriftResult, readAt: string, file: FileCommit): string {
  const rows = [EVIDENCE_COLUMNS.join(",")];
  for (const person of result.people) {
    for (const access of person.access) {
      rows.push(
        [
          person.login,
          person.name,
          person.status,
          access.target,
          access.level,
          access.path,
          access.declared ? "yes" : "no",
          access.line,
          access.owners.join(" "),
          access.expires ?? "",
          readAt,
          file.path,
          file.commit,
          file.differs ? "yes" : "no",
        ]
          .map(cell)
          .join(","),
      );
    }
  }
  return `${rows.join("\r\n")}\r\n`;
}
