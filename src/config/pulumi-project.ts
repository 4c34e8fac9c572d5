import * as path from "node:path";
import { excerpt } from "./access-file-path";
import { parsePulumiDocument, PULUMI_EXTENSIONS } from "./pulumi-documents";
import type { ProjectFiles } from "./project-files";
import { StackConfigError } from "./stack-config-error";

/*
 * The Pulumi project file as the Pulumi CLI loads it (pulumi/pulumi, sdk/go/common/workspace):
 * - found as Pulumi.json, Pulumi.yaml or Pulumi.yml, the first that exists in that order
 *   (paths.go, findProjectInDir over encoding.Exts);
 * - `config:` written as text is the old spelling of `stackConfigDir` (project.go,
 *   RewriteConfigPathIntoStackConfigDir); both at once is an error;
 * - a config entry written as a plain value or a list is shorthand: `default` for the project's own
 *   keys (no namespace, or `<project>:`), `value` for any other namespace, e.g.
 *   `duplocloud:host: https://…` is the value of duplocloud:host for every stack (project.go,
 *   RewriteShorthandConfigValues, isPrimitiveValue: string, int, bool);
 * - `default` and `value` together, a type or a default on another namespace, or another
 *   namespace without a value, are errors (project.go, Project.Validate).
 */

export interface ProjectConfigDeclaration {
  readonly default?: unknown;
  readonly value?: unknown;
}

export interface PulumiProject {
  /** The project file's path relative to the project: Pulumi.yaml, Pulumi.yml or Pulumi.json. */
  readonly file: string;
  readonly name: string;
  /** Where the stack files are, relative to the project ("" for next to the project file). */
  readonly stackConfigDir: string;
  readonly config: Readonly<Record<string, ProjectConfigDeclaration>>;
  /** The decoded document, after the rewrites above. */
  readonly document: Readonly<Record<string, unknown>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
/** Go's yaml.v3 decodes a whole number as int, anything else numeric as float64, which isPrimitiveValue leaves alone. */
const isShorthand = (value: unknown) => typeof value === "string" || typeof value === "boolean" || Number.isInteger(value) || Array.isArray(value);

/** config/key.go, ParseKey: `<namespace>:<name>`, or the old `<namespace>:config:<name>`; nothing else. */
export function parseConfigKey(projectName: string, key: string, where: string): string {
  const parts = key.split(":");
  if (parts.length === 1) return `${projectName}:${key}`;
  if (parts.length === 2) return key;
  if (parts.length === 3 && parts[1] === "config") return `${parts[0]}:${parts[2]}`;
  throw new StackConfigError(`${where}: config key ${excerpt(key)} is not of the form <namespace>:<name>; Pulumi refuses it`);
}

const namespacedByProject = (projectName: string, key: string) => !key.includes(":") || key.startsWith(`${projectName}:`);

/** Which project file Pulumi would pick, or undefined when there is none. */
export function findProjectFile(files: ProjectFiles): { file: string; text: string } | undefined {
  for (const extension of PULUMI_EXTENSIONS) {
    const file = `Pulumi${extension}`;
    const text = files.read(file);
    if (text !== undefined) return { file, text };
  }
  return undefined;
}

/** The project, loaded and checked as Pulumi does; none found is an error naming the files looked for. */
export function loadProject(files: ProjectFiles): PulumiProject {
  const found = findProjectFile(files);
  if (!found) throw new StackConfigError(`${files.shown("Pulumi.yaml")}: no Pulumi.json, Pulumi.yaml or Pulumi.yml in the project`);
  return projectOf(found.text, found.file, files.shown(found.file));
}

export function projectOf(text: string, file: string, shown = file): PulumiProject {
  const raw = parsePulumiDocument(text, file, shown);
  if (!isRecord(raw)) throw new StackConfigError(`${shown}: expected the project to be a mapping`);
  const document: Record<string, unknown> = { ...raw };
  if (typeof document.name !== "string" || document.name === "") throw new StackConfigError(`${shown}: project is missing a 'name' attribute`);
  const name = document.name;
  if (typeof document.config === "string") {
    if ("stackConfigDir" in document) throw new StackConfigError(`${shown}: should not use both config and stackConfigDir to define the stack directory; use only stackConfigDir`);
    document.stackConfigDir = document.config;
    document.config = undefined;
  }
  const stackConfigDir = document.stackConfigDir ?? "";
  if (typeof stackConfigDir !== "string") throw new StackConfigError(`${shown}: stackConfigDir must be text`);
  const config: Record<string, ProjectConfigDeclaration> = {};
  const declared = document.config ?? {};
  if (!isRecord(declared)) throw new StackConfigError(`${shown}: config must be a mapping of keys`);
  for (const [key, entry] of Object.entries(declared)) {
    const ours = namespacedByProject(name, key);
    let declaration: Record<string, unknown>;
    if (isShorthand(entry)) declaration = ours ? { default: entry } : { value: entry };
    else if (entry === null) declaration = {};
    else if (isRecord(entry)) declaration = entry;
    else throw new StackConfigError(`${shown}: config ${excerpt(key)} cannot be read by Pulumi (a number that is not whole is neither a value nor a declaration)`);
    const has = (field: string) => declaration[field] !== undefined && declaration[field] !== null;
    if (has("default") && has("value")) throw new StackConfigError(`${shown}: project config ${excerpt(key)} cannot have both a 'default' and 'value' attribute`);
    if (!ours && has("type")) throw new StackConfigError(`${shown}: configuration key ${excerpt(key)} is not namespaced by the project and should not define a type`);
    if (!ours && has("default")) throw new StackConfigError(`${shown}: configuration key ${excerpt(key)} is not namespaced by the project and should not define a default value`);
    if (!ours && !has("value")) throw new StackConfigError(`${shown}: configuration key ${excerpt(key)} is namespaced and must provide an attribute 'value'`);
    config[key] = { ...(has("default") ? { default: declaration.default } : {}), ...(has("value") ? { value: declaration.value } : {}) };
  }
  return { file, name, stackConfigDir, config, document };
}

/**
 * The stack file's path relative to the project: `<stackConfigDir>/Pulumi.<stack><extension of
 * the project file>` (paths.go, ProjectStackPath: filepath.Join, which also keeps an absolute
 * stackConfigDir under the project). A folder outside the project is refused: the review sees only
 * the repository.
 */
export function stackFileOf(project: PulumiProject, stack: string): string {
  const fileName = `Pulumi.${stack.replaceAll("/", "-")}${path.posix.extname(project.file)}`;
  const joined = path.posix.join("/", project.stackConfigDir, fileName).slice(1);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(project.stackConfigDir) || path.posix.normalize(path.posix.join(project.stackConfigDir, fileName)).startsWith("../"))
    throw new StackConfigError(`${project.file}: stackConfigDir ${excerpt(project.stackConfigDir)} leads outside the project; keep the stack files inside it`);
  return joined;
}
