import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { PROJECT_DIR } from "../../src/cli/common";

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; if?: string }
interface Job { permissions?: Record<string, string>; concurrency?: { group: string }; steps: Step[]; needs?: string | string[] }
interface Workflow { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> }

const DIR = path.join(PROJECT_DIR, ".github", "workflows");
const load = (name: string) => parse(readFileSync(path.join(DIR, name), "utf8")) as Workflow;
const runs = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");
const pulumiStep = (job: Job) => job.steps.find((s) => s.uses?.startsWith("pulumi/actions@"));

test("workflows: every job has least-privilege permissions and no write-all", () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".yml"))) {
    const workflow = load(file);
    assert.deepEqual(workflow.permissions, { contents: "read" }, `${file}: default permissions`);
    for (const [name, job] of Object.entries(workflow.jobs)) {
      assert.ok(job.permissions, `${file}/${name} declares its permissions`);
      for (const [scope, level] of Object.entries(job.permissions!)) {
        assert.ok(["read", "write", "none"].includes(level), `${file}/${name}: ${scope}`);
        if (level === "write") assert.ok(["pull-requests", "issues"].includes(scope), `${file}/${name} may not write ${scope}`);
      }
    }
  }
});

test("pull-request workflow: test, validate, sticky access-diff comment, preview with the policy pack", () => {
  const workflow = load("access-pull-request.yml");
  assert.ok("pull_request" in workflow.on);
  assert.match(runs(workflow.jobs.test!), /npm ci[\s\S]*npm test[\s\S]*npm run validate/);
  const diff = workflow.jobs["access-diff"]!;
  assert.match(runs(diff), /npm run --silent diff -- --base "origin\/\$\{\{ github\.base_ref \}\}"/);
  const comment = diff.steps.find((s) => s.uses?.startsWith("actions/github-script"))!;
  assert.match(String(comment.with?.script), /duplocloud-okta-access-diff:\$\{\{ matrix\.stack \}\}[\s\S]*updateComment[\s\S]*createComment/);
  assert.equal(diff.permissions?.["pull-requests"], "write");
  const preview = pulumiStep(workflow.jobs.preview!)!;
  assert.equal(preview.with?.command, "preview");
  assert.equal(preview.with?.policyPacks, "policy");
  assert.equal(preview.with?.["comment-on-pr"], true);
  assert.match(String(preview.with?.["cloud-url"]), /vars\.PULUMI_BACKEND_URL/);
  assert.equal(workflow.jobs.preview!.concurrency?.group, "pulumi-${{ matrix.stack }}");
});

test("deploy workflow: pulumi up on main, one run per stack at a time", () => {
  const workflow = load("access-deploy.yml");
  assert.deepEqual((workflow.on.push as { branches: string[] }).branches, ["main"]);
  const up = workflow.jobs.up!;
  assert.equal(pulumiStep(up)!.with?.command, "up");
  assert.equal(pulumiStep(up)!.with?.policyPacks, "policy");
  assert.equal(up.concurrency?.group, "pulumi-${{ matrix.stack }}");
});

test("scheduled workflow: drift check with refresh and expect-no-changes, and the expiring check", () => {
  const workflow = load("access-scheduled.yml");
  assert.ok("schedule" in workflow.on);
  const drift = pulumiStep(workflow.jobs.drift!)!;
  assert.equal(drift.with?.command, "preview");
  assert.equal(drift.with?.refresh, true);
  assert.equal(drift.with?.["expect-no-changes"], true);
  assert.match(runs(workflow.jobs.expiring!), /npm run --silent expiring -- --within 14/);
  assert.equal(workflow.jobs.expiring!.permissions?.issues, "write");
});
