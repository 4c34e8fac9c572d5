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
const ACCESS_FILE = { path: "access/dev.yaml", commit: "0123456789abcdef0123456789abcdef01234567", differs: false };

test("drift golden: the evidence CSV of the org the dev stack leaves, one row per person and access path", async () => {
  const org = await seeded();
  const { result } = await driftOf(org);
  const csv = evidenceCsv(result, "2026-12-02T06:00:00.000Z", ACCESS_FILE);
  const golden = path.join(PROJECT_DIR, "test", "golden", "drift-evidence.csv");
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden, csv);
  assert.equal(csv, readFileSync(golden, "utf8"));
});

test("drift Markdown: free text from the org cannot write into the issue", async () => {
  const org = await seeded();
  org.okta.groups.push({ id: "00g00000000000hostil", name: "duploservices-x<img src=x onerror=alert(1)>|`", members: [org.userId("hank.hr@acme.example")] });
  const { live, result } = await driftOf(org);
  const markdown = renderDriftMarkdown(result, {
    stack: "dev",
    orgUrl: live.orgUrl,
    readAt: "2026-12-02T06:00:00.000Z",
    portalRead: true,
    appUsersRead: true,
    accessFile: ACCESS_FILE,
  });
  const row = markdown.split("\n").find((line) => line.includes("hostil") || line.includes("onerror"))!;
  // Every < and backtick is escaped: no HTML, no code span can open.
  assert.doesNotMatch(row, /(?<!\\)[<`]/);
  assert.ok(row.includes("duploservices-x\\<img src=x onerror=alert(1)\\>\\|\\`"), row);
});

test("drift Markdown: names the access file and its commit, says when the working tree differs, and lists the access with an end date", async () => {
  const org = await seeded();
  const { live, result } = await driftOf(org);
  const header = { stack: "dev", orgUrl: live.orgUrl, readAt: "2026-12-02T06:00:00.000Z", portalRead: true, appUsersRead: true };
  const markdown = renderDriftMarkdown(result, { ...header, accessFile: ACCESS_FILE });
  assert.equal(
    markdown,
    [
      "## Access drift: stack `dev`",
      "",
      "Org `https://acme-dev.oktapreview.com`, read 2026-12-02T06:00:00.000Z.",
      "",
      "Access file access/dev.yaml at commit 0123456789abcdef0123456789abcdef01234567.",
      "",
      "No finding: the live org matches the access file.",
      "",
      "### Access with an end date",
      "",
      "- frank.analytics@acme.example: tenant qa01 read-only until 2099-12-31",
      "- katherine.johnson@acme.example: tenant qa01 read-only until 2099-12-31",
      "- lead.data@acme.example: tenant qa01 read-only until 2099-12-31",
      "",
      "### Super and org admins",
      "",
      "Nobody the drift check read holds SUPER\\_ADMIN or ORG\\_ADMIN.",
      "",
    ].join("\n"),
  );
  const edited = renderDriftMarkdown(result, { ...header, accessFile: { ...ACCESS_FILE, differs: true } });
  assert.ok(edited.includes("Access file access/dev.yaml at commit 0123456789abcdef0123456789abcdef01234567, with changes in the working tree not in that commit.\n"), edited);
});
