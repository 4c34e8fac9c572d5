import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import * as path from "node:path";
import { VALID_ACCESS_FILE } from "../support/access-files";
import { gitRepo } from "../support/git-repo";
import { runCli } from "../support/run-cli";

// `npm run diff` as a process; the comparison of two revisions is tested in-process in test/review/.
function repoWithUnreadableHead(t: TestContext): { dir: string; blob: string } {
  const repo = gitRepo({ "Pulumi.dev.yaml": "config:\n  duplocloud-okta-access:accessFile: access/dev.yaml\n  okta:orgName: acme\n", "access/dev.yaml": VALID_ACCESS_FILE });
  t.after(() => rmSync(repo.dir, { recursive: true, force: true }));
  repo.commit("pull request", { "access/dev.yaml": `${VALID_ACCESS_FILE}# changed in the pull request\n` });
  const blob = execFileSync("git", ["rev-parse", "HEAD:access/dev.yaml"], { cwd: repo.dir, encoding: "utf8" }).trim();
  rmSync(path.join(repo.dir, ".git", "objects", blob.slice(0, 2), blob.slice(2)));
  return { dir: repo.dir, blob };
}

test("diff command: an object git cannot read exits 3 with git's error and prints no comment", (t) => {
  const { dir, blob } = repoWithUnreadableHead(t);
  const run = runCli("diff", ["--base", "HEAD~1", "--head", "HEAD"], { ACCESS_PROJECT_DIR: dir });
  assert.deepEqual(
    [run.status, run.stdout, run.stderr],
    [3, "", `error: git could not read access/dev.yaml at HEAD (Command failed: git cat-file blob ${blob}); the diff is not trustworthy without it\n`],
  );
});
