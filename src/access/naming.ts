import type { AccessFile, AccessLevel, PlatformRoleName } from "./schema";
import { SIGN_IN_PATH } from "./keys";
import type { GroupSpec } from "./model-types";

/*
 * Names the stack gives things: Okta group names (DuploCloud reads access from them), the sign-in
 * redirect URI, and the words for platform roles.
 */

export const PLATFORM_ROLE_LABELS: Readonly<Record<PlatformRoleName, string>> = {
  administrators: "DuploCloud Administrator (every tenant)",
  readOnly: "DuploCloud read-only platform user",
  securityAdmins: "DuploCloud SecurityAdmin",
  signupUsers: "DuploCloud SignupUser",
};

export const DEFAULT_ROLE_GROUP_NAMES: Readonly<Record<PlatformRoleName, string>> = {
  administrators: "duplo-administrators",
  readOnly: "duplo-readonly",
  securityAdmins: "duplo-security-admins",
  signupUsers: "duplo-signup-users",
};

/** The URI DuploCloud's Okta sign-in comes back to; the app, the outputs and the checklist all name it. */
export function signInRedirectUri(portalHost: string): string {
  return `https://${portalHost}${SIGN_IN_PATH}`;
}

/** Name of the DuploCloud app's sign-on policy: per stack, so that two environments in one org get distinct policies. */
export function signOnPolicyName(stack: string): string {
  return `DuploCloud ${stack} sign-on`;
}

/** DuploCloud's tenant group prefixes, as a file sets them or as the importer reads them from a portal. */
export type TenantPrefixes = Pick<AccessFile["groupNaming"], "tenantReadWritePrefix" | "tenantReadOnlyPrefix">;

/** The prefix of a tenant group of this level: DuploCloud's read-write or read-only prefix. */
export function tenantGroupPrefix(naming: TenantPrefixes, level: AccessLevel): string {
  return level === "read-write" ? naming.tenantReadWritePrefix : naming.tenantReadOnlyPrefix;
}

/** Okta group name of a tenant group, with DuploCloud's prefixes. */
export function tenantGroupName(file: { readonly groupNaming: TenantPrefixes }, tenant: string, level: AccessLevel): string {
  return `${tenantGroupPrefix(file.groupNaming, level)}${tenant}`;
}

export function roleGroupName(file: AccessFile, role: PlatformRoleName): string {
  return file.roles[role].name ?? DEFAULT_ROLE_GROUP_NAMES[role];
}

export function teamGroupName(file: { readonly groupNaming: Pick<AccessFile["groupNaming"], "teamPrefix"> }, team: string): string {
  return `${file.groupNaming.teamPrefix}${team}`;
}


/** How reviews name a group: `team payments`, `platform role readOnly`, `tenant dev01 read-write group`. */
export function groupLabel(group: GroupSpec): string {
  switch (group.kind) {
    case "team":
      return `team ${group.team}`;
    case "platform-role":
      return `platform role ${group.platformRole}`;
    case "tenant":
      return `tenant ${group.tenant} ${group.level} group`;
  }
}
