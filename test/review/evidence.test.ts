import { test } from "node:test";
import assert from "node:assert/strict";
import type { DirectorySnapshot } from "../../src/review/directory";
import { groupAudiences, SnapshotRules } from "../../src/review/audience";
import { diffAccess, type AccessChange } from "../../src/review/diff";
import { applyEvidence } from "../../src/review/evidence";
import { renderDiffMarkdown } from "../../src/review/diff-render";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

/*
 * Evidence counts (issue 21): with a directory snapshot, a changed rule is classed by the people the
 * snapshot shows it letting in or out, in the changes, the headline and the approvals.
 */

const SNAPSHOT: DirectorySnapshot = {
  version: 1,
  takenAt: "2026-11-28T09:00:00.000Z",
  source: "okta-api",
  attributes: ["department", "title"],
  users: [
    { login: "bob@acme.example", status: "ACTIVE", profile: { department: "Payments", title: null } },
    { login: "dee@acme.example", status: "ACTIVE", profile: { department: "Billing", title: "Lead" } },
    { login: "fay@acme.example", status: "ACTIVE", profile: { department: "Billing", title: "Intern" } },
    { login: "gil@acme.example", status: "SUSPENDED", profile: { department: "Billing", title: null } },
  ],
};
const BASE = VALID_ACCESS_FILE.replace('    rule: user.department == "Payments"\n', '    owners: [lead@acme.example]\n    rule: user.department == "Payments"\n');
const withRule = (rule: string) => BASE.replace('rule: user.department == "Payments"', `rule: '${rule}'`);

function evidenced(headText: string, baseText = BASE) {
  const [base, head] = [modelOf(baseText), modelOf(headText)];
  const rules = new SnapshotRules(SNAPSHOT);
  return applyEvidence(diffAccess(base, head), { base, head, baseAudiences: groupAudiences(base, rules), headAudiences: groupAudiences(head, rules) });
}
const ruleChange = (fields: Pick<AccessChange, "direction" | "summary" | "after">): AccessChange => ({
  kind: "rule",
  critical: false,
  subject: "team payments",
  before: 'user.department == "Payments"',
  owners: ["lead@acme.example"],
  ...fields,
});

test("evidence: a changed rule the snapshot shows letting people in widens, counted in the headline and approved by the team's owners", () => {
  const after = 'user.department == "Payments" OR user.department == "Billing"';
  const diff = evidenced(withRule(after));
  assert.deepEqual(diff, {
    changes: [ruleChange({ direction: "widens", summary: "membership rule changes: the directory snapshot shows it letting in 2 people and out 0 people", after })],
    approvers: ["lead@acme.example"],
  });
  const markdown = renderDiffMarkdown({ kind: "compared", context: { stack: "dev", baseRef: "main", basePath: "a.yaml", headPath: "a.yaml" }, diff });
  assert.deepEqual(markdown.split("\n").slice(5, 8), ["**1 widen access, 0 to read, 0 narrow access.**", "", "Approval needed from the owners: lead@acme.example"]);
});

test("evidence: a changed rule that only lets people out narrows; one the snapshot cannot tell apart stays to be read", () => {
  const narrower = 'user.department == "Payments" AND user.title == "Lead"';
  assert.deepEqual(evidenced(withRule(narrower)).changes, [
    ruleChange({ direction: "narrows", summary: "membership rule changes: the directory snapshot shows it letting in 0 people and out 1 person", after: narrower }),
  ]);
  // Nobody in the snapshot moves (the suspended Billing person does not count): no evidence, still to be read.
  const same = 'user.department == "Payments" OR user.title == "CFO"';
  assert.deepEqual(evidenced(withRule(same)).changes, [ruleChange({ direction: "changes", summary: "membership rule changes", after: same })]);
  // An attribute the snapshot lacks: undecided people are not counted either way.
  const unknown = 'user.department == "Payments" OR user.city == "Paris"';
  assert.deepEqual(evidenced(withRule(unknown)).changes, [ruleChange({ direction: "changes", summary: "membership rule changes", after: unknown })]);
});

test("evidence: a change on a critical role's rule letting people in is a critical widening", () => {
  const head = BASE.replace('rule: user.department == "Engineering"', 'rule: \'user.department == "Engineering" OR user.department == "Billing"\'');
  assert.deepEqual(evidenced(head).changes, [
    {
      kind: "rule",
      critical: true,
      subject: "platform role readOnly",
      direction: "widens",
      summary: "membership rule changes: the directory snapshot shows it letting in 2 people and out 0 people",
      before: 'user.department == "Engineering"',
      after: 'user.department == "Engineering" OR user.department == "Billing"',
      owners: [],
    },
  ]);
});
