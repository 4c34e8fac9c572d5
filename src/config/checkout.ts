import { execFileSync } from "node:child_process";
import { lstatSync, readdirSync, readlinkSync } from "node:fs";
import * as path from "node:path";
import type { ProjectFiles } from "./project-files";
import { StackConfigError } from "./stack-config-error";
import { programPaths } from "./program-files";
import { convertingAttributes } from "./git-attributes";

/*
 * Are the bytes in the working tree the bytes of the commit? `git status` cannot say: it compares
 * after git's own conversions, so a file that `working-tree-encoding`, a smudge filter, `ident` or
 * `eol` rewrote at checkout is "clean". So each file the program reads (config/program-files.ts) is
 * hashed as it is on disk, with no conversion (`git hash-object --no-filters`, git-hash-object(1)),
 * and compared with the object the commit lists for it (`git ls-tree -r`). A file only on one side
 * differs too: an untracked file in src/ is code the program may load.
 */

/** A file whose working-tree bytes are not the commit's, and how. */
export interface CheckoutMismatch {
  readonly path: string;
  readonly problem: string;
}

/** The comparison cannot be made (not a commit, git failed, no stack file at the commit): nothing is verified. */
export class CheckoutError extends Error {}

function git(projectDir: string, args: string[], input?: string): Buffer {
  try {
    return execFileSync("git", args, {
      cwd: projectDir,
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      maxBuffer: 256 * 1024 * 1024,
      ...(input === undefined ? {} : { input }),
    });
  } catch (error) {
    throw new CheckoutError(`git ${args[0] === "--literal-pathspecs" ? args[1] : args[0]} failed in ${projectDir}: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** The full object name of `ref`'s commit, or a CheckoutError saying it is not one. */
export function resolveCommit(projectDir: string, ref: string): string {
  try {
    return execFileSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: projectDir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    throw new CheckoutError(`${JSON.stringify(ref)} is not a commit of the repository in ${projectDir}`);
  }
}

type CommitEntry = { readonly mode: string; readonly type: string; readonly object: string };
type DiskEntry = { readonly kind: "file" } | { readonly kind: "symlink"; readonly target: Buffer } | { readonly kind: "other"; readonly what: string };

/**
 * Everything the commit lists under the project folder, in one `git ls-tree -r` (paths relative to
 * the project: ls-tree shows the current folder's part of the tree): `<mode> SP <type> SP <object>
 * TAB <path>` (git-ls-tree(1), "Output format").
 */
function commitListing(projectDir: string, commit: string): Map<string, CommitEntry> {
  const listing = git(projectDir, ["ls-tree", "-r", "-z", commit]).toString("utf8");
  const entries = new Map<string, CommitEntry>();
  for (const line of listing.split("\0").filter((l) => l !== "")) {
    const tab = line.indexOf("\t");
    const [mode, type, object] = line.slice(0, tab).split(" ") as [string, string, string];
    entries.set(line.slice(tab + 1), { mode, type, object });
  }
  return entries;
}

/** The commit's entries under the paths (a folder ends with '/'; a folder that is a symlink in the commit is its own entry). */
function commitEntries(listing: ReadonlyMap<string, CommitEntry>, paths: readonly string[]): Map<string, CommitEntry> {
  const folders = paths.filter((p) => p.endsWith("/"));
  const files = new Set(paths.filter((p) => !p.endsWith("/")).concat(folders.map((f) => f.slice(0, -1))));
  return new Map([...listing].filter(([file]) => files.has(file) || folders.some((folder) => file.startsWith(folder))));
}

/**
 * The project's files at the commit, from the listing, each blob read once (`git cat-file`): the
 * config readers resolve the stack's files through it. A symlink is refused, as the diff refuses it.
 */
function filesAtCommit(projectDir: string, commit: string, listing: ReadonlyMap<string, CommitEntry>): ProjectFiles {
  const texts = new Map<string, string | undefined>();
  const shown = (relativePath: string) => `${relativePath} at ${short(commit)}`;
  return {
    shown,
    read(relativePath) {
      const file = path.posix.normalize(relativePath);
      if (!texts.has(file)) {
        const entry = listing.get(file);
        if (entry?.mode === "120000") throw new StackConfigError(`${shown(file)} is a symlink; commit the file itself`);
        texts.set(file, entry?.type === "blob" ? git(projectDir, ["cat-file", "blob", entry.object]).toString("utf8") : undefined);
      }
      return texts.get(file);
    },
  };
}

/**
 * What the working tree holds under the paths, symlinks not followed. `node_modules` folders are
 * skipped: installed by npm from the verified lock file, never checked out (and Pulumi may install
 * a policy pack's dependencies next to it).
 */
function diskEntries(projectDir: string, paths: readonly string[]): Map<string, DiskEntry> {
  const entries = new Map<string, DiskEntry>();
  const visit = (relative: string, folder: boolean) => {
    let stat;
    try {
      stat = lstatSync(path.join(projectDir, relative));
    } catch {
      return;
    }
    if (stat.isSymbolicLink()) entries.set(relative, { kind: "symlink", target: readlinkSync(path.join(projectDir, relative), { encoding: "buffer" }) });
    else if (stat.isFile()) entries.set(relative, { kind: "file" });
    else if (stat.isDirectory() && folder) {
      for (const name of readdirSync(path.join(projectDir, relative)).sort()) if (name !== "node_modules") visit(`${relative}/${name}`, true);
    } else entries.set(relative, { kind: "other", what: stat.isDirectory() ? "a folder" : "not a regular file" });
  };
  for (const p of paths) visit(p.replace(/\/$/, ""), p.endsWith("/"));
  return entries;
}

const short = (commit: string) => commit.slice(0, 12);

/**
 * Every file `pulumi up` of `stack` reads whose bytes in the working tree of `projectDir` are not
 * its blob at `commit`, sorted by path; empty when the checkout is the commit, byte for byte. Which
 * files the stack reads is decided at the commit (its stack file names the access file), never from
 * the working tree, whose bytes are what is being checked.
 */
export function checkoutMismatches(projectDir: string, commitRef: string, stack: string): CheckoutMismatch[] {
  const commit = resolveCommit(projectDir, commitRef);
  const listing = commitListing(projectDir, commit);
  let paths: string[];
  try {
    paths = programPaths(filesAtCommit(projectDir, commit, listing), stack);
  } catch (error) {
    if (error instanceof CheckoutError) throw error;
    throw new CheckoutError(`cannot tell which files stack ${stack} reads at ${short(commit)}: ${(error as Error).message}`);
  }
  const inCommit = commitEntries(listing, paths);
  const onDisk = diskEntries(projectDir, paths);
  const mismatches: CheckoutMismatch[] = [];
  const hashed: string[] = [];
  for (const file of [...new Set([...inCommit.keys(), ...onDisk.keys()])].sort()) {
    const committed = inCommit.get(file);
    const disk = onDisk.get(file);
    const at = short(commit);
    if (!disk) mismatches.push({ path: file, problem: `is in commit ${at} and missing from the working tree` });
    else if (!committed) mismatches.push({ path: file, problem: `is in the working tree and not in commit ${at} (a file the program would read that nobody reviewed)` });
    else if (committed.type !== "blob") mismatches.push({ path: file, problem: `is a ${committed.type} in commit ${at}, which this check cannot compare` });
    else if (committed.mode === "120000") {
      const target = git(projectDir, ["cat-file", "blob", committed.object]);
      if (disk.kind !== "symlink") mismatches.push({ path: file, problem: `is a symlink in commit ${at} and ${disk.kind === "file" ? "a file" : disk.what} in the working tree` });
      else if (!disk.target.equals(target)) mismatches.push({ path: file, problem: `is a symlink to another place than in commit ${at}` });
    } else if (disk.kind !== "file")
      mismatches.push({ path: file, problem: `is a file in commit ${at} and ${disk.kind === "symlink" ? "a symlink" : disk.what} in the working tree` });
    else if (/[\n\r]/.test(file)) mismatches.push({ path: file, problem: "has a line break in its name, which this check refuses" });
    else hashed.push(file);
  }
  if (hashed.length > 0) {
    const objects = git(projectDir, ["hash-object", "--no-filters", "--stdin-paths"], hashed.join("\n") + "\n")
      .toString("utf8")
      .split("\n");
    const differing = hashed.filter((file, index) => objects[index] !== inCommit.get(file)!.object);
    const attributes = convertingAttributes(projectDir, differing);
    for (const file of differing) {
      const converted = attributes.get(file);
      const why = converted ? `; git converts it at checkout (${converted.join(", ")} from .gitattributes)` : "";
      mismatches.push({ path: file, problem: `differs in the working tree from its blob at ${short(commit)}${why}` });
    }
  }
  return mismatches.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
