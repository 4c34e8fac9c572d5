import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { buildReport, renderReportMarkdown } from "../../src/review/report";
import { peopleAccess } from "../../src/review/effective-access";
import { diffAccess } from "../../src/review/diff";
import { renderDiffJson, renderDiffMarkdown, type DiffOutcome } from "../../src/review/diff-render";
import { modelOf, validateText } from "../support/access-files";
import { RICH } from "../support/rich-file";

/*
 * Whole outputs of a file that uses every part of the format, held to golden files in test/golden/
 * (reviewed by hand when written; a change in any of them is a change reviewers see). Each golden
 * file is compared exactly, so no field of the model, the report, the diff or its rendering can
 * change unnoticed.
 */

const golden = (name: string) => readFileSync(path.join(__dirname, "..", "golden", name), "utf8");
const goldenJson = (name: string) => JSON.parse(golden(name)) as unknown;
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

test("whole model of the rich file: groups, rules, grants, people, API access, DuploCloud users", () => {
  // The parsed rules are derived from the groups' ruleExpression, which the golden file holds; test/access/rule-reads.test.ts covers them.
  const { parsedRules: _parsed, ...model } = modelOf(RICH);
  assert.deepEqual(json({ ...model, namedAt: [...model.namedAt], namedLines: [...model.namedLines] }), goldenJson("model.json"));
});

test("whole validation of the rich file with a grant past its date: the warning, and where each person is first named", () => {
  const result = validateText(RICH.replace('expires: "2099-01-31"', 'expires: "2020-01-31"'));
  assert.ok(result.ok);
  assert.deepEqual(json({ warnings: result.warnings, namedAt: [...result.model.namedAt] }), goldenJson("validate-warnings.json"));
});

test("whole report of the rich file, as data and as Markdown", () => {
  const report = buildReport(modelOf(RICH));
  assert.deepEqual(json(report), goldenJson("report.json"));
  assert.equal(renderReportMarkdown(report, "access/rich.yaml"), golden("report.md"));
});

test("everyone the rich file names, with what they get and through which path", () => {
  assert.deepEqual(json([...peopleAccess(modelOf(RICH))]), goldenJson("people.json"));
});

const HEAD = RICH.replace("        level: read-only\n", "        level: read-write\n")
  .replace("      mfa: required\n", "      mfa: not-required\n")
  .replace("  - name: data\n", "  - name: data\n    owners: [newowner@acme.example]\n");
const CONTEXT = { stack: "dev", baseRef: "main", basePath: "access/dev.yaml", headPath: "access/dev.yaml" };

test("whole diff of an edit to the rich file, as Markdown and JSON; an owner the pull request adds does not approve", () => {
  const outcome: DiffOutcome = { kind: "compared", context: CONTEXT, diff: diffAccess(modelOf(RICH), modelOf(HEAD)) };
  assert.equal(renderDiffMarkdown(outcome), golden("diff.md"));
  assert.equal(renderDiffJson(outcome), golden("diff.json"));
  assert.deepEqual(outcome.diff.approvers, ["ciso@acme.example", "lead@acme.example"]);
});

test("diff rendering: no change, a new file, a deleted file, and a side that does not validate, each in full", () => {
  const none = renderDiffMarkdown({ kind: "compared", context: CONTEXT, diff: diffAccess(modelOf(RICH), modelOf(RICH)) });
  assert.equal(none, "<!-- duplocloud-okta-access-diff:dev -->\n## Access changes for stack `dev`\n\n`access/dev.yaml` compared with `main`.\n\nNo change of access.\n");
  const added = renderDiffMarkdown({ kind: "compared", context: { stack: "dev", baseRef: "main", headPath: "access/new.yaml" }, diff: { changes: [], approvers: [] } });
  assert.equal(added.split("\n")[3], "`access/new.yaml` is new (not at `main`): everything in it is a gain.");
  const deleted = renderDiffMarkdown({ kind: "compared", context: { stack: "dev", baseRef: "main", basePath: "access/old.yaml" }, diff: { changes: [], approvers: [] } });
  assert.equal(deleted.split("\n")[3], "`access/old.yaml` is deleted: everything it granted is lost.");
  const renamed = renderDiffMarkdown({
    kind: "compared",
    context: { stack: "dev", baseRef: "main", basePath: "a.yaml", headPath: "b.yaml" },
    diff: { changes: [], approvers: [] },
  });
  assert.equal(renamed.split("\n")[3], "`a.yaml` (at `main`) is renamed to `b.yaml`.");
  const problems = [{ file: "access/dev.yaml", line: 3, column: 5, key: "teams[0]", message: "a message with ``` inside" }];
  const invalid: DiffOutcome = { kind: "invalid", context: CONTEXT, side: "head", problems };
  assert.equal(
    renderDiffMarkdown(invalid),
    "<!-- duplocloud-okta-access-diff:dev -->\n## Access changes for stack `dev`\n\n`access/dev.yaml` compared with `main`.\n\n**The head version does not validate, so it was not compared.** Fix these first:\n\n````\naccess/dev.yaml:3:5: teams[0]: a message with ``` inside\n````\n",
  );
  assert.deepEqual(JSON.parse(renderDiffJson(invalid)), { ...CONTEXT, valid: false, side: "head", problems });
  // A narrowing adds the reassurance line; nothing critical, no warning sign; the team has no owners, so the administrators' owners approve.
  const narrowed = diffAccess(modelOf(RICH), modelOf(RICH.replace("    access:\n      - tenant: qa01\n        level: read-only\n", "    access: []\n")));
  const lines = renderDiffMarkdown({ kind: "compared", context: CONTEXT, diff: narrowed }).split("\n");
  assert.deepEqual(lines.slice(5, 8), ["**0 widen access, 0 to read, 3 narrow access.**", "", "Approval needed from the owners: ciso@acme.example"]);
  assert.equal(lines.at(-2), "Access taken away here is taken from the groups only: nobody's Okta account is suspended, deprovisioned or changed.");
});
