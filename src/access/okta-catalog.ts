/*
 * Facts about Okta that validation relies on, from Okta's documentation (see
 * docs/reference/okta.md and docs/okta-side.md). Kept in one place so a change in Okta is one edit.
 */

/**
 * The standard admin role types Okta assigns to a group or user: exactly the enum of
 * `StandardRoleAssignmentSchema.type` in Okta's management spec (okta/okta-management-openapi-spec,
 * dist/current/management-minimal.yaml). MOBILE_ADMIN appears only in what Okta lists, never in what
 * it assigns; ACCESS_CERTIFICATIONS_ADMIN and ACCESS_REQUESTS_ADMIN need Okta Identity Governance,
 * WORKFLOWS_ADMIN Okta Workflows.
 */
export const OKTA_ADMIN_ROLE_TYPES = [
  "ACCESS_CERTIFICATIONS_ADMIN",
  "ACCESS_REQUESTS_ADMIN",
  "API_ACCESS_MANAGEMENT_ADMIN",
  "APP_ADMIN",
  "GROUP_MEMBERSHIP_ADMIN",
  "HELP_DESK_ADMIN",
  "ORG_ADMIN",
  "READ_ONLY_ADMIN",
  "REPORT_ADMIN",
  "SUPER_ADMIN",
  "USER_ADMIN",
  "WORKFLOWS_ADMIN",
] as const;
export type OktaAdminRoleType = (typeof OKTA_ADMIN_ROLE_TYPES)[number];

/**
 * Roles Okta scopes to groups: without a group target they act on every user and group of the org.
 * The spec's group-target operations (assignGroupTargetToGroupAdminRole: "USER_ADMIN, HELP_DESK_ADMIN,
 * or GROUP_MEMBERSHIP_ADMIN") and the provider's `supportsGroupTargets`
 * (terraform-provider-okta okta/services/idaas/resource_okta_group_role.go) name the same three.
 */
export const GROUP_SCOPED_ADMIN_ROLE_TYPES: readonly OktaAdminRoleType[] = ["GROUP_MEMBERSHIP_ADMIN", "HELP_DESK_ADMIN", "USER_ADMIN"];
/** Roles Okta scopes to apps (spec: assignAppTargetToAdminRoleForGroup, "an APP_ADMIN role assignment"; provider: target_app_list). */
export const APP_SCOPED_ADMIN_ROLE_TYPES: readonly OktaAdminRoleType[] = ["APP_ADMIN"];
/** Roles over the whole org, Okta's own settings and admins included: given only with a written reason. */
export const ORG_CONTROL_ADMIN_ROLE_TYPES: readonly OktaAdminRoleType[] = ["SUPER_ADMIN", "ORG_ADMIN"];

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
/**
 * Okta: a rule excludes at most 100 users (docs/reference/okta.md, "Limits"; terraform-provider-okta
 * okta/services/idaas/resource_okta_group_rule.go keeps the same check, "users_excluded cannot
 * contain more than 100 users", commented out in its read).
 */
export const MAX_RULE_EXCLUDED_USERS = 100;
/** Okta: a rule assigns to at most 100 groups. */
export const MAX_RULE_TARGET_GROUPS = 100;
/** Okta: a group description has at most 1,024 characters. */
export const MAX_GROUP_DESCRIPTION_LENGTH = 1024;
/** Okta provider: a group name has at most 255 characters. */
export const MAX_GROUP_NAME_LENGTH = 255;
/**
 * Expression length we allow one rule. Okta does not publish a limit; we stay at 1,024 characters
 * and split a tenant group's rule into several when its combined expression grows past it.
 */
export const MAX_RULE_EXPRESSION_LENGTH = 1024;
/** Length of an Okta ID, used to estimate expressions before the IDs are known. */
export const OKTA_ID_LENGTH = 20;
