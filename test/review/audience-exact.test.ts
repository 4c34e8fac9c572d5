import { test } from "node:test";
import assert from "node:assert/strict";
import { audienceOf, diffAudience } from "../../src/review/audience";
import { renderAudience, renderAudienceChanges, summarise } from "../../src/review/audience-render";
import type { DirectorySnapshot } from "../../src/review/directory";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

/* Who gets in, by name, worked out in full for a case with every path: widest level, undecided, suspended. */

const FILE = VALID_ACCESS_FILE.replace('    rule: user.department == "Engineering"\n', '    rule: user.title == "T"\n').replace(
  /teams:\n[\s\S]*?users:/,
  `teams:
  - name: a
    rule: user.department == "A"
    access: [{ tenant: dev01, level: read-only }]
  - name: b
    rule: user.city == "X"
    access: [{ tenant: dev01, level: read-write }]
  - name: c
    members: [ann@acme.example, sus@acme.example]
    access: [{ tenant: dev01, level: read-write }]
users:`,
);

const SNAPSHOT: DirectorySnapshot = {
  version: 1,
  takenAt: "2026-11-28T00:00:00.000Z",
  source: "okta-api",
  attributes: ["department", "title"],
  users: [
    { login: "Ann@acme.example", status: "ACTIVE", profile: { department: "A", title: null } },
    { login: "bo@acme.example", status: "ACTIVE", profile: { department: "A", title: null } },
    { login: "sus@acme.example", status: "SUSPENDED", profile: { department: "A", title: "T" } },
    { login: "cy@acme.example", status: "ACTIVE", profile: { department: "Z", title: "T" } },
  ],
};

const CITY = "the directory snapshot does not hold user.city";

test("audience (exact): the widest level wins; undecided only where no decided level is as wide; suspended people count nowhere", () => {
  const audience = audienceOf(modelOf(FILE), SNAPSHOT);
  assert.deepEqual(Object.fromEntries(audience.people), {
    "platform role administrators": ["ada@acme.example", "grace@acme.example"],
    "platform role readOnly": ["cy@acme.example"],
    "tenant dev01 read-only": ["bo@acme.example"],
    "tenant dev01 read-write": ["ann@acme.example"],
  });
  assert.deepEqual(Object.fromEntries(audience.undecided), {
    "tenant dev01 read-write": [
      { login: "bo@acme.example", reason: CITY },
      { login: "cy@acme.example", reason: CITY },
    ],
  });
  assert.deepEqual(renderAudience(summarise(SNAPSHOT), audience), [
    "",
    "### Who the rules really match",
    "",
    "Directory snapshot taken 2026-11-28T00:00:00.000Z (okta-api): 3 people who can sign in; 1 who cannot (suspended, deprovisioned, not yet activated) are left out.",
    "",
    "- **platform role administrators**: 2 people: ada@acme.example, grace@acme.example",
    "- **platform role readOnly**: 1 person: cy@acme.example",
    "- **tenant dev01 read-only**: 1 person: bo@acme.example",
    "- **tenant dev01 read-write**: 1 person: ann@acme.example",
    `- 2 people undecided for tenant dev01 read-write: bo@acme.example, cy@acme.example (${CITY})`,
  ]);
});

test("audience diff (exact): a new file is all gains, a deleted file all losses; more than 20 names are cut with a count", () => {
  const model = modelOf(FILE);
  const audience = audienceOf(model, SNAPSHOT);
  assert.deepEqual(diffAudience(undefined, audience), [
    { key: "platform role administrators", gained: ["ada@acme.example", "grace@acme.example"], lost: [], undecided: [] },
    { key: "platform role readOnly", gained: ["cy@acme.example"], lost: [], undecided: [] },
    { key: "tenant dev01 read-only", gained: ["bo@acme.example"], lost: [], undecided: [] },
    {
      key: "tenant dev01 read-write",
      gained: ["ann@acme.example"],
      lost: [],
      undecided: [
        { login: "bo@acme.example", reason: CITY },
        { login: "cy@acme.example", reason: CITY },
      ],
    },
  ]);
  assert.deepEqual(
    diffAudience(audience, undefined).map((c) => [c.key, c.lost]),
    [
      ["platform role administrators", ["ada@acme.example", "grace@acme.example"]],
      ["platform role readOnly", ["cy@acme.example"]],
      ["tenant dev01 read-only", ["bo@acme.example"]],
      ["tenant dev01 read-write", ["ann@acme.example"]],
    ],
  );
  const many = Array.from({ length: 23 }, (_, i) => `p${String(i).padStart(2, "0")}@acme.example`);
  assert.deepEqual(renderAudienceChanges(summarise(SNAPSHOT), [{ key: "tenant dev01 read-write", gained: many, lost: ["x@acme.example"], undecided: [] }]).slice(5), [
    `- **+23 people gain tenant dev01 read-write**: ${many.slice(0, 20).join(", ")} and 3 more`,
    "- **−1 person loses tenant dev01 read-write**: x@acme.example",
  ]);
  assert.deepEqual(renderAudienceChanges(summarise(SNAPSHOT), []).slice(5), ["Nobody gains or loses a tenant or a platform role."]);
  assert.deepEqual(renderAudience(summarise(SNAPSHOT), { people: new Map(), undecided: new Map() }).slice(5), ["Nobody in the snapshot gets a tenant or a platform role."]);
});

test("audience (exact): a person pending activation a rule matches is information, 'once activated', never access; an excepted one is not even that", () => {
  const file = FILE.replace('    rule: user.department == "A"\n', '    rule: user.department == "A"\n    except: [pat@acme.example]\n');
  const snapshot: DirectorySnapshot = {
    ...SNAPSHOT,
    users: [
      { login: "new@acme.example", status: "STAGED", profile: { department: "A", title: "T" } },
      { login: "pro@acme.example", status: "PROVISIONED", profile: { department: "A", title: null } },
      { login: "pat@acme.example", status: "STAGED", profile: { department: "A", title: null } },
      { login: "dee@acme.example", status: "DEPROVISIONED", profile: { department: "A", title: "T" } },
    ],
  };
  const audience = audienceOf(modelOf(file), snapshot);
  // Team c's explicit members are not in this snapshot: counted, as the file names them.
  assert.deepEqual(Object.fromEntries(audience.people), {
    "platform role administrators": ["ada@acme.example", "grace@acme.example"],
    "tenant dev01 read-write": ["ann@acme.example", "sus@acme.example"],
  });
  assert.deepEqual(Object.fromEntries(audience.pending ?? []), {
    "platform role readOnly": ["new@acme.example"],
    "tenant dev01 read-only": ["new@acme.example", "pro@acme.example"],
  });
  assert.deepEqual(renderAudience(summarise(snapshot), audience).slice(5), [
    "- **platform role administrators**: 2 people: ada@acme.example, grace@acme.example",
    "- **tenant dev01 read-write**: 2 people: ann@acme.example, sus@acme.example",
    "- 1 person not yet activated gets platform role readOnly once activated (Okta's rules skip them until then): new@acme.example",
    "- 2 people not yet activated get tenant dev01 read-only once activated (Okta's rules skip them until then): new@acme.example, pro@acme.example",
  ]);
});
