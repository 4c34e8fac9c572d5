/*
 * npm run report [-- --stack dev | FILE] [--directory SNAPSHOT] [--json]
 * Who gets what: every group's DuploCloud grant and every named person's effective access; with a
 * directory snapshot, also everyone each tenant level and role reaches through rules.
 */
import { buildReport, renderReportMarkdown } from "../review/report";
import { audienceOf } from "../review/audience";
import { renderAudience, summarise } from "../review/audience-render";
import { accessFileOfStack, EXIT_OK, loadSnapshot, parseCommandLine, runCommand, validModelOrPrint } from "./common";

const USAGE = "usage: npm run report -- [--stack dev | FILE] [--directory SNAPSHOT] [--json]";

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(
    argv,
    { stack: { type: "string", default: "dev" }, directory: { type: "string" }, json: { type: "boolean", default: false } },
    USAGE,
  );
  const file = positionals[0] ?? accessFileOfStack(values.stack!);
  const model = validModelOrPrint(file);
  const report = buildReport(model);
  const snapshot = values.directory ? loadSnapshot(values.directory) : undefined;
  const audience = snapshot && audienceOf(model, snapshot);
  if (values.json) {
    const byRule =
      snapshot && audience
        ? {
            directory: {
              summary: summarise(snapshot),
              people: Object.fromEntries(audience.people),
              undecided: Object.fromEntries(audience.undecided),
              // Information: people pending activation a rule matches, who get the access once activated.
              pendingActivation: Object.fromEntries(audience.pending ?? []),
            },
          }
        : {};
    process.stdout.write(`${JSON.stringify({ ...report, ...byRule }, null, 2)}\n`);
  } else {
    process.stdout.write(renderReportMarkdown(report, file, snapshot && audience ? renderAudience(summarise(snapshot), audience) : []));
  }
  return EXIT_OK;
}

if (require.main === module) runCommand(main);
