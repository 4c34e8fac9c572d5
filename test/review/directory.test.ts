import { test } from "node:test";
import assert from "node:assert/strict";
import { readSnapshot, snapshotFromCsv, type DirectorySnapshot } from "../../src/review/directory";
import { audienceOf, diffAudience } from "../../src/review/audience";
import { renderAudience, renderAudienceChanges, summarise } from "../../src/review/audience-render";
import { renderDiffJson, renderDiffMarkdown } from "../../src/review/diff-render";
import { buildReport, renderReportMarkdown } from "../../src/review/report";
import { compareStack } from "../../src/review/compare-revisions";
import { gitRepo } from "../support/git-repo";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

const SNAPSHOT: DirectorySnapshot = {
  version: 1,
  takenAt: "2026-11-28T09:00:00.000Z",
  source: "okta-api",
  attributes: ["department", "title"],
  users: [
    { login: "ada@acme.example", status: "ACTIVE", profile: { department: "Engineering", title: "Staff" } },
    { login: "bob@acme.example", status: "ACTIVE", profile: { department: "Payments", title: null } },
    { login: "cy@acme.example", status: "SUSPENDED", profile: { department: "Payments", title: null } },
    { login: "dee@acme.example", status: "ACTIVE", profile: { department: "Billing", title: "Lead" } },
    { login: "fay@acme.example", status: "ACTIVE", profile: { department: "Billing", title: "Intern" } },
  ],
};

test("audience: who each tenant level and role reaches, explicit members and rule matches, only people who can sign in", () => {
  const audience = audienceOf(modelOf(VALID_ACCESS_FILE), SNAPSHOT);
  assert.deepEqual(Object.fromEntries(audience.people), {
    "platform role administrators": ["ada@acme.example", "grace@acme.example"],
    "platform role readOnly": ["ada@acme.example"],
    "tenant dev01 read-write": ["bob@acme.example"],
    "tenant qa01 read-only": ["ada@acme.example"],
  });
  assert.deepEqual(Object.fromEntries(audience.undecided), {});
});

test("diff with a directory: the people a rule change adds or removes, by name and count; what cannot be decided is said", () => {
  const base = modelOf(VALID_ACCESS_FILE);
  const broader = modelOf(VALID_ACCESS_FILE.replace('rule: user.department == "Payments"', 'rule: user.department == "Payments" OR user.department == "Billing"'));
  const changes = diffAudience(audienceOf(base, SNAPSHOT), audienceOf(broader, SNAPSHOT));
  assert.deepEqual(changes, [{ key: "tenant dev01 read-write", gained: ["dee@acme.example", "fay@acme.example"], lost: [], undecided: [] }]);
  assert.deepEqual(renderAudienceChanges(summarise(SNAPSHOT), changes), [
    "",
    "### Who the rules really match",
    "",
    "Directory snapshot taken 2026-11-28T09:00:00.000Z (okta-api): 4 people who can sign in; 1 who cannot (suspended, deprovisioned, not yet activated) are left out.",
    "",
    "- **+2 people gain tenant dev01 read-write**: dee@acme.example, fay@acme.example",
  ]);
  // Narrowed, and a rule reading an attribute the snapshot lacks.
  const city = modelOf(VALID_ACCESS_FILE.replace('rule: user.department == "Payments"', 'rule: user.department == "Payments" AND user.city == "Paris"'));
  const undecided = diffAudience(audienceOf(broader, SNAPSHOT), audienceOf(city, SNAPSHOT));
  const unknownCity = "the directory snapshot does not hold user.city";
  assert.deepEqual(undecided, [
    { key: "tenant dev01 read-write", gained: [], lost: ["dee@acme.example", "fay@acme.example"], undecided: [{ login: "bob@acme.example", reason: unknownCity }] },
  ]);
  assert.deepEqual(renderAudienceChanges(summarise(SNAPSHOT), undecided).slice(5), [
    "- **−2 people lose tenant dev01 read-write**: dee@acme.example, fay@acme.example",
    `- 1 person undecided for tenant dev01 read-write: bob@acme.example (${unknownCity})`,
  ]);
  // The same file against itself: nobody gains or loses.
  assert.deepEqual(diffAudience(audienceOf(city, SNAPSHOT), audienceOf(city, SNAPSHOT)), []);
});

test("directory: an Okta CSV export is a snapshot too (header names the attributes; empty cells are null)", () => {
  const csv = "\ufeffUsername,Status,department,title\nAda@acme.example,active,Engineering,\nbob@acme.example,SUSPENDED,Payments,Lead\n";
  assert.deepEqual(
    { ...snapshotFromCsv("users.csv", csv), takenAt: "" },
    {
      version: 1,
      takenAt: "",
      source: "csv",
      attributes: ["department", "title"],
      users: [
        { login: "ada@acme.example", status: "ACTIVE", profile: { department: "Engineering", title: null } },
        { login: "bob@acme.example", status: "SUSPENDED", profile: { department: "Payments", title: "Lead" } },
      ],
    },
  );
  assert.throws(() => snapshotFromCsv("users.csv", "email,department\na@b.c,x\n"), {
    message: "users.csv: the header needs a login (or Username) column and a status column; found email, department",
  });
  assert.throws(() => readSnapshot("snap.json", '{"version":2}'), { message: "snap.json: version: Invalid input: expected 1; take a new snapshot with npm run directory" });
});

test("diff and report with --directory: the section follows the changes, escaped; JSON carries the same", () => {
  const repo = gitRepo({ "Pulumi.dev.yaml": "config:\n  duplocloud-okta-access:accessFile: access/dev.yaml\n", "access/dev.yaml": VALID_ACCESS_FILE });
  repo.commit("billing joins payments", {
    "access/dev.yaml": VALID_ACCESS_FILE.replace('rule: user.department == "Payments"', 'rule: user.department == "Payments" OR user.department == "Billing"'),
  });
  const hostile: DirectorySnapshot = {
    ...SNAPSHOT,
    users: [...SNAPSHOT.users, { login: "x<!--@acme.example", status: "ACTIVE", profile: { department: "Billing", title: null } }],
  };
  const outcome = compareStack(repo.dir, "dev", "HEAD~1", "HEAD", hostile);
  const markdown = renderDiffMarkdown(outcome);
  assert.equal(markdown.split("\n").at(-2), "- **+3 people gain tenant dev01 read-write**: dee@acme.example, fay@acme.example, x\\<\\!--`@acme`.example");
  assert.deepEqual(JSON.parse(renderDiffJson(outcome)).audience.changes, [
    { key: "tenant dev01 read-write", gained: ["dee@acme.example", "fay@acme.example", "x<!--@acme.example"], lost: [], undecided: [] },
  ]);
  const model = modelOf(VALID_ACCESS_FILE);
  const report = renderReportMarkdown(buildReport(model), "access/dev.yaml", renderAudience(summarise(SNAPSHOT), audienceOf(model, SNAPSHOT)));
  assert.deepEqual(report.split("\n").slice(-6), [
    "",
    "- **platform role administrators**: 2 people: ada@acme.example, grace@acme.example",
    "- **platform role readOnly**: 1 person: ada@acme.example",
    "- **tenant dev01 read-write**: 1 person: bob@acme.example",
    "- **tenant qa01 read-only**: 1 person: ada@acme.example",
    "",
  ]);
});
