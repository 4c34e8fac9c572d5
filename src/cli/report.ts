/*
 * npm run report [-- --stack dev | FILE] [--directory SNAPSHOT] [--json]
 * Who gets what: every group's DuploCloud grant and every named person's effective access; with a
 * directory snapshot, also everyone each tenant level and role reaches through rules.
 */
import { buildReport, renderReportMarkdown } from "../review/report";
import { audienceOf } from "../review/audience";
import { snapshotGroupMembers } from "../review/directory-members";
import { renderAudience, summarise } from "../review/audience-render";
import { accessFileOfStack, EXIT_OK, loadSnapshot, parseCommandLine, runCommand, validModelOrPrint, type CommandSpec } from "./common";

export const COMMAND = {
  name: "report",
  summary: "Who gets what: every group's DuploCloud grant and every named person's effective access; with a directory snapshot, everyone each tenant and role reaches.",
  flags: {
    stack: { type: "string", value: "STACK", default: "dev", description: "the stack whose access file to report (unless FILE is given)" },
    directory: {
      type: "string",
      value: "SNAPSHOT",
      description: "a directory snapshot (npm run directory) or Okta CSV export: also the people each rule reaches, and who is in each directory group (source: directory)",
    },
    json: { type: "boolean", default: false, description: "print the report as JSON instead of Markdown" },
  },
  positionals: { usage: "[FILE]", description: "an access file to report instead of the stack's" },
} satisfies CommandSpec;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, COMMAND);
  const file = positionals[0] ?? accessFileOfStack(values.stack!);
  const model = validModelOrPrint(file);
  const snapshot = values.directory ? loadSnapshot(values.directory) : undefined;
  // The members of the groups a directory masters come from the snapshot: the file cannot list them.
  const report = buildReport(model, snapshot && snapshotGroupMembers(snapshot));
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
              // Tenant levels and roles a directory group gives whose members the snapshot lacks: the group's name.
              ...(audience.directoryUnknown ? { directoryMembersNotInSnapshot: Object.fromEntries(audience.directoryUnknown) } : {}),
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
