/*
 * npm run report [-- --stack dev | FILE] [--json]
 * Who gets what: every group's DuploCloud grant and every named person's effective access.
 */
import { validateAccessFile } from "../access/validate";
import { buildReport, renderReportMarkdown } from "../review/report";
import { accessFileOfStack, EXIT_FINDINGS, EXIT_OK, parseCommandLine, printProblems, runCommand } from "./common";

const USAGE = "usage: npm run report -- [--stack dev | FILE] [--json]";

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { stack: { type: "string", default: "dev" }, json: { type: "boolean", default: false } }, USAGE);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  const file = positionals[0] ?? accessFileOfStack(values.stack!);
  const result = validateAccessFile(file);
  if (!result.ok) {
    printProblems(result.problems);
    return EXIT_FINDINGS;
  }
  const report = buildReport(result.model);
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderReportMarkdown(report, file));
  return EXIT_OK;
}

if (require.main === module) runCommand(main);
