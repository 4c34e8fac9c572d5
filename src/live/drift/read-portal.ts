import type { DuploClient } from "../../duplocloud/client";
import { byText } from "../../access/text-order";
import type { LivePortalReader, LiveState } from "./live-state";

/*
 * The portal's users, roles and tenant grants in three GETs, whatever the number of users: the users
 * (admin/GetAllUserRoles), the tenants (admin/GetTenantsForUser, the name is AccountName) and every
 * grant of every tenant at once (admin/GetAllTenantAuthInfo: [{TenantId, UserAccess: [{Username,
 * Policy: {IsReadOnly}}]}], as duploctl's tenant `users` command reads it; administrators are not
 * listed, shared/reference/duplocloud.md). Not one request per user: with Okta as user source the
 * portal lists every synced person.
 */

interface TenantAuthInfo {
  readonly TenantId: string;
  readonly UserAccess?: ReadonlyArray<{ readonly Username: string; readonly Policy?: { readonly IsReadOnly?: boolean } }>;
}

export class PortalDriftReader implements LivePortalReader {
  constructor(private readonly client: DuploClient) {}

  async read(progress: (message: string) => void): Promise<NonNullable<LiveState["portal"]>> {
    const users = await this.client.listUsers();
    const tenants = new Map((await this.client.listTenants()).map((tenant) => [tenant.TenantId, tenant.AccountName]));
    const access = (await this.client.request<TenantAuthInfo[]>("GET", "/admin/GetAllTenantAuthInfo")) ?? [];
    const grants = new Map<string, Array<{ tenant: string; level: "read-only" | "read-write" }>>();
    for (const tenant of access) {
      for (const grant of tenant.UserAccess ?? []) {
        // DuploCloud compares usernames exactly (duplosdk/user.go): the portal's spelling is kept.
        const list = grants.get(grant.Username) ?? [];
        list.push({ tenant: tenants.get(tenant.TenantId) ?? tenant.TenantId, level: grant.Policy?.IsReadOnly ? "read-only" : "read-write" });
        grants.set(grant.Username, list);
      }
    }
    progress(`${users.length} portal users and the grants of ${access.length} tenants read`);
    return {
      users: users.map((user) => ({
        username: user.Username,
        roles: [...(user.Roles ?? [])],
        readOnly: Boolean(user.IsReadOnly),
        tenants: (grants.get(user.Username) ?? []).sort((a, b) => byText(a.tenant, b.tenant)),
      })),
    };
  }
}
