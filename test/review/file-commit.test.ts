import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileCommitOf, fileCommitText } from "../../src/review/file-commit";
import { tempDir } from "../support/temp-dir";

/* The commit evidence names: HEAD, and whether the access file differs from it (edited, staged, untracked). */

const folder = tempDir("file-commit-");
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@localhost", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" }).trim();

test("file commit: HEAD's commit; the file differs when edited, staged or untracked; unknown outside git", () => {
  const repo = path.join(folder, "repo");
  mkdirSync(path.join(repo, "access"), { recursive: true });
  git(repo, "init", "-q");
  writeFileSync(path.join(repo, "access", "dev.yaml"), "roles: {}\n");
  assert.deepEqual(fileCommitOf(repo, "access/dev.yaml"), { path: "access/dev.yaml", commit: "unknown", differs: false }, "no commit yet");
  git(repo, "add", ".");
  git(repo, "commit", "-qm", "first");
  const head = git(repo, "rev-parse", "HEAD");
  assert.deepEqual(fileCommitOf(repo, "access/dev.yaml"), { path: "access/dev.yaml", commit: head, differs: false });
  writeFileSync(path.join(repo, "access", "dev.yaml"), "roles: { administrators: {} }\n");
  assert.equal(fileCommitOf(repo, "access/dev.yaml").differs, true, "edited");
  git(repo, "add", ".");
  assert.equal(fileCommitOf(repo, "access/dev.yaml").differs, true, "staged");
  writeFileSync(path.join(repo, "access", "prod.yaml"), "roles: {}\n");
  assert.equal(fileCommitOf(repo, "access/prod.yaml").differs, true, "untracked");
  const outside = path.join(folder, "not-git");
  mkdirSync(outside);
  assert.deepEqual(fileCommitOf(outside, "access/dev.yaml"), { path: "access/dev.yaml", commit: "unknown", differs: false });
  assert.equal(fileCommitText({ path: "access/dev.yaml", commit: head, differs: true }), `access/dev.yaml at commit ${head}, with changes in the working tree not in that commit`);
  assert.equal(fileCommitText({ path: "access/dev.yaml", commit: "unknown", differs: false }), "access/dev.yaml at an unknown commit (not a git checkout)");
});
