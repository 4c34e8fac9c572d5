import * as path from "node:path";
import { resolveStackConfig } from "./config-values";
import { stackSettingsOf } from "./stack-settings";
import { accessFilePathProblem, excerpt } from "./access-file-path";
import { StackConfigError } from "./stack-config-error";
import type { ProjectFiles } from "./project-files";

/*
 * Which files decide what `pulumi up` of a stack does: one list, read by the checkout verifier
 * (config/checkout.ts), the deployed commit (config/deployed-commit.ts) and the access diff's list of
 * changes outside the access data (review/code-changes.ts).
 *
 * The set, and why each is in it:
 * - the project file, under each name Pulumi looks for (Pulumi.json, Pulumi.yaml, Pulumi.yml: the
 *   first found wins, so a second one appearing in the working tree would change what runs);
 * - the stack's stack file (its settings: the portal, the Okta org, the access file's path);
 * - the access file the stack file names (who gets what);
 * - the code: `src/` (the program and the commands), `policy/` (the policy pack `pulumi up` runs),
 *   `package.json` (the entry point, `main`), `package-lock.json` and `npm-shrinkwrap.json` (what
 *   `npm ci` installs), `tsconfig.json` (how the TypeScript is compiled) and `.npmrc` (where npm
 *   installs from).
 * Not in it: `node_modules` (installed by `npm ci` from the verified lock file, whose integrity
 * hashes npm checks), tests, docs and the workflows (GitHub reads a workflow from the commit itself,
 * never from the checkout).
 */

/** The program's code and what installs and compiles it, relative to the project (a folder ends with '/'). */
export const PROGRAM_CODE_PATHS = ["src/", "policy/", "package.json", "package-lock.json", "npm-shrinkwrap.json", "tsconfig.json", ".npmrc"] as const;

/** Every name Pulumi tries for the project file (pulumi-project.ts, findProjectFile). */
export const PROJECT_FILE_NAMES = ["Pulumi.json", "Pulumi.yaml", "Pulumi.yml"] as const;

/**
 * The paths `pulumi up` of `stack` reads, as `files` (a revision, or the disk) resolve them: the
 * project files, the stack file, the access file, and the code (folders end with '/').
 */
export function programPaths(files: ProjectFiles, stack: string): string[] {
  const resolved = resolveStackConfig(files, stack);
  if (!resolved.stackFileExists) throw new StackConfigError(`${files.shown(resolved.stackFile)}: stack ${stack} has no stack file`);
  const accessFile = stackSettingsOf(resolved.config, () => "").accessFile;
  const problem = accessFilePathProblem(accessFile);
  if (problem) throw new StackConfigError(`${files.shown(resolved.stackFile)}: accessFile ${excerpt(accessFile)} ${problem}`);
  return [...new Set([...PROJECT_FILE_NAMES, resolved.stackFile, path.posix.normalize(accessFile), ...PROGRAM_CODE_PATHS])];
}
