import { execFileSync } from "node:child_process";
import { excerpt } from "../config/access-file-path";
import { StackConfigError } from "../config/stack-config-error";
import type { ProjectFiles } from "../config/project-files";

/*
 * Reading files at a git revision, for the diff: I/O, so it lives with the commands, apart from the
 * pure review logic. Paths are relative to the project directory (git resolves the paths of
 * `ls-tree` against the working directory), so the project may live in a sub-folder of its
 * repository. Only a path git lists as missing from the revision is absent: any other failure of
 * git (a buffer limit, a broken object) fails the diff, because reading it as "absent" would show a
 * deleted file where the pull request has one.
 */

/** The revision is not a commit: the caller passed a wrong --base or --head. */
export class GitError extends Error {}
/** git could not read something it has: the diff cannot be trusted and fails (exit 3). */
export class GitReadError extends Error {}

/** What a path is at a revision. `symlink` names the part of the path that is a link (mode 120000). */
export type RevisionEntry = { readonly kind: "file"; readonly text: string } | { readonly kind: "absent" } | { readonly kind: "symlink"; readonly link: string };

const MAX_FILE_BYTES = 64 * 1024 * 1024;

function git(projectDir: string, args: string[], what: string): string {
  try {
    return execFileSync("git", args, { cwd: projectDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: MAX_FILE_BYTES });
  } catch (error) {
    const detail = (error as { code?: string }).code === "ENOBUFS" ? `larger than ${MAX_FILE_BYTES} bytes` : (error as Error).message.split("\n")[0];
    throw new GitReadError(`git could not read ${what} (${detail}); the diff is not trustworthy without it`);
  }
}

/** One entry of `git ls-tree`: mode, type and object of a path, or undefined when the revision has no such path. */
function treeEntry(projectDir: string, ref: string, relativePath: string): { mode: string; type: string; object: string } | undefined {
  // --literal-pathspecs: a path is that path, never a pattern (an accessFile named `access/*.yaml` included).
  const listing = git(projectDir, ["--literal-pathspecs", "ls-tree", "-z", ref, "--", relativePath], `${relativePath} at ${ref}`);
  if (listing === "") return undefined;
  // `<mode> SP <type> SP <object> TAB <path>` (git-ls-tree(1), "Output format")
  const [mode, type, object] = listing.split("\t")[0]!.split(" ");
  return { mode: mode!, type: type!, object: object! };
}

/**
 * The path at the revision, part by part: a symlink anywhere on the way is reported, not followed
 * (its "content" is where it points), and only a part the revision does not list is absent.
 */
export function entryAtRevision(projectDir: string, ref: string, relativePath: string): RevisionEntry {
  verifyRevision(projectDir, ref);
  const parts = relativePath.split("/").filter((part) => part !== "" && part !== ".");
  for (let index = 1; index <= parts.length; index++) {
    const prefix = parts.slice(0, index).join("/");
    const entry = treeEntry(projectDir, ref, prefix);
    if (!entry) return { kind: "absent" };
    if (entry.mode === "120000") return { kind: "symlink", link: prefix };
    const last = index === parts.length;
    if (!last && entry.type !== "tree") return { kind: "absent" };
    if (last && entry.type !== "blob") throw new GitReadError(`${relativePath} at ${ref} is a ${entry.type}, not a file`);
    if (last) return { kind: "file", text: git(projectDir, ["cat-file", "blob", entry.object], `${relativePath} at ${ref}`) };
  }
  return { kind: "absent" };
}

/** The text of a file at a revision, or undefined when the revision does not have it; a symlink is refused. */
export function fileAtRevision(projectDir: string, ref: string, relativePath: string): string | undefined {
  const entry = entryAtRevision(projectDir, ref, relativePath);
  if (entry.kind === "symlink") throw new StackConfigError(symlinkRefusal(relativePath, ref, entry.link));
  return entry.kind === "file" ? entry.text : undefined;
}

function symlinkRefusal(relativePath: string, ref: string, link: string): string {
  const through = link === relativePath ? "is a symlink" : `goes through the symlink ${excerpt(link)}`;
  return `${excerpt(relativePath)} at ${ref} ${through}; the diff reads a revision as data and does not follow links: commit the file itself`;
}

/** The project's files at a revision, for the Pulumi config readers (config/). */
export function projectFilesAtRevision(projectDir: string, ref: string): ProjectFiles {
  return {
    read: (relativePath) => fileAtRevision(projectDir, ref, relativePath),
    shown: (relativePath) => `${relativePath} at ${ref}`,
  };
}

export function verifyRevision(projectDir: string, ref: string): void {
  try {
    execFileSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: projectDir, stdio: "ignore" });
  } catch {
    throw new GitError(`"${ref}" is not a commit in this repository; pass --base with a branch, tag or commit (in CI, fetch the base branch first)`);
  }
}
