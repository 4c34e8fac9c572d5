/*
 * npm run diff -- --base <git-ref> [--head <git-ref>] [--stack dev] [--json]
 * Compares the stack's access and stack files at <git-ref> with the working tree (or with --head,
 * read from git as data, which is how CI compares a pull request without running its code); the
 * comparison is review/compare-revisions.ts.
 */
import { renderDiffJson, renderDiffMarkdown } from "../review/diff-render";
import { compareStack, ComparisonError } from "../review/compare-revisions";
import { EXIT_FINDINGS, EXIT_OK, loadSnapshot, parseCommandLine, PROJECT_DIR, runCommand, UsageError } from "./common";

const USAGE = "usage: npm run diff -- --base <git-ref> [--head <git-ref>] [--stack dev] [--directory SNAPSHOT] [--json]";

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(
    argv,
    { base: { type: "string" }, head: { type: "string" }, directory: { type: "string" }, stack: { type: "string", default: "dev" }, json: { type: "boolean", default: false } },
    USAGE,
  );
  if (!values.base) throw new UsageError(`--base is required\n${USAGE}`);
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
