/*
 * npm run validate [-- FILE...]
 * Validates access files (default: every stack's) and prints every problem as FILE:LINE:COLUMN.
 */
import { clockExpiry } from "../config/clock";
import { validateAccessFile } from "../access/validate";
import { formatProblem } from "../access/problems";
import { allAccessFiles, EXIT_FINDINGS, EXIT_OK, parseCommandLine, printProblems, runCommand } from "./common";

const USAGE = "usage: npm run validate -- [--today YYYY-MM-DD] [FILE...]   (default: the access file of every stack)";

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { today: { type: "string" } }, USAGE);
  const files = positionals.length > 0 ? positionals : allAccessFiles();
  let failed = 0;
  for (const file of files) {
    const result = validateAccessFile(file, { expiry: values.today ? { today: values.today } : clockExpiry() });
    if (result.ok) {
      for (const warning of result.warnings) process.stderr.write(`warning: ${formatProblem(warning)}\n`);
      const { groups, rules, users } = result.model;
      process.stdout.write(`${file}: ok (${groups.length} groups, ${rules.length} rules, ${users.length} users)\n`);
    } else {
      failed++;
      printProblems(result.problems);
      process.stderr.write(`${file}: ${result.problems.length} problem(s); nothing was applied\n`);
    }
  }
  return failed > 0 ? EXIT_FINDINGS : EXIT_OK;
}

if (require.main === module) runCommand(main);
