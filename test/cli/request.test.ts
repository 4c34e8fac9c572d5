import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../../src/cli/common";
import { gitRepo } from "../support/git-repo";
import { runCli } from "../support/run-cli";

// The must-show of issue 33: `npm run request` on a copy of access/dev.yaml adds lines and changes
// none, the end and reason are in the file, the diff reports a widening with its end, and
// `npm run expiring -- --prune` takes the entry out once it has ended.
const original = (file: string) => readFileSync(path.join(PROJECT_DIR, file), "utf8");
const repo = gitRepo({ "Pulumi.yaml": original("Pulumi.yaml"), "Pulumi.dev.yaml": original("Pulumi.dev.yaml"), "access/dev.yaml": original("access/dev.yaml") });
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo.dir, encoding: "utf8" });
const NOW = "2026-12-07T17:20:30Z";
const env = { ACCESS_PROJECT_DIR: repo.dir, ACCESS_NOW: NOW, ACCESS_TODAY: "" };
const REQUEST = [
  "--stack",
  "dev",
  "--person",
  "grace.hopper@acme.example",
  "--tenant",
  "dev01",
  "--level",
  "read-write",
  "--hours",
  "4",
  "--reason",
  "Incident INC-4711: restart the payments workers",
  "--requested-by",
  "ada.lovelace@acme.example",
];

test("request: only added lines, the end and reason in the file, approvers named; the diff shows a widening with its end", () => {
  const request = runCli("request", REQUEST, env);
  assert.equal(request.status, 0, request.stderr);
  assert.equal(
    request.stdout,
    `${path.relative(PROJECT_DIR, path.join(repo.dir, "access/dev.yaml"))}: grace.hopper@acme.example gets tenant dev01 (read-write) until 2026-12-07 21:20 UTC (4h), for: Incident INC-4711: restart the payments workers\n` +
      "Open a pull request with this change; approval needed from: ada.lovelace@acme.example, lead.payments@acme.example\n",
  );
  assert.equal(git("diff", "--numstat"), "9\t0\taccess/dev.yaml\n");
  const added = git("diff", "-U0")
    .split("\n")
    .filter((line) => line.startsWith("+") && !line.startsWith("+++"));
  assert.deepEqual(added, [
    "+",
    "+# Access for one person until an end time: written by npm run request, removed by npm run expiring -- --prune.",
    "+temporaryAccess:",
    "+  - person: grace.hopper@acme.example",
    "+    tenant: dev01",
    "+    level: read-write",
    '+    expires: "2026-12-07T21:20Z"',
    '+    reason: "Incident INC-4711: restart the payments workers"',
    "+    requestedBy: ada.lovelace@acme.example",
  ]);

  const diff = runCli("diff", ["--base", "HEAD", "--stack", "dev"], env);
  assert.equal(diff.status, 0, diff.stderr);
  const comment = diff.stdout;
  assert.ok(comment.includes("**1 widen access, 0 to read, 0 narrow access.**"), comment);
  assert.ok(comment.includes("Approval needed from the owners: ada.lovelace@acme.example, lead.payments@acme.example"), comment);
  assert.ok(
    comment.includes(
      "- **tenant dev01 read-write group** gains temporary member grace.hopper@acme.example until 2026-12-07 21:20 UTC, requested by ada.lovelace@acme.example, for: Incident INC-4711: restart the payments workers\n",
    ),
    comment,
  );

  // Asked again, past the limit (read-write: 8h by default): refused at its line, the file unchanged.
  const before = readFileSync(path.join(repo.dir, "access/dev.yaml"), "utf8");
  const tooLong = runCli("request", [...REQUEST.slice(0, 3), "alan.turing@acme.example", ...REQUEST.slice(4, 9), "9", ...REQUEST.slice(10)], env);
  assert.equal(tooLong.status, 1);
  assert.match(
    tooLong.stderr,
    /access\/dev\.yaml:\d+:14: temporaryAccess\[1\]\.expires: ends 2026-12-08 02:20 UTC, more than 8h after now \(2026-12-07T17:20Z\); temporary read-write lasts at most 8h \(the default\): end it by 2026-12-08 01:20 UTC\n/,
  );
  assert.equal(readFileSync(path.join(repo.dir, "access/dev.yaml"), "utf8"), before);

  // After its end, --prune removes the entry (and its emptied list), and nothing else.
  repo.commit("temporary access", {});
  const prune = runCli("expiring", ["--prune", "--stack", "dev"], { ...env, ACCESS_NOW: "2026-12-07T21:21:00Z" });
  assert.equal(prune.status, 0, prune.stderr);
  const removed = git("diff", "-U0")
    .split("\n")
    .filter((line) => /^[+-]/.test(line) && !/^(\+\+\+|---)/.test(line));
  assert.deepEqual(removed, [
    "-temporaryAccess:",
    "-  - person: grace.hopper@acme.example",
    "-    tenant: dev01",
    "-    level: read-write",
    '-    expires: "2026-12-07T21:20Z"',
    '-    reason: "Incident INC-4711: restart the payments workers"',
    "-    requestedBy: ada.lovelace@acme.example",
  ]);
});
