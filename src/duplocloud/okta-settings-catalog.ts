import type { PlatformRoleName } from "../access/schema";

/*
 * DuploCloud's Okta settings, in one table: the sections, order, labels and `*` (required) of the
 * portal's pane as DuploCloud's current docs show it (duplocloud/docs, "Okta Management Settings",
 * okta-management-settings.md: Administrator > System Settings > Okta Settings, sections "User
 * Source Settings", "Okta API Token Settings", "Single Sign-On Settings"). Used by `npm run
 * handoff` (the primary path: a person enters them), by the experimental API write and by
 * `npm run doctor`, so the three can never disagree. The values themselves are put together once,
 * in okta-settings-record.ts.
 *
 * What is known, and what is not (shared/reference/duplocloud.md):
 * - The pane's API is not published. Nothing in DuploCloud's Terraform provider or CLI reads Okta
 *   settings from System Config (`v3/admin/systemSettings/config`); the docs name legacy keys of the
 *   AuthService's config file (duplocloud/docs extras-overview/okta-user-management.md, Auth.config).
 *   Writing those keys as System Config rows is therefore unconfirmed to have any effect, which is
 *   why it is `experimental` and never reported as proof.
 * - Three fields have no documented key at all ("Okta API Token ID", "Admin Email", "Enable DPoP"):
 *   they are only ever handed over, never written.
 * - "DuploCloud Sign Up Group ID" was on the pane in the docs of Dec 2025 and is gone from those of
 *   Feb 2026: it is handed over as "only if your pane shows it". The legacy docs spell its key both
 *   `OktaSignupGroupId` and `OktaSignUpGroupId`: both are written.
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

/** The pane's sections, top to bottom. */
export const OKTA_SETTINGS_SECTIONS = ["User Source Settings", "Okta API Token Settings", "Single Sign-On Settings"] as const;
export type OktaSettingsSection = (typeof OKTA_SETTINGS_SECTIONS)[number];

/** Where a value comes from, so the hand-off can say what to do while it is unknown. */
export type ValueOrigin =
  /** Decided by the access file: always known. */
  | { readonly file: string }
  /** A stack config key: "set it with pulumi config set" while unset. */
  | { readonly config: string; readonly secret?: boolean }
  /** Assigned by Okta at `pulumi up`: a stack output. */
  | { readonly output: string };

export interface OktaSettingSpec {
  readonly section: OktaSettingsSection;
  /** The field's label on the pane, verbatim. */
  readonly label: string;
  /** Marked `*` (required) on the pane. */
  readonly required: boolean;
  /** On the pane only in some versions of the docs: handed over as "only if your pane shows it". */
  readonly onlyIfShown?: true;
  /** Documented legacy keys (older docs); none where DuploCloud documents none. */
  readonly legacyKeys: readonly string[];
  /** Where the value comes from, in words, for the hand-off and the README. */
  readonly from: string;
  /** A switch to set, a non-secret value, or a secret. */
  readonly source: { readonly switch: "on" | "off"; readonly note?: string } | { readonly value: keyof OktaSettingsValues } | { readonly secret: SecretSetting };
  /** For values and secrets: where they come from, to say what to do while unknown. */
  readonly origin?: ValueOrigin;
}

/** The pane, section by section, top to bottom: what a DuploCloud administrator or support enters. */
export const OKTA_SETTINGS: readonly OktaSettingSpec[] = [
  {
    section: "User Source Settings",
    label: "Enable Okta As User Source",
    required: false,
    legacyKeys: ["EnableOktaUserSource"],
    from: "a switch: on (DuploCloud then takes its users and their access from the Okta groups below)",
    source: { switch: "on" },
  },
  {
    section: "User Source Settings",
    label: "DuploCloud Admin Group ID",
    required: true,
    legacyKeys: ["OktaAdminGroupId"],
    from: "the administrators group (stack output duplocloudOktaSettings.adminGroupId)",
    source: { value: "adminGroupId" },
    origin: { output: "duplocloudOktaSettings.adminGroupId" },
  },
  {
    section: "User Source Settings",
    label: "DuploCloud ReadOnly Group ID",
    required: false,
    legacyKeys: ["OktaReadOnlyGroupId"],
    from: "the readOnly group (stack output duplocloudOktaSettings.readOnlyGroupId)",
    source: { value: "readOnlyGroupId" },
    origin: { output: "duplocloudOktaSettings.readOnlyGroupId" },
  },
  {
    section: "User Source Settings",
    label: "DuploCloud Security Group ID",
    required: false,
    legacyKeys: ["OktaSecurityGroupId"],
    from: "the securityAdmins group (stack output duplocloudOktaSettings.securityGroupId)",
    source: { value: "securityGroupId" },
    origin: { output: "duplocloudOktaSettings.securityGroupId" },
  },
  {
    section: "User Source Settings",
    label: "DuploCloud Sign Up Group ID",
    required: false,
    onlyIfShown: true,
    legacyKeys: ["OktaSignupGroupId", "OktaSignUpGroupId"],
    from: "the signupUsers group (stack output duplocloudOktaSettings.signupGroupId)",
    source: { value: "signupGroupId" },
    origin: { output: "duplocloudOktaSettings.signupGroupId" },
  },
  {
    section: "User Source Settings",
    label: "DuploCloud Tenant Group Prefix",
    required: false,
    legacyKeys: ["OktaTenantGroupPrefix"],
    from: "groupNaming.tenantReadWritePrefix in the access file",
    source: { value: "tenantGroupPrefix" },
    origin: { file: "groupNaming.tenantReadWritePrefix" },
  },
  {
    section: "User Source Settings",
    label: "DuploCloud Tenant ReadOnly Group Prefix",
    required: false,
    legacyKeys: ["OktaTenantRoGroupPrefix"],
    from: "groupNaming.tenantReadOnlyPrefix in the access file",
    source: { value: "tenantReadOnlyGroupPrefix" },
    origin: { file: "groupNaming.tenantReadOnlyPrefix" },
  },
  {
    section: "Okta API Token Settings",
    label: "Okta API Token",
    required: true,
    legacyKeys: ["OktaToken"],
    from: "duplocloud:oktaApiToken (secret), through the AWS hand-off secret",
    source: { secret: "oktaApiToken" },
    origin: { config: "duplocloud:oktaApiToken", secret: true },
  },
  {
    section: "Okta API Token Settings",
    label: "Okta API Token ID",
    required: true,
    legacyKeys: [],
    from: "duplocloud:oktaApiTokenId",
    source: { value: "oktaApiTokenId" },
    origin: { config: "duplocloud:oktaApiTokenId" },
  },
  {
    section: "Okta API Token Settings",
    label: "Admin Email",
    required: true,
    legacyKeys: [],
    from: "duplocloud:tokenExpiryAlertEmail (told when the Okta API token nears expiry)",
    source: { value: "tokenExpiryAlertEmail" },
    origin: { config: "duplocloud:tokenExpiryAlertEmail" },
  },
  {
    section: "Single Sign-On Settings",
    label: "Enable Okta Login",
    required: true,
    legacyKeys: ["ENABLEOKTALOGIN"],
    from: "a switch: on",
    source: { switch: "on" },
  },
  {
    section: "Single Sign-On Settings",
    label: "Okta Domain",
    required: true,
    legacyKeys: ["OktaDomain"],
    from: "okta:orgName and okta:baseUrl",
    source: { value: "oktaDomain" },
    origin: { config: "okta:orgName" },
  },
  {
    section: "Single Sign-On Settings",
    label: "Client ID",
    required: true,
    legacyKeys: ["OktaClientId"],
    from: "the DuploCloud OIDC app (stack output duplocloudOktaSettings.clientId)",
    source: { value: "clientId" },
    origin: { output: "duplocloudOktaSettings.clientId" },
  },
  {
    section: "Single Sign-On Settings",
    label: "Client Secret",
    required: true,
    legacyKeys: ["OktaClientSecret"],
    from: "the DuploCloud OIDC app, through the AWS hand-off secret",
    source: { secret: "clientSecret" },
  },
  {
    section: "Single Sign-On Settings",
    label: "Enable DPoP",
    required: false,
    legacyKeys: [],
    from: "a switch: off",
    source: {
      switch: "off",
      // Okta's app setting dpop_bound_access_tokens (okta-management-openapi-spec, OpenIdConnect
      // application settings): when true, Okta refuses token requests without a DPoP header. The
      // stack never sets it, so DuploCloud must not expect DPoP-bound tokens.
      note: "turn it on only after the Okta app requires DPoP-bound tokens (Require DPoP header in token requests), which this stack leaves off",
    },
  },
];

/** A switch's value as a setting row: "true" for on. */
const switchValue = (state: "on" | "off") => (state === "on" ? "true" : "false");

/**
 * The non-secret settings the experimental API write sends, legacy key -> value. Fields without a
 * documented key, and optional values left out, are not sent.
 */
export function visibleSettingValues(values: OktaSettingsValues): Record<string, string> {
  const result: Record<string, string> = {};
  for (const spec of OKTA_SETTINGS) {
    const value = "switch" in spec.source ? switchValue(spec.source.switch) : "value" in spec.source ? values[spec.source.value] : undefined;
    if (value === undefined || value === "") continue;
    for (const key of spec.legacyKeys) result[key] = value;
  }
  return result;
}

/** The value a non-secret setting should hold, or undefined while it is not known. */
export function expectedSettingValue(spec: OktaSettingSpec, values: Partial<OktaSettingsValues>): string | undefined {
  if ("switch" in spec.source) return switchValue(spec.source.switch);
  if ("value" in spec.source) return values[spec.source.value];
  return undefined;
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

/** The record's value that holds each platform role's group ID. */
export const ROLE_GROUP_SETTING: Readonly<Record<PlatformRoleName, "adminGroupId" | "readOnlyGroupId" | "securityGroupId" | "signupGroupId">> = {
  administrators: "adminGroupId",
  readOnly: "readOnlyGroupId",
  securityAdmins: "securityGroupId",
  signupUsers: "signupGroupId",
};

/** The documented legacy keys a value of the record is kept under, in the table's order (e.g. both spellings of the sign-up group's). */
export function legacyKeysOf(value: keyof OktaSettingsValues): readonly string[] {
  return OKTA_SETTINGS.flatMap((spec) => ("value" in spec.source && spec.source.value === value ? spec.legacyKeys : []));
}
