/*
 * npm run diff -- --base <git-ref> [--stack dev] [--json]
 * Compares the stack's access file at <git-ref> with the working tree, in plain words.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { validateAccessFile } from "../access/validate";
import { diffAccess } from "../review/diff";
import { renderDiffJson, renderDiffMarkdown, type DiffContext, type DiffOutcome } from "../review/diff-render";
import { fileAtRevision, GitError, isSymlinkAtRevision } from "../review/git-source";
import { parseStackSettings, type StackSettings } from "../review/stack-facts";
import { accessFilePathProblem, AccessFilePathError, checkedAccessFilePath, excerpt } from "../plan/access-file-path";
import { displayPath, readProjectName } from "../plan/stack-config";
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
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new UsageError(`--stack must be a stack name (letters, digits, '.', '_', '-'), not ${excerpt(stack)}`);
  const project = readProjectName(projectDir);
  const accessFileKey = `${project}:accessFile`;
  const stackFileName = `Pulumi.${stack}.yaml`;

  const headStackPath = path.join(projectDir, stackFileName);
  const headSettings = existsSync(headStackPath) ? parseStackSettings(project, readFileSync(headStackPath, "utf8")) : undefined;
  let headPath: string | undefined;
  const headSetting = headSettings?.values[accessFileKey];
  if (headSetting !== undefined) {
    headPath = checkedPath(() => checkedAccessFilePath(projectDir, headSetting, `${stackFileName}: ${accessFileKey}`));
    if (!existsSync(path.join(projectDir, headPath))) headPath = undefined;
  }

  let baseSettings: StackSettings | undefined;
  let basePath: string | undefined;
  let baseText: string | undefined;
  try {
    const baseStackText = fileAtRevision(projectDir, baseRef, stackFileName);
    baseSettings = baseStackText === undefined ? undefined : parseStackSettings(project, baseStackText);
    const baseSetting = baseSettings?.values[accessFileKey];
    if (baseSetting !== undefined) {
      const problem = accessFilePathProblem(baseSetting);
      if (problem) throw new UsageError(`${stackFileName} at ${baseRef}: ${accessFileKey} ${excerpt(baseSetting)} ${problem}`);
      if (isSymlinkAtRevision(projectDir, baseRef, baseSetting)) throw new UsageError(`${stackFileName} at ${baseRef}: ${accessFileKey} ${excerpt(baseSetting)} is a symlink; name the file itself`);
      baseText = fileAtRevision(projectDir, baseRef, baseSetting);
      if (baseText !== undefined) basePath = baseSetting;
    }
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  }
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
  return { kind: "compared", context, diff: diffAccess(base, head, { ...(baseSettings ? { base: baseSettings } : {}), ...(headSettings ? { head: headSettings } : {}) }) };
}

function checkedPath(check: () => string): string {
  try {
    return check();
  } catch (error) {
    if (error instanceof AccessFilePathError) throw new UsageError(error.message);
    throw error;
  }
}

if (require.main === module) runCommand(main);
