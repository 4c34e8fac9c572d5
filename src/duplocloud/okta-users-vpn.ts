/*
 * VPN access for new Okta users: the one Okta-related System Config key DuploCloud documents
 * (duplocloud/docs, "VPN Access for Users", section "Managing VPN Access for Okta Users":
 * Administrator > System Settings > System Config > Add, Config Type `AppConfig`, Key
 * `DisableOktaUsersVpnSync`, Value `true`: VPN access is disabled by default for new Okta users,
 * `false`: enabled). The access file says `duplocloud.oktaUsersVpn: enabled | disabled`; absent, the
 * stack does not manage it and the portal keeps what it has.
 */

export type OktaUsersVpn = "enabled" | "disabled";

export const OKTA_USERS_VPN_KEY = "DisableOktaUsersVpnSync";
export const OKTA_USERS_VPN_TYPE = "AppConfig";

/** The setting's value for the file's word: the key disables, so "disabled" is "true". */
export function oktaUsersVpnValue(vpn: OktaUsersVpn): string {
  return vpn === "disabled" ? "true" : "false";
}

/** What a portal's value means, or undefined for a value DuploCloud does not document. */
export function oktaUsersVpnOf(value: string): OktaUsersVpn | undefined {
  const word = value.trim().toLowerCase();
  return word === "true" ? "disabled" : word === "false" ? "enabled" : undefined;
}
