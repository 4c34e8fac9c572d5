import { execFileSync } from "node:child_process";

/*
 * Which reviewed revision a piece of evidence was made from: the commit the project is checked out
 * at, and whether the access file in the working tree differs from it (edited, staged or untracked).
 * Evidence tied to a commit can be traced to the pull request that approved it; a differing working
 * tree is said, never hidden. Outside a git repository the commit is "unknown".
 */

export interface FileCommit {
  /** The access file as the command read it, relative to the project (`access/dev.yaml`). */
  readonly path: string;
  /** 40-hex commit of HEAD, or `unknown` (not a git checkout, or git is missing). */
  readonly commit: string;
  /** The file in the working tree is not the file at that commit. */
  readonly differs: boolean;
}

function git(projectDir: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: projectDir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return undefined;
  }
}

export function fileCommitOf(projectDir: string, relativePath: string): FileCommit {
  const head = git(projectDir, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])?.trim();
  if (!head || !/^[0-9a-f]{40}$/.test(head)) return { path: relativePath, commit: "unknown", differs: false };
  // --porcelain lists the path when it is modified, staged or untracked (git-status(1), "Short Format").
  const status = git(projectDir, ["--literal-pathspecs", "status", "--porcelain", "--untracked-files=all", "--", relativePath]);
  return { path: relativePath, commit: head, differs: status === undefined || status.trim() !== "" };
}

/** `access/dev.yaml at commit 0123…` with the working-tree caveat: one wording for the CSV, Markdown and HTML. */
export function fileCommitText(file: FileCommit): string {
  const at = file.commit === "unknown" ? "at an unknown commit (not a git checkout)" : `at commit ${file.commit}`;
  return `${file.path} ${at}${file.differs ? ", with changes in the working tree not in that commit" : ""}`;
}
