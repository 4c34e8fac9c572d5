import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/*
 * The browser the page tests drive: Debian's chromium (CHROMIUM_PATH, else on the PATH). On a
 * developer's machine without it, a browser test is skipped, saying why; in CI (CI set, as GitHub
 * Actions and most CI services set it) it runs and fails instead, so a CI machine that lost its
 * browser cannot go green with the page untested.
 */

export interface ChromiumForTests {
  /** The binary, when found. */
  readonly executablePath?: string;
  /** The reason to skip, or false: run (and, without a binary, fail in requireChromium). */
  readonly skip: string | false;
}

const INSTALL_HINT = "install it with apt-get install -y chromium, or set CHROMIUM_PATH";

function findChromium(env: NodeJS.ProcessEnv): string | undefined {
  if (env.CHROMIUM_PATH && existsSync(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      return execFileSync("which", [name], { encoding: "utf8", env, stdio: ["ignore", "pipe", "ignore"] }).trim() || undefined;
    } catch {
      // not on the PATH under this name
    }
  }
  return undefined;
}

/** Whether this runs in CI: CI set to anything but empty, "0" or "false". */
export function inCi(env: NodeJS.ProcessEnv): boolean {
  const value = (env.CI ?? "").trim().toLowerCase();
  return value !== "" && value !== "0" && value !== "false";
}

export function chromiumForTests(env: NodeJS.ProcessEnv = process.env): ChromiumForTests {
  const executablePath = findChromium(env);
  if (executablePath) return { executablePath, skip: false };
  return { skip: inCi(env) ? false : `no chromium binary found (${INSTALL_HINT})` };
}

/** The binary, or the failure that says why a browser test cannot be skipped here. */
export function requireChromium(setup: ChromiumForTests): string {
  if (setup.executablePath) return setup.executablePath;
  throw new Error(`no chromium binary found, and CI is set: a browser test fails rather than skips in CI; ${INSTALL_HINT}`);
}
