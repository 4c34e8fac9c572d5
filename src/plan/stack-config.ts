import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/*
 * Reads Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI would hand them to the program,
 * for runs without the CLI (offline plan, review tools). Encrypted `secure:` values cannot be
 * decrypted here; they become a placeholder that is itself marked secret.
 */

export const OFFLINE_SECRET_PLACEHOLDER = "offline-placeholder-not-the-real-secret";

export interface StackConfig {
  readonly project: string;
  readonly stack: string;
  /** Fully-qualified keys (`project:key`, `okta:orgName`) to string values, as the runtime expects. */
  readonly values: Readonly<Record<string, string>>;
  /** Keys whose values are secrets. */
  readonly secretKeys: readonly string[];
}

export class StackConfigError extends Error {}

function readProjectFile(projectDir: string): { name: string; config?: Record<string, { default?: unknown; value?: unknown }> } {
  const projectFile = path.join(projectDir, "Pulumi.yaml");
  const projectDoc = readYaml(projectFile) as { name?: string; config?: Record<string, { default?: unknown; value?: unknown }> };
  if (!projectDoc?.name) throw new StackConfigError(`${projectFile}: has no project name`);
  return projectDoc as { name: string };
}

export function readStackConfig(projectDir: string, stack: string): StackConfig {
  const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
  const projectDoc = readProjectFile(projectDir);
  const project = projectDoc.name;
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  const qualify = (key: string) => (key.includes(":") ? key : `${project}:${key}`);

  for (const [key, declaration] of Object.entries(projectDoc.config ?? {})) {
    const value = declaration?.default ?? declaration?.value;
    if (value !== undefined) values[qualify(key)] = toConfigString(value);
  }
  let stackDoc: { config?: Record<string, unknown> };
  try {
    stackDoc = readYaml(stackFile) as { config?: Record<string, unknown> };
  } catch (error) {
    throw new StackConfigError(`stack "${stack}" has no readable ${path.basename(stackFile)} (${(error as Error).message}); pass --stack with an existing stack`);
  }
  for (const [key, value] of Object.entries(stackDoc?.config ?? {})) {
    if (value && typeof value === "object" && "secure" in value) {
      values[qualify(key)] = OFFLINE_SECRET_PLACEHOLDER;
      secretKeys.push(qualify(key));
    } else {
      values[qualify(key)] = toConfigString(value);
    }
  }
  return { project, stack, values, secretKeys };
}

/** The project's name from Pulumi.yaml. */
export function readProjectName(projectDir: string): string {
  return readProjectFile(projectDir).name;
}

function readYaml(file: string): unknown {
  return parse(readFileSync(file, "utf8"));
}

function toConfigString(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Stacks that have a Pulumi.<stack>.yaml in the project directory. */
export function listStacks(projectDir: string): string[] {
  return readdirSync(projectDir)
    .map((name) => /^Pulumi\.(.+)\.yaml$/.exec(name)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

/**
 * How to show (and open) a file the stack config names: as written when absolute, else relative to
 * the current directory, so messages read like the paths people typed.
 */
export function displayPath(projectDir: string, file: string): string {
  if (path.isAbsolute(file)) return file;
  return path.relative(process.cwd(), path.resolve(projectDir, file)) || file;
}
