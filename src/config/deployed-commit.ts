import { execFileSync } from "node:child_process";
import { githubSha } from "./environment";
import { checkoutMismatches } from "./checkout";

/*
 * The stack output `deployedCommit`: the commit whose bytes this run of the program reads, so that
 * the next deploy can compute the access diff from what is really deployed (check-approvals) and
 * the scheduled checks can name it. The commit is the checkout's HEAD (GITHUB_SHA only where there is
 * no git HEAD): the hourly expiry run checks out the deployed commit while GitHub's GITHUB_SHA, which a
 * workflow cannot override, names the default branch's newest commit. It is "unknown" whenever a file the program reads is not byte for byte that commit's (an edit, an
 * untracked file, a git conversion: config/checkout.ts) or git cannot tell. The deploy workflow
 * refuses to build on "unknown".
 */

export const UNKNOWN_COMMIT = "unknown";

/** A full commit name: 40 hex digits (SHA-1), or 64 (SHA-256 repositories). */
export const COMMIT_NAME = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

function headCommit(projectDir: string): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], { cwd: projectDir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

/** The commit `pulumi up` of `stack` in `projectDir` deploys, or "unknown". */
export function deployedCommitOf(projectDir: string, stack: string): string {
  const commit = headCommit(projectDir) ?? githubSha();
  if (commit === undefined || !COMMIT_NAME.test(commit)) return UNKNOWN_COMMIT;
  try {
    return checkoutMismatches(projectDir, commit, stack).length === 0 ? commit : UNKNOWN_COMMIT;
  } catch {
    return UNKNOWN_COMMIT;
  }
}
