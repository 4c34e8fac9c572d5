import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { runUnderMocks } from "../../src/plan/offline";
import { defineStack } from "../../src/stack";
import { readStackSettings } from "../../src/config/program";
import { loadAccessModel } from "../../src/access/validate";
import { PROJECT_DIR } from "../../src/cli/common";
import { tempDir } from "../support/temp-dir";

/*
 * The stack output deployedCommit, through the real program under the mock engine: the checkout's
 * HEAD (GITHUB_SHA only without one), and "unknown" once a file the program reads is not that commit's bytes.
 */

/** This project's stack and access files in a git repository of their own, committed; returns the folder and its commit. */
function committedProject(): { dir: string; commit: string; git: (...args: string[]) => string } {
  const dir = tempDir("deployed-commit-");
  for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml", "access"]) cpSync(path.join(PROJECT_DIR, file), path.join(dir, file), { recursive: true });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qm", "deployed");
  return { dir, commit: git("rev-parse", "HEAD"), git };
}

/** The program's deployedCommit for the project in `dir`, with GITHUB_SHA set to `githubSha` (undefined: unset). */
async function deployedCommit(dir: string, githubSha: string | undefined): Promise<string> {
  const saved = process.env.GITHUB_SHA;
  if (githubSha === undefined) delete process.env.GITHUB_SHA;
  else process.env.GITHUB_SHA = githubSha;
  try {
    const model = loadAccessModel(path.join(dir, "access/dev.yaml"), { expiry: "ignore" });
    const { result } = await runUnderMocks({ projectDir: dir, stack: "dev" }, () => defineStack(model, readStackSettings(dir)));
    return result.deployedCommit;
  } finally {
    if (saved === undefined) delete process.env.GITHUB_SHA;
    else process.env.GITHUB_SHA = saved;
  }
}

test("deployedCommit: the checkout's HEAD, whatever GITHUB_SHA says, when the files the program reads are that commit's", async () => {
  const { dir, commit, git } = committedProject();
  assert.equal(await deployedCommit(dir, commit), commit);
  assert.equal(await deployedCommit(dir, undefined), commit);
  // A file the program does not read may differ.
  writeFileSync(path.join(dir, "notes.txt"), "local notes\n");
  assert.equal(await deployedCommit(dir, undefined), commit);
  // GITHUB_SHA names another commit than the checkout (the hourly expiry run checks out the deployed
  // commit while GITHUB_SHA names the default branch's newest): the checkout's HEAD is what runs.
  writeFileSync(path.join(dir, "access/dev.yaml"), `${git("show", "HEAD:access/dev.yaml")}\n# next\n`);
  git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qam", "next");
  assert.equal(await deployedCommit(dir, commit), git("rev-parse", "HEAD"));
});

test("deployedCommit: unknown for an edited stack file, an untracked file in src/, or no git repository (whatever GITHUB_SHA says); a checkout ignores a short or bad GITHUB_SHA", async () => {
  const edited = committedProject();
  writeFileSync(path.join(edited.dir, "Pulumi.dev.yaml"), `${edited.git("show", "HEAD:Pulumi.dev.yaml")}\n# edited\n`);
  assert.equal(await deployedCommit(edited.dir, undefined), "unknown");
  const untracked = committedProject();
  cpSync(path.join(PROJECT_DIR, "src/index.ts"), path.join(untracked.dir, "src/index.ts"));
  assert.equal(await deployedCommit(untracked.dir, untracked.commit), "unknown");
  const clean = committedProject();
  assert.equal(await deployedCommit(clean.dir, clean.commit.slice(0, 12)), clean.commit);
  assert.equal(await deployedCommit(clean.dir, "0".repeat(40)), clean.commit);
  const notARepository = tempDir("no-git-");
  for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml", "access"]) cpSync(path.join(PROJECT_DIR, file), path.join(notARepository, file), { recursive: true });
  assert.equal(await deployedCommit(notARepository, undefined), "unknown");
  assert.equal(await deployedCommit(notARepository, "0".repeat(40)), "unknown");
});
