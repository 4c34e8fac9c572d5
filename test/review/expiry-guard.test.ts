import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { clockChanges, judgePreview, orTerms, typeAndName, type PlannedResourceLike, type PreviewDigest, type PreviewStep } from "../../src/review/expiry-guard";

// The hourly expiry run's guard on `pulumi preview --json` digests in Pulumi's documented format
// (sdk/go/common/display/json.go, PreviewDigest and PreviewStep). The fixture is the preview of a
// deployed commit once data-science's qa01 grant and grace's temporary sandbox access have ended.
const ONLY_ENDED = JSON.parse(readFileSync(path.join(__dirname, "fixtures", "preview-expiry-only-ended.json"), "utf8")) as PreviewDigest;

const QA_RULE_BEFORE =
  '(user.department == "Payments") OR (String.startsWith(user.title, "Data") OR user.department == "Analytics" OR String.toLowerCase(user.login) == "katherine.johnson@acme.example")';
const rule = (name: string, expressionValue: string): PlannedResourceLike => ({
  type: "okta:group/rule:Rule",
  name,
  inputs: { expressionValue, expressionType: "urn:okta:expression:1.0", groupAssignments: [`${name}-group-id`], name, removeAssignedUsers: true, status: "ACTIVE" },
});
const app: PlannedResourceLike = { type: "okta:app/oAuth:OAuth", name: "duplocloud-app", inputs: { label: "DuploCloud (dev)", type: "web" } };
// The offline plans of the deployed file: before (every grant counted) and now.
const BEFORE: PlannedResourceLike[] = [
  app,
  rule("rule-tenant-qa01-read-only", QA_RULE_BEFORE),
  { type: "okta:group/group:Group", name: "tenant-sandbox-read-only", inputs: { name: "duplo-ro-sandbox" } },
  rule("rule-tenant-sandbox-read-only", 'String.toLowerCase(user.login) == "grace.hopper@acme.example"'),
  {
    type: "okta:app/groupAssignment:GroupAssignment",
    name: "app-assignment-tenant-sandbox-read-only",
    inputs: { appId: "duplocloud-app-id", groupId: "tenant-sandbox-read-only-id" },
  },
];
const NOW: PlannedResourceLike[] = [app, rule("rule-tenant-qa01-read-only", 'user.department == "Payments"')];
const CLOCK = clockChanges(BEFORE, NOW);

/** The fixture with its steps changed by `edit`. */
function variant(edit: (steps: PreviewStep[]) => PreviewStep[]): PreviewDigest {
  return { ...ONLY_ENDED, steps: edit(structuredClone([...ONLY_ENDED.steps!])) };
}

test("guard: a preview where only ended grants go is applied, and says what goes", () => {
  assert.deepEqual(judgePreview(ONLY_ENDED, CLOCK), {
    apply: true,
    refused: [],
    removals: [
      'rule-tenant-qa01-read-only no longer holds "String.startsWith(user.title, \\"Data\\")", "user.department == \\"Analytics\\"", "String.toLowerCase(user.login) == \\"katherine.johnson@acme.example\\""',
      "app-assignment-tenant-sandbox-read-only (okta:app/groupAssignment:GroupAssignment) is deleted: every grant it served has ended",
      "rule-tenant-sandbox-read-only (okta:group/rule:Rule) is deleted: every grant it served has ended",
      "tenant-sandbox-read-only (okta:group/group:Group) is deleted: every grant it served has ended",
    ],
  });
});

test("guard: a create is refused", () => {
  const created = variant((steps) => [
    ...steps,
    {
      op: "create",
      urn: "urn:pulumi:dev::duplocloud-okta-access::duplocloud-okta:okta:AccessGroups$okta:group/group:Group::team-intruders",
      newState: { type: "okta:group/group:Group", inputs: { name: "duplo-team-intruders" } },
    },
  ]);
  assert.deepEqual(judgePreview(created, CLOCK).refused, [
    "create okta:group/group:Group team-intruders: the expiry run only updates and deletes what ended grants explain, never create",
  ]);
  assert.equal(judgePreview(created, CLOCK).apply, false);
});

test("guard: a replace is refused, even of a resource the clock changes", () => {
  const replaced = variant((steps) =>
    steps.map((step) => (step.op === "update" ? { ...step, op: "replace", replaceReasons: ["groupAssignments"], diffReasons: ["groupAssignments"] } : step)),
  );
  assert.deepEqual(judgePreview(replaced, CLOCK), {
    apply: false,
    refused: ["replace okta:group/rule:Rule rule-tenant-qa01-read-only: the expiry run only updates and deletes what ended grants explain, never replace"],
    removals: judgePreview(ONLY_ENDED, CLOCK).removals.slice(1),
  });
});

test("guard: an update that adds a rule term is refused, though the rule is one the clock changes", () => {
  const widened = variant((steps) =>
    steps.map((step) =>
      step.op === "update"
        ? {
            ...step,
            newState: {
              ...step.newState,
              inputs: { ...step.newState!.inputs, expressionValue: '(user.department == "Payments") OR String.toLowerCase(user.login) == "mallory@evil.example"' },
            },
          }
        : step,
    ),
  );
  assert.deepEqual(judgePreview(widened, CLOCK).refused, [
    'update okta:group/rule:Rule rule-tenant-qa01-read-only: the rule gains "String.toLowerCase(user.login) == \\"mallory@evil.example\\""; only ended grants may leave a rule',
  ]);
});

test("guard: an update of an input the clock does not change, and a delete it does not explain, are refused", () => {
  const other = variant((steps) => [
    ...steps.map((step) => (step.op === "update" ? { ...step, diffReasons: ["expressionValue", "status"] } : step)),
    { op: "update", urn: steps[0]!.urn, oldState: steps[0]!.oldState!, newState: steps[0]!.newState!, diffReasons: ["label"] },
    {
      op: "delete",
      urn: "urn:pulumi:dev::duplocloud-okta-access::duplocloud-okta:okta:AccessGroups$okta:group/group:Group::role-administrators",
      oldState: { type: "okta:group/group:Group" },
    },
    { op: "refresh", urn: steps[0]!.urn },
  ]);
  assert.deepEqual(judgePreview(other, CLOCK).refused, [
    "update okta:group/rule:Rule rule-tenant-qa01-read-only: changes status, which no grant that ended explains",
    "update okta:app/oAuth:OAuth duplocloud-app: changes label, which no grant that ended explains",
    "delete okta:group/group:Group role-administrators: no grant that ended explains deleting it",
    "refresh okta:app/oAuth:OAuth duplocloud-app: the expiry run only updates and deletes what ended grants explain, never refresh",
  ]);
});

test("guard: rule terms are compared whatever parentheses wrap them; URNs name the type and the logical name", () => {
  assert.deepEqual(orTerms('((a == "x OR y") OR b) or (c AND (d OR e)) || f'), ['a == "x OR y"', "b", "c AND (d OR e)", "f"]);
  assert.deepEqual(typeAndName("urn:pulumi:dev::p::duplocloud-okta:okta:AccessGroups$okta:group/rule:Rule::rule-team-a"), { type: "okta:group/rule:Rule", name: "rule-team-a" });
});
