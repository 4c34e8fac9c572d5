import { OKTA_SETTINGS } from "../duplocloud/okta-settings-catalog";
import type { DuploClient } from "../duplocloud/client";
import type { AccessLevel } from "../access/schema";
import { byText } from "../access/text-order";
import { countOf } from "../access/plural";

/*
 * Reads the portal for `npm run import`, with GET requests only: its tenants, its users with their
 * roles and tenant grants, and its Okta settings where System Config shows them. The setting keys
 * are the legacy ones DuploCloud's docs name, not confirmed by DuploCloud's own code
 * (okta-settings-catalog.ts): a portal that does not show them gives none, and the import falls
 * back to group names. Tenant grants come in one request for every user, `GET
 * /admin/GetAllTenantAuthInfo` (`[{TenantId, UserAccess: [{Username, Policy: {IsReadOnly}}]}]`, as
 * duplocloud/duploctl's tenant resource reads it), never one request per user. Usernames are
 * compared exactly, as DuploCloud does (duplosdk/user.go `UserGet`).
 */

export interface PortalState {
  /** The portal's https URL as the access file names it, normalised by config/portal-url.ts (no trailing slash). */
  readonly url: string;
  readonly tenants: readonly string[];
  /** Users of the portal, with their roles and tenant grants. */
  readonly users: ReadonlyArray<{
    readonly username: string;
    readonly roles: readonly string[];
    readonly readOnly: boolean;
    readonly tenants: ReadonlyArray<{ readonly tenant: string; readonly level: AccessLevel }>;
  }>;
  /** The portal's Okta settings where they could be read (legacy key to value); unconfirmed keys, see okta-settings-catalog.ts. */
  readonly oktaSettings: Readonly<Record<string, string>>;
}

interface TenantAuthInfo {
  readonly TenantId: string;
  readonly UserAccess?: ReadonlyArray<{ readonly Username: string; readonly Policy?: { readonly IsReadOnly?: boolean } }>;
}

export type PortalUser = PortalState["users"][number];

/**
 * The portal's tenants, and its users with their roles and every tenant grant, in three GETs
 * whatever the number of users (the import and the drift check read them alike). Usernames keep
 * DuploCloud's spelling.
 */
export async function readPortalAccess(client: DuploClient): Promise<{ tenants: string[]; users: PortalUser[] }> {
  const tenants = await client.listTenants();
  const tenantName = new Map(tenants.map((t) => [t.TenantId, t.AccountName]));
  const users = await client.listUsers();
  const grantsOf = new Map<string, Array<{ tenant: string; level: "read-only" | "read-write" }>>();
  for (const tenant of (await client.request<TenantAuthInfo[]>("GET", "/admin/GetAllTenantAuthInfo")) ?? []) {
    for (const access of tenant.UserAccess ?? []) {
      const grant = { tenant: tenantName.get(tenant.TenantId) ?? tenant.TenantId, level: access.Policy?.IsReadOnly ? ("read-only" as const) : ("read-write" as const) };
      grantsOf.set(access.Username, [...(grantsOf.get(access.Username) ?? []), grant]);
    }
  }
  return {
    tenants: tenants.map((t) => t.AccountName).sort(),
    users: users.map((user) => ({
      username: user.Username,
      // DuploCloud's Go structs make Roles optional (omitempty): absent is no role.
      roles: [...(user.Roles ?? [])],
      readOnly: Boolean(user.IsReadOnly),
      tenants: [...(grantsOf.get(user.Username) ?? [])].sort((a, b) => byText(a.tenant, b.tenant)),
    })),
  };
}

export async function readPortal(client: DuploClient, url: string, progress: (message: string) => void): Promise<PortalState> {
  const { tenants, users } = await readPortalAccess(client);
  // Administrators reach every tenant; their grants say nothing more.
  const withGrants = users.map((user) => (user.roles.includes("Administrator") ? { ...user, tenants: [] } : user));
  progress(`${countOf(tenants.length, "tenant")} and ${countOf(users.length, "portal user")} read`);
  // Only settings that are not secret: the client secret and the Okta token are never read.
  const known = new Set(OKTA_SETTINGS.filter((setting) => !("secret" in setting.source)).flatMap((setting) => setting.legacyKeys));
  let oktaSettings: Record<string, string> = {};
  try {
    oktaSettings = Object.fromEntries((await client.listSettings()).filter((s) => known.has(s.Key)).map((s) => [s.Key, s.Value]));
  } catch {
    progress("the portal's system settings could not be read; role groups are found by name");
  }
  return { url, tenants, users: withGrants, oktaSettings };
}
