import { execFileSync } from "node:child_process";

/*
 * Reading files at a git revision, for the diff: I/O, so it lives with the commands, apart from the
 * pure review logic. Paths are relative to the project directory
 * (git's `REV:./path` form), so the project may live in a sub-folder of its repository.
 */

export class GitError extends Error {}

export function fileAtRevision(projectDir: string, ref: string, relativePath: string): string | undefined {
  verifyRevision(projectDir, ref);
  try {
    return execFileSync("git", ["show", `${ref}:./${relativePath}`], { cwd: projectDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined; // not in that revision
  }
}

export function verifyRevision(projectDir: string, ref: string): void {
  try {
    execFileSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: projectDir, stdio: "ignore" });
  } catch {
    throw new GitError(`"${ref}" is not a commit in this repository; pass --base with a branch, tag or commit (in CI, fetch the base branch first)`);
  }
}

/** Whether the path is a symlink at the revision (git mode 120000): its "content" is where it points. */
export function isSymlinkAtRevision(projectDir: string, ref: string, relativePath: string): boolean {
  const listing = execFileSync("git", ["ls-tree", ref, "--", relativePath], { cwd: projectDir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return listing.startsWith("120000 ");
}
