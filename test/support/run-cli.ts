import { spawn, spawnSync } from "node:child_process";
import * as path from "node:path";
import { PROJECT_DIR } from "../../src/cli/common";

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one of our commands the way npm does (node --import tsx src/cli/NAME.ts), in the project directory. */
export function runCli(name: string, args: string[] = [], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join("src", "cli", `${name}.ts`), ...args], {
    cwd: PROJECT_DIR,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like runCli, without blocking this process (needed when the command talks to an in-process emulator). */
export function runCliAsync(name: string, args: string[] = [], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join("src", "cli", `${name}.ts`), ...args], { cwd: PROJECT_DIR, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
