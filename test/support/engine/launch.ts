import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/*
 * How the Pulumi CLI and the nodejs language host start a program, worked out from the project's
 * own files, independently of the product code (so that a mistake there cannot hide here).
 *
 * Sources, in pulumi/pulumi:
 * - pkg/engine/project.go `getPwdMain`: `main` naming a file runs it from that file's folder
 *   (pwd = root/dir(main), entry = base(main)); naming a folder runs that folder ("."); no `main`
 *   runs the project root ("."), where cmd/run then takes package.json's `main`.
 * - sdk/nodejs/cmd/pulumi-language-nodejs/main.go `constructArguments`, `constructConfig`,
 *   `constructConfigSecretKeys`, `execRuntime`: `node <nodeargs> <run> --monitor --engine --sync
 *   --organization --project --root-directory --stack --pwd [--dry-run] --parallel <entry>`, with
 *   PULUMI_CONFIG (every key as `namespace:config:name`) and PULUMI_CONFIG_SECRET_KEYS in the
 *   environment, and `typescript` (default true) as PULUMI_NODEJS_TYPESCRIPT. The child process is
 *   not given a working directory, so it inherits the CLI's; cmd/run then changes to --pwd.
 * - sdk/go/common/workspace (project config): keys without a namespace belong to the project;
 *   declared project keys with a default get it when the stack does not set them; a declared type
 *   is enforced; non-string values reach the program as JSON.
 */

export interface ProgramLaunch {
  readonly project: string;
  readonly stack: string;
  readonly rootDirectory: string;
  /** Where cmd/run changes to (--pwd). */
  readonly programDirectory: string;
  /** What cmd/run is told to run: a file name relative to programDirectory, or ".". */
  readonly entryPoint: string;
  /** `runtime.options.nodeargs`, split as the language host splits them. */
  readonly nodeArgs: readonly string[];
  readonly typescript: boolean;
  /** Fully-qualified key -> value, as the CLI hands config to the language host. */
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
}

interface ProjectFile {
  name?: string;
  main?: string;
  runtime?: string | { name?: string; options?: { nodeargs?: string; typescript?: boolean } };
  config?: Record<string, { type?: string; default?: unknown; items?: unknown }>;
}

export class LaunchError extends Error {}

/**
 * The launch of `stack` in `rootDirectory`. `secrets` are the plaintexts the CLI would decrypt for
 * `secure:` values (keyed by fully-qualified key); a `secure:` value without one is an error, as it
 * is for a CLI without the stack's passphrase.
 */
export function programLaunch(rootDirectory: string, stack: string, secrets: Readonly<Record<string, string>> = {}): ProgramLaunch {
  const project = parse(readFileSync(path.join(rootDirectory, "Pulumi.yaml"), "utf8")) as ProjectFile;
  if (!project?.name) throw new LaunchError("Pulumi.yaml has no name");
  const runtimeOptions = typeof project.runtime === "object" ? (project.runtime.options ?? {}) : {};
  const { programDirectory, entryPoint } = pwdAndMain(rootDirectory, project.main);

  const stackFile = parse(readFileSync(path.join(rootDirectory, `Pulumi.${stack}.yaml`), "utf8")) as { config?: Record<string, unknown> } | null;
  const qualify = (key: string) => (key.includes(":") ? key : `${project.name}:${key}`);
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [rawKey, value] of Object.entries(stackFile?.config ?? {})) {
    const key = qualify(rawKey);
    if (value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
      const plaintext = secrets[key];
      if (plaintext === undefined) throw new LaunchError(`${key} is a secret and no plaintext was given for it`);
      config[key] = plaintext;
      secretKeys.push(key);
    } else {
      config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  for (const [key, plaintext] of Object.entries(secrets)) {
    if (!(key in config)) {
      config[key] = plaintext;
      secretKeys.push(key);
    }
  }
  for (const [rawKey, declaration] of Object.entries(project.config ?? {})) {
    const key = qualify(rawKey);
    if (!(key in config) && declaration?.default !== undefined) {
      config[key] = typeof declaration.default === "string" ? declaration.default : JSON.stringify(declaration.default);
    }
    if (key in config && declaration?.type) checkDeclaredType(stack, key, declaration.type, config[key]!);
  }
  return {
    project: project.name,
    stack,
    rootDirectory,
    programDirectory,
    entryPoint,
    nodeArgs: (runtimeOptions.nodeargs ?? "").split(/\s+/).filter(Boolean),
    typescript: runtimeOptions.typescript ?? true,
    config,
    secretKeys: secretKeys.sort(),
  };
}

function pwdAndMain(root: string, main: string | undefined): { programDirectory: string; entryPoint: string } {
  if (!main) return { programDirectory: root, entryPoint: "." };
  const target = path.join(root, main);
  if (main.endsWith("/") || !path.extname(main)) return { programDirectory: target, entryPoint: "." };
  return { programDirectory: path.dirname(target), entryPoint: path.basename(target) };
}

function checkDeclaredType(stack: string, key: string, type: string, value: string): void {
  const fail = () => {
    throw new LaunchError(`Stack '${stack}' with configuration key '${key}' must be of type '${type}'`);
  };
  if (type === "boolean" && value !== "true" && value !== "false") fail();
  if (type === "integer" && !/^-?\d+$/.test(value)) fail();
  if (type === "array") {
    try {
      if (!Array.isArray(JSON.parse(value))) fail();
    } catch {
      fail();
    }
  }
}

/** PULUMI_CONFIG as the language host builds it: `namespace:config:name` keys. */
export function configEnvironment(launch: ProgramLaunch): Record<string, string> {
  const legacy = Object.fromEntries(
    Object.entries(launch.config).map(([key, value]) => {
      const colon = key.indexOf(":");
      return [`${key.slice(0, colon)}:config:${key.slice(colon + 1)}`, value];
    }),
  );
  return {
    PULUMI_CONFIG: JSON.stringify(legacy),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(launch.secretKeys),
    ...(launch.typescript ? { PULUMI_NODEJS_TYPESCRIPT: "true" } : {}),
  };
}
