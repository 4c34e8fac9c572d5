/*
 * Facts about Okta that validation relies on, from Okta's documentation (see
 * ../shared/reference/okta.md and the README). Kept in one place so a change in Okta is one edit.
 */

/** Standard Okta admin role types that can be given to groups and users. */
export const OKTA_ADMIN_ROLE_TYPES = [
  "SUPER_ADMIN",
  "ORG_ADMIN",
  "APP_ADMIN",
  "USER_ADMIN",
  "HELP_DESK_ADMIN",
  "READ_ONLY_ADMIN",
  "MOBILE_ADMIN",
  "API_ACCESS_MANAGEMENT_ADMIN",
  "REPORT_ADMIN",
  "GROUP_MEMBERSHIP_ADMIN",
] as const;

/**
 * Admin roles a service app can hold, each backed by an `okta.Oauth2V1ClientsRole*` resource.
 * SUPER_ADMIN and ORG_ADMIN are deliberately absent: no service app of ours needs them.
 */
export const SERVICE_APP_ADMIN_ROLE_TYPES = [
  "READ_ONLY_ADMIN",
  "USER_ADMIN",
  "GROUP_MEMBERSHIP_ADMIN",
  "HELP_DESK_ADMIN",
  "APP_ADMIN",
  "REPORT_ADMIN",
  "API_ACCESS_MANAGEMENT_ADMIN",
] as const;

/** Okta management API resources that have `okta.<resource>.read` and `okta.<resource>.manage` scopes. */
const SCOPED_RESOURCES = [
  "agentPools", "apiTokens", "appGrants", "apps", "authenticators", "authorizationServers", "behaviors",
  "brands", "captchas", "certificateAuthorities", "clients", "customizations", "deviceAssurance", "devices",
  "directories", "domains", "emailDomains", "emailServers", "eventHooks", "features", "groups", "identitySources",
  "idps", "inlineHooks", "linkedObjects", "logStreams", "networkZones", "oauthIntegrations", "orgs", "policies",
  "principalRateLimits", "profileMappings", "pushProviders", "rateLimits", "realms", "riskEvents", "riskProviders",
  "roles", "schemas", "securityEventsProviders", "sessions", "templates", "threatInsights", "trustedOrigins",
  "uischemas", "userTypes", "users",
] as const;

/** Every Okta management scope we accept. A typo here would otherwise only fail at `pulumi up`. */
export const OKTA_SCOPES: ReadonlySet<string> = new Set([
  ...SCOPED_RESOURCES.flatMap((resource) => [`okta.${resource}.read`, `okta.${resource}.manage`]),
  "okta.logs.read",
  "okta.clients.register",
  "okta.users.read.self",
  "okta.users.manage.self",
  "okta.myAccount.read",
  "okta.myAccount.manage",
]);

export function isManageScope(scope: string): boolean {
  return /^okta\.[A-Za-z]+\.manage(\.self)?$/.test(scope);
}

/** Okta: at most 2,000 group rules in an org. */
export const MAX_GROUP_RULES = 2000;
/** Okta: a group rule name has at most 50 characters. */
export const MAX_RULE_NAME_LENGTH = 50;
/** Okta's limit on policy names. */
export const MAX_POLICY_NAME_LENGTH = 50;
/** Okta: a rule assigns to at most 100 groups. */
export const MAX_RULE_TARGET_GROUPS = 100;
/** Okta provider: a group name has at most 255 characters. */
export const MAX_GROUP_NAME_LENGTH = 255;
/**
 * Expression length we allow one rule. Okta does not publish a limit; we stay at 1,024 characters
 * and split a tenant group's rule into several when its combined expression grows past it.
 */
export const MAX_RULE_EXPRESSION_LENGTH = 1024;
/** Length of an Okta ID, used to estimate expressions before the IDs are known. */
export const OKTA_ID_LENGTH = 20;
