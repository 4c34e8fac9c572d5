import { test } from "node:test";
import assert from "node:assert/strict";
import { audienceOf, diffAudience, groupAudiences, SnapshotRules } from "../../src/review/audience";
import { renderAudience, renderAudienceChanges, summarise } from "../../src/review/audience-render";
import { diffAccess } from "../../src/review/diff";
import { snapshotGroupMembers } from "../../src/review/directory-members";
import { applyEvidence } from "../../src/review/evidence";
import { buildReport, renderReportMarkdown } from "../../src/review/report";
import type { DirectorySnapshot } from "../../src/review/directory";
import { buildReviews } from "../../src/review/certify";
import { readDecisions, renderReview } from "../../src/review/certify-markdown";
import { modelOf, validateText, VALID_ACCESS_FILE } from "../support/access-files";

/*
 * Who is in a group a directory masters, by name: the file cannot list them, so the report, the
 * audience and the diff read them from a directory snapshot, say that they come from the directory,
 * and say when they are not known (no snapshot, or one taken without the group's members).
 */

const DEV01_RW = "00g0000000dev01rwad1";
const BASE = VALID_ACCESS_FILE;
/** dev01's read-write group from the directory; team payments moves to dev01 read-only. */
const HEAD = VALID_ACCESS_FILE.replace(
  "  tenants: [dev01, qa01]\n",
  `  tenants: [dev01, qa01]\n  tenantGroupImports:\n    - { tenant: dev01, level: read-write, importId: ${DEV01_RW}, source: directory }\n`,
).replace("      - tenant: dev01\n        level: read-write\n", "      - tenant: dev01\n        level: read-only\n");

const SNAPSHOT: DirectorySnapshot = {
  version: 1,
  takenAt: "2026-06-14T09:00:00Z",
  source: "okta-api",
  attributes: ["department"],
  groups: [{ id: DEV01_RW, name: "duploservices-dev01" }],
  users: [
    { login: "Ann@Acme.example", status: "ACTIVE", profile: { department: "Ops" }, groups: [DEV01_RW] },
    { login: "cy@acme.example", status: "SUSPENDED", profile: { department: "Ops" }, groups: [DEV01_RW] },
    { login: "pat@acme.example", status: "ACTIVE", profile: { department: "Payments" }, groups: [] },
  ],
};
/** The same people, taken without memberships (an older snapshot, or a CSV export). */
const { groups: _groups, ...withoutGroups } = SNAPSHOT;
const WITHOUT_MEMBERS: DirectorySnapshot = { ...withoutGroups, users: SNAPSHOT.users.map(({ groups: _memberships, ...user }) => user) };

const row = (markdown: string) => markdown.split("\n").find((line) => line.startsWith("| duploservices-dev01 |"));
const audienceLines = (lines: readonly string[]) => lines.filter((line) => line.startsWith("- "));

test("report: a directory group's members by name from the snapshot, said to come from the directory; without a snapshot, not known offline", () => {
  const model = modelOf(HEAD);
  const withSnapshot = buildReport(model, snapshotGroupMembers(SNAPSHOT));
  assert.deepEqual(
    withSnapshot.groups.find((group) => group.group === "duploservices-dev01"),
    {
      group: "duploservices-dev01",
      grants: "tenant dev01: read-write",
      explicitMembers: [],
      owners: [],
      directory: { groupId: DEV01_RW, members: ["ann@acme.example"], membersWhoCannotSignIn: 1 },
    },
  );
  assert.equal(
    row(renderReportMarkdown(withSnapshot, "access/test.yaml")),
    `| duploservices-dev01 | tenant dev01: read-write | the directory, not the file (APP_GROUP ${DEV01_RW}, source: directory): 1 member who can sign in, in the snapshot: ann@acme.example; 1 more cannot sign in | - |`,
  );
  assert.equal(
    row(renderReportMarkdown(buildReport(model), "access/test.yaml")),
    `| duploservices-dev01 | tenant dev01: read-write | the directory, not the file (APP_GROUP ${DEV01_RW}, source: directory): members not known offline (the directory decides them); pass --directory SNAPSHOT from npm run directory | - |`,
  );
  assert.equal(
    row(renderReportMarkdown(buildReport(model, snapshotGroupMembers(WITHOUT_MEMBERS)), "access/test.yaml")),
    `| duploservices-dev01 | tenant dev01: read-write | the directory, not the file (APP_GROUP ${DEV01_RW}, source: directory): members not in the snapshot (taken without this group's members); take a new one with npm run directory | - |`,
  );
});

test("audience: a directory tenant group gives its level to its members who can sign in; a snapshot without them says so", () => {
  const model = modelOf(HEAD);
  assert.deepEqual(audienceLines(renderAudience(summarise(SNAPSHOT), audienceOf(model, SNAPSHOT))), [
    "- **platform role administrators**: 2 people: ada@acme.example, grace@acme.example",
    "- **tenant dev01 read-only**: 1 person: pat@acme.example",
    "- **tenant dev01 read-write**: 1 person: ann@acme.example",
    "- **tenant qa01 read-only**: 1 person: ada@acme.example",
  ]);
  assert.deepEqual(audienceLines(renderAudience(summarise(WITHOUT_MEMBERS), audienceOf(model, WITHOUT_MEMBERS))), [
    "- **platform role administrators**: 2 people: ada@acme.example, grace@acme.example",
    "- **tenant dev01 read-only**: 1 person: pat@acme.example",
    "- **tenant dev01 read-write**: the members of directory group duploservices-dev01 are not in the snapshot (taken without this group's members); take a new one with npm run directory",
    "- **tenant qa01 read-only**: 1 person: ada@acme.example",
  ]);
});

test("diff: referencing a directory group widens and is critical, another ID widens too; with a snapshot, who gains it by name", () => {
  const [base, head] = [modelOf(BASE), modelOf(HEAD)];
  const adoption = (changes: ReturnType<typeof diffAccess>["changes"]) => changes.filter((change) => change.kind === "directory-group");
  assert.deepEqual(adoption(diffAccess(base, head).changes), [
    {
      kind: "directory-group",
      critical: true,
      subject: "tenant dev01 read-write group",
      direction: "widens",
      summary: `references the existing Okta group mastered by a directory (APP_GROUP) ${DEV01_RW}: whoever the directory puts in it gets this access, and the file cannot narrow who that is`,
      after: DEV01_RW,
      owners: [],
    },
  ]);
  const other = modelOf(HEAD.replace(DEV01_RW, "00g0000000dev01rwad2"));
  assert.deepEqual(adoption(diffAccess(head, other).changes), [
    {
      kind: "directory-group",
      critical: true,
      subject: "tenant dev01 read-write group",
      before: DEV01_RW,
      after: "00g0000000dev01rwad2",
      direction: "widens",
      summary: `now references the Okta group mastered by a directory (APP_GROUP) 00g0000000dev01rwad2 instead of ${DEV01_RW}: whoever the directory puts in it gets this access, and the file cannot narrow who that is`,
      owners: [],
    },
  ]);
  assert.deepEqual(
    adoption(diffAccess(head, base).changes).map((change) => [change.direction, change.critical, change.summary]),
    [
      [
        "changes",
        true,
        `no longer references the existing Okta group mastered by a directory (APP_GROUP) ${DEV01_RW}: the stack stops referencing it, and the group keeps the members the directory gives it (DuploCloud still reads a tenant group by its name)`,
      ],
    ],
  );

  const rules = new SnapshotRules(SNAPSHOT);
  assert.deepEqual(audienceLines(renderAudienceChanges(summarise(SNAPSHOT), diffAudience(audienceOf(base, rules), audienceOf(head, rules)))), [
    "- **+1 person gains tenant dev01 read-only**: pat@acme.example",
    "- **+1 person gains tenant dev01 read-write**: ann@acme.example",
    "- **−1 person loses tenant dev01 read-write**: pat@acme.example",
  ]);
  const evidenced = applyEvidence(diffAccess(base, head), { base, head, baseAudiences: groupAudiences(base, rules), headAudiences: groupAudiences(head, rules) });
  assert.equal(
    adoption(evidenced.changes)[0]!.summary,
    `references the existing Okta group mastered by a directory (APP_GROUP) ${DEV01_RW}: whoever the directory puts in it gets this access, and the file cannot narrow who that is: the directory snapshot shows it letting in 1 person and out 0 people`,
  );
  // Without the group's members, the diff says whom it cannot name rather than "nobody".
  const blind = new SnapshotRules(WITHOUT_MEMBERS);
  assert.deepEqual(audienceLines(renderAudienceChanges(summarise(WITHOUT_MEMBERS), diffAudience(audienceOf(base, blind), audienceOf(head, blind)))), [
    "- **+1 person gains tenant dev01 read-only**: pat@acme.example",
    "- **−1 person loses tenant dev01 read-write**: pat@acme.example",
    "- **tenant dev01 read-write**: the members of directory group duploservices-dev01 are not in the snapshot (taken without this group's members); take a new one with npm run directory",
  ]);
});

test("certify: a directory group's members are listed for the administrators' owners to see, from the directory, with nothing to tick; without a snapshot, not known", () => {
  const text = HEAD.replace("    members: [ada@acme.example, grace@acme.example]\n", "    members: [ada@acme.example, grace@acme.example]\n    owners: [ada@acme.example]\n");
  const validation = validateText(text);
  assert.ok(validation.ok);
  const section = (snapshot?: DirectorySnapshot) => {
    const review = buildReviews(validation.model, validation.source.data, snapshot).find((candidate) => candidate.owner === "ada@acme.example")!;
    const markdown = renderReview(review, { stack: "dev", accessFile: "access/test.yaml" });
    const lines = markdown.split("\n");
    const start = lines.indexOf("## tenant dev01 read-write (group duploservices-dev01)");
    const end = lines.findIndex((line, index) => index > start && line.startsWith("## "));
    return { lines: lines.slice(start, end < 0 ? undefined : end), decisions: readDecisions(markdown) };
  };
  const named = section(SNAPSHOT);
  assert.deepEqual(named.lines, [
    "## tenant dev01 read-write (group duploservices-dev01)",
    "",
    "DuploCloud tenant dev01, read-write. Mastered by a directory (APP\\_GROUP): referenced, never written by Pulumi.",
    "",
    "Gives: tenant dev01: read-write.",
    "",
    "This group has no owners of its own: it goes to the administrators' owners.",
    "",
    "Its members come from the directory that masters the group (source: directory), not from the file: nothing to tick here. To take someone out, ask the directory's administrators.",
    "",
    "- ann@acme.example",
    "",
    "1 more member cannot sign in.",
    "",
  ]);
  // Nothing of the directory group reaches --verify or --apply.
  assert.deepEqual(
    named.decisions.filter((line) => line.groupKey === "tenant-dev01-read-write"),
    [],
  );
  assert.deepEqual(section().lines.slice(-4, -1), [
    "Its members come from the directory that masters the group (source: directory), not from the file: nothing to tick here. To take someone out, ask the directory's administrators.",
    "",
    "Members: not known offline (the directory decides them); pass --directory SNAPSHOT from npm run directory.",
  ]);
});

test("report and audience: a directory role group's members by name from the snapshot, in the role's audience", () => {
  const READ_ONLY = "00g00000000readonly1";
  const model = modelOf(HEAD.replace('    rule: user.department == "Engineering"\n', `    importId: ${READ_ONLY}\n    source: directory\n`));
  const snapshot: DirectorySnapshot = {
    ...SNAPSHOT,
    groups: [...SNAPSHOT.groups!, { id: READ_ONLY, name: "duplo-readonly" }],
    users: SNAPSHOT.users.map((user) => (user.login === "pat@acme.example" ? { ...user, groups: [READ_ONLY] } : user)),
  };
  assert.equal(
    renderReportMarkdown(buildReport(model, snapshotGroupMembers(snapshot)), "access/test.yaml")
      .split("\n")
      .find((line) => line.startsWith("| duplo-readonly |")),
    `| duplo-readonly | DuploCloud read-only platform user | the directory, not the file (APP_GROUP ${READ_ONLY}, source: directory): 1 member who can sign in, in the snapshot: pat@acme.example | - |`,
  );
  assert.deepEqual(audienceOf(model, snapshot).people.get("platform role readOnly"), ["pat@acme.example"]);
});
