/*
 * The two closed lists every layer speaks: DuploCloud's platform roles as the file names them, and
 * the two tenant access levels. A leaf module (no imports), so that the keys the policy pack checks
 * (keys.ts) do not pull in the schema and its validator library.
 */

/** Platform roles DuploCloud maps Okta groups to (docs/reference/duplocloud.md). */
export const PLATFORM_ROLES = ["administrators", "readOnly", "securityAdmins", "signupUsers"] as const;
/** Tenant access levels: DuploCloud's read-write and read-only tenant group prefixes. */
export const ACCESS_LEVELS = ["read-write", "read-only"] as const;

export type PlatformRoleName = (typeof PLATFORM_ROLES)[number];
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** How names of rules and imported teams shorten an access level: `duplo rw dev01`, `dev01-ro-members`. */
export const LEVEL_SHORT: Readonly<Record<AccessLevel, string>> = { "read-write": "rw", "read-only": "ro" };
