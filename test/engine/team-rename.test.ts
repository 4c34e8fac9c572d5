import { test } from "node:test";
import assert from "node:assert/strict";
import { launchOf, preview } from "../support/engine/dev-stack";
import { scratchProject } from "../support/engine/scratch-project";

/*
 * A team renamed with formerName keeps its Okta objects: the program registers each of its
 * resources with an alias of the old logical name, and the engine receives it (issue 29).
 */

/** The dev stack's access file with platform-oncall renamed oncall and data-science renamed analytics. */
const renamed = (text: string) =>
  text
    .replaceAll("platform-oncall", "oncall")
    .replaceAll("data-science", "analytics")
    .replace("  - name: oncall\n", "  - name: oncall\n    formerName: platform-oncall\n")
    .replace("  - name: analytics\n", "  - name: analytics\n    formerName: data-science\n");

test("engine: a renamed team's group, rule, memberships and admin role reach the engine with aliases of their old names", async () => {
  const root = scratchProject([{ file: "access/dev.yaml", change: renamed }]);
  const run = await preview(launchOf("dev", root));
  assert.deepEqual({ exitCode: run.exitCode, refusals: run.refusals }, { exitCode: 0, refusals: [] });
  const aliased = run.registrations
    .filter((registration) => registration.aliases.length > 0)
    .map((registration) => [registration.type, registration.name, registration.aliases.map((alias) => [alias.name, alias.noParent])])
    .sort((a, b) => (`${a[0]} ${a[1]}` < `${b[0]} ${b[1]}` ? -1 : 1));
  assert.deepEqual(aliased, [
    ["okta:group/group:Group", "team-analytics", [["team-data-science", false]]],
    ["okta:group/group:Group", "team-oncall", [["team-platform-oncall", false]]],
    ["okta:group/role:Role", "admin-role-team-oncall-READ_ONLY_ADMIN", [["admin-role-team-platform-oncall-READ_ONLY_ADMIN", false]]],
    ["okta:group/rule:Rule", "rule-team-analytics", [["rule-team-data-science", false]]],
    ["okta:index/groupMemberships:GroupMemberships", "members-team-oncall", [["members-team-platform-oncall", false]]],
  ]);
});

test("engine: without formerName no resource carries an alias", async () => {
  const run = await preview(launchOf("dev"));
  assert.deepEqual(
    run.registrations.filter((registration) => registration.aliases.length > 0).map((registration) => registration.name),
    [],
  );
});
