import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../../src/cli/common";
import { runCli } from "../support/run-cli";
import { tempDir } from "../support/temp-dir";

// The must-show of issue 33: the real program under the mock engine (`npm run plan`) keeps a grant
// one minute before its end time and drops it one minute after, with nothing but ACCESS_NOW moved.
const project = tempDir("plan-end-time-");
copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
copyFileSync(path.join(PROJECT_DIR, "Pulumi.dev.yaml"), path.join(project, "Pulumi.dev.yaml"));
mkdirSync(path.join(project, "access"));
const devFile = readFileSync(path.join(PROJECT_DIR, "access/dev.yaml"), "utf8");
const ENDING = '      - { tenant: qa01, level: read-only, expires: "2026-12-07T18:00Z" }';
writeFileSync(path.join(project, "access/dev.yaml"), devFile.replace('      - { tenant: qa01, level: read-only, expires: "2099-12-31" }', ENDING));

interface Planned {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

function planAt(now: string): Planned[] {
  const result = runCli("plan", ["--json"], { ACCESS_PROJECT_DIR: project, ACCESS_NOW: now, ACCESS_TODAY: "" });
  assert.equal(result.status, 0, result.stderr);
  return (JSON.parse(result.stdout) as { resources: Planned[] }).resources;
}

test("the plan keeps a grant one minute before its end time and takes its rule term away one minute after", () => {
  assert.ok(readFileSync(path.join(project, "access/dev.yaml"), "utf8").includes(ENDING));
  const before = planAt("2026-12-07T17:59:00Z");
  const after = planAt("2026-12-07T18:01:00Z");
  // Team payments also has qa01 read-only: the group stays, and only data-science's term leaves its rule.
  assert.deepEqual(
    after.map((resource) => resource.name),
    before.map((resource) => resource.name),
  );
  const changed = before.filter((resource, i) => JSON.stringify(resource.inputs) !== JSON.stringify(after[i]!.inputs)).map((resource) => resource.name);
  assert.deepEqual(changed, ["rule-tenant-qa01-read-only"]);
  const expressionOf = (plan: Planned[]) => plan.find((resource) => resource.name === "rule-tenant-qa01-read-only")!.inputs.expressionValue;
  assert.equal(
    expressionOf(before),
    '((String.startsWith(user.title, "Data") OR user.department == "Analytics") OR String.toLowerCase(user.login) == "katherine.johnson@acme.example") OR (user.department == "Payments")',
  );
  assert.equal(expressionOf(after), 'user.department == "Payments"');
});
