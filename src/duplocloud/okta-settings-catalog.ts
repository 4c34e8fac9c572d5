/*
 * DuploCloud's Okta settings (System Settings > Okta Settings), in one table: the setting key the
 * API stores (DuploCloud's documented legacy names, unverified for some portal versions), the
 * label a person sees in the portal, and where the value comes from. Used by the dynamic provider,
 * `npm run handoff` and `npm run doctor`, so the three can never disagree.
 */

export interface HandoffValues {
  readonly oktaDomain: string;
  readonly clientId: string;
  readonly adminGroupId: string;
  readonly readOnlyGroupId: string;
  readonly securityGroupId: string;
  readonly signupGroupId: string;
  readonly tenantGroupPrefix: string;
  readonly tenantReadOnlyGroupPrefix: string;
  readonly oktaApiTokenId?: string;
  readonly tokenExpiryAlertEmail?: string;
}

export type SecretSetting = "clientSecret" | "oktaApiToken";

export interface OktaSettingSpec {
  readonly key: string;
  readonly label: string;
  /** A constant, a non-secret hand-off value, or a secret. */
  readonly source: { readonly constant: string } | { readonly value: keyof HandoffValues } | { readonly secret: SecretSetting };
}

export const OKTA_SETTINGS: readonly OktaSettingSpec[] = [
  { key: "EnableOktaUserSource", label: "Enable Okta as user source", source: { constant: "true" } },
  { key: "OktaAdminGroupId", label: "Admin group ID", source: { value: "adminGroupId" } },
  { key: "OktaReadOnlyGroupId", label: "ReadOnly group ID", source: { value: "readOnlyGroupId" } },
  { key: "OktaSecurityGroupId", label: "Security group ID", source: { value: "securityGroupId" } },
  { key: "OktaSignupGroupId", label: "Sign-up group ID", source: { value: "signupGroupId" } },
  { key: "OktaTenantGroupPrefix", label: "Tenant group prefix", source: { value: "tenantGroupPrefix" } },
  { key: "OktaTenantRoGroupPrefix", label: "Tenant read-only group prefix", source: { value: "tenantReadOnlyGroupPrefix" } },
  { key: "OktaToken", label: "Okta API token", source: { secret: "oktaApiToken" } },
  { key: "OktaTokenId", label: "Okta API token ID", source: { value: "oktaApiTokenId" } },
  { key: "OktaAdminEmail", label: "Admin email for token-expiry alerts", source: { value: "tokenExpiryAlertEmail" } },
  { key: "ENABLEOKTALOGIN", label: "Enable Okta login", source: { constant: "true" } },
  { key: "OktaDomain", label: "Okta domain", source: { value: "oktaDomain" } },
  { key: "OktaClientId", label: "Client ID", source: { value: "clientId" } },
  { key: "OktaClientSecret", label: "Client secret", source: { secret: "clientSecret" } },
];

/**
 * The non-secret settings to write, key -> value. A value that is not known (an optional value left
 * out) is left out rather than written empty.
 */
export function visibleSettingValues(values: HandoffValues): Record<string, string> {
  const result: Record<string, string> = {};
  for (const spec of OKTA_SETTINGS) {
    if ("constant" in spec.source) result[spec.key] = spec.source.constant;
    else if ("value" in spec.source) {
      const value = values[spec.source.value];
      if (value !== undefined && value !== "") result[spec.key] = value;
    }
  }
  return result;
}

/** The secret settings to write, key -> value; a secret that is not configured is left out. */
export function secretSettingValues<S>(secrets: Partial<Record<SecretSetting, S>>): Record<string, S> {
  const result: Record<string, S> = {};
  for (const spec of OKTA_SETTINGS) {
    if (!("secret" in spec.source)) continue;
    const secret = secrets[spec.source.secret];
    if (secret !== undefined) result[spec.key] = secret;
  }
  return result;
}
