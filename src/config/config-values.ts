import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";

/*
 * A stack's configuration as Pulumi hands it to a program: fully-qualified keys (`project:key`,
 * `okta:orgName`) to text, and which keys are secrets. Built from the Pulumi runtime (the program),
 * from the files on disk (the commands, the offline plan), or from their text at a git revision
 * (the diff), the same way: Pulumi.yaml's project defaults first, then Pulumi.<stack>.yaml. This is
 * the only place that reads Pulumi.yaml, Pulumi.<stack>.yaml or pulumi.Config.
 */

export interface ConfigValues {
  readonly project: string;
  readonly stack: string;
  readonly values: Readonly<Record<string, string>>;
  /** Keys whose values are secrets; from files, their value is the `secure:` ciphertext. */
  readonly secretKeys: ReadonlySet<string>;
}

export class StackConfigError extends Error {}

const asText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

interface ProjectDocument {
  readonly name?: string;
  readonly config?: Record<string, { default?: unknown; value?: unknown } | null>;
}

/** The project's name and declared defaults, from the text of Pulumi.yaml. */
function projectOf(projectText: string, where: string): { name: string; defaults: Record<string, unknown> } {
  const document = parse(projectText) as ProjectDocument | null;
  if (!document?.name) throw new StackConfigError(`${where}: has no project name`);
  const defaults: Record<string, unknown> = {};
  for (const [key, declaration] of Object.entries(document.config ?? {})) {
    const value = declaration?.default ?? declaration?.value;
    if (value !== undefined) defaults[key] = value;
  }
  return { name: document.name, defaults };
}

/** Config values from the text of Pulumi.yaml and of Pulumi.<stack>.yaml (undefined: the stack file does not exist). */
export function configValuesFromText(projectText: string, stack: string, stackText: string | undefined, where = "Pulumi.yaml"): ConfigValues {
  const project = projectOf(projectText, where);
  const qualify = (key: string) => (key.includes(":") ? key : `${project.name}:${key}`);
  const values: Record<string, string> = {};
  const secretKeys = new Set<string>();
  for (const [key, value] of Object.entries(project.defaults)) values[qualify(key)] = asText(value);
  const stackDocument = stackText === undefined ? undefined : (parse(stackText) as { config?: Record<string, unknown> } | null);
  for (const [key, value] of Object.entries(stackDocument?.config ?? {})) {
    if (value && typeof value === "object" && "secure" in value) {
      values[qualify(key)] = String((value as { secure: unknown }).secure);
      secretKeys.add(qualify(key));
    } else {
      values[qualify(key)] = asText(value);
    }
  }
  return { project: project.name, stack, values, secretKeys };
}

/** The project's name from Pulumi.yaml in `projectDir`. */
export function projectNameOnDisk(projectDir: string): string {
  const file = path.join(projectDir, "Pulumi.yaml");
  return projectOf(readText(file), file).name;
}

/** Config values of `stack` from the files in `projectDir`; a stack without its file is an error that says so. */
export function configValuesOnDisk(projectDir: string, stack: string): ConfigValues {
  const projectFile = path.join(projectDir, "Pulumi.yaml");
  const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
  let stackText: string;
  try {
    stackText = readFileSync(stackFile, "utf8");
  } catch (error) {
    throw new StackConfigError(`stack "${stack}" has no readable ${path.basename(stackFile)} (${(error as Error).message}); pass --stack with an existing stack`);
  }
  return configValuesFromText(readText(projectFile), stack, stackText, projectFile);
}

/** Config values as the Pulumi runtime holds them in a running program (or under the mock engine). */
export function configValuesOfRuntime(): ConfigValues {
  // The runtime keeps the list of secret keys in the config map itself, under this key
  // (sdk/nodejs/runtime/config.ts, configSecretKeysEnvKey).
  const { [SECRET_KEYS_ENTRY]: secretKeysText, ...values } = pulumi.runtime.allConfig();
  let secretKeys: string[] = [];
  try {
    secretKeys = secretKeysText ? (JSON.parse(secretKeysText) as string[]) : [];
  } catch {
    secretKeys = [];
  }
  return { project: pulumi.getProject(), stack: pulumi.getStack(), values, secretKeys: new Set(secretKeys) };
}

const SECRET_KEYS_ENTRY = "PULUMI_CONFIG_SECRET_KEYS";

/** Stacks that have a Pulumi.<stack>.yaml in the project directory. */
export function listStacks(projectDir: string): string[] {
  return readdirSync(projectDir)
    .map((name) => /^Pulumi\.(.+)\.yaml$/.exec(name)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new StackConfigError(`${file}: cannot be read (${(error as Error).message})`);
  }
}
