import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { PROJECT_DIR } from "../../src/cli/common";
import { launchOf, preview } from "../support/engine/dev-stack";
import { PolicyPackHost, type Diagnostic } from "../support/engine/policy-host";
import type { Registration, RunResult } from "../support/engine/recording-engine";
import { scratchProject } from "../support/engine/scratch-project";
import { UNKNOWN } from "../support/engine/wire";

/*
 * The guardrails through Pulumi's own policy entry (cmd/run-policy-pack, as the language host starts
 * it) on a *first* preview: every ID and output unknown. Each mandatory policy: a passing stack, a
 * violating one refused on its first preview, and the enforcement level the engine receives.
 * Violations the access file cannot express (validation refuses them) are hand edits of the
 * program's registrations, as a hand-edited program would send them.
 */

let pack: PolicyPackHost;
let firstPreview: RunResult;

before(async () => {
  [pack, firstPreview] = await Promise.all([PolicyPackHost.start(path.join(PROJECT_DIR, "policy")), preview(launchOf("dev"))]);
  await pack.configure();
});
after(() => pack?.stop());

const customResources = (run: RunResult) => run.registrations.filter((r) => r.custom);
const mandatory = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.enforcement === "mandatory");
const byName = (run: RunResult, name: string) => run.registrations.find((r) => r.name === name)!;

/** Analyze of every resource, as the engine runs it during a preview's step generation. */
async function analyzeAll(registrations: readonly Registration[]): Promise<Diagnostic[]> {
  const found: Diagnostic[] = [];
  for (const registration of registrations) found.push(...(await pack.analyze(registration)));
  return found;
}

test("policy pack: loads and type-checks under the real entry with no dependencies of its own; the engine receives each policy's level", async () => {
  assert.deepEqual(await pack.info(), {
    name: "duplocloud-okta-guardrails",
    policies: [
      { name: "duplocloud-app-requires-mfa", enforcement: "mandatory" },
      { name: "duplocloud-app-sign-on-policy-is-declared", enforcement: "mandatory" },
      { name: "no-rule-fills-administrators", enforcement: "mandatory" },
      { name: "no-super-admin-service-apps", enforcement: "mandatory" },
      { name: "manage-scopes-need-justification", enforcement: "mandatory" },
      { name: "org-control-roles-need-reason", enforcement: "mandatory" },
      { name: "service-apps-use-private-key-jwt", enforcement: "mandatory" },
      { name: "groups-have-description", enforcement: "advisory" },
      { name: "groups-have-owner", enforcement: "advisory" },
      { name: "temporary-access-ends-within-ceiling", enforcement: "mandatory" },
    ],
  });
});

test("first preview of the dev stack: every ID unknown, and no mandatory policy objects, in Analyze or AnalyzeStack", async () => {
  const app = byName(firstPreview, "duplocloud-app");
  assert.equal(app.inputs.authenticationPolicy, UNKNOWN, "a first preview: the sign-on policy's ID is not known");
  assert.deepEqual(mandatory(await analyzeAll(customResources(firstPreview))), []);
  assert.deepEqual(mandatory(await pack.analyzeStack(customResources(firstPreview))), []);
});

test("first preview with MFA switched off: refused in Analyze of the sign-on rule, before anything exists", async () => {
  const root = scratchProject([{ file: "access/dev.yaml", change: (text) => text.replace("      mfa: required\n", "      mfa: not-required\n") }]);
  const run = await preview(launchOf("dev", root));
  assert.deepEqual(run.refusals, []);
  // Analyze diagnostics carry no URN: the engine knows which resource it asked about.
  assert.deepEqual(mandatory(await analyzeAll(customResources(run))), [
    {
      policy: "duplocloud-app-requires-mfa",
      message:
        "Sign-on to the DuploCloud app needs two factors, one a device-bound possession factor.\nSign-on rule duplocloud-sign-on-rule allows one factor (factorMode 1FA); set okta.app.signOn.mfa to required.",
      enforcement: "mandatory",
      urn: "",
    },
  ]);
});

test("first preview, hand-edited: an app without a sign-on policy, a sign-on rule whose factors are unknown", async () => {
  const app = byName(firstPreview, "duplocloud-app");
  const { authenticationPolicy: _policy, ...withoutPolicy } = app.inputs;
  assert.deepEqual(
    mandatory(await pack.analyze({ ...app, inputs: withoutPolicy })).map((d) => d.message.split("\n")[1]),
    ["The DuploCloud app has no sign-on policy (authenticationPolicy); attach one that requires MFA."],
  );
  const rule = byName(firstPreview, "duplocloud-sign-on-rule");
  assert.deepEqual(
    mandatory(await pack.analyze({ ...rule, inputs: { ...rule.inputs, factorMode: UNKNOWN } })).map((d) => d.message.split("\n")[1]),
    ["Sign-on rule duplocloud-sign-on-rule: its access, factorMode or constraints are not known at this preview, so MFA cannot be checked; set them from plain values."],
  );
});

test("first preview, hand-edited: a rule that fills the administrators group, and one whose group cannot be told, are refused by name", async () => {
  const rule = byName(firstPreview, "rule-team-payments");
  assert.deepEqual((rule.inputs.groupAssignments as unknown[])[0], UNKNOWN, "a first preview: the target group's ID is not known");
  const renamed = (name: string): Registration => ({ ...rule, name, urn: rule.urn.replace(/rule-team-payments$/, name) });
  assert.deepEqual(
    mandatory(await pack.analyze(renamed("rule-role-administrators"))).map((d) => [d.policy, d.message.split("\n")[1], d.enforcement]),
    [["no-rule-fills-administrators", "Group rule rule-role-administrators fills the administrators group; administrators must be named one by one.", "mandatory"]],
  );
  assert.deepEqual(
    mandatory(await pack.analyze(renamed("admins-by-the-back-door"))).map((d) => d.message.split("\n")[1]),
    ["Group rule admins-by-the-back-door is not named rule-<group key>, so the group it fills cannot be told before it exists; name it after its group."],
  );
  assert.deepEqual(mandatory(await pack.analyze(rule)), []);
});

test("first preview, hand-edited: SUPER_ADMIN on a service app, a service app with a client secret, a manage scope without justification", async () => {
  const role = byName(firstPreview, "service-app-duplocloud-user-sync-role");
  const superAdmin: Registration = { ...role, type: "okta:index/oauth2V1ClientsRoleSuperAdmin:Oauth2V1ClientsRoleSuperAdmin", inputs: { ...role.inputs, type: "SUPER_ADMIN" } };
  assert.deepEqual(
    mandatory(await pack.analyze(superAdmin)).map((d) => [d.policy, d.enforcement]),
    [["no-super-admin-service-apps", "mandatory"]],
  );

  const app = byName(firstPreview, "service-app-duplocloud-user-sync");
  assert.deepEqual(
    mandatory(await pack.analyze({ ...app, inputs: { ...app.inputs, tokenEndpointAuthMethod: "client_secret_basic", omitSecret: false } })).map((d) => d.message.split("\n")[1]),
    [
      "Service app service-app-duplocloud-user-sync authenticates with client_secret_basic; use private_key_jwt with the app's public key.",
      "Service app service-app-duplocloud-user-sync would get a client secret; set omitSecret so none is made.",
    ],
  );

  // Scopes and the admin note are plain inputs: decided on the first preview's AnalyzeStack.
  const scopes = byName(firstPreview, "service-app-duplocloud-user-sync-scopes");
  const edited = customResources(firstPreview).map((r) => (r === scopes ? { ...r, inputs: { ...r.inputs, scopes: ["okta.users.read", "okta.groups.manage"] } } : r));
  assert.deepEqual(
    mandatory(await pack.analyzeStack(edited)).map((d) => [d.policy, d.message.split("\n")[1], d.urn]),
    [
      [
        "manage-scopes-need-justification",
        "service-app-duplocloud-user-sync-scopes grants okta.groups.manage without a justification; add justification to the service app in the access file.",
        scopes.urn,
      ],
    ],
  );
});

test("first preview, hand-edited: SUPER_ADMIN given to the administrators group without a reason is refused in AnalyzeStack", async () => {
  const helpDesk = byName(firstPreview, "admin-role-team-okta-help-desk-HELP_DESK_ADMIN");
  const name = "admin-role-role-administrators-SUPER_ADMIN";
  const superAdmin: Registration = {
    ...helpDesk,
    name,
    urn: helpDesk.urn.replace(/admin-role-team-okta-help-desk-HELP_DESK_ADMIN$/, name),
    inputs: { groupId: UNKNOWN, roleType: "SUPER_ADMIN", disableNotifications: false },
  };
  assert.deepEqual(
    mandatory(await pack.analyzeStack([...customResources(firstPreview), superAdmin])).map((d) => [d.policy, d.message.split("\n")[1], d.urn]),
    [
      [
        "org-control-roles-need-reason",
        "admin-role-role-administrators-SUPER_ADMIN gives SUPER_ADMIN to group role-administrators without a written reason; add reason to the role in the access file.",
        superAdmin.urn,
      ],
    ],
  );
});

test("first preview with SUPER_ADMIN and its reason in the access file: the reason reaches the group's description, and no mandatory policy objects", async () => {
  const root = scratchProject([
    {
      file: "access/dev.yaml",
      change: (text) => text.replace("oktaAdminRoles:\n", "oktaAdminRoles:\n  - { role: SUPER_ADMIN, platformRole: administrators, reason: Okta's own administrators for dev. }\n"),
    },
  ]);
  const run = await preview(launchOf("dev", root));
  assert.deepEqual(run.refusals, []);
  assert.deepEqual(byName(run, "admin-role-role-administrators-SUPER_ADMIN").inputs.roleType, "SUPER_ADMIN");
  assert.match(String(byName(run, "role-administrators").inputs.description), / Justification for SUPER_ADMIN: Okta's own administrators for dev\.$/);
  assert.deepEqual(mandatory(await pack.analyzeStack(customResources(run))), []);
});

test("a later preview, hand-edited: the app attached to a sign-on policy the stack does not declare is refused on the outputs", async () => {
  const known = (r: Registration): Record<string, unknown> =>
    r.name === "duplocloud-app"
      ? { ...r.inputs, authenticationPolicy: "rstOUTSIDE0000000000" }
      : r.name === "duplocloud-sign-on-rule"
        ? { ...r.inputs, policyId: "rstSTACK00000000000" }
        : r.inputs;
  assert.deepEqual(
    mandatory(await pack.analyzeStack(customResources(firstPreview), known)).map((d) => [d.policy, d.message.split("\n")[1]]),
    [
      [
        "duplocloud-app-sign-on-policy-is-declared",
        "The DuploCloud app's sign-on policy rstOUTSIDE0000000000 has no two-factor rule in this stack; attach the stack's own sign-on policy.",
      ],
    ],
  );
  const same = (r: Registration): Record<string, unknown> => (r.name === "duplocloud-app" ? { ...r.inputs, authenticationPolicy: "rstSTACK00000000000" } : known(r));
  assert.deepEqual(mandatory(await pack.analyzeStack(customResources(firstPreview), same)), []);
});
