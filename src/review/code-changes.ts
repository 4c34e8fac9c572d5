import { execFileSync } from "node:child_process";
import { goJson } from "../config/pulumi-documents";
import type { PulumiProject } from "../config/pulumi-project";
import { GitReadError } from "./git-revision";
import { PROGRAM_CODE_PATHS } from "../config/program-files";

/*
 * What changes between the two sides outside the access data: the program, the policy pack, the
 * dependencies, the TypeScript setup and the workflows decide what `pulumi up` does with the access
 * file, and the access diff cannot tell what a change there does to access. The diff lists them so
 * the comment opens with them (diff-render.ts).
 */

/** Paths relative to the project; `.github/` is the repository's (`:(top)` pathspec magic, gitglossary(7)). */
const OUTSIDE_ACCESS_DATA = [...PROGRAM_CODE_PATHS, ":(top).github/"];

/**
 * Every .gitattributes of the repository, at any depth (a leading `**` and slash also matches the top
 * folder: gitglossary(7), "glob"): an attribute can make git write other bytes at checkout than the blobs this diff reads
 * (working-tree-encoding, filter, ident, eol), so what is deployed would not be what was reviewed.
 */
const ATTRIBUTE_FILES = [":(top,glob)**/.gitattributes"];

/** Keys of the project file that say nothing about how the program runs; `config` is compared setting by setting. */
const DESCRIPTIVE_PROJECT_KEYS = new Set(["config", "description", "author", "website", "license", "template"]);

const listed = (output: string) => output.split("\0").filter((name) => name !== "");

function git(projectDir: string, args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: projectDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new GitReadError(`git could not list the changed files (${(error as Error).message.split("\n")[0]}); the diff is not trustworthy without them`);
  }
}

/**
 * Files outside the access data that differ between `baseRef` and `headRef` (or the working tree,
 * untracked files included), as repository paths, sorted.
 */
export function changedCodeFiles(projectDir: string, baseRef: string, headRef?: string): string[] {
  return changedFiles(projectDir, OUTSIDE_ACCESS_DATA, baseRef, headRef);
}

/** The .gitattributes files, at any depth, that differ between the sides (repository paths, sorted). */
export function changedAttributeFiles(projectDir: string, baseRef: string, headRef?: string): string[] {
  return changedFiles(projectDir, ATTRIBUTE_FILES, baseRef, headRef);
}

function changedFiles(projectDir: string, pathspecs: readonly string[], baseRef: string, headRef?: string): string[] {
  const compared = headRef === undefined ? [baseRef] : [baseRef, headRef];
  const changed = listed(git(projectDir, ["diff", "--name-only", "-z", "--no-renames", ...compared, "--", ...pathspecs]));
  const untracked = headRef === undefined ? listed(git(projectDir, ["ls-files", "-z", "--full-name", "--others", "--exclude-standard", "--", ...pathspecs])) : [];
  return [...new Set([...changed, ...untracked])].sort();
}

/**
 * How the project file changes what runs: its name, a different file (Pulumi.yaml becomes
 * Pulumi.json), and every key but the descriptive ones (runtime and its options such as nodeargs,
 * main, stackConfigDir, plugins, packages, backend...). Undefined project: the side has none.
 */
export function projectFileChanges(base: PulumiProject | undefined, head: PulumiProject | undefined): string[] {
  if (!base || !head) return base === head ? [] : [`${(base ?? head)!.file} ${base ? "is deleted" : "is new"}`];
  const keys = [...new Set([...Object.keys(base.document), ...Object.keys(head.document)])].filter((key) => !DESCRIPTIVE_PROJECT_KEYS.has(key)).sort();
  const changed = keys.filter((key) => goJson(base.document[key] ?? null) !== goJson(head.document[key] ?? null));
  const renamed = base.file === head.file ? [] : [`${base.file} becomes ${head.file}`];
  return [...renamed, ...(changed.length > 0 ? [`${head.file}: ${changed.join(", ")}`] : [])];
}
