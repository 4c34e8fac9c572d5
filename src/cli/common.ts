import { readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
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
import { convertingAttributes } from "../config/git-attributes";
import { nearestName } from "../access/nearest-name";
import { readOutputsFile, type StackOutputsFile } from "../duplocloud/expected";

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

/** One flag of a command: what parseArgs needs, and what `--help` says about it. */
export interface FlagSpec {
  readonly type: "string" | "boolean";
  /** What the flag does, for `--help`: one line. */
  readonly description: string;
  /** The value's placeholder in the usage line (`FILE`, `URL`); string flags only. */
  readonly value?: string;
  readonly multiple?: boolean;
  readonly short?: string;
  readonly default?: string | boolean | string[];
}

/**
 * A command as `--help` shows it and the parser reads it: each command declares one, and adding a
 * flag is adding an entry to its `flags` (the README's command table is tested against `--help`).
 */
export interface CommandSpec<F extends Record<string, FlagSpec> = Record<string, FlagSpec>> {
  /** The npm script: `npm run <name>`. */
  readonly name: string;
  /** What the command does, in a sentence or two. */
  readonly summary: string;
  readonly flags: F;
  /** The positional arguments it takes (`[FILE...]`); none when absent. */
  readonly positionals?: { readonly usage: string; readonly description: string };
  /** Environment variables it reads, with what each is for. */
  readonly environment?: Readonly<Record<string, string>>;
}

const HELP_FLAG = { type: "boolean", short: "h", description: "print this help and do nothing else" } as const satisfies FlagSpec;

/** The one-line usage: every flag, then the positionals. */
function usageLine(spec: CommandSpec): string {
  const flags = Object.entries(spec.flags).map(([name, flag]) => {
    const shown = flag.type === "string" ? `--${name} ${flag.value ?? "VALUE"}` : `--${name}`;
    return `[${shown}]${flag.multiple ? "..." : ""}`;
  });
  return ["usage: npm run", spec.name, "--", ...flags, ...(spec.positionals ? [spec.positionals.usage] : [])].join(" ");
}

/** `--help`: the usage line, what the command does, every flag with its description, and the environment it reads. */
export function helpText(spec: CommandSpec): string {
  const flags: Record<string, FlagSpec> = { ...spec.flags, help: HELP_FLAG };
  const rows: Array<[string, string]> = Object.entries(flags).map(([name, flag]) => {
    const shown = `${flag.short ? `-${flag.short}, ` : ""}--${name}${flag.type === "string" ? ` ${flag.value ?? "VALUE"}` : ""}`;
    const byDefault =
      flag.default !== undefined && flag.default !== false && !(Array.isArray(flag.default) && flag.default.length === 0) ? ` (default: ${String(flag.default)})` : "";
    return [shown, `${flag.description}${byDefault}`];
  });
  if (spec.positionals) rows.push([spec.positionals.usage, spec.positionals.description]);
  const table = (entries: ReadonlyArray<readonly [string, string]>) => {
    const width = Math.max(...entries.map(([left]) => left.length));
    return entries.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
  };
  const lines = [usageLine(spec), "", spec.summary, "", ...table(rows)];
  if (spec.environment && Object.keys(spec.environment).length > 0) lines.push("", "environment:", ...table(Object.entries(spec.environment)));
  return `${lines.join("\n")}\n`;
}

/**
 * Parses the command line by the command's spec; `--help` (or `-h`) prints the help and ends the
 * command, before it does anything. A mistyped flag names the nearest one.
 */
export function parseCommandLine<F extends Record<string, FlagSpec>>(argv: string[], spec: CommandSpec<F>) {
  let parsed;
  try {
    // parseArgs reads type, short, multiple and default, and ignores the rest of each entry.
    parsed = parseArgs({ args: argv, options: { ...spec.flags, help: HELP_FLAG }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${parseErrorMessage(error as Error & { code?: string }, spec)}\n${usageLine(spec)}\n(npm run ${spec.name} -- --help describes every flag)`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(helpText(spec));
    throw new HelpShown();
  }
  if (!spec.positionals && parsed.positionals.length > 0) {
    throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[0]!.slice(0, 60))}: npm run ${spec.name} takes flags only\n${usageLine(spec)}`);
  }
  return parsed;
}

/** Node's parser speaks of options and '--'; say what went wrong with this command's flags instead. */
function parseErrorMessage(error: Error & { code?: string }, spec: CommandSpec): string {
  const named = /'(-{1,2}[^' =]+)/.exec(error.message)?.[1] ?? "";
  const flags = { ...spec.flags, help: HELP_FLAG };
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const near = nearestName(named.replace(/^-+/, ""), Object.keys(flags));
    return `unknown flag ${named}${near ? `; did you mean --${near}?` : ""}`;
  }
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const entry = Object.entries(flags as Record<string, FlagSpec>).find(([name, flag]) => `--${name}` === named || `-${flag.short}` === named);
    if (entry?.[1].type === "string") return `--${entry[0]} takes a value: --${entry[0]} ${entry[1].value ?? "VALUE"}`;
    if (entry?.[1].type === "boolean") return `--${entry[0]} takes no value; write --${entry[0]} alone`;
  }
  return error.message;
}

/**
 * A file the command is told to read, if it is there: a missing input is the caller's to fix (exit 2,
 * like a bad flag) in every command, not a finding about its content.
 */
export function requireInputFile(file: string, what = ""): string {
  try {
    statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${what ? `${what} ` : ""}${file}: ${code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? "unknown error"})`}; check the path`);
  }
  return file;
}

/** A stack-outputs file (`--outputs`): missing or not JSON is a usage error. */
export function readOutputs(file: string): StackOutputsFile {
  try {
    return readOutputsFile(requireInputFile(file, "--outputs"));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}

/** The model of a valid access file; otherwise its problems are printed and the command ends with EXIT_FINDINGS. */
export function validModelOrPrint(file: string, options: ValidateOptions = { expiry: clockExpiry() }): AccessModel {
  if (options.text === undefined) requireInputFile(file);
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

/**
 * Warns, on stderr, about each file (relative to `dir`) that a git attribute converts at checkout:
 * what the command reads is then not the committed text a review saw (working-tree-encoding, filter,
 * ident, eol; config/git-attributes.ts). Local edits and untracked files are read as they are.
 */
export function warnOfGitConversion(dir: string, files: readonly string[]): void {
  for (const [file, attributes] of convertingAttributes(dir, files)) {
    process.stderr.write(
      `warning: ${file}: git converts this file at checkout (${attributes.join(", ")} from .gitattributes), so its bytes here are not the committed ones a review read; a deploy refuses such a checkout (npm run verify-checkout)\n`,
    );
  }
}

/** The access file of a stack, relative to the current directory: its accessFile setting, or the documented default. */
export function accessFileOfStack(stack: string, projectDir = PROJECT_DIR): string {
  const settings = settingsOfStack(stack, projectDir);
  try {
    const accessFile = checkedAccessFilePath(projectDir, settings.accessFile, `${settings.stackFile}: ${settings.project}:accessFile`);
    warnOfGitConversion(projectDir, [settings.stackFile, accessFile]);
    return displayPath(projectDir, accessFile);
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
