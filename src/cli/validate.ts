/*
 * npm run validate [-- FILE...] [--json | --format github]
 * Validates access files (default: every stack's) and prints every problem as FILE:LINE:COLUMN, as
 * JSON, or as GitHub workflow annotations.
 */
import { clockExpiry } from "../config/clock";
import { validateAccessFile } from "../access/validate";
import { formatProblem } from "../access/problems";
import { countOf } from "../access/plural";
import {
  allAccessFiles,
  EXIT_FINDINGS,
  EXIT_OK,
  loadSnapshot,
  parseCommandLine,
  printProblems,
  requireInputFile,
  runCommand,
  UsageError,
  warnOfGitConversion,
  type CommandSpec,
} from "./common";
import { githubAnnotations, problemsJson, withSeverity, type LocatedProblem } from "./problem-output";

export const COMMAND = {
  name: "validate",
  summary: "Validates access files and prints every problem as FILE:LINE:COLUMN: key: message, all at once; warnings (an expired grant, a login written in two cases) do not fail.",
  flags: {
    today: { type: "string", value: "YYYY-MM-DD", description: "count grants' end dates as of this day (default: ACCESS_NOW, ACCESS_TODAY, else the clock)" },
    directory: {
      type: "string",
      value: "SNAPSHOT",
      description: "a directory snapshot (npm run directory) or Okta CSV export: the profile attributes its people have count as known to rules",
    },
    json: { type: "boolean", default: false, description: 'print {"problems":[{file, line, column, key, message, severity}]} on stdout, nothing else' },
    format: {
      type: "string",
      value: "text|github",
      default: "text",
      description: "github: one GitHub workflow annotation per problem (::error file=...,line=...,col=...::message) on stdout",
    },
  },
  positionals: { usage: "[FILE...]", description: "the access files to validate (default: the access file of every stack)" },
} satisfies CommandSpec;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, COMMAND);
  if (values.format !== "text" && values.format !== "github") throw new UsageError(`--format takes text or github, not ${JSON.stringify(values.format)}`);
  if (positionals.length > 0) warnOfGitConversion(process.cwd(), positionals);
  const files = positionals.length > 0 ? positionals.map((file) => requireInputFile(file)) : allAccessFiles();
  const profileAttributes = values.directory ? attributesHeld(values.directory) : [];
  const machine = values.json || values.format === "github";
  const found: LocatedProblem[] = [];
  let failed = 0;
  for (const file of files) {
    const result = validateAccessFile(file, { expiry: values.today ? { today: values.today } : clockExpiry(), profileAttributes });
    found.push(...withSeverity(result.ok ? [] : result.problems, "error"), ...withSeverity(result.warnings, "warning"));
    if (!result.ok) failed++;
    if (machine) continue;
    for (const warning of result.warnings) process.stderr.write(`warning: ${formatProblem(warning)}\n`);
    if (result.ok) {
      const { groups, rules, users } = result.model;
      process.stdout.write(`${file}: ok (${countOf(groups.length, "group")}, ${countOf(rules.length, "rule")}, ${countOf(users.length, "user")})\n`);
    } else {
      printProblems(result.problems);
      process.stderr.write(`${file}: ${countOf(result.problems.length, "problem")}; nothing was applied\n`);
    }
  }
  if (values.json) process.stdout.write(problemsJson(found));
  else if (values.format === "github") process.stdout.write(githubAnnotations(found));
  return failed > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** The profile attributes a snapshot shows people to have: those with a value for someone. */
function attributesHeld(file: string): string[] {
  const snapshot = loadSnapshot(file);
  return snapshot.attributes.filter((name) => snapshot.users.some((user) => user.profile[name] !== null && user.profile[name] !== undefined));
}

if (require.main === module) runCommand(main);
