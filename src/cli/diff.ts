/*
 * npm run diff -- --base <git-ref> [--stack dev] [--json]
 * Compares the stack's access file at <git-ref> with the working tree, in plain words.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { validateAccessFile } from "../access/validate";
import { diffAccess } from "../review/diff";
import { renderDiffJson, renderDiffMarkdown, type DiffContext, type DiffOutcome } from "../review/diff-render";
import { accessFileAtRevision, fileAtRevision, GitError } from "../review/git-source";
import { displayPath, readProjectName, readStackConfig } from "../plan/stack-config";
import type { AccessModel } from "../access/model";
import { EXIT_FINDINGS, EXIT_OK, parseCommandLine, PROJECT_DIR, runCommand, UsageError } from "./common";

const USAGE = "usage: npm run diff -- --base <git-ref> [--stack dev] [--json]";
/** The base side was valid when it was merged: grants that have expired since still count there. */
const LONG_AGO = "1970-01-01";

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, { base: { type: "string" }, stack: { type: "string", default: "dev" }, json: { type: "boolean", default: false } }, USAGE);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (!values.base) throw new UsageError(`--base is required\n${USAGE}`);
  const outcome = compareStack(PROJECT_DIR, values.stack!, values.base);
  process.stdout.write(values.json ? renderDiffJson(outcome) : renderDiffMarkdown(outcome));
  return outcome.kind === "invalid" ? EXIT_FINDINGS : EXIT_OK;
}

export function compareStack(projectDir: string, stack: string, baseRef: string): DiffOutcome {
  let project: string;
  let headPath: string | undefined;
  const stackFileExists = existsSync(path.join(projectDir, `Pulumi.${stack}.yaml`));
  if (stackFileExists) {
    const config = readStackConfig(projectDir, stack);
    project = config.project;
    const configured = config.values[`${project}:accessFile`];
    headPath = configured && existsSync(path.join(projectDir, configured)) ? configured : undefined;
  } else {
    project = readProjectName(projectDir);
  }
  let basePath: string | undefined;
  try {
    basePath = accessFileAtRevision(projectDir, baseRef, stack, project);
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  }
  const baseText = basePath ? fileAtRevision(projectDir, baseRef, basePath) : undefined;
  if (baseText === undefined) basePath = undefined;
  if (!basePath && !headPath) throw new UsageError(`stack ${stack} has no access file at ${baseRef} nor in the working tree`);
  const context: DiffContext = { stack, baseRef, ...(basePath ? { basePath } : {}), ...(headPath ? { headPath } : {}) };

  let base: AccessModel | undefined;
  if (basePath) {
    const result = validateAccessFile(`${baseRef}:${basePath}`, { text: baseText!, today: LONG_AGO });
    if (!result.ok) return { kind: "invalid", context, side: "base", problems: result.problems };
    base = result.model;
  }
  let head: AccessModel | undefined;
  if (headPath) {
    const result = validateAccessFile(displayPath(projectDir, headPath));
    if (!result.ok) return { kind: "invalid", context, side: "head", problems: result.problems };
    head = result.model;
  }
  return { kind: "compared", context, diff: diffAccess(base, head) };
}

if (require.main === module) runCommand(main);
