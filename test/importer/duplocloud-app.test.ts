import { test } from "node:test";
import assert from "node:assert/strict";
import type { OktaOrg, OrgSignOnRule } from "../../src/live/okta-org";
import { importApp, otherAppAssignments } from "../../src/importer/duplocloud-app";
import { indexOrg } from "../../src/importer/org-index";
import { group, orgOf, portalOf } from "./org-fixtures";

const POSSESSION = { possession: { required: true, deviceBound: "REQUIRED" } };
const PHISHING_RESISTANT = { possession: { required: true, deviceBound: "REQUIRED", phishingResistant: "REQUIRED" } };
const signOn = (access: string, factorMode: string, constraints: unknown[], reauthenticateIn?: string): OrgSignOnRule => ({
  name: `${access} ${factorMode}`,
  access,
  factorMode,
  constraints,
  ...(reauthenticateIn ? { reauthenticateIn } : {}),
});

function orgWithApp(signOnRules: OrgSignOnRule[], more: Partial<NonNullable<OktaOrg["duploCloudApp"]>> = {}): OktaOrg {
  return orgOf({
    groups: [group("00g0000000000admins1", "duplo-administrators"), group("00g00000000000contr1", "contractors")],
    duploCloudApp: {
      id: "0oa000000000duplo001",
      label: "DuploCloud (prod)",
      redirectUris: ["https://acme.duplocloud.net/app/signin-okta"],
      grantTypes: ["authorization_code"],
      clientId: "0oa000000000duplo001",
      jwks: [],
      groupIds: ["00g0000000000admins1", "00g00000000000contr1", "00g0000000000dev01rw", "00g00000000unread001"],
      signOnRules,
      ...more,
    },
  });
}

test("the app's sign-on, as the file says it: two factors with a device-bound possession factor is required, phishing-resistant when every allowing rule says so, one factor anywhere is not-required", () => {
  const mfaOf = (rules: OrgSignOnRule[]) => importApp(indexOrg(orgWithApp(rules)), portalOf({})).okta?.app?.signOn;
  assert.deepEqual(
    [
      mfaOf([signOn("ALLOW", "2FA", [POSSESSION], "PT4H")]),
      mfaOf([signOn("ALLOW", "2FA", [PHISHING_RESISTANT]), signOn("DENY", "1FA", [])]),
      mfaOf([signOn("ALLOW", "2FA", [PHISHING_RESISTANT]), signOn("ALLOW", "2FA", [POSSESSION], "PT2H")]),
      mfaOf([signOn("ALLOW", "2FA", [PHISHING_RESISTANT]), signOn("ALLOW", "1FA", [])]),
      mfaOf([signOn("DENY", "2FA", [], "PT1H")]),
      mfaOf([]),
    ],
    [
      { mfa: "required", reauthenticateEvery: "PT4H" },
      { mfa: "phishing-resistant" },
      { mfa: "required", reauthenticateEvery: "PT2H" },
      { mfa: "not-required" },
      { mfa: "required" },
      { mfa: "required" },
    ],
  );
});

test("the app is adopted with its label; a one-factor policy is a to-do; the policy it leaves stays in Okta", () => {
  const imported = importApp(indexOrg(orgWithApp([signOn("ALLOW", "1FA", [])], { accessPolicyId: "rst00000000000duplo1" })), portalOf({}));
  assert.deepEqual(imported, {
    okta: { app: { label: "DuploCloud (prod)", importId: "0oa000000000duplo001", signOn: { mfa: "not-required" } } },
    account: {
      adopted: [{ what: 'the DuploCloud OIDC app "DuploCloud (prod)" (0oa000000000duplo001)', note: "it moves to the stack's own sign-on policy" }],
      created: [{ what: "the app's sign-on policy and rule", note: "mfa: not-required, as the app's current policy has it" }],
      todo: ["The app's current sign-on policy lets people in with one factor; the file says so (mfa: not-required), and the policy pack will refuse it: set mfa: required."],
      outside: [{ what: "the app's current sign-on policy (rst00000000000duplo1)", note: "stays in Okta, no longer attached to the app; delete it once nothing uses it" }],
    },
  });
});

test("no app found: the stack creates one, and the account names the redirect URI looked for on the portal", () => {
  assert.deepEqual(importApp(indexOrg(orgOf({})), portalOf({ url: "https://acme.duplocloud.net" })), {
    account: { created: [{ what: "the DuploCloud OIDC app and its sign-on policy", note: "no app with the redirect URI https://acme.duplocloud.net/app/signin-okta was found" }] },
  });
});

test("assignments of groups that give nothing in DuploCloud stay, named when the group was read", () => {
  const index = indexOrg(orgWithApp([]));
  const note = "stays: the stack adds its own assignments and never removes others";
  assert.deepEqual(
    otherAppAssignments(index, new Map([["00g0000000000admins1", "administrators"]]), new Map([["00g0000000000dev01rw", { tenant: "dev01", level: "read-write" }]])),
    {
      outside: [
        { what: "assignment of contractors to the DuploCloud app", note },
        { what: "assignment of 00g00000000unread001 to the DuploCloud app", note },
      ],
    },
  );
  assert.deepEqual(otherAppAssignments(indexOrg(orgOf({})), new Map(), new Map()), { outside: [] });
});
