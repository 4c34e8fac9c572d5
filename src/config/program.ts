import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { configValuesOfRuntime } from "./config-values";
import { stackSettingsOf, type StackSettings, type WithOktaOrg } from "./stack-settings";
import { duploToken } from "./environment";

/**
 * The settings the program runs with: secrets are Pulumi secret outputs, end to end; okta:orgName is
 * set, so oktaOrgUrl() is known; `projectDir` is the project they were read from (its checkout is
 * what `deployedCommit` reports).
 */
export type ProgramSettings = StackSettings<pulumi.Output<string>> & WithOktaOrg & { readonly projectDir: string };

/**
 * The current stack's settings, from the config the engine (or the mock engine) gives the program,
 * located in the files of `projectDir` for messages. `okta:orgName` is required here; the DuploCloud
 * token may also come from DUPLO_TOKEN (a token, not a place: the portal is never taken from the
 * environment).
 */
export function readStackSettings(projectDir: string = projectRoot()): ProgramSettings {
  const settings = stackSettingsOf(configValuesOfRuntime(projectDir), (_key, value) => pulumi.secret(value));
  if (!settings.okta.orgName) throw new pulumi.RunError("Missing required configuration variable 'okta:orgName': set it with pulumi config set okta:orgName <org>");
  const envToken = duploToken();
  const token = settings.duplocloud.token ?? (envToken ? pulumi.secret(envToken) : undefined);
  return { ...settings, projectDir, okta: { ...settings.okta, orgName: settings.okta.orgName }, duplocloud: { ...settings.duplocloud, ...(token ? { token } : {}) } };
}

/**
 * The project root (the folder of Pulumi.yaml), which every path in the stack config is relative
 * to. The language host changes the working directory to the folder of Pulumi.yaml's `main` before
 * it runs the program (pulumi/pulumi#10022), so the working directory is not a safe base: the CLI
 * passes the root as --root-directory, read back by getRootDirectory(). A CLI too old to pass it
 * runs this project from its root, because Pulumi.yaml names no `main` (package.json does).
 */
export function projectRoot(): string {
  const fromEngine = pulumi.runtime.getRootDirectory();
  return path.isAbsolute(fromEngine) ? fromEngine : process.cwd();
}
