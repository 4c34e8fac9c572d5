import { test } from "node:test";
import assert from "node:assert/strict";
import { stackSettingFacts } from "../../src/review/stack-facts";
import { markdownCode, markdownCodeBlock, markdownText } from "../../src/review/markdown";
import { readSnapshot, snapshotFromCsv, subjectOf, type DirectorySnapshot } from "../../src/review/directory";

/* Small modules of the review, each output in full. */

test("stack settings as facts: every key, sorted; retry tuning not critical, everything else critical; secrets by fingerprint", () => {
  const values = {
    "p:accessFile": "access/dev.yaml",
    "okta:backoff": "true",
    "okta:maxRetries": "5",
    "okta:minWaitSeconds": "1",
    "okta:maxWaitSeconds": "30",
    "okta:maxApiCapacity": "60",
    "okta:parallelism": "4",
    "okta:requestTimeout": "10",
    "duplocloud:writeWaitSeconds": "120",
    "duplocloud:token": "v1:AAAA",
    "aws:region": "us-west-2",
  };
  const facts = stackSettingFacts({ values, secretKeys: new Set(["duplocloud:token"]) });
  const fact = (what: string, value: string, critical: boolean) => ({ key: `stack|${what}`, kind: "stack-setting", subject: "the stack file", what, value, critical, owners: [] });
  assert.deepEqual(facts, [
    fact("aws:region", "us-west-2", true),
    fact("duplocloud:token", "encrypted value 47794c0daef3", true),
    fact("duplocloud:writeWaitSeconds", "120", false),
    fact("okta:backoff", "true", false),
    fact("okta:maxApiCapacity", "60", false),
    fact("okta:maxRetries", "5", false),
    fact("okta:maxWaitSeconds", "30", false),
    fact("okta:minWaitSeconds", "1", false),
    fact("okta:parallelism", "4", false),
    fact("okta:requestTimeout", "10", false),
    fact("p:accessFile", "access/dev.yaml", true),
  ]);
});

test("Markdown escaping: text, code spans and code blocks in full", () => {
  assert.equal(markdownText("a*b_c`d<e>f&g|h~i!j#k[l]m{n}o\\p"), "a\\*b\\_c\\`d\\<e\\>f\\&g\\|h\\~i\\!j\\#k\\[l\\]m\\{n\\}o\\\\p");
  assert.equal(markdownText("one\ntwo\r\nthree\rfour\u2028five\u0007six"), "one⏎two⏎three⏎four⏎five�six");
  assert.equal(markdownText("plain ada@acme.example-1.0"), "plain ada@acme.example-1.0");
  assert.equal(markdownCode("x == 1"), "`x == 1`");
  assert.equal(markdownCode("a ` b"), "``a ` b``");
  assert.equal(markdownCode("a `` b ` c"), "```a `` b ` c```");
  assert.equal(markdownCode("`start"), "`` `start ``");
  assert.equal(markdownCode("end`"), "`` end` ``");
  assert.equal(markdownCode("mid`dle"), "``mid`dle``");
  assert.equal(markdownCode("two\nlines"), "`two⏎lines`");
  assert.deepEqual(markdownCodeBlock(["a", "b"]), ["```", "a", "b", "```"]);
  assert.deepEqual(markdownCodeBlock(["a ```` b", "c\nd"]), ["`````", "a ```` b", "c⏎d", "`````"]);
  assert.deepEqual(markdownCodeBlock([]), ["```", "```"]);
});

const SNAPSHOT: DirectorySnapshot = {
  version: 1,
  takenAt: "2026-11-28T00:00:00.000Z",
  source: "okta-api",
  attributes: ["department"],
  groups: [
    { id: "00g1", name: "Everyone" },
    { id: "00g2", name: "admins" },
  ],
  users: [
    { login: "ada@acme.example", status: "ACTIVE", profile: { department: "Eng" }, groups: ["00g1", "00g2", "00gGONE"] },
    { login: "bob@acme.example", status: "ACTIVE", profile: { department: null } },
  ],
};

test("directory: a person as the evaluator sees them; memberships only when the snapshot has them; unknown groups dropped", () => {
  const byId = new Map(SNAPSHOT.groups!.map((g) => [g.id, g]));
  assert.deepEqual(subjectOf(SNAPSHOT, SNAPSHOT.users[0]!, byId), {
    profile: { department: "Eng" },
    status: "ACTIVE",
    known: new Set(["department"]),
    groups: [
      { id: "00g1", name: "Everyone" },
      { id: "00g2", name: "admins" },
    ],
  });
  assert.deepEqual(subjectOf(SNAPSHOT, SNAPSHOT.users[1]!, byId), { profile: { department: null }, known: new Set(["department"]), status: "ACTIVE" });
  const { groups: _groups, ...withoutGroups } = SNAPSHOT;
  assert.deepEqual(subjectOf(withoutGroups, SNAPSHOT.users[0]!, new Map()), { profile: { department: "Eng" }, known: new Set(["department"]), status: "ACTIVE" });
});

test("directory: a JSON snapshot is checked in full; what is not one says what to do", () => {
  assert.deepEqual(readSnapshot("snap.json", JSON.stringify(SNAPSHOT)), SNAPSHOT);
  assert.deepEqual(readSnapshot("SNAP.JSON", JSON.stringify(SNAPSHOT)), SNAPSHOT);
  assert.throws(
    () => readSnapshot("snap.json", "{nope"),
    /^Error: snap\.json: not JSON \(.*\); pass a snapshot written by npm run directory, or an Okta CSV export ending in \.csv$/,
  );
  assert.throws(() => readSnapshot("snap.json", JSON.stringify({ ...SNAPSHOT, users: [{ login: "a", status: "ACTIVE" }] })), {
    message: "snap.json: users.0.profile: Invalid input: expected record, received undefined; take a new snapshot with npm run directory",
  });
  assert.throws(() => readSnapshot("snap.json", "[]"), {
    message: "snap.json: (top level): Invalid input: expected object, received array; take a new snapshot with npm run directory",
  });
  assert.throws(() => readSnapshot("snap.json", JSON.stringify({ ...SNAPSHOT, extra: 1 })), {
    message: 'snap.json: (top level): Unrecognized key: "extra"; take a new snapshot with npm run directory',
  });
});

test("directory: CSV exports with lower-case headers, by file name in any case; a header with no rows, or no header", () => {
  const csv = readSnapshot("Users.CSV", "login,status,title\nAda@acme.example,Active,\n");
  assert.deepEqual(
    { ...csv, takenAt: "" },
    { version: 1, takenAt: "", source: "csv", attributes: ["title"], users: [{ login: "ada@acme.example", status: "ACTIVE", profile: { title: null } }] },
  );
  assert.throws(() => snapshotFromCsv("u.csv", ""), { message: "u.csv: the header needs a login (or Username) column and a status column; found no header" });
  assert.throws(() => snapshotFromCsv("u.csv", "login,department\na,b\n"), {
    message: "u.csv: the header needs a login (or Username) column and a status column; found login, department",
  });
  assert.throws(() => snapshotFromCsv("u.csv", 'login,status\n"unterminated,ACTIVE\n'), /^Error: u\.csv: not a readable CSV file \(/);
});
