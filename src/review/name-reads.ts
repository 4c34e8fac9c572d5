/*
 * What DuploCloud reads from an Okta group's name: a tenant group is `<prefix><tenant>`, the
 * read-write or the read-only prefix of groupNaming (docs/duplocloud-side.md). A renamed group, or
 * a changed prefix, is judged against the prefixes the portal holds today: the base version's
 * (the portal reads the new prefixes only once they are handed over), so a name that reads there
 * as more than the group gives is a widening.
 */

export type TenantPrefixes = { readonly tenantReadWritePrefix?: string; readonly tenantReadOnlyPrefix?: string };

/** How much each level gives; a group that is no tenant group gives none. */
const LEVEL_RANK: Readonly<Record<string, number>> = { "read-only": 1, "read-write": 2 };
/** The level DuploCloud reads from a group named with each prefix of groupNaming; teams get none. */
const PREFIX_LEVEL: Readonly<Record<string, string>> = { tenantReadWritePrefix: "read-write", tenantReadOnlyPrefix: "read-only" };

/** The tenant and level DuploCloud reads from `name` under `prefixes`, if any. */
export function tenantReadFrom(name: string, prefixes: TenantPrefixes, tenants: ReadonlySet<string>): { tenant: string; level: string } | undefined {
  for (const [key, level] of Object.entries(PREFIX_LEVEL)) {
    const prefix = prefixes[key as keyof TenantPrefixes];
    if (prefix !== undefined && name.startsWith(prefix) && tenants.has(name.slice(prefix.length))) return { tenant: name.slice(prefix.length), level };
  }
  return undefined;
}

/**
 * Whether a group named `name` is read as more than it gives: a tenant it is not for, or a higher
 * level of its own tenant. `own` is the group's tenant and level (undefined for a team or a role).
 */
export function nameReadsWider(read: { tenant: string; level: string } | undefined, own: { tenant?: string; level?: string }): boolean {
  if (!read) return false;
  return read.tenant !== own.tenant || (LEVEL_RANK[read.level] ?? 0) > (LEVEL_RANK[own.level ?? ""] ?? 0);
}

/** The level a prefix of groupNaming gives today, when `value` is what another, higher prefix is today. */
export function prefixTakesHigherLevel(prefixKey: string, value: string, prefixes: TenantPrefixes): string | undefined {
  const own = LEVEL_RANK[PREFIX_LEVEL[prefixKey] ?? ""] ?? 0;
  for (const [key, level] of Object.entries(PREFIX_LEVEL)) {
    if (key !== prefixKey && prefixes[key as keyof TenantPrefixes] === value && (LEVEL_RANK[level] ?? 0) > own) return level;
  }
  return undefined;
}
