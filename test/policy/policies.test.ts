import { test } from "node:test";
import assert from "node:assert/strict";
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import {
  duploCloudAppPolicyIsDeclared,
  duploCloudAppRequiresMfa,
  groupsHaveDescription,
  groupsHaveOwner,
  manageScopesNeedJustification,
  noRuleFillsAdministrators,
  noSuperAdminServiceApps,
  orgControlRolesNeedReason,
  POLICIES,
  serviceAppsUsePrivateKeyJwt,
  temporaryAccessEndsWithinCeiling,
} from "../../policy/policies";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";
import { runProgram } from "../support/mock-program";

interface FakeResource {
  type: string;
  name: string;
  props: Record<string, unknown>;
  additionalSecretOutputs?: string[];
}

const asPolicyResource = (r: FakeResource): PolicyResource =>
  ({
    type: r.type,
    name: r.name,
    urn: `urn:pulumi:dev::p::${r.type}::${r.name}`,
    props: r.props,
    opts: { additionalSecretOutputs: r.additionalSecretOutputs ?? [] },
  }) as unknown as PolicyResource;

function violationsOfStack(policy: StackValidationPolicy, resources: FakeResource[]): string[] {
  const violations: string[] = [];
  void policy.validateStack!({ resources: resources.map(asPolicyResource) } as unknown as StackValidationArgs, (message) => violations.push(message));
  return violations;
}

function violationsOfResource(policy: ResourceValidationPolicy, resource: FakeResource): string[] {
  const violations: string[] = [];
  const args = { ...asPolicyResource(resource) } as unknown as ResourceValidationArgs;
  (policy.validateResource as (a: ResourceValidationArgs, r: (m: string) => void) => void)(args, (message) => violations.push(message));
  return violations;
}

const APP: FakeResource = {
  type: "okta:app/oAuth:OAuth",
  name: "duplocloud-app",
  props: { type: "web", redirectUris: ["https://acme.duplocloud.net/app/signin-okta"], authenticationPolicy: "pol-1" },
};
const POSSESSION = JSON.stringify({ possession: { required: true, deviceBound: "REQUIRED" } });
const MFA_RULE: FakeResource = {
  type: "okta:index/appSignonPolicyRule:AppSignonPolicyRule",
  name: "duplocloud-sign-on-rule",
  props: { policyId: "pol-1", factorMode: "2FA", access: "ALLOW", constraints: [POSSESSION] },
};
const SIGN_ON_POLICY: FakeResource = { type: "okta:index/appSignonPolicy:AppSignonPolicy", name: "duplocloud-sign-on", props: { name: "DuploCloud sign-on" } };
const rule = (props: Record<string, unknown>): FakeResource => ({ ...MFA_RULE, props: { ...MFA_RULE.props, ...props } });

test("policy duplocloud-app-requires-mfa: decided per resource; two factors with a device-bound possession factor, or deny", () => {
  assert.deepEqual(
    [APP, MFA_RULE, rule({ access: "DENY", factorMode: "1FA", constraints: undefined })].flatMap((r) => violationsOfResource(duploCloudAppRequiresMfa, r)),
    [],
  );
  assert.deepEqual(violationsOfResource(duploCloudAppRequiresMfa, { ...APP, props: { ...APP.props, authenticationPolicy: undefined } }), [
    "The DuploCloud app has no sign-on policy (authenticationPolicy); attach one that requires MFA.",
  ]);
  const { authenticationPolicy: _policy, ...withoutPolicy } = APP.props;
  assert.equal(violationsOfResource(duploCloudAppRequiresMfa, { ...APP, props: withoutPolicy }).length, 1);
  // Another OAuth app (no DuploCloud redirect) needs no sign-on policy here.
  assert.deepEqual(violationsOfResource(duploCloudAppRequiresMfa, { ...APP, props: { type: "web", redirectUris: ["https://other.example/cb"] } }), []);
  assert.deepEqual(violationsOfResource(duploCloudAppRequiresMfa, rule({ factorMode: "1FA", constraints: undefined })), [
    "Sign-on rule duplocloud-sign-on-rule allows one factor (factorMode 1FA); set okta.app.signOn.mfa to required.",
  ]);
  assert.deepEqual(violationsOfResource(duploCloudAppRequiresMfa, rule({ factorMode: undefined })), [
    "Sign-on rule duplocloud-sign-on-rule allows one factor (factorMode unset); set okta.app.signOn.mfa to required.",
  ]);
  const smsWouldDo =
    "Sign-on rule duplocloud-sign-on-rule asks for two factors without a device-bound possession factor, so SMS, voice or email would do; keep the constraint the stack sets for mfa: required.";
  for (const constraints of [
    undefined,
    [],
    [JSON.stringify({ possession: { required: true } })],
    [JSON.stringify({ possession: { required: false, deviceBound: "REQUIRED" } })],
    ["not json"],
  ]) {
    assert.deepEqual(violationsOfResource(duploCloudAppRequiresMfa, rule({ constraints })), [smsWouldDo], JSON.stringify(constraints));
  }
  assert.deepEqual(violationsOfResource(duploCloudAppRequiresMfa, rule({ constraints: ["not json", POSSESSION] })), []);
});

test("policy duplocloud-app-sign-on-policy-is-declared: the app's policy is one of the stack's, with a two-factor rule", () => {
  assert.deepEqual(violationsOfStack(duploCloudAppPolicyIsDeclared, [APP, SIGN_ON_POLICY, MFA_RULE]), []);
  assert.deepEqual(violationsOfStack(duploCloudAppPolicyIsDeclared, [{ ...APP, props: { ...APP.props, authenticationPolicy: "rst-outside" } }, SIGN_ON_POLICY, MFA_RULE]), [
    "The DuploCloud app's sign-on policy rst-outside has no two-factor rule in this stack; attach the stack's own sign-on policy.",
  ]);
  assert.deepEqual(violationsOfStack(duploCloudAppPolicyIsDeclared, [APP, SIGN_ON_POLICY, rule({ factorMode: "1FA" })]).length, 1);
  // Without a policy at all, the per-resource policy reports it; this one does not repeat it.
  assert.deepEqual(violationsOfStack(duploCloudAppPolicyIsDeclared, [{ ...APP, props: { ...APP.props, authenticationPolicy: undefined } }]), []);
});

test("policy no-rule-fills-administrators: decided by the stack's rule names; a rule whose group cannot be told fails", () => {
  const groupRule = (name: string): FakeResource => ({ type: "okta:group/rule:Rule", name, props: { groupAssignments: ["00gTEAM"] } });
  const passing = ["rule-team-payments", "rule-role-readOnly", "rule-tenant-dev01-read-write", "rule-tenant-dev01-read-write-home-3f", "rule-team-a-b-c"];
  assert.deepEqual(
    passing.flatMap((name) => violationsOfResource(noRuleFillsAdministrators, groupRule(name))),
    [],
  );
  assert.deepEqual(violationsOfResource(noRuleFillsAdministrators, groupRule("rule-role-administrators")), [
    "Group rule rule-role-administrators fills the administrators group; administrators must be named one by one.",
  ]);
  assert.deepEqual(violationsOfResource(noRuleFillsAdministrators, groupRule("rule-role-administrators-x")).length, 1);
  assert.deepEqual(violationsOfResource(noRuleFillsAdministrators, groupRule("sneaky")), [
    "Group rule sneaky is not named rule-<group key>, so the group it fills cannot be told before it exists; name it after its group.",
  ]);
  for (const name of ["rule-tenant-dev01", "rule-group-x", "rule-team-", "xrule-team-a"])
    assert.equal(violationsOfResource(noRuleFillsAdministrators, groupRule(name)).length, 1, name);
  assert.deepEqual(violationsOfResource(noRuleFillsAdministrators, { type: "okta:group/group:Group", name: "sneaky", props: {} }), []);
});

test("policy no-super-admin-service-apps: SUPER_ADMIN and ORG_ADMIN fail, READ_ONLY_ADMIN passes", () => {
  assert.deepEqual(
    violationsOfResource(noSuperAdminServiceApps, {
      type: "okta:index/oauth2V1ClientsRoleReadOnlyAdmin:Oauth2V1ClientsRoleReadOnlyAdmin",
      name: "r",
      props: { type: "READ_ONLY_ADMIN" },
    }),
    [],
  );
  assert.equal(
    violationsOfResource(noSuperAdminServiceApps, { type: "okta:index/oauth2V1ClientsRoleSuperAdmin:Oauth2V1ClientsRoleSuperAdmin", name: "r", props: { type: "SUPER_ADMIN" } })
      .length,
    1,
  );
  assert.equal(
    violationsOfResource(noSuperAdminServiceApps, { type: "okta:index/oauth2V1ClientsRoleOrgAdmin:Oauth2V1ClientsRoleOrgAdmin", name: "r", props: { type: "ORG_ADMIN" } }).length,
    1,
  );
  // The scoped form (a dynamic resource) is held to the same rule by its roleType.
  const scoped = (roleType: string) => violationsOfResource(noSuperAdminServiceApps, { type: "pulumi-nodejs:dynamic/okta:ScopedClientRole", name: "r", props: { roleType } });
  assert.deepEqual(scoped("SUPER_ADMIN"), ["Service app role SUPER_ADMIN gives a machine the keys to the org; use READ_ONLY_ADMIN or a narrower role."]);
  assert.deepEqual(scoped("HELP_DESK_ADMIN"), []);
});

test("policy manage-scopes-need-justification: a manage scope needs the app's justification note", () => {
  const scopes = (list: string[]): FakeResource => ({ type: "okta:index/appOauthApiScope:AppOauthApiScope", name: "service-app-sync-scopes", props: { scopes: list } });
  const app = (note?: string): FakeResource => ({ type: "okta:app/oAuth:OAuth", name: "service-app-sync", props: { type: "service", adminNote: note } });
  assert.deepEqual(violationsOfStack(manageScopesNeedJustification, [app(), scopes(["okta.users.read"])]), []);
  assert.deepEqual(violationsOfStack(manageScopesNeedJustification, [app("Justification: migration"), scopes(["okta.groups.manage"])]), []);
  assert.match(
    violationsOfStack(manageScopesNeedJustification, [app("Read-only API access; managed by Pulumi."), scopes(["okta.groups.manage"])])[0]!,
    /grants okta.groups.manage without a justification/,
  );
});

test("policy service-apps-use-private-key-jwt: a service app signs with its key and has no client secret", () => {
  const app = (props: Record<string, unknown>): FakeResource => ({
    type: "okta:app/oAuth:OAuth",
    name: "service-app-sync",
    props: { grantTypes: ["client_credentials"], tokenEndpointAuthMethod: "private_key_jwt", omitSecret: true, ...props },
  });
  assert.deepEqual(violationsOfResource(serviceAppsUsePrivateKeyJwt, app({})), []);
  assert.deepEqual(violationsOfResource(serviceAppsUsePrivateKeyJwt, app({ tokenEndpointAuthMethod: undefined, omitSecret: undefined })), [
    "Service app service-app-sync authenticates with a client secret (the default); use private_key_jwt with the app's public key.",
    "Service app service-app-sync would get a client secret; set omitSecret so none is made.",
  ]);
  assert.deepEqual(violationsOfResource(serviceAppsUsePrivateKeyJwt, app({ tokenEndpointAuthMethod: "client_secret_basic" })), [
    "Service app service-app-sync authenticates with client_secret_basic; use private_key_jwt with the app's public key.",
  ]);
  // The DuploCloud web app signs people in with a secret DuploCloud holds: not a service app.
  assert.deepEqual(violationsOfResource(serviceAppsUsePrivateKeyJwt, { ...APP, props: { ...APP.props, grantTypes: ["authorization_code"] } }), []);
  assert.deepEqual(violationsOfResource(serviceAppsUsePrivateKeyJwt, { type: "okta:group/group:Group", name: "g", props: { grantTypes: ["client_credentials"] } }), []);
});

test("advisory policies: groups need a description; team and role groups a real Okta owner", () => {
  const group = (name: string, description?: string): FakeResource => ({ type: "okta:group/group:Group", name, props: { name: `duplo-${name}`, description } });
  assert.deepEqual(violationsOfResource(groupsHaveDescription, group("team-x", "Payments squad.")), []);
  assert.equal(violationsOfResource(groupsHaveDescription, group("team-x", "  ")).length, 1);
  const owners = (name: string, list: unknown[]): FakeResource => ({ type: "okta:group/owners:Owners", name, props: { owners: list } });
  const stack = [
    group("team-x"),
    group("role-readOnly"),
    group("tenant-dev01-read-write"),
    owners("owners-team-x", [{ id: "00u1", type: "USER" }]),
    owners("owners-role-readOnly", []),
  ];
  assert.deepEqual(violationsOfStack(groupsHaveOwner, stack), ["Group duplo-role-readOnly has no owner; add owners to its role or team in the access file."]);
  // Real owners off (no okta.group.Owners at all): owners are review data, nothing to report.
  assert.deepEqual(violationsOfStack(groupsHaveOwner, stack.slice(0, 3)), []);
  assert.equal(groupsHaveOwner.enforcementLevel, "advisory");
});

/** The resources of a real program run, as the policy engine would see them. */
async function programResources(text: string): Promise<FakeResource[]> {
  const run = await runProgram(modelOf(text));
  return run.resources.map((r) => ({
    type: r.type,
    name: r.name,
    props: r.inputs,
    additionalSecretOutputs: [...((run.options.get(r.name)?.additionalSecretOutputs as string[]) ?? [])],
  }));
}

function mandatoryViolations(resources: FakeResource[]): string[] {
  const violations: string[] = [];
  for (const policy of POLICIES.filter((p) => p.enforcementLevel === "mandatory")) {
    if ("validateStack" in policy) violations.push(...violationsOfStack(policy as StackValidationPolicy, resources));
    else for (const resource of resources) violations.push(...violationsOfResource(policy as ResourceValidationPolicy, resource));
  }
  return violations;
}

test("the real program passes every mandatory policy; turning MFA off in the file fails one", async () => {
  assert.deepEqual(mandatoryViolations(await programResources(VALID_ACCESS_FILE)), []);
  const noMfa = VALID_ACCESS_FILE.replace("roles:", "okta:\n  app:\n    signOn: { mfa: not-required }\nroles:");
  assert.deepEqual(mandatoryViolations(await programResources(noMfa)), [
    "Sign-on rule duplocloud-sign-on-rule allows one factor (factorMode 1FA); set okta.app.signOn.mfa to required.",
    "The DuploCloud app's sign-on policy duplocloud-sign-on-id has no two-factor rule in this stack; attach the stack's own sign-on policy.",
  ]);
});

test("policy org-control-roles-need-reason: SUPER_ADMIN or ORG_ADMIN on a group whose description carries no reason is refused", async () => {
  const withSuperAdmin = `${VALID_ACCESS_FILE}oktaAdminRoles:\n  - { role: SUPER_ADMIN, platformRole: administrators, reason: Okta's own administrators. }\n  - { role: READ_ONLY_ADMIN, team: oncall }\n`;
  const resources = await programResources(withSuperAdmin);
  // The real program, from a file validation accepts, passes every mandatory policy.
  assert.deepEqual(mandatoryViolations(resources), []);
  // Hand-edited: the reason dropped from the description, or the role moved to a group it cannot join.
  const withoutReason = resources.map((r) =>
    r.name === "role-administrators" ? { ...r, props: { ...r.props, description: "DuploCloud Administrator (every tenant). Managed by Pulumi from the access file." } } : r,
  );
  assert.deepEqual(violationsOfStack(orgControlRolesNeedReason, withoutReason), [
    "admin-role-role-administrators-SUPER_ADMIN gives SUPER_ADMIN to group role-administrators without a written reason; add reason to the role in the access file.",
  ]);
  const shortReason = resources.map((r) => (r.name === "role-administrators" ? { ...r, props: { ...r.props, description: "Admins. Justification for SUPER_ADMIN: why" } } : r));
  assert.equal(violationsOfStack(orgControlRolesNeedReason, shortReason).length, 1);
  // Another role's reason does not count for this one.
  const otherReason = resources.map((r) =>
    r.name === "role-administrators" ? { ...r, props: { ...r.props, description: "Justification for USER_ADMIN: Onboards every new hire." } } : r,
  );
  assert.equal(violationsOfStack(orgControlRolesNeedReason, otherReason).length, 1);
  const orgAdmin: FakeResource = { type: "okta:group/role:Role", name: "admin-role-elsewhere-ORG_ADMIN", props: { groupId: "00g1abcdEFGH2345ijk7", roleType: "ORG_ADMIN" } };
  assert.deepEqual(violationsOfStack(orgControlRolesNeedReason, [...resources, orgAdmin]), [
    "admin-role-elsewhere-ORG_ADMIN gives ORG_ADMIN to a group this stack does not declare under the name admin-role-<group key>-ORG_ADMIN, so its reason cannot be read; give the role in the access file.",
  ]);
  // Roles that are not org control need no reason here (validation scopes them).
  const readOnly: FakeResource = {
    type: "okta:group/role:Role",
    name: "admin-role-elsewhere-READ_ONLY_ADMIN",
    props: { groupId: "00g1abcdEFGH2345ijk7", roleType: "READ_ONLY_ADMIN" },
  };
  assert.deepEqual(violationsOfStack(orgControlRolesNeedReason, [...resources, readOnly]), []);
});

test("mandatory policy: temporary access noted in a group's description ends within the ceiling (168 hours) of the pack's clock", () => {
  const group = (description: string): FakeResource => ({ type: "okta:group/group:Group", name: "tenant-dev01-read-write", props: { name: "duploservices-dev01", description } });
  const base = "DuploCloud tenant dev01, read-write. Filled by rules from the teams granted it; managed by Pulumi.";
  const previous = process.env.ACCESS_NOW;
  process.env.ACCESS_NOW = "2026-12-07T17:00:00Z";
  try {
    assert.deepEqual(violationsOfResource(temporaryAccessEndsWithinCeiling, group(`${base} Temporary: grace@acme.example until 2026-12-14T17:00Z.`)), []);
    assert.deepEqual(
      violationsOfResource(
        temporaryAccessEndsWithinCeiling,
        group(`${base} Temporary: grace@acme.example until 2026-12-07T21:00Z. Temporary: mallory@evil.example until 2026-12-14T17:01Z.`),
      ),
      ["Group tenant-dev01-read-write gives mallory@evil.example temporary access until 2026-12-14T17:01Z, more than 168 hours from now; give lasting access through a team."],
    );
    // A last day counts to its end: 2026-12-14 ends at 2026-12-15T00:00Z, past the ceiling.
    assert.equal(violationsOfResource(temporaryAccessEndsWithinCeiling, group(`${base} Temporary: grace@acme.example until 2026-12-14.`)).length, 1);
    assert.deepEqual(violationsOfResource(temporaryAccessEndsWithinCeiling, group(`${base} Temporary: grace@acme.example until 2026-02-30.`)), [
      'Group tenant-dev01-read-write gives grace@acme.example temporary access until "2026-02-30", which is not a date or UTC time.',
    ]);
  } finally {
    if (previous === undefined) delete process.env.ACCESS_NOW;
    else process.env.ACCESS_NOW = previous;
  }
  assert.equal(temporaryAccessEndsWithinCeiling.enforcementLevel, "mandatory");
});
