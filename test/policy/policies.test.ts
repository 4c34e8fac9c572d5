import { test } from "node:test";
import assert from "node:assert/strict";
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import {
  clientSecretIsSecret,
  duploCloudAppRequiresMfa,
  groupsHaveDescription,
  groupsHaveOwner,
  manageScopesNeedJustification,
  noRuleFillsAdministrators,
  noSuperAdminServiceApps,
  POLICIES,
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
  ({ type: r.type, name: r.name, urn: `urn:pulumi:dev::p::${r.type}::${r.name}`, props: r.props, opts: { additionalSecretOutputs: r.additionalSecretOutputs ?? [] } }) as unknown as PolicyResource;

function violationsOfStack(policy: StackValidationPolicy, resources: FakeResource[]): string[] {
  const violations: string[] = [];
  policy.validateStack!({ resources: resources.map(asPolicyResource) } as unknown as StackValidationArgs, (message) => violations.push(message));
  return violations;
}

function violationsOfResource(policy: ResourceValidationPolicy, resource: FakeResource): string[] {
  const violations: string[] = [];
  const args = { ...asPolicyResource(resource) } as unknown as ResourceValidationArgs;
  (policy.validateResource as (a: ResourceValidationArgs, r: (m: string) => void) => void)(args, (message) => violations.push(message));
  return violations;
}

const APP: FakeResource = { type: "okta:app/oAuth:OAuth", name: "duplocloud-app", props: { type: "web", redirectUris: ["https://acme.duplocloud.net/app/signin-okta"], authenticationPolicy: "pol-1" }, additionalSecretOutputs: ["clientSecret"] };
const MFA_RULE: FakeResource = { type: "okta:index/appSignonPolicyRule:AppSignonPolicyRule", name: "duplocloud-sign-on-rule", props: { policyId: "pol-1", factorMode: "2FA", access: "ALLOW" } };

test("policy duplocloud-app-requires-mfa: passes with a 2FA rule, fails without a policy or with a 1FA rule", () => {
  assert.deepEqual(violationsOfStack(duploCloudAppRequiresMfa, [APP, MFA_RULE]), []);
  assert.match(violationsOfStack(duploCloudAppRequiresMfa, [{ ...APP, props: { ...APP.props, authenticationPolicy: undefined } }])[0]!, /has no sign-on policy/);
  const oneFactor = violationsOfStack(duploCloudAppRequiresMfa, [APP, { ...MFA_RULE, props: { ...MFA_RULE.props, factorMode: "1FA" } }]);
  assert.equal(oneFactor.length, 2);
  assert.match(oneFactor[0]!, /no rule with factorMode 2FA/);
  assert.match(oneFactor[1]!, /allows one factor/);
});

test("policy no-rule-fills-administrators: fails on a rule targeting the admin group", () => {
  const admins: FakeResource = { type: "okta:group/group:Group", name: "role-administrators", props: { id: "00gADMIN", name: "duplo-administrators" } };
  const teamRule: FakeResource = { type: "okta:group/rule:Rule", name: "rule-team-payments", props: { groupAssignments: ["00gTEAM"] } };
  assert.deepEqual(violationsOfStack(noRuleFillsAdministrators, [admins, teamRule]), []);
  const bad: FakeResource = { type: "okta:group/rule:Rule", name: "sneaky", props: { groupAssignments: ["00gTEAM", "00gADMIN"] } };
  assert.match(violationsOfStack(noRuleFillsAdministrators, [admins, bad])[0]!, /sneaky fills the administrators group/);
  assert.equal(violationsOfStack(noRuleFillsAdministrators, [{ type: "okta:group/rule:Rule", name: "rule-role-administrators", props: {} }]).length, 1);
});

test("policy no-super-admin-service-apps: SUPER_ADMIN and ORG_ADMIN fail, READ_ONLY_ADMIN passes", () => {
  assert.deepEqual(violationsOfResource(noSuperAdminServiceApps, { type: "okta:index/oauth2V1ClientsRoleReadOnlyAdmin:Oauth2V1ClientsRoleReadOnlyAdmin", name: "r", props: { type: "READ_ONLY_ADMIN" } }), []);
  assert.equal(violationsOfResource(noSuperAdminServiceApps, { type: "okta:index/oauth2V1ClientsRoleSuperAdmin:Oauth2V1ClientsRoleSuperAdmin", name: "r", props: { type: "SUPER_ADMIN" } }).length, 1);
  assert.equal(violationsOfResource(noSuperAdminServiceApps, { type: "okta:index/oauth2V1ClientsRoleOrgAdmin:Oauth2V1ClientsRoleOrgAdmin", name: "r", props: { type: "ORG_ADMIN" } }).length, 1);
});

test("policy manage-scopes-need-justification: a manage scope needs the app's justification note", () => {
  const scopes = (list: string[]): FakeResource => ({ type: "okta:index/appOauthApiScope:AppOauthApiScope", name: "service-app-sync-scopes", props: { scopes: list } });
  const app = (note?: string): FakeResource => ({ type: "okta:app/oAuth:OAuth", name: "service-app-sync", props: { type: "service", adminNote: note } });
  assert.deepEqual(violationsOfStack(manageScopesNeedJustification, [app(), scopes(["okta.users.read"])]), []);
  assert.deepEqual(violationsOfStack(manageScopesNeedJustification, [app("Justification: migration"), scopes(["okta.groups.manage"])]), []);
  assert.match(violationsOfStack(manageScopesNeedJustification, [app("Read-only API access; managed by Pulumi."), scopes(["okta.groups.manage"])])[0]!, /grants okta.groups.manage without a justification/);
});

test("policy client-secret-is-secret: the web app must mark clientSecret secret", () => {
  assert.deepEqual(violationsOfResource(clientSecretIsSecret, APP), []);
  assert.equal(violationsOfResource(clientSecretIsSecret, { ...APP, additionalSecretOutputs: [] }).length, 1);
});

test("advisory policies: groups need a description; team and role groups a real Okta owner", () => {
  const group = (name: string, description?: string): FakeResource => ({ type: "okta:group/group:Group", name, props: { name: `duplo-${name}`, description } });
  assert.deepEqual(violationsOfResource(groupsHaveDescription, group("team-x", "Payments squad.")), []);
  assert.equal(violationsOfResource(groupsHaveDescription, group("team-x", "  ")).length, 1);
  const owners = (name: string, list: unknown[]): FakeResource => ({ type: "okta:group/owners:Owners", name, props: { owners: list } });
  const stack = [group("team-x"), group("role-readOnly"), group("tenant-dev01-read-write"), owners("owners-team-x", [{ id: "00u1", type: "USER" }]), owners("owners-role-readOnly", [])];
  assert.deepEqual(violationsOfStack(groupsHaveOwner, stack), ["Group duplo-role-readOnly has no owner; add owners to its role or team in the access file."]);
  assert.equal(groupsHaveOwner.enforcementLevel, "advisory");
});

/** The resources of a real program run, as the policy engine would see them. */
async function programResources(text: string): Promise<FakeResource[]> {
  const run = await runProgram(modelOf(text));
  return run.resources.map((r) => ({ type: r.type, name: r.name, props: r.inputs, additionalSecretOutputs: [...((run.options.get(r.name)?.additionalSecretOutputs as string[]) ?? [])] }));
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
  const violations = mandatoryViolations(await programResources(noMfa));
  assert.ok(violations.some((v) => /no rule with factorMode 2FA/.test(v)), violations.join("\n"));
});
