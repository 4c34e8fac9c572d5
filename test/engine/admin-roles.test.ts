import { test } from "node:test";
import assert from "node:assert/strict";
import { launchOf, preview } from "../support/engine/dev-stack";
import { scratchProject } from "../support/engine/scratch-project";

/*
 * Okta admin roles as the engine receives them from the real entry (`pulumi preview` through
 * cmd/run): every okta.group.Role is replaced delete-first, since the provider forces its
 * replacement (targets emptied, apps swapped; resource_okta_group_role.go CustomizeDiff) and Okta
 * refuses a second assignment of the same role type to a group.
 */

test("engine: every admin role, scoped, org-wide or unscoped, is registered with deleteBeforeReplace", async () => {
  // The dev stack's roles, and one given org-wide on purpose: the entry whose switch to orgWide the provider replaces.
  const root = scratchProject([
    {
      file: "access/dev.yaml",
      change: (text) =>
        text.replace(
          "oktaAdminRoles:\n",
          "oktaAdminRoles:\n  - { role: GROUP_MEMBERSHIP_ADMIN, team: okta-help-desk, orgWide: true, reason: Onboards every new hire into their groups. }\n",
        ),
    },
  ]);
  const run = await preview(launchOf("dev", root));
  assert.equal(run.exitCode, 0, run.stderr);
  const roles = run.registrations.filter((r) => r.type === "okta:group/role:Role");
  assert.deepEqual(roles.map((r) => [r.name, r.deleteBeforeReplace]).sort(), [
    ["admin-role-team-okta-help-desk-GROUP_MEMBERSHIP_ADMIN", true],
    ["admin-role-team-okta-help-desk-HELP_DESK_ADMIN", true],
    ["admin-role-team-platform-oncall-READ_ONLY_ADMIN", true],
  ]);
  // Everything else keeps Pulumi's default (create the new one first): the option is on the roles only
  // (and on a service app's scoped role, which the dev stack does not have: test/engine/client-role.test.ts).
  assert.deepEqual(
    run.registrations.filter((r) => r.custom && r.deleteBeforeReplace && r.type !== "okta:group/role:Role").map((r) => r.type),
    [],
  );
});
