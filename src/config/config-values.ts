import { readdirSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { excerpt } from "./access-file-path";
import { projectFilesOnDisk, type ProjectFiles } from "./project-files";
import { goJson, parsePulumiDocument } from "./pulumi-documents";
import { loadProject, parseConfigKey, stackFileOf, type PulumiProject } from "./pulumi-project";
import { StackConfigError } from "./stack-config-error";
import { configKeyLocations } from "./config-key-locations";

/*
 * A stack's configuration as Pulumi hands it to a program: fully-qualified keys (`project:key`,
 * `okta:orgName`) to text, and which keys are secrets. Built from the Pulumi runtime (the program),
 * from the files on disk (the commands, the offline plan), or from their text at a git revision
 * (the diff), the same way Pulumi does (resolveStackConfig). This is the only place that turns
 * Pulumi's project and stack files, or pulumi.Config, into config values.
 */

export interface ConfigValues {
  readonly project: string;
  readonly stack: string;
  readonly values: Readonly<Record<string, string>>;
  /** Keys whose values are secrets; from files, their value is the `secure:` ciphertext. */
  readonly secretKeys: ReadonlySet<string>;
  /** The stack file the values come from, relative to the project (files only), for messages. */
  readonly file?: string;
  /** Where the keys set in the project's files are written, `FILE:LINE:COLUMN` (config-key-locations.ts), for messages. */
  readonly locations?: Readonly<Record<string, string>>;
}

export { StackConfigError } from "./stack-config-error";

/** ESC environments a stack file imports: their values reach the program, and no file here holds them. */
export interface EnvironmentImports {
  /** Imported environments by name; "inline values" for a definition written in the stack file. */
  readonly names: readonly string[];
}

/** A stack's config resolved from its files, with where it came from and what it leaves out. */
export interface StackConfigFiles {
  readonly config: ConfigValues;
  readonly project: PulumiProject;
  /** The stack file's path relative to the project (it may not exist). */
  readonly stackFile: string;
  readonly stackFileExists: boolean;
  readonly environments: EnvironmentImports;
  /**
   * The project's own keys it declares with neither value nor default that the stack does not set:
   * `pulumi preview` and `up` stop on them (mergeConfig, missingStackConfigurationKeysError), so
   * nothing is deployed from such a side; the commands still read it, with their own defaults.
   */
  readonly missingKeys: readonly string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** config/object.go, isSecureValue: a map whose only key is `secure`, with text. */
const isSecure = (value: unknown) => isRecord(value) && Object.keys(value).length === 1 && typeof value.secure === "string";
const containsSecure = (value: unknown): boolean =>
  isSecure(value) || (Array.isArray(value) ? value.some(containsSecure) : isRecord(value) && Object.values(value).some(containsSecure));

/**
 * A config value as the program receives it (config/object.go, MarshalString): text as written,
 * the ciphertext of a `secure:` value, JSON for numbers, booleans and composites; a key written
 * without a value is "" (loaders.go, checkForEmptyConfig).
 */
function configText(value: unknown): { text: string; secret: boolean } {
  if (value === null || value === undefined) return { text: "", secret: false };
  if (typeof value === "string") return { text: value, secret: false };
  if (isSecure(value)) return { text: (value as { secure: string }).secure, secret: true };
  return { text: goJson(value), secret: containsSecure(value) };
}

/**
 * The ESC environments of `environment:` (workspace/project.go, Environment: a list of names, or an
 * environment definition whose `imports` are names or `{name: options}` and whose `values` are inline).
 */
function environmentImports(value: unknown): EnvironmentImports {
  if (value === undefined || value === null) return { names: [] };
  const nameOf = (entry: unknown) =>
    typeof entry === "string" ? entry : isRecord(entry) && Object.keys(entry).length === 1 ? Object.keys(entry)[0]! : "an import the diff cannot read";
  if (Array.isArray(value)) return { names: value.map(nameOf) };
  if (isRecord(value)) {
    const imports = Array.isArray(value.imports) ? value.imports.map(nameOf) : [];
    return { names: [...imports, ...(value.values !== undefined ? ["inline values"] : [])] };
  }
  return { names: ["an environment definition the diff cannot read"] };
}

/**
 * The stack's config as the Pulumi CLI resolves it before it runs the program, from the project's
 * files: the project (pulumi-project.ts), then the stack file at `<stackConfigDir>/Pulumi.<stack>.<ext>`
 * (a missing one is an empty config: loaders.go, LoadProjectStack), whose keys without a namespace
 * belong to the project (loaders.go, stackConfigNamespacedWithProject). Project config then fills
 * every key the stack does not set, `value` or `default` (pkg/workspace/config.go, mergeConfig); a
 * project key with neither that the stack does not set is listed (Pulumi stops on it). ESC
 * environments are listed, not resolved: their values live outside the repository.
 */
export function resolveStackConfig(files: ProjectFiles, stack: string): StackConfigFiles {
  const project = loadProject(files);
  const stackFile = stackFileOf(project, stack);
  const shown = files.shown(stackFile);
  const stackText = files.read(stackFile);
  const document = stackText === undefined ? undefined : parsePulumiDocument(stackText, stackFile, shown);
  if (document !== undefined && document !== null && !isRecord(document)) throw new StackConfigError(`${shown}: expected the stack file to be a mapping`);
  const stackConfig = document?.config ?? {};
  if (!isRecord(stackConfig)) throw new StackConfigError(`${shown}: config must be a mapping of keys`);
  const values: Record<string, string> = {};
  const secretKeys = new Set<string>();
  const set = (key: string, value: unknown) => {
    const { text, secret } = configText(value);
    values[key] = text;
    if (secret) secretKeys.add(key);
  };
  for (const [key, value] of Object.entries(stackConfig)) set(parseConfigKey(project.name, key, shown), value);
  const projectText = files.read(project.file);
  const locations = {
    ...(projectText === undefined ? {} : configKeyLocations(projectText, files.shown(project.file), project.name)),
    ...(stackText === undefined ? {} : configKeyLocations(stackText, shown, project.name)),
  };
  const missing: string[] = [];
  for (const key of Object.keys(project.config).sort()) {
    const qualified = parseConfigKey(project.name, key, files.shown(project.file));
    if (qualified in values) continue;
    const declaration = project.config[key]!;
    const value = declaration.value ?? declaration.default;
    if (value !== undefined) set(qualified, typeof value === "boolean" || typeof value === "number" ? String(value) : value);
    else if (qualified.startsWith(`${project.name}:`)) missing.push(key);
  }
  return {
    config: { project: project.name, stack, values, secretKeys, file: stackFile, locations },
    project,
    stackFile,
    stackFileExists: stackText !== undefined,
    environments: environmentImports(document?.environment),
    missingKeys: missing,
  };
}

/** The project's name from its project file in `projectDir`. */
export function projectNameOnDisk(projectDir: string): string {
  return loadProject(projectFilesOnDisk(projectDir)).name;
}

/** The config of `stack` resolved from the files in `projectDir`; a stack without its file is an error that says so. */
export function stackConfigOnDisk(projectDir: string, stack: string): StackConfigFiles {
  const resolved = resolveStackConfig(projectFilesOnDisk(projectDir), stack);
  if (!resolved.stackFileExists) throw new StackConfigError(`stack "${stack}" has no readable ${resolved.stackFile}; pass --stack with an existing stack`);
  return resolved;
}

/** Config values of `stack` from the files in `projectDir`. */
export function configValuesOnDisk(projectDir: string, stack: string): ConfigValues {
  return stackConfigOnDisk(projectDir, stack).config;
}

/** What the commands cannot see in a stack's files, as warnings: ESC environments, and keys Pulumi would stop on. */
export function unresolvedWarnings(resolved: StackConfigFiles): string[] {
  return [
    ...resolved.environments.names.map(
      (name) => `${resolved.stackFile} imports ESC environment ${excerpt(name)}: its values are not read here, and Pulumi merges them under the stack's own`,
    ),
    ...(resolved.missingKeys.length > 0
      ? [`${resolved.stackFile} does not set ${resolved.missingKeys.join(", ")}, which ${resolved.project.file} requires: pulumi preview and up stop there`]
      : []),
  ];
}

/**
 * Config values as the Pulumi runtime holds them in a running program (or under the mock engine).
 * With `projectDir`, the keys whose value is the one written in the project's files are located
 * there, for messages; a value from elsewhere (an ESC environment, `--config`) is not.
 */
export function configValuesOfRuntime(projectDir?: string): ConfigValues {
  // The runtime keeps the list of secret keys in the config map itself, under this key
  // (sdk/nodejs/runtime/config.ts, configSecretKeysEnvKey).
  const { [SECRET_KEYS_ENTRY]: secretKeysText, ...values } = pulumi.runtime.allConfig();
  let secretKeys: string[] = [];
  try {
    secretKeys = secretKeysText ? (JSON.parse(secretKeysText) as string[]) : [];
  } catch {
    secretKeys = [];
  }
  const runtime = { project: pulumi.getProject(), stack: pulumi.getStack(), values, secretKeys: new Set(secretKeys) };
  return projectDir === undefined ? runtime : { ...runtime, locations: locationsOfValues(projectDir, runtime) };
}

/** Where the runtime's values are written in the project's files on disk; none when the files cannot be read. */
function locationsOfValues(projectDir: string, runtime: ConfigValues): Record<string, string> {
  let onDisk: ConfigValues;
  try {
    onDisk = resolveStackConfig(projectFilesOnDisk(projectDir), runtime.stack).config;
  } catch {
    return {};
  }
  return Object.fromEntries(Object.entries(onDisk.locations ?? {}).filter(([key]) => onDisk.values[key] !== undefined && onDisk.values[key] === runtime.values[key]));
}

const SECRET_KEYS_ENTRY = "PULUMI_CONFIG_SECRET_KEYS";

/** Stacks that have a stack file where Pulumi looks for them (stackConfigDir, the project file's extension). */
export function listStacks(projectDir: string): string[] {
  const project = loadProject(projectFilesOnDisk(projectDir));
  const extension = path.posix.extname(project.file);
  const folder = path.join(projectDir, path.dirname(stackFileOf(project, "x")));
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((name) => name !== project.file && name.startsWith("Pulumi.") && name.endsWith(extension))
    .map((name) => name.slice("Pulumi.".length, -extension.length))
    .filter((name) => name !== "")
    .sort();
}

/** Whether `stack` has a stack file where Pulumi looks for it. */
export function stackFileExistsOnDisk(projectDir: string, stack: string): boolean {
  const files = projectFilesOnDisk(projectDir);
  return files.read(stackFileOf(loadProject(files), stack)) !== undefined;
}
