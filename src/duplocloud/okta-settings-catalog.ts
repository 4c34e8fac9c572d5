/*
 * DuploCloud's Okta settings, in one table, in the order and with the labels of the portal's
 * current pane (System Settings > Okta Settings, per duplocloud/docs). Used by `npm run handoff`
 * (the primary path: a person enters them), by the experimental API write and by `npm run doctor`,
 * so the three can never disagree.
 *
 * What is known, and what is not (shared/reference/duplocloud.md):
 * - The pane's API is not published. Nothing in DuploCloud's Terraform provider or CLI reads Okta
 *   settings from System Config (`v3/admin/systemSettings/config`); the docs name legacy keys of the
 *   AuthService's config file. Writing those keys as System Config rows is therefore unconfirmed
 *   to have any effect, which is why it is `experimental` and never reported as proof.
 * - Two fields have no documented key at all ("Okta API Token ID", "Admin Email"): they are only
 *   ever handed over, never written.
 * - The docs spell the sign-up key both `OktaSignupGroupId` and `OktaSignUpGroupId`: both are
 *   written.
 */

/**
 * DuploCloud's Okta settings that are not secret, as one record. `Id` is how the values Okta
 * assigns are held: Pulumi outputs in the program, text in the commands and a stack-outputs file.
 */
export interface OktaSettingsRecord<Id> {
  /** `https://<org>.okta.com`, with the scheme, as the current docs show it. */
  readonly oktaDomain: string;
  readonly clientId: Id;
  readonly adminGroupId: Id;
  readonly readOnlyGroupId: Id;
  readonly securityGroupId: Id;
  readonly signupGroupId: Id;
  readonly tenantGroupPrefix: string;
  readonly tenantReadOnlyGroupPrefix: string;
  readonly oktaApiTokenId?: string;
  readonly tokenExpiryAlertEmail?: string;
}

/** The record with every value known, as the commands and the settings writer use it. */
export type OktaSettingsValues = OktaSettingsRecord<string>;

/** The stack output `duplocloudOktaSettings`: the record, the client secret (a secret) and the redirect URI. */
export type OktaSettingsOutput<Id> = OktaSettingsRecord<Id> & { readonly clientSecret: Id; readonly redirectUri: string };

export type SecretSetting = "clientSecret" | "oktaApiToken";

export interface OktaSettingSpec {
  /** The field's label on the portal's Okta Settings pane. */
  readonly label: string;
  /** Documented legacy keys (older docs); none where DuploCloud documents none. */
  readonly legacyKeys: readonly string[];
  /** Where the value comes from, in words, for the hand-off and the README. */
  readonly from: string;
  /** A switch to turn on, a non-secret value, or a secret. */
  readonly source: { readonly constant: string } | { readonly value: keyof OktaSettingsValues } | { readonly secret: SecretSetting };
}

/** The pane, top to bottom: what a DuploCloud administrator or support enters. */
export const OKTA_SETTINGS: readonly OktaSettingSpec[] = [
  { label: "Enable Okta login", legacyKeys: ["ENABLEOKTALOGIN"], from: "a switch: on", source: { constant: "true" } },
  { label: "Okta domain", legacyKeys: ["OktaDomain"], from: "okta:orgName and okta:baseUrl", source: { value: "oktaDomain" } },
  { label: "Client ID", legacyKeys: ["OktaClientId"], from: "the DuploCloud OIDC app (stack output duplocloudOktaSettings.clientId)", source: { value: "clientId" } },
  { label: "Client secret", legacyKeys: ["OktaClientSecret"], from: "the DuploCloud OIDC app, through the AWS hand-off secret", source: { secret: "clientSecret" } },
  { label: "Enable Okta as user source", legacyKeys: ["EnableOktaUserSource"], from: "a switch: on", source: { constant: "true" } },
  {
    label: "Admin Group ID",
    legacyKeys: ["OktaAdminGroupId"],
    from: "the administrators group (stack output duplocloudOktaSettings.adminGroupId)",
    source: { value: "adminGroupId" },
  },
  {
    label: "ReadOnly Group ID",
    legacyKeys: ["OktaReadOnlyGroupId"],
    from: "the readOnly group (stack output duplocloudOktaSettings.readOnlyGroupId)",
    source: { value: "readOnlyGroupId" },
  },
  {
    label: "Security Group ID",
    legacyKeys: ["OktaSecurityGroupId"],
    from: "the securityAdmins group (stack output duplocloudOktaSettings.securityGroupId)",
    source: { value: "securityGroupId" },
  },
  {
    label: "Sign Up Group ID",
    legacyKeys: ["OktaSignupGroupId", "OktaSignUpGroupId"],
    from: "the signupUsers group (stack output duplocloudOktaSettings.signupGroupId)",
    source: { value: "signupGroupId" },
  },
  { label: "Tenant Group Prefix", legacyKeys: ["OktaTenantGroupPrefix"], from: "groupNaming.tenantReadWritePrefix in the access file", source: { value: "tenantGroupPrefix" } },
  {
    label: "Tenant ReadOnly Group Prefix",
    legacyKeys: ["OktaTenantRoGroupPrefix"],
    from: "groupNaming.tenantReadOnlyPrefix in the access file",
    source: { value: "tenantReadOnlyGroupPrefix" },
  },
  { label: "Okta API Token", legacyKeys: ["OktaToken"], from: "duplocloud:oktaApiToken (secret), through the AWS hand-off secret", source: { secret: "oktaApiToken" } },
  { label: "Okta API Token ID", legacyKeys: [], from: "duplocloud:oktaApiTokenId", source: { value: "oktaApiTokenId" } },
  { label: "Admin Email", legacyKeys: [], from: "duplocloud:tokenExpiryAlertEmail", source: { value: "tokenExpiryAlertEmail" } },
];

/**
 * The non-secret settings the experimental API write sends, legacy key -> value. Fields without a
 * documented key, and optional values left out, are not sent.
 */
export function visibleSettingValues(values: OktaSettingsValues): Record<string, string> {
  const result: Record<string, string> = {};
  for (const spec of OKTA_SETTINGS) {
    const value = "constant" in spec.source ? spec.source.constant : "value" in spec.source ? values[spec.source.value] : undefined;
    if (value === undefined || value === "") continue;
    for (const key of spec.legacyKeys) result[key] = value;
  }
  return result;
}

/** The secret settings to write, legacy key -> value; a secret that is not configured is left out. */
export function secretSettingValues<S>(secrets: Partial<Record<SecretSetting, S>>): Record<string, S> {
  const result: Record<string, S> = {};
  for (const spec of OKTA_SETTINGS) {
    if (!("secret" in spec.source)) continue;
    const secret = secrets[spec.source.secret];
    if (secret === undefined) continue;
    for (const key of spec.legacyKeys) result[key] = secret;
  }
  return result;
}
