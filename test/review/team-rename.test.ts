import { test } from "node:test";
import assert from "node:assert/strict";
import { diffAccess, type AccessChange } from "../../src/review/diff";
import { formatProblem } from "../../src/access/problems";
import { modelOf, validateText, VALID_ACCESS_FILE } from "../support/access-files";

/*
 * A team renamed with formerName (issue 29): the diff says it was renamed and shows only what else
 * changes, never a loss and a gain; validation refuses a formerName that cannot hand anything over.
 */

const BASE = VALID_ACCESS_FILE.replace("  - name: payments\n", "  - name: payments\n    owners: [lead@acme.example]\n");
const renamed = (text: string) => text.replace("  - name: payments\n", "  - name: payments-core\n    formerName: payments\n");
const change = (fields: Partial<AccessChange> & Pick<AccessChange, "direction" | "kind" | "subject" | "summary">): AccessChange => ({ critical: false, owners: [], ...fields });
const RENAME = change({
  direction: "changes",
  kind: "team-rename",
  subject: "team payments-core",
  summary: "team payments renamed to payments-core: it keeps its Okta group, rule and memberships",
  before: "payments",
  after: "payments-core",
  owners: ["lead@acme.example"],
});
const GROUP_NAME = change({
  direction: "changes",
  kind: "group-name",
  critical: true,
  subject: "team payments-core",
  summary: "Okta group name: duplo-team-payments becomes duplo-team-payments-core",
  before: "duplo-team-payments",
  after: "duplo-team-payments-core",
  owners: ["lead@acme.example"],
});

test("rename: a team renamed with formerName is a rename and its group's new name, no loss and no gain", () => {
  assert.deepEqual(diffAccess(modelOf(BASE), modelOf(renamed(BASE))), { changes: [GROUP_NAME, RENAME], approvers: ["lead@acme.example"] });
});

test("rename: a rename that also changes access shows the rename and that change, approved by the old team's owners", () => {
  const head = renamed(BASE).replace("      - tenant: dev01\n        level: read-write", "      - tenant: dev01\n        level: read-only");
  assert.deepEqual(diffAccess(modelOf(BASE), modelOf(head)), {
    changes: [
      GROUP_NAME,
      RENAME,
      change({
        direction: "narrows",
        kind: "tenant",
        subject: "team payments-core",
        summary: "tenant dev01: read-write becomes read-only",
        before: "read-write",
        after: "read-only",
        owners: ["lead@acme.example"],
      }),
    ],
    approvers: ["lead@acme.example"],
  });
});

test("rename: the same rename without formerName is a team lost and a team gained", () => {
  const head = BASE.replace("  - name: payments\n", "  - name: payments-core\n");
  const subjects = diffAccess(modelOf(BASE), modelOf(head)).changes.map((c) => `${c.direction} ${c.subject}: ${c.summary}`);
  assert.deepEqual(subjects, [
    "widens team payments-core: gains Okta group owner lead@acme.example",
    "widens team payments-core: gains tenant dev01: read-write",
    "widens team payments-core: is now also filled by a rule",
    "narrows team payments: is no longer filled by a rule",
    "narrows team payments: loses Okta group owner lead@acme.example",
    "narrows team payments: loses tenant dev01: read-write",
  ]);
});

test("rename: once deployed, removing formerName changes nothing", () => {
  assert.deepEqual(diffAccess(modelOf(renamed(BASE)), modelOf(renamed(BASE).replace("    formerName: payments\n", ""))), { changes: [], approvers: [] });
});

test("rename: validation refuses a formerName that is the team's own name, a current team's, or another team's", () => {
  const problems = (text: string) => {
    const result = validateText(text);
    return result.ok ? [] : result.problems.map(formatProblem);
  };
  assert.deepEqual(problems(BASE.replace("  - name: payments\n", "  - name: payments\n    formerName: payments\n")), [
    "access/test.yaml:12:17: teams[0].formerName: is the team's own name; remove formerName, or set it to the name the team had before",
  ]);
  assert.deepEqual(problems(BASE.replace("  - name: payments\n", "  - name: payments\n    formerName: oncall\n")), [
    'access/test.yaml:12:17: teams[0].formerName: team "oncall" still exists, so payments cannot take over its Okta group; remove formerName, or rename or remove team oncall',
  ]);
  assert.deepEqual(problems(renamed(BASE).replace("  - name: oncall\n", "  - name: oncall-2\n    formerName: payments\n")), [
    'access/test.yaml:19:17: teams[1].formerName: team payments-core already names "payments" as its former name; only one team can keep its Okta group',
  ]);
});
