/*
 * npm run expiring [-- --within 14] [--stack dev | FILE...] [--json] [--prune]
 * Lists grants that end soon; exits 1 once any grant has ended, so a scheduled job opens the
 * clean-up before access silently lingers. --prune removes the ended entries from the files,
 * line by line, keeping every other line as it is.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { endSaid, type Expiry } from "../access/dates";
import { pruneEnded } from "../access/file-edits";
import { validateAccessFile } from "../access/validate";
import { clockExpiry } from "../config/clock";
import { expiringGrants, type ExpiringGrant } from "../review/expiring";
import { accessFileOfStack, allAccessFiles, EXIT_FINDINGS, EXIT_OK, parseCommandLine, printProblems, requireInputFile, runCommand, UsageError, type CommandSpec } from "./common";
import { countOf } from "../access/plural";

export const COMMAND = {
  name: "expiring",
  summary:
    "Lists the grants (teams' and temporary) that end soon; exits 1 once any grant has ended, so a scheduled job opens the clean-up. --prune removes the ended entries, whole lines only.",
  flags: {
    within: { type: "string", value: "DAYS", default: "14", description: "list grants that end within this many days" },
    today: { type: "string", value: "YYYY-MM-DD", description: "judge ends as of this day (default: ACCESS_NOW, ACCESS_TODAY, else the clock)" },
    stack: { type: "string", value: "STACK", description: "only this stack's access file (default: every stack's)" },
    json: { type: "boolean", default: false, description: 'print {"now", "withinDays", "grants"} as JSON' },
    prune: { type: "boolean", default: false, description: "remove the ended entries (teams' grants, temporaryAccess) from the files, keeping every other line" },
  },
  positionals: { usage: "[FILE...]", description: "access files to read instead of the stacks'" },
} satisfies CommandSpec;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, COMMAND);
  const within = Number(values.within);
  if (!Number.isInteger(within) || within < 0) throw new UsageError(`--within takes a whole number of days, not "${values.within}"`);
  const when: Exclude<Expiry, "ignore"> = values.today ? { today: values.today } : (clockExpiry() as Exclude<Expiry, "ignore">);
  const files = positionals.length > 0 ? positionals.map((file) => requireInputFile(file)) : values.stack ? [accessFileOfStack(values.stack)] : allAccessFiles();
  if (values.prune) return prune(files, when);
  const found: Array<ExpiringGrant & { file: string }> = [];
  let invalid = false;
  for (const file of files) {
    const result = validateAccessFile(file, { expiry: "ignore" });
    if (!result.ok) {
      printProblems(result.problems);
      invalid = true;
      continue;
    }
    found.push(...expiringGrants(result.model, when, within).map((grant) => ({ ...grant, file })));
  }
  const ended = found.filter((grant) => grant.ended);
  const said = "today" in when ? when.today : when.now;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ now: said, withinDays: within, grants: found }, null, 2)}\n`);
  } else if (found.length === 0) {
    process.stdout.write(`No grant ends within ${within} days of ${said}.\n`);
  } else {
    for (const grant of found) {
      const when =
        grant.ended && grant.daysLeft < 0
          ? `EXPIRED ${countOf(-grant.daysLeft, "day")} ago`
          : grant.ended
            ? "ENDED today"
            : grant.daysLeft === 0
              ? grant.expires.length === 10
                ? "last day today"
                : "ends today"
              : `ends in ${countOf(grant.daysLeft, "day")}`;
      process.stdout.write(`${grant.file}: ${grant.holder} -> ${grant.what} until ${endSaid(grant.expires)}: ${when}\n`);
    }
    if (ended.length > 0)
      process.stdout.write(
        `\n${countOf(ended.length, "grant")} past their date: remove them from the access file, or run npm run expiring -- --prune (the plan leaves them out, with a warning, until then).\n`,
      );
  }
  return ended.length > 0 || invalid ? EXIT_FINDINGS : EXIT_OK;
}

/** Removes ended entries; a file is written only when it still validates afterwards. */
function prune(files: readonly string[], when: Exclude<Expiry, "ignore">): number {
  let failed = false;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    let result;
    try {
      result = pruneEnded(text, when);
    } catch (error) {
      process.stderr.write(`${file}: ${(error as Error).message}\n`);
      failed = true;
      continue;
    }
    if (result.removed.length === 0) {
      process.stdout.write(`${file}: no ended grant.\n`);
      continue;
    }
    const validation = validateAccessFile(file, { text: result.text, expiry: when });
    if (!validation.ok) {
      printProblems(validation.problems);
      process.stderr.write(`${file} is unchanged: without the ended grants it would not validate.\n`);
      failed = true;
      continue;
    }
    writeFileSync(file, result.text);
    process.stdout.write(`${file}: removed the ended grants:\n${result.removed.map((line) => `  - ${line}\n`).join("")}`);
  }
  return failed ? EXIT_FINDINGS : EXIT_OK;
}

if (require.main === module) runCommand(main);
