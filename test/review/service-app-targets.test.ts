import { test } from "node:test";
import assert from "node:assert/strict";
import { diffAccess, type AccessChange } from "../../src/review/diff";
import { buildReport } from "../../src/review/report";
import { modelOf, validateText, VALID_ACCESS_FILE } from "../support/access-files";

/*
 * A service app's admin role with targets (the dynamic ScopedClientRole): the report says what it
 * reaches, the diff tells scoping (narrows) from dropping the targets (widens to the whole org), and
 * validation holds the targets to what Okta scopes the role to.
 */

const BASE = VALID_ACCESS_FILE.replace(
  "    members: [ada@acme.example, grace@acme.example]\n",
  "    members: [ada@acme.example, grace@acme.example]\n    owners: [ciso@acme.example]\n",
);
const app = (lines: string) =>
  `${BASE}apiAccess:\n  serviceApps:\n    - name: sync\n      scopes: [okta.users.read]\n${lines}      publicKey: { jwksUri: https://keys.acme.example/jwks.json }\n`;
const diff = (head: string, base: string) => diffAccess(modelOf(base), modelOf(head));
const change = (fields: Partial<AccessChange> & Pick<AccessChange, "direction" | "kind" | "summary">): AccessChange => ({
  critical: true,
  owners: ["ciso@acme.example"],
  subject: "service app sync",
  ...fields,
});
const UNSCOPED = app("      adminRole: HELP_DESK_ADMIN\n");
const PAYMENTS = app("      adminRole: HELP_DESK_ADMIN\n      targets: { teams: [payments] }\n");
const PAYMENTS_AND_ADMINS = app("      adminRole: HELP_DESK_ADMIN\n      targets: { teams: [payments], roles: [administrators] }\n");

test("scoping a service app's role narrows it; dropping its targets widens it to the whole org; a new target widens", () => {
  assert.deepEqual(diff(PAYMENTS, UNSCOPED).changes, [
    change({
      kind: "service-app-targets",
      direction: "narrows",
      summary: "admin role HELP_DESK_ADMIN is scoped: over team payments (it acted over the whole org)",
      after: "over team payments",
    }),
  ]);
  assert.deepEqual(diff(UNSCOPED, PAYMENTS).changes, [
    change({
      kind: "service-app-targets",
      direction: "widens",
      summary: "admin role HELP_DESK_ADMIN loses its targets: it acts over the whole org (it was over team payments)",
      before: "over team payments",
    }),
  ]);
  assert.deepEqual(diff(PAYMENTS_AND_ADMINS, PAYMENTS).changes, [
    change({
      kind: "service-app-targets",
      direction: "widens",
      summary: "admin role HELP_DESK_ADMIN: over team payments becomes over platform role administrators, team payments",
      before: "over team payments",
      after: "over platform role administrators, team payments",
    }),
  ]);
  assert.deepEqual(
    diff(PAYMENTS, PAYMENTS_AND_ADMINS).changes.map((c) => c.direction),
    ["narrows"],
  );
});

test("a new service app with a scoped role is one gain that names its reach, not also a scoping", () => {
  assert.deepEqual(
    diff(PAYMENTS, BASE).changes.filter((c) => c.kind === "service-app-role" || c.kind === "service-app-targets"),
    [change({ kind: "service-app-role", direction: "widens", summary: "gains admin role HELP_DESK_ADMIN, over team payments" })],
  );
});

test("the report says what a service app's role reaches", () => {
  assert.deepEqual(buildReport(modelOf(PAYMENTS)).serviceApps, [{ name: "sync", scopes: ["okta.users.read"], adminRole: "HELP_DESK_ADMIN", reach: "over team payments" }]);
});

test("validation holds a service app's targets to what Okta scopes its role to", () => {
  const problems = (lines: string) => {
    const result = validateText(app(lines));
    return result.ok ? [] : result.problems.map((p) => `${p.line}:${p.column}: ${p.key}: ${p.message}`);
  };
  assert.deepEqual(problems("      adminRole: READ_ONLY_ADMIN\n      targets: { teams: [payments] }\n"), [
    `${LINE + 2}:16: apiAccess.serviceApps[0].targets: Okta does not scope READ_ONLY_ADMIN to groups or apps; remove targets`,
  ]);
  assert.deepEqual(problems("      adminRole: USER_ADMIN\n      targets: { teams: [nobody] }\n"), [
    `${LINE + 2}:26: apiAccess.serviceApps[0].targets.teams[0]: team "nobody" is not defined under teams; define it or fix the name`,
  ]);
  assert.deepEqual(problems("      adminRole: APP_ADMIN\n      targets: { teams: [payments] }\n"), [
    `${LINE + 2}:16: apiAccess.serviceApps[0].targets: APP_ADMIN is scoped to apps, not groups; list apps (teams and roles are for GROUP_MEMBERSHIP_ADMIN, HELP_DESK_ADMIN, USER_ADMIN)`,
  ]);
  assert.deepEqual(problems("      adminRole: USER_ADMIN\n      targets: {}\n"), [
    `${LINE + 2}:16: apiAccess.serviceApps[0].targets: targets lists nothing USER_ADMIN can act on; name teams or roles, or remove targets to give the role over the whole org`,
  ]);
  assert.deepEqual(problems("      adminRole: APP_ADMIN\n      targets: { apps: [duplocloud] }\n"), []);
});

/** The line of `      scopes:` in `app(...)`: the lines given start after it. */
const LINE =
  app("")
    .split("\n")
    .findIndex((line) => line.startsWith("      scopes:")) + 1;
