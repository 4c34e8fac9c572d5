/*
 * npm run diff -- --base <git-ref> [--head <git-ref>] [--stack dev] [--json]
 * Compares the stack's access and stack files at <git-ref> with the working tree (or with --head,
 * read from git as data, which is how CI compares a pull request without running its code); the
 * comparison is review/compare-revisions.ts.
 */
import { renderDiffJson, renderDiffMarkdown } from "../review/diff-render";
import { compareStack, ComparisonError } from "../review/compare-revisions";
import { EXIT_FINDINGS, EXIT_OK, loadSnapshot, parseCommandLine, PROJECT_DIR, runCommand, UsageError, type CommandSpec } from "./common";

export const COMMAND = {
  name: "diff",
  summary: "Who gains and who loses what between a git revision and the working tree (or --head), as a pull-request comment in Markdown.",
  flags: {
    base: { type: "string", value: "GIT-REF", description: "required: the revision to compare with (e.g. main)" },
    head: { type: "string", value: "GIT-REF", description: "the revision to compare, read from git as data (default: the working tree)" },
    directory: { type: "string", value: "SNAPSHOT", description: "a directory snapshot (npm run directory) or Okta CSV export: the people who gain and lose, by name" },
    stack: { type: "string", value: "STACK", default: "dev", description: "the stack whose access and stack files to compare" },
    json: { type: "boolean", default: false, description: "print the comparison as JSON instead of Markdown" },
  },
} satisfies CommandSpec;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, COMMAND);
  if (!values.base) throw new UsageError("--base is required: npm run diff -- --base main (npm run diff -- --help describes every flag)");
  const snapshot = values.directory ? loadSnapshot(values.directory) : undefined;
  const outcome = compared(() => compareStack(PROJECT_DIR, values.stack!, values.base!, values.head, snapshot));
  process.stdout.write(values.json ? renderDiffJson(outcome) : renderDiffMarkdown(outcome));
  return outcome.kind === "invalid" ? EXIT_FINDINGS : EXIT_OK;
}

function compared<T>(compare: () => T): T {
  try {
    return compare();
  } catch (error) {
    if (error instanceof ComparisonError) throw new UsageError(error.message);
    throw error;
  }
}

if (require.main === module) runCommand(main);
