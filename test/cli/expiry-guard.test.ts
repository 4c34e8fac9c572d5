import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../../src/cli/common";
import type { PreviewDigest, PreviewStep } from "../../src/review/expiry-guard";
import { runCli } from "../support/run-cli";
import { tempDir } from "../support/temp-dir";

// `npm run expiry-guard` as the hourly workflow runs it: the deployed project (here access/dev.yaml
// with data-science's qa01 grant ending at 18:00Z), a preview of it, and the clock after the end.
const project = tempDir("expiry-guard-");
copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
copyFileSync(path.join(PROJECT_DIR, "Pulumi.dev.yaml"), path.join(project, "Pulumi.dev.yaml"));
mkdirSync(path.join(project, "access"));
const devFile = readFileSync(path.join(PROJECT_DIR, "access/dev.yaml"), "utf8");
writeFileSync(path.join(project, "access/dev.yaml"), devFile.replace('level: read-only, expires: "2099-12-31" }', 'level: read-only, expires: "2026-12-07T18:00Z" }'));

const fixture = JSON.parse(readFileSync(path.join(PROJECT_DIR, "test/review/fixtures/preview-expiry-only-ended.json"), "utf8")) as PreviewDigest;
// The dev stack's preview: only the qa01 rule's update (the fixture's deletes are of another file).
const ruleStep = fixture.steps!.find((step) => step.op === "update")!;
const write = (steps: PreviewStep[]) => {
  const file = path.join(project, `preview-${steps.length}-${steps.map((s) => s.op).join("-")}.json`);
  writeFileSync(file, JSON.stringify({ ...fixture, steps }));
  return file;
};
const guard = (preview: string) =>
  runCli("expiry-guard", ["--preview", preview, "--stack", "dev"], { ACCESS_PROJECT_DIR: project, ACCESS_NOW: "2026-12-07T18:01:00Z", ACCESS_TODAY: "" });

test("expiry-guard: exit 0 and the removal when only the ended grant's term leaves the rule; exit 1 on a create", () => {
  const applied = guard(write([fixture.steps![0]!, ruleStep]));
  assert.equal(applied.status, 0, applied.stderr);
  assert.equal(
    applied.stdout,
    'Ended access to remove (1):\n- rule-tenant-qa01-read-only no longer holds "String.startsWith(user.title, \\"Data\\")", "user.department == \\"Analytics\\"", "String.toLowerCase(user.login) == \\"katherine.johnson@acme.example\\""\n',
  );
  const refused = guard(write([ruleStep, { op: "create", urn: "urn:pulumi:dev::duplocloud-okta-access::duplocloud-okta:okta:AccessGroups$okta:group/group:Group::team-new" }]));
  assert.equal(refused.status, 1);
  assert.equal(
    refused.stdout,
    "Refused: the preview holds changes the clock does not explain (1):\n- create okta:group/group:Group team-new: the expiry run only updates and deletes what ended grants explain, never create\n",
  );
});
