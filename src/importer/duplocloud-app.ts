import { SIGN_IN_PATH } from "../access/keys";
import type { PlatformRoleName } from "../access/schema";
import type { OrgIndex } from "./org-index";
import type { TenantOfGroup } from "./tenant-groups";
import type { Account, OktaInput, PortalState } from "./types";

export interface AppImport {
  /** The app and its sign-on as the org has them; undefined when no app was found (the stack then creates one). */
  readonly okta?: OktaInput;
  readonly account: Account;
}

/** The DuploCloud OIDC app, found by its redirect URI, and its sign-on policy: adopted as they are, MFA included. */
export function importApp(index: OrgIndex, portal: PortalState): AppImport {
  const app = index.org.duploCloudApp;
  if (!app) {
    return {
      account: { created: [{ what: "the DuploCloud OIDC app and its sign-on policy", note: `no app with the redirect URI ${portal.url}${SIGN_IN_PATH} was found` }] },
    };
  }
  const allow = app.signOnRules.filter((rule) => rule.access !== "DENY");
  const oneFactor = allow.some((rule) => rule.factorMode !== "2FA");
  const phishingResistant = allow.length > 0 && allow.every((rule) => rule.constraints.some((c) => JSON.stringify(c).includes('"phishingResistant":"REQUIRED"')));
  const mfa = oneFactor ? "not-required" : phishingResistant ? "phishing-resistant" : "required";
  const reauth = allow.find((rule) => rule.reauthenticateIn)?.reauthenticateIn;
  return {
    okta: { app: { label: app.label, importId: app.id, signOn: { mfa, ...(reauth ? { reauthenticateEvery: reauth } : {}) } } },
    account: {
      adopted: [{ what: `the DuploCloud OIDC app "${app.label}" (${app.id})`, note: "it moves to the stack's own sign-on policy" }],
      created: [{ what: "the app's sign-on policy and rule", note: `mfa: ${mfa}, as the app's current policy has it` }],
      todo: oneFactor
        ? ["The app's current sign-on policy lets people in with one factor; the file says so (mfa: not-required), and the policy pack will refuse it: set mfa: required."]
        : [],
      outside: app.accessPolicyId
        ? [{ what: `the app's current sign-on policy (${app.accessPolicyId})`, note: "stays in Okta, no longer attached to the app; delete it once nothing uses it" }]
        : [],
    },
  };
}

/** Groups assigned to the app that give nothing in DuploCloud: their assignments stay. */
export function otherAppAssignments(index: OrgIndex, roleOfGroup: ReadonlyMap<string, PlatformRoleName>, tenantOfGroup: TenantOfGroup): Account {
  return {
    outside: (index.org.duploCloudApp?.groupIds ?? [])
      .filter((id) => !roleOfGroup.has(id) && !tenantOfGroup.has(id))
      .map((id) => ({
        what: `assignment of ${index.group(id)?.name ?? id} to the DuploCloud app`,
        note: "stays: the stack adds its own assignments and never removes others",
      })),
  };
}
