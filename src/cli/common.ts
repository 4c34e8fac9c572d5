import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { formatProblem, type Problem } from "../access/problems";
import type { AccessModel } from "../access/model";
import { validateAccessFile, type ValidateOptions } from "../access/validate";
import { clockExpiry } from "../config/clock";
import { accessProjectDir } from "../config/environment";

import { AccessFilePathError, checkedAccessFilePath } from "../config/access-file-path";
import { DirectoryError, readSnapshot, type DirectorySnapshot } from "../review/directory";
import { displayPath } from "../config/stack-config";
import { authorizationFromEnvironment } from "../okta/read-api";
import { listStacks, stackConfigOnDisk, StackConfigError, unresolvedWarnings } from "../config/config-values";
import { SettingsError, stackSettingsOf, type StackSettings } from "../config/stack-settings";
import { SECRET_SHOWN_AS } from "../config/secret-placeholder";

/** Shared plumbing of the command-line tools: argument parsing, stack lookup and exit codes. */

/** The Pulumi project the commands read (Pulumi.yaml, Pulumi.<stack>.yaml). ACCESS_PROJECT_DIR points elsewhere (tests). */
export const PROJECT_DIR = path.resolve(accessProjectDir() ?? path.join(__dirname, "..", ".."));

/**
 * Exit codes: 0 fine, 1 the input or the comparison says no (findings), 2 the command was called
 * wrongly, 3 something failed that is neither (a network error, a bug): CI can tell a finding from
 * a crash.
 */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export const EXIT_FAILED = 3;

export class UsageError extends Error {}

/** The Okta credential from the environment, or a usage error naming the scopes the command needs. */
export function oktaAuthorizationFor(scopes: string): string {
  const authorization = authorizationFromEnvironment();
  if (!authorization) throw new UsageError(`set OKTA_API_TOKEN (SSWS token of a read-only admin) or OKTA_ACCESS_TOKEN (OAuth token with ${scopes})`);
  return authorization;
}

/** Thrown after `--help` printed the usage: the command ends there, successfully. */
class HelpShown extends Error {}

/** Thrown after the problems were printed: the command ends with EXIT_FINDINGS. */
export class FindingsPrinted extends Error {}

/** Parses the command line; `--help` (or `-h`) prints the usage and ends the command, before it does anything. */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T, usage: string) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    throw new HelpShown();
  }
  return parsed;
}

/** The model of a valid access file; otherwise its problems are printed and the command ends with EXIT_FINDINGS. */
export function validModelOrPrint(file: string, options: ValidateOptions = { expiry: clockExpiry() }): AccessModel {
  const result = validateAccessFile(file, options);
  if (result.ok) return result.model;
  printProblems(result.problems);
  throw new FindingsPrinted();
}

/** A stack's settings as the commands read them from its files; bad settings are usage errors. */
export function settingsOfStack(stack: string, projectDir = PROJECT_DIR): StackSettings<string> & { readonly stackFile: string } {
  try {
    const resolved = stackConfigOnDisk(projectDir, stack);
    for (const warning of unresolvedWarnings(resolved)) process.stderr.write(`warning: ${warning}\n`);
    return { ...stackSettingsOf(resolved.config, () => SECRET_SHOWN_AS), stackFile: resolved.stackFile };
  } catch (error) {
    if (error instanceof StackConfigError || error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }
}

/** The access file of a stack, relative to the current directory: its accessFile setting, or the documented default. */
export function accessFileOfStack(stack: string, projectDir = PROJECT_DIR): string {
  const settings = settingsOfStack(stack, projectDir);
  try {
    return displayPath(projectDir, checkedAccessFilePath(projectDir, settings.accessFile, `${settings.stackFile}: ${settings.project}:accessFile`));
  } catch (error) {
    if (error instanceof AccessFilePathError) throw new UsageError(error.message);
    throw error;
  }
}

/** A directory snapshot (`npm run directory`) or an Okta CSV export, for --directory. */
export function loadSnapshot(file: string): DirectorySnapshot {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`--directory ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : "cannot be read"}; take one with npm run directory`);
  }
  try {
    return readSnapshot(file, text);
  } catch (error) {
    if (error instanceof DirectoryError) throw new UsageError(error.message);
    throw error;
  }
}

/** Every stack's access file, for commands that default to "all of them". */
export function allAccessFiles(projectDir = PROJECT_DIR): string[] {
  return listStacksOrUsage(projectDir).map((stack) => accessFileOfStack(stack, projectDir));
}

function listStacksOrUsage(projectDir: string): string[] {
  try {
    return listStacks(projectDir);
  } catch (error) {
    if (error instanceof StackConfigError) throw new UsageError(error.message);
    throw error;
  }
}

export function printProblems(problems: readonly Problem[], stream: NodeJS.WritableStream = process.stderr): void {
  for (const problem of problems) stream.write(`${formatProblem(problem)}\n`);
}

/**
 * Runs a command's main function and turns every failure into a message and an exit code, never a
 * stack trace: findings exit 1, a usage error 2, anything unexpected 3 with its message.
 */
export function runCommand(main: (argv: string[]) => Promise<number> | number): void {
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        if (error instanceof HelpShown) {
          process.exitCode = EXIT_OK;
          return;
        }
        if (error instanceof FindingsPrinted) {
          process.exitCode = EXIT_FINDINGS;
          return;
        }
        // A stack that does not exist, or a setting it cannot have, is the caller's to fix.
        if (error instanceof UsageError || error instanceof StackConfigError || error instanceof SettingsError || error instanceof AccessFilePathError) {
          process.stderr.write(`${error.message}\n`);
          process.exitCode = EXIT_USAGE;
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`error: ${message}\n`);
        process.exitCode = EXIT_FAILED;
      },
    );
}
