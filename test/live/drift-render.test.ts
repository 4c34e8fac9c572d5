import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { evidenceCsv } from "../../src/live/drift/evidence-csv";
import { renderDriftMarkdown } from "../../src/live/drift/render-markdown";
import { PROJECT_DIR } from "../../src/cli/common";
import { driftOf, seedsStoppedAfterTests } from "../support/drift-seed";

/*
 * What the drift check of the seeded org renders, in-process: the evidence CSV as a golden file
 * (UPDATE_GOLDEN=1 rewrites it when a change is intended) and the Markdown report with hostile free
 * text. `npm run drift` as a process is in test/cli/drift.test.ts.
 */

const seeded = seedsStoppedAfterTests();

test("drift golden: the evidence CSV of the org the dev stack leaves, one row per person and access path", async () => {
  const org = await seeded();
  const { result } = await driftOf(org);
  const csv = evidenceCsv(result, "2026-12-02T06:00:00.000Z");
  const golden = path.join(PROJECT_DIR, "test", "golden", "drift-evidence.csv");
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden, csv);
  assert.equal(csv, readFileSync(golden, "utf8"));
});

test("drift Markdown: free text from the org cannot write into the issue", async () => {
  const org = await seeded();
  org.okta.groups.push({ id: "00g00000000000hostil", name: "duploservices-x<img src=x onerror=alert(1)>|`", members: [org.userId("hank.hr@acme.example")] });
  const { live, result } = await driftOf(org);
  const markdown = renderDriftMarkdown(result, { stack: "dev", orgUrl: live.orgUrl, readAt: "2026-12-02T06:00:00.000Z", portalRead: true, appUsersRead: true });
  const row = markdown.split("\n").find((line) => line.includes("hostil") || line.includes("onerror"))!;
  // Every < and backtick is escaped: no HTML, no code span can open.
  assert.doesNotMatch(row, /(?<!\\)[<`]/);
  assert.ok(row.includes("duploservices-x\\<img src=x onerror=alert(1)\\>\\|\\`"), row);
});
