import { DEFAULT_ROLE_GROUP_NAMES } from "../access/naming";
import { DEFAULT_GROUP_NAMING, PLATFORM_ROLES, type PlatformRoleName } from "../access/schema";
import { legacyKeysOf, ROLE_GROUP_SETTING } from "../duplocloud/okta-settings-catalog";
import type { OktaSettingsValues } from "../duplocloud/okta-settings-catalog";
import type { GroupSelection } from "../live/okta-org";
import type { TenantPrefixes } from "../access/naming";
import type { ImportOptions, PortalState } from "./types";

/*
 * Which Okta groups DuploCloud reads access from: what the portal's Okta settings say where they
 * could be read (under their legacy keys, okta-settings-catalog.ts), else DuploCloud's defaults and
 * the names the import was given.
 */

/** A setting's value under the first of its legacy keys the portal has (an empty value included). */
export function settingOf(portal: PortalState, value: keyof OktaSettingsValues): string | undefined {
  return legacyKeysOf(value)
    .map((key) => portal.oktaSettings[key])
    .find((setting) => setting !== undefined);
}

/** DuploCloud's tenant group prefixes: the portal's settings where readable, else DuploCloud's defaults. */
export function tenantPrefixesOf(portal: PortalState): TenantPrefixes {
  return {
    tenantReadWritePrefix: settingOf(portal, "tenantGroupPrefix") ?? DEFAULT_GROUP_NAMING.tenantReadWritePrefix,
    tenantReadOnlyPrefix: settingOf(portal, "tenantReadOnlyGroupPrefix") ?? DEFAULT_GROUP_NAMING.tenantReadOnlyPrefix,
  };
}

/** The IDs the portal's settings give a role's group, under each legacy key that holds one. */
export function roleGroupIdsOf(portal: PortalState, role: PlatformRoleName): string[] {
  return legacyKeysOf(ROLE_GROUP_SETTING[role])
    .map((key) => portal.oktaSettings[key])
    .filter((id): id is string => Boolean(id));
}

/** The name a role's group is looked for by: the import's option, else the stack's default. */
export function roleGroupNameOf(options: ImportOptions, role: PlatformRoleName): string {
  return options.roleGroupNames?.[role] ?? DEFAULT_ROLE_GROUP_NAMES[role];
}

/** The groups DuploCloud reads, for the org reader: role groups by the portal's settings and by name, tenant groups by prefix. */
export function groupSelectionFor(portal: PortalState, options: ImportOptions): GroupSelection {
  const prefixes = tenantPrefixesOf(portal);
  return {
    ids: PLATFORM_ROLES.flatMap((role) => roleGroupIdsOf(portal, role)),
    names: PLATFORM_ROLES.map((role) => roleGroupNameOf(options, role)),
    prefixes: [prefixes.tenantReadWritePrefix, prefixes.tenantReadOnlyPrefix],
  };
}
