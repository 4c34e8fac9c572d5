import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { stringify } from "yaml";
import { gitRepo } from "../support/git-repo";
import { modelOf } from "../support/access-files";
import { compareStack } from "../../src/review/compare-revisions";
import { diffAccess } from "../../src/review/diff";
import { renderDiffJson, renderDiffMarkdown } from "../../src/review/diff-render";
import { leftInGroups, type LeftInGroup } from "../../src/review/rule-collapse";
import { leftInWarnings } from "../../src/review/rule-collapse-render";
import { homeDigit } from "../../src/access/rules";
import type { DirectorySnapshot } from "../../src/review/directory";

/*
 * A split tenant group that fits one rule again (issue 29): its home rules are deleted with their
 * people left in (removeAssignedUsers: false), so the people of a team the same step removes or
 * narrows keep the group. The diff warns, names the teams (and the people, with a snapshot), and
 * gives the one way out that works for the step. Each test is the step from one file to the next.
 */

interface Team {
  readonly name: string;
  /** Characters of padding in the team's rule: five teams of these lengths need more than one rule. */
  readonly pad: number;
  readonly members?: readonly string[];
  readonly except?: readonly string[];
  readonly formerName?: string;
  readonly tenant?: string;
  /** The department the team's rule selects: its name unless said. */
  readonly department?: string;
}

const ruleOf = (team: Pick<Team, "name" | "pad" | "department">) => `user.department == "${team.department ?? team.name}" AND user.title != "${"x".repeat(team.pad)}"`;

function fileOf(teams: readonly Team[], extra: Record<string, unknown> = {}): string {
  return stringify({
    duplocloud: { portal: "https://acme.duplocloud.net", tenants: ["dev01", "qa01"], ...extra },
    roles: { administrators: { members: ["ada@acme.example", "grace@acme.example"] } },
    teams: teams.map((team) => ({
      name: team.name,
      ...(team.formerName ? { formerName: team.formerName } : {}),
      rule: ruleOf(team),
      ...(team.members ? { members: team.members } : {}),
      ...(team.except ? { except: team.except } : {}),
      access: [{ tenant: team.tenant ?? "dev01", level: "read-write" }],
    })),
  });
}

/** billing is in home 0 (it stays in rule-<group>); ledger in home f; with billing at 300 the five teams need homes, without ledger they fit one rule. */
const FIVE: readonly Team[] = [
  { name: "billing", pad: 300 },
  { name: "ledger", pad: 150 },
  { name: "search", pad: 130, members: ["leo@acme.example"] },
  { name: "growth", pad: 150 },
  { name: "web", pad: 150 },
];
const without = (teams: readonly Team[], name: string) => teams.filter((team) => team.name !== name);
const changed = (teams: readonly Team[], name: string, change: Partial<Team>) => teams.map((team) => (team.name === name ? { ...team, ...change } : team));
const step = (base: readonly Team[], head: readonly Team[], extra: { base?: Record<string, unknown>; head?: Record<string, unknown> } = {}) =>
  diffAccess(modelOf(fileOf(base, extra.base)), modelOf(fileOf(head, extra.head))).leftInGroups;

const HOME_RULES = Array.from({ length: 15 }, (_, i) => `duplo rw dev01 #${(i + 1).toString(16)}`);
const leftIn = (fields: Partial<LeftInGroup> & Pick<LeftInGroup, "teams" | "avoid">): LeftInGroup => ({
  tenant: "dev01",
  level: "read-write",
  group: "duploservices-dev01",
  deletedRules: HOME_RULES,
  ...fields,
});

test("collapse: the fixture's homes are as the tests say (billing in home 0, ledger in home f), the five teams split and fit one rule without ledger", () => {
  assert.deepEqual([homeDigit("billing", 0), homeDigit("ledger", 0)], ["0", "f"]);
  const keys = (teams: readonly Team[]) => modelOf(fileOf(teams)).rules.filter((rule) => rule.targetGroupKey === "tenant-dev01-read-write").length;
  assert.deepEqual([keys(FIVE), keys(without(FIVE, "ledger")), keys(without(FIVE, "billing"))], [16, 1, 1]);
});

const SNAPSHOT: DirectorySnapshot = {
  version: 1,
  takenAt: "2026-12-01T00:00:00.000Z",
  source: "okta-api",
  attributes: ["department", "title"],
  users: [
    // Ledger's: Lena keeps the group; Leo keeps it through search, which names him; Lou cannot sign in.
    { login: "Lena@Acme.example", status: "ACTIVE", profile: { department: "ledger", title: "Clerk" } },
    { login: "leo@acme.example", status: "ACTIVE", profile: { department: "ledger", title: "Clerk" } },
    { login: "lou@acme.example", status: "DEPROVISIONED", profile: { department: "ledger", title: "Clerk" } },
    { login: "sam@acme.example", status: "ACTIVE", profile: { department: "search", title: "Clerk" } },
  ],
};

/** The step as `npm run diff -- --base HEAD~1 --head HEAD [--directory]` compares it, in a throw-away repository. */
function compareStep(t: TestContext, base: string, head: string, snapshot?: DirectorySnapshot) {
  const repo = gitRepo({ "Pulumi.dev.yaml": "config:\n  duplocloud-okta-access:accessFile: access/dev.yaml\n  okta:orgName: acme\n", "access/dev.yaml": base });
  t.after(() => rmSync(repo.dir, { recursive: true, force: true }));
  repo.commit("pull request", { "access/dev.yaml": head });
  return compareStack(repo.dir, "dev", "HEAD~1", "HEAD", snapshot);
}

const WARNING_HEAD =
  "> ⚠️ **critical: people keep tenant dev01 read-write (`duploservices-dev01`) after the `up` although this file no longer gives it to them.** " +
  "The step deletes 15 rules of the group (`duplo rw dev01 #1` to `duplo rw dev01 #f`) with their people left in (`removeAssignedUsers: false`, so that nobody `rule-<group>` still matches drops out), " +
  "and Okta does not re-run the group's other rules on a deletion: whom those rules put in stays in the group, with its DuploCloud access, until taken out by hand. The teams whose people keep it:";
const BY_HAND =
  "after the `up`, Okta console, Directory > Groups > `duploservices-dev01` > People, remove each of them (no rule manages them any more, so removing them puts them on no rule's exclusion list; `npm run drift` lists them as members outside the file)";

test("collapse (Markdown, exact): removing the team whose going lets the group fit one rule names the team, the person who keeps the group and the by-hand removal", (t) => {
  const outcome = compareStep(t, fileOf(FIVE), fileOf(without(FIVE, "ledger")), SNAPSHOT);
  assert.equal(
    renderDiffMarkdown(outcome),
    [
      "<!-- duplocloud-okta-access-diff:dev -->",
      "## Access changes for stack `dev`",
      "",
      "`access/dev.yaml` compared with `HEAD~1`.",
      "",
      WARNING_HEAD,
      ">",
      "> - team `ledger`: removed from the file",
      ">",
      "> The directory snapshot shows 1 person keeping it: lena@acme.example.",
      ">",
      `> The change to team \`ledger\` is itself what lets the group do without those rules (rules.ts splits a group by the length of all its terms), so no order of pull requests avoids it: ${BY_HAND}.`,
      "",
      "**0 widen access, 0 to read, 2 narrow access.**",
      "",
      "No owner is named for what changes; a platform administrator should approve.",
      "",
      "### Narrows access",
      "",
      "- **team ledger** is no longer filled by a rule: the directory snapshot shows it letting in 0 people and out 2 people",
      `  - rule: \`${ruleOf({ name: "ledger", pad: 150 })}\``,
      "- **team ledger** loses tenant dev01: read-write",
      "",
      "Access taken away here is taken from the groups only: nobody's Okta account is suspended, deprovisioned or changed.",
      "",
      "### Who the rules really match",
      "",
      "Directory snapshot taken 2026-12-01T00:00:00.000Z (okta-api): 3 people who can sign in; 1 who cannot (suspended, deprovisioned, not yet activated) are left out.",
      "",
      "- **−1 person loses tenant dev01 read-write**: lena@acme.example",
      "",
    ].join("\n"),
  );
});

test("collapse (--json, exact): the same step lists the group, the deleted rules, the team, the way out and the people", (t) => {
  const outcome = compareStep(t, fileOf(FIVE), fileOf(without(FIVE, "ledger")), SNAPSHOT);
  const json = JSON.parse(renderDiffJson(outcome)) as { leftInGroups: unknown };
  assert.deepEqual(json.leftInGroups, [
    {
      tenant: "dev01",
      level: "read-write",
      group: "duploservices-dev01",
      deletedRules: HOME_RULES,
      teams: [{ team: "ledger", change: "removed from the file" }],
      avoid: "by-hand",
      people: ["lena@acme.example"],
    },
  ]);
  // Without a snapshot: the same, without people; the Markdown says how to see them.
  const plain = compareStep(t, fileOf(FIVE), fileOf(without(FIVE, "ledger")));
  assert.deepEqual((JSON.parse(renderDiffJson(plain)) as { leftInGroups: unknown }).leftInGroups, [
    leftIn({ teams: [{ team: "ledger", change: "removed from the file" }], avoid: "by-hand" }),
  ]);
  assert.ok(renderDiffMarkdown(plain).includes("\n>\n> Pass a directory snapshot (`--directory`) to see who by name.\n>\n"));
});

test("collapse (exact): when the rest of the change lets the group fit one rule, the team's change goes first in a pull request of its own", () => {
  // billing at 380: without ledger the group still needs homes; without billing too it fits one rule.
  const base = changed(FIVE, "billing", { pad: 380 });
  const head = changed(without(base, "billing"), "ledger", { except: ["pat@acme.example"] });
  const groups = step(base, head)!;
  assert.deepEqual(groups, [leftIn({ teams: [{ team: "ledger", change: "its rule now leaves out pat@acme.example" }], avoid: "teams-first" })]);
  assert.deepEqual(leftInWarnings(groups), [
    WARNING_HEAD,
    ">",
    "> - team `ledger`: its rule now leaves out pat@acme.example",
    ">",
    "> Pass a directory snapshot (`--directory`) to see who by name.",
    ">",
    "> To avoid it: merge the change to team `ledger` first, in a pull request of its own, and the rest of this change after it. " +
      'The group still needs those rules then, so each is updated in place, and Okta, re-applying a rule when the provider re-activates it after the update, takes out whom it no longer matches (Okta help, "Edit group rules"). ' +
      `Or, ${BY_HAND}.`,
    "",
  ]);
});

test("collapse (exact): each way a team of a deleted home narrows is named; a team that keeps or widens its people is not", () => {
  const base = [...changed(FIVE, "billing", { pad: 380 }), { name: "fraud", pad: 10, members: ["fay@acme.example", "fin@acme.example"] }];
  assert.equal(homeDigit("fraud", 0), "f");
  const narrowed = changed(changed(without(without(base, "billing"), "growth"), "ledger", { pad: 140 }), "fraud", { members: ["fin@acme.example", "new@acme.example"] });
  // web gains a member: wider, so not named.
  const head = changed(narrowed, "web", { members: ["wes@acme.example"] });
  assert.deepEqual(step(base, head), [
    leftIn({
      teams: [
        { team: "fraud", change: "loses member fay@acme.example" },
        { team: "growth", change: "removed from the file" },
        { team: "ledger", change: "its rule changes" },
      ],
      avoid: "teams-first",
    }),
  ]);
  // A team moved to another tenant: no longer granted this one.
  assert.deepEqual(step(FIVE, changed(FIVE, "ledger", { tenant: "qa01" })), [
    leftIn({ teams: [{ team: "ledger", change: "no longer granted dev01 read-write" }], avoid: "by-hand" }),
  ]);
});

test("collapse: no warning when nobody of a deleted home loses the group (a home-0 team goes, a team is renamed), nor when the homes stay", () => {
  // billing (home 0) going is what lets the group fit one rule: rule-<group> is updated in place, and takes billing's people out itself.
  assert.equal(step(FIVE, without(FIVE, "billing")), undefined);
  // ledger renamed (formerName) in the same step: the same people, under its new name, in rule-<group>.
  assert.equal(step(FIVE, changed(without(FIVE, "billing"), "ledger", { name: "books", formerName: "ledger", department: "ledger" })), undefined);
  // The group still needs its homes: ledger's home rule is updated in place, nothing is deleted.
  const wide = changed(FIVE, "billing", { pad: 380 });
  assert.equal(step(wide, without(wide, "ledger")), undefined);
  assert.deepEqual(leftInGroups(undefined, modelOf(fileOf(FIVE))), []);
});

test("collapse: a group the step deletes takes everyone out; an adopted one is kept, with every team of its deleted homes left in", () => {
  const moved = FIVE.map((team) => ({ ...team, tenant: "qa01" }));
  assert.equal(step(FIVE, moved), undefined);
  const adopted = { tenantGroupImports: [{ tenant: "dev01", level: "read-write", importId: "00g1abcdEFGH2345ijk7" }] };
  const teams = ["growth", "ledger", "search", "web"].map((team) => ({ team, change: "no longer granted dev01 read-write" }));
  // The head must drop the adoption too (validation refuses adopting a group no team is granted); the stack keeps the group (retainOnDelete).
  assert.deepEqual(step(FIVE, moved, { base: adopted }), [leftIn({ teams, avoid: "by-hand" })]);
});
