/*
 * npm run expiring [-- --within 14] [--stack dev | FILE...] [--json]
 * Lists grants that end soon; exits 1 once any grant is past its date, so a scheduled job opens the
 * clean-up before access silently lingers.
 */
import { validateAccessFile } from "../access/validate";
import { today as clockToday } from "../config/clock";
import { expiringGrants, type ExpiringGrant } from "../review/expiring";
import { accessFileOfStack, allAccessFiles, EXIT_FINDINGS, EXIT_OK, parseCommandLine, printProblems, requireInputFile, runCommand, UsageError, type CommandSpec } from "./common";
import { countOf } from "../access/plural";

export const COMMAND = {
  name: "expiring",
  summary: "Lists the grants that end soon; exits 1 once any grant is past its date, so a scheduled job opens the clean-up.",
  flags: {
    within: { type: "string", value: "DAYS", default: "14", description: "list grants that end within this many days" },
    today: { type: "string", value: "YYYY-MM-DD", description: "count from this day (default: ACCESS_NOW, ACCESS_TODAY, else the clock)" },
    stack: { type: "string", value: "STACK", description: "only this stack's access file (default: every stack's)" },
    json: { type: "boolean", default: false, description: 'print {"today", "withinDays", "grants"} as JSON' },
  },
  positionals: { usage: "[FILE...]", description: "access files to read instead of the stacks'" },
} satisfies CommandSpec;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, COMMAND);
  const within = Number(values.within);
  if (!Number.isInteger(within) || within < 0) throw new UsageError(`--within takes a whole number of days, not "${values.within}"`);
  const today = values.today ?? clockToday();
  const files = positionals.length > 0 ? positionals.map((file) => requireInputFile(file)) : values.stack ? [accessFileOfStack(values.stack)] : allAccessFiles();
  const found: Array<ExpiringGrant & { file: string }> = [];
  let invalid = false;
  for (const file of files) {
    const result = validateAccessFile(file, { expiry: "ignore" });
    if (!result.ok) {
      printProblems(result.problems);
      invalid = true;
      continue;
    }
    found.push(...expiringGrants(result.model, today, within).map((grant) => ({ ...grant, file })));
  }
  const expired = found.filter((grant) => grant.daysLeft < 0);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ today, withinDays: within, grants: found }, null, 2)}\n`);
  } else if (found.length === 0) {
    process.stdout.write(`No grant ends within ${within} days of ${today}.\n`);
  } else {
    for (const grant of found) {
      const when = grant.daysLeft < 0 ? `EXPIRED ${countOf(-grant.daysLeft, "day")} ago` : grant.daysLeft === 0 ? "last day today" : `ends in ${countOf(grant.daysLeft, "day")}`;
      process.stdout.write(`${grant.file}: ${grant.holder} -> tenant ${grant.tenant} (${grant.level}) until ${grant.expires}: ${when}\n`);
    }
    if (expired.length > 0)
      process.stdout.write(`\n${countOf(expired.length, "grant")} past their date: remove them from the access file (the plan leaves them out, with a warning, until then).\n`);
  }
  return expired.length > 0 || invalid ? EXIT_FINDINGS : EXIT_OK;
}

if (require.main === module) runCommand(main);
