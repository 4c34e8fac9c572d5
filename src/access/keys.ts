import { ACCESS_LEVELS, type AccessLevel, type PlatformRoleName } from "./vocabulary";

/*
 * Stable keys of the groups the stack manages. They are the Pulumi logical names of the groups
 * (and the stems of their rules, memberships and assignments), so they come from names in the
 * file, never from list positions, and every module builds them here.
 */

const ROLE_KEY_PREFIX = "role-";
const TENANT_KEY_PREFIX = "tenant-";
const TEAM_KEY_PREFIX = "team-";
const RULE_KEY_PREFIX = "rule-";

export const roleGroupKey = (role: PlatformRoleName) => `${ROLE_KEY_PREFIX}${role}`;
export const tenantGroupKey = (tenant: string, level: AccessLevel) => `${TENANT_KEY_PREFIX}${tenant}-${level}`;
export const teamGroupKey = (team: string) => `${TEAM_KEY_PREFIX}${team}`;
/** Whether a group key names a tenant group (the policy pack tells groups apart by their logical names alone). */
export const isTenantGroupKey = (key: string) => key.startsWith(TENANT_KEY_PREFIX);

/*
 * Conventions the program writes and the policy pack (policy/policies.ts) checks, in one place so
 * the two cannot drift apart.
 */

/** The path DuploCloud's Okta sign-in returns to: the app's redirect URI is https://<portal>/app/signin-okta. */
export const SIGN_IN_PATH = "/app/signin-okta";
/** A service app's justification for okta.*.manage scopes is its admin note, starting with this. */
export const JUSTIFICATION_PREFIX = "Justification:";
/**
 * A group holding an Okta admin role for a reason says so in its description: the marker, then the
 * reason. The policy pack looks for it on groups that hold SUPER_ADMIN or ORG_ADMIN.
 */
export const adminRoleJustification = (roleType: string) => `${ADMIN_ROLE_JUSTIFICATION} ${roleType}:`;
/** What starts every admin-role justification in a description; the text before the next one is the reason. */
export const ADMIN_ROLE_JUSTIFICATION = "Justification for";
/** Logical name of the okta.group.Role that gives `roleType` to the group whose key is `groupKey`. */
export const adminRoleKey = (groupKey: string, roleType: string) => `admin-role-${groupKey}-${roleType}`;
/** The key of the group an admin role resource (logical name `name`, role `roleType`) is given to; undefined if not named by adminRoleKey. */
export function adminRoleGroupOf(name: string, roleType: string): string | undefined {
  const [prefix, suffix] = ["admin-role-", `-${roleType}`];
  return name.startsWith(prefix) && name.endsWith(suffix) && name.length > prefix.length + suffix.length ? name.slice(prefix.length, -suffix.length) : undefined;
}
/** Logical name of the rule (or of one home of a split rule, `part`) that fills a group. */
export const ruleKey = (groupKey: string, part?: string) => `${RULE_KEY_PREFIX}${groupKey}${part === undefined ? "" : `-${part}`}`;
/**
 * The shape of every name ruleKey gives: `rule-<group key>`, with `-home-<hex digits>` after it when
 * a long rule is split (rules.ts). Role names and tenant and team names as the schema allows them.
 */
const STACK_RULE_KEY = new RegExp(
  `^${RULE_KEY_PREFIX}(${ROLE_KEY_PREFIX}[A-Za-z]+|${TEAM_KEY_PREFIX}[a-z0-9-]+|${TENANT_KEY_PREFIX}[a-z0-9-]+-(${ACCESS_LEVELS.join("|")}))(-[a-z0-9-]+)?$`,
);
/** Whether a logical name is one ruleKey gives, so the group the rule fills can be told from the name before it exists. */
export const isStackRuleKey = (name: string) => STACK_RULE_KEY.test(name);
/** Logical names of a service app and of its scope grant and admin role. */
export const serviceAppKey = (name: string) => `service-app-${name}`;
/** The scope grant of the app whose logical name is `appKey`. */
export const scopeGrantOf = (appKey: string) => `${appKey}-scopes`;
export const scopeGrantKey = (name: string) => scopeGrantOf(serviceAppKey(name));
export const serviceAppRoleKey = (name: string) => `${serviceAppKey(name)}-role`;
/** Logical name of a group's explicit memberships (okta.GroupMemberships). */
export const membershipsKey = (groupKey: string) => `members-${groupKey}`;
/** Logical name of a group's owners resource (okta.group.Owners). */
export const ownersKey = (groupKey: string) => `owners-${groupKey}`;
