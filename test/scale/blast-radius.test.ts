import { test, before } from "node:test";
import assert from "node:assert/strict";
import { stringify } from "yaml";
import { syntheticAccessDocument, teamName, tenantName, userEmail } from "../../scripts/synthetic-access";
import { modelOf } from "../support/access-files";
import { runProgram } from "../support/mock-program";
import type { PlannedResource } from "../../src/plan/offline";

/*
 * Blast radius: typical one-line edits of a large access file must touch only what they are about,
 * never rename a resource, and never change an input that makes Pulumi replace a resource.
 */

/** Inputs whose change replaces the resource (delete, then create) rather than updating it. */
const REPLACING_INPUTS: Record<string, readonly string[]> = {
  "okta:group/rule:Rule": ["groupAssignments"],
  "okta:app/groupAssignment:GroupAssignment": ["appId", "groupId"],
  "okta:index/groupMemberships:GroupMemberships": ["groupId"],
  "okta:group/role:Role": ["groupId", "roleType"],
  "okta:index/appSignonPolicyRule:AppSignonPolicyRule": ["policyId"],
  "okta:index/appOauthApiScope:AppOauthApiScope": ["appId", "issuer"],
};

type Document = ReturnType<typeof syntheticAccessDocument> & {
  teams: Array<{ name: string; rule?: string; members?: string[]; access: Array<{ tenant: string; level: string }> }>;
};

interface PlanDelta {
  readonly added: string[];
  readonly removed: string[];
  readonly changed: string[];
  readonly replacing: string[];
}

const keyOf = (r: PlannedResource) => `${r.type}::${r.name}`;

function delta(before: readonly PlannedResource[], after: readonly PlannedResource[]): PlanDelta {
  const old = new Map(before.map((r) => [keyOf(r), r]));
  const now = new Map(after.map((r) => [keyOf(r), r]));
  const changed: string[] = [];
  const replacing: string[] = [];
  for (const [key, resource] of now) {
    const previous = old.get(key);
    if (!previous || JSON.stringify(previous.inputs) === JSON.stringify(resource.inputs)) continue;
    changed.push(resource.name);
    for (const input of REPLACING_INPUTS[resource.type] ?? []) {
      if (JSON.stringify(previous.inputs[input]) !== JSON.stringify(resource.inputs[input])) replacing.push(`${resource.name}.${input}`);
    }
  }
  return {
    added: [...now.keys()]
      .filter((k) => !old.has(k))
      .map((k) => now.get(k)!.name)
      .sort(),
    removed: [...old.keys()]
      .filter((k) => !now.has(k))
      .map((k) => old.get(k)!.name)
      .sort(),
    changed: changed.sort(),
    replacing,
  };
}

let baseDocument: Document;
let baseline: readonly PlannedResource[];

const clone = (): Document => structuredClone(baseDocument);
const planOf = async (document: Document) => (await runProgram(modelOf(stringify(document)))).resources;

before(async () => {
  // 40 teams on 12 tenants: tenant groups are shared by several teams, as in a real org.
  baseDocument = syntheticAccessDocument({ teams: 40, tenants: 12, users: 200 }) as Document;
  baseline = await planOf(baseDocument);
});

/** Every touched resource must be about the change; none may be replaced. */
function assertOnlyTouches(change: PlanDelta, about: (name: string) => boolean): void {
  assert.deepEqual(change.replacing, [], "no input that forces replacement may change");
  for (const name of [...change.added, ...change.removed, ...change.changed]) assert.ok(about(name), `${name} was touched but the change is not about it`);
}

const explicitTeam = () => baseDocument.teams.findIndex((t) => t.members !== undefined);
const ruleTeam = () => baseDocument.teams.findIndex((t) => t.rule !== undefined);
const unusedTenant = (team: Document["teams"][number]) => Array.from({ length: 12 }, (_, i) => tenantName(i)).find((t) => !team.access.some((g) => g.tenant === t))!;

test("blast radius: a team gains a tenant", async () => {
  const document = clone();
  const team = document.teams[explicitTeam()]!;
  const tenant = unusedTenant(team);
  team.access.push({ tenant, level: "read-only" });
  const change = delta(baseline, await planOf(document));
  assert.deepEqual(change.removed, []);
  assert.ok(change.added.length + change.changed.length > 0);
  assertOnlyTouches(change, (name) => name.includes(`tenant-${tenant}-read-only`));
});

test("blast radius: a team loses a tenant", async () => {
  const document = clone();
  const team = document.teams[ruleTeam()]!;
  const lost = team.access.pop()!;
  const change = delta(baseline, await planOf(document));
  assert.ok(change.changed.length + change.removed.length > 0);
  assertOnlyTouches(change, (name) => name.includes(`tenant-${lost.tenant}-${lost.level}`));
});

test("blast radius: read-only becomes read-write", async () => {
  const document = clone();
  const team = document.teams.find((t) => t.access.some((g) => g.level === "read-only"))!;
  const grant = team.access.find((g) => g.level === "read-only")!;
  grant.level = "read-write";
  const change = delta(baseline, await planOf(document));
  assertOnlyTouches(change, (name) => name.includes(`tenant-${grant.tenant}-read-`));
  // The plan must move the team: into the read-write side, out of the read-only side.
  assert.ok(
    [...change.added, ...change.changed].some((name) => name.includes(`tenant-${grant.tenant}-read-write`)),
    `nothing read-write changed: ${JSON.stringify(change)}`,
  );
  assert.ok(
    [...change.removed, ...change.changed].some((name) => name.includes(`tenant-${grant.tenant}-read-only`)),
    `nothing read-only changed: ${JSON.stringify(change)}`,
  );
});

test("blast radius: a member is added, and one removed", async () => {
  const document = clone();
  const team = document.teams[explicitTeam()]!;
  const newcomer = Array.from({ length: 200 }, (_, i) => userEmail(i)).find((email) => !team.members!.includes(email))!;
  team.members!.push(newcomer);
  const added = delta(baseline, await planOf(document));
  assert.deepEqual(added.changed, [`members-team-${team.name}`]);
  assert.deepEqual([...added.added, ...added.removed], []);

  const shrunk = clone();
  shrunk.teams[explicitTeam()]!.members!.pop();
  const removed = delta(baseline, await planOf(shrunk));
  assert.deepEqual(removed.changed, [`members-team-${team.name}`]);
  assert.deepEqual(removed.replacing, []);
});

test("blast radius: a team's expression changes: its rule and its tenants' rules update in place", async () => {
  const document = clone();
  const team = document.teams[ruleTeam()]!;
  team.rule = `${team.rule} OR user.title == "Lead"`;
  const change = delta(baseline, await planOf(document));
  assert.deepEqual([...change.added, ...change.removed], []);
  assert.ok(change.changed.includes(`rule-team-${team.name}`));
  const tenantRules = new Set(team.access.map((g) => `rule-tenant-${g.tenant}-${g.level}`));
  assertOnlyTouches(change, (name) => name === `rule-team-${team.name}` || [...tenantRules].some((rule) => name.startsWith(rule)));
});

test("blast radius: a new team adds resources and changes nothing that belongs to other teams", async () => {
  const document = clone();
  const name = teamName(999);
  document.teams.push({ name, rule: 'user.department == "New"', access: [{ tenant: tenantName(0), level: "read-write" }] });
  const change = delta(baseline, await planOf(document));
  assert.deepEqual(change.removed, []);
  assert.ok(change.added.includes(`team-${name}`) && change.added.includes(`rule-team-${name}`));
  // The shared tenant group's rule gains the new team's condition; nothing of another team changes.
  assertOnlyTouches(change, (n) => n.includes(name) || n.startsWith(`rule-tenant-${tenantName(0)}-read-write`) || n.includes(`tenant-${tenantName(0)}-read-write`));
  for (const changed of change.changed) assert.match(changed, /^rule-tenant-/);
});

test("blast radius: reordering every list changes nothing", async () => {
  const document = clone();
  document.teams.reverse();
  for (const team of document.teams) {
    team.access.reverse();
    team.members?.reverse();
  }
  (document.users as unknown[]).reverse();
  const change = delta(baseline, await planOf(document));
  assert.deepEqual(change, { added: [], removed: [], changed: [], replacing: [] });
});
