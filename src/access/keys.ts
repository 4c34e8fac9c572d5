import type { AccessLevel, PlatformRoleName } from "./schema";

/*
 * Stable keys of the groups the stack manages. They are the Pulumi logical names of the groups
 * (and the stems of their rules, memberships and assignments), so they come from names in the
 * file, never from list positions, and every module builds them here.
 */

export const roleGroupKey = (role: PlatformRoleName) => `role-${role}`;
export const tenantGroupKey = (tenant: string, level: AccessLevel) => `tenant-${tenant}-${level}`;
export const teamGroupKey = (team: string) => `team-${team}`;
