import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { appendFileSync } from "node:fs";
import * as path from "node:path";
import { launchOf, up } from "../support/engine/dev-stack";
import { scratchProject } from "../support/engine/scratch-project";
import type { RunResult } from "../support/engine/recording-engine";

/*
 * The stack output deployedCommit as `pulumi up` starts the program (Pulumi's cmd/run against the
 * recording engine): the stack resource's registered outputs, as `pulumi stack output
 * deployedCommit` later reads them.
 */

const stackOutputs = (run: RunResult) => run.registrations.find((r) => r.type === "pulumi:pulumi:Stack")!.outputs ?? {};

test("engine: pulumi up exports deployedCommit, GITHUB_SHA's commit for a checkout of it, unknown once the access file is edited", async () => {
  const root = scratchProject();
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qm", "deployed");
  const commit = git("rev-parse", "HEAD");

  const deployed = await up(launchOf("dev", root), {}, { GITHUB_SHA: commit });
  assert.equal(deployed.exitCode, 0, deployed.stderr);
  assert.equal(stackOutputs(deployed).deployedCommit, commit);

  // Outside CI (an empty GITHUB_SHA is unset), HEAD; a local edit makes it unknown.
  appendFileSync(path.join(root, "access/dev.yaml"), "# a local edit\n");
  const edited = await up(launchOf("dev", root), {}, { GITHUB_SHA: "" });
  assert.equal(edited.exitCode, 0, edited.stderr);
  assert.equal(stackOutputs(edited).deployedCommit, "unknown");
});
