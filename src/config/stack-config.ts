import * as path from "node:path";
import { configValuesOnDisk } from "./config-values";

/*
 * The stack config as the Pulumi CLI would hand it to the program, for runs without the CLI (the
 * offline plan under the mock engine). Encrypted `secure:` values cannot be decrypted here; they
 * become a placeholder that is itself marked secret.
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

export function readStackConfig(projectDir: string, stack: string): StackConfig {
  const config = configValuesOnDisk(projectDir, stack);
  const values = Object.fromEntries(Object.entries(config.values).map(([key, value]) => [key, config.secretKeys.has(key) ? OFFLINE_SECRET_PLACEHOLDER : value]));
  return { project: config.project, stack, values, secretKeys: [...config.secretKeys] };
}

/**
 * How to show (and open) a file the stack config names: as written when absolute, else relative to
 * the current directory, so messages read like the paths people typed.
 */
export function displayPath(projectDir: string, file: string): string {
  if (path.isAbsolute(file)) return file;
  return path.relative(process.cwd(), path.resolve(projectDir, file)) || file;
}
