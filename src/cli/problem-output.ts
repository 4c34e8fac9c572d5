import type { Problem } from "../access/problems";

/*
 * A file's problems for machines: JSON, or GitHub workflow annotations, which GitHub shows on the
 * lines of a pull request. The annotation form is GitHub's "Setting an error message" / "Setting a
 * warning message" (docs.github.com, Actions, "Workflow commands for GitHub Actions"):
 * `::error file={name},line={line},col={col}::{message}`. The escaping is the one GitHub's own toolkit
 * applies (actions/toolkit, packages/core/src/command.ts, escapeData and escapeProperty): `%`, CR and
 * LF in the message; those and `:` and `,` in a property, where they would end the value.
 */

export type Severity = "error" | "warning";
export type LocatedProblem = Problem & { readonly severity: Severity };

export function withSeverity(problems: readonly Problem[], severity: Severity): LocatedProblem[] {
  return problems.map((problem) => ({ ...problem, severity }));
}

/** `{"problems":[{file,line,column,key,message,severity}]}`, in the order given. */
export function problemsJson(problems: readonly LocatedProblem[]): string {
  const rows = problems.map(({ file, line, column, key, message, severity }) => ({ file, line, column, key, message, severity }));
  return `${JSON.stringify({ problems: rows }, null, 2)}\n`;
}

const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** One annotation per problem; the key leads the message, as in the FILE:LINE:COLUMN form. */
export function githubAnnotations(problems: readonly LocatedProblem[]): string {
  return problems
    .map((p) => `::${p.severity} file=${escapeProperty(p.file)},line=${p.line},col=${p.column}::${escapeData(p.key ? `${p.key}: ${p.message}` : p.message)}\n`)
    .join("");
}
