import type * as pulumi from "@pulumi/pulumi";
import type { DuploClient } from "../client";
import { isDuploApiError } from "../errors";
import { findPortalUser } from "../usernames";
import { clientFor, GONE, refuseMove, waitUntil, waitUntilGone, type ConnectionInputs } from "./connection";

/** An explicit user's access to one tenant. Tenants are named in the file and resolved to IDs at deploy time. */
export interface TenantGrantInputs {
  readonly connection: ConnectionInputs;
  readonly username: string;
  /** Tenant name (DuploCloud's AccountName). */
  readonly tenant: string;
  readonly readOnly: boolean;
}

export interface TenantGrantOutputs extends TenantGrantInputs {
  readonly tenantId: string;
  /** The user's name as the portal spells it, used for every call (usernames.ts). Absent in state written before it existed. */
  readonly portalUsername?: string;
}

/** Resolves a tenant name; an unknown name fails with the names that do exist. */
export async function resolveTenantId(client: DuploClient, tenant: string): Promise<string> {
  const tenants = await client.listTenants();
  const found = tenants.find((t) => t.AccountName.toLowerCase() === tenant.toLowerCase());
  if (!found) {
    const names =
      tenants
        .map((t) => t.AccountName)
        .sort()
        .join(", ") || "none";
    throw new Error(`DuploCloud has no tenant named "${tenant}"; the portal's tenants are: ${names}. Fix the name in the access file or create the tenant first.`);
  }
  return found.TenantId;
}

/** The user's name as the portal spells it, or undefined when the portal has no such user. */
async function portalNameOf(client: DuploClient, username: string): Promise<string | undefined> {
  return findPortalUser(await client.listUsers(), username)?.Username;
}

/**
 * The user's level on the tenant (true: read-only), or undefined for no grant. `portalName` is the
 * portal's spelling. 404 means the user is gone, so no grant either (as DuploCloud's own Terraform
 * provider reads it, resource_duplo_user_tenant_access.go).
 */
async function currentLevel(client: DuploClient, portalName: string, tenantId: string): Promise<boolean | undefined> {
  try {
    const access = await client.userTenantAccess(portalName);
    return access.find((a) => a.TenantId === tenantId)?.Policy.IsReadOnly;
  } catch (error) {
    if (isDuploApiError(error) && error.kind === "not-found") return undefined;
    throw error;
  }
}

/** Revokes the grant, then waits until the portal no longer shows it (400/404 while looking: gone). */
async function revoke(connection: ConnectionInputs, client: DuploClient, portalName: string, tenant: string, tenantId: string, readOnly: boolean): Promise<void> {
  await client.revokeTenantAccess(portalName, tenantId, readOnly);
  await waitUntilGone(connection, `${portalName}'s access to tenant ${tenant} revoked`, async () =>
    (await client.userTenantAccess(portalName)).some((grant) => grant.TenantId === tenantId),
  );
}

/**
 * Grants at `readOnly` under the portal's spelling, first revoking a grant at another level (DuploCloud
 * has no in-place update of a grant). Like DuploCloud's provider, it waits for the revoke to show and
 * for the user to be listed, not for the level to read back: a difference shows at the next read.
 */
async function setLevel(inputs: TenantGrantInputs, portalName: string, tenantId: string, current: boolean | undefined): Promise<void> {
  const client = clientFor(inputs.connection);
  if (current !== undefined) await revoke(inputs.connection, client, portalName, inputs.tenant, tenantId, current);
  await client.grantTenantAccess(portalName, tenantId, inputs.readOnly);
}

/** Waits until the portal lists the grant's user (it may have been created a moment ago), and returns its spelling. */
async function userOf(inputs: TenantGrantInputs, client: DuploClient): Promise<string> {
  let portalName: string | undefined;
  await waitUntil(
    inputs.connection,
    `user ${inputs.username}`,
    async () => {
      portalName = await portalNameOf(client, inputs.username);
      return portalName !== undefined;
    },
    (seconds) =>
      `DuploCloud did not list user ${inputs.username} (compared ignoring case) within ${seconds} s, and its access to tenant ${inputs.tenant} needs it; nothing was granted. Create the user (duplocloud.users) or check its name, or raise duplocloud:writeWaitSeconds`,
  );
  return portalName!;
}

export const tenantGrantProvider: pulumi.dynamic.ResourceProvider<TenantGrantInputs, TenantGrantOutputs> = {
  /** Idempotent: a grant that exists at the wanted level is adopted; at another level it is replaced in place. */
  async create(inputs) {
    const client = clientFor(inputs.connection);
    const tenantId = await resolveTenantId(client, inputs.tenant);
    const portalName = await userOf(inputs, client);
    const level = await currentLevel(client, portalName, tenantId);
    if (level !== inputs.readOnly) await setLevel(inputs, portalName, tenantId, level);
    return { id: `${inputs.username}/${tenantId}`, outs: { ...inputs, tenantId, portalUsername: portalName } };
  },

  async read(id, props) {
    const client = clientFor(props!.connection);
    const portalName = await portalNameOf(client, props!.portalUsername ?? props!.username);
    if (portalName === undefined) return GONE;
    const level = await currentLevel(client, portalName, props!.tenantId);
    if (level === undefined) return GONE;
    return { id, props: { ...props!, readOnly: level, portalUsername: portalName } };
  },

  async diff(_id, olds, news) {
    refuseMove(olds, news, `${olds.username}'s grant of tenant ${olds.tenant}`);
    const replaces = [
      ...(olds.username.toLowerCase() !== news.username.toLowerCase() ? ["username"] : []),
      ...(olds.tenant.toLowerCase() !== news.tenant.toLowerCase() ? ["tenant"] : []),
    ];
    const changes = replaces.length > 0 || olds.readOnly !== news.readOnly || olds.connection.token !== news.connection.token;
    return { changes, replaces, deleteBeforeReplace: true };
  },

  async update(_id, olds, news) {
    const client = clientFor(news.connection);
    const portalName = (await portalNameOf(client, olds.portalUsername ?? news.username)) ?? olds.portalUsername ?? news.username;
    if (olds.readOnly !== news.readOnly) await setLevel(news, portalName, olds.tenantId, olds.readOnly);
    return { outs: { ...news, tenantId: olds.tenantId, portalUsername: portalName } };
  },

  /** Revokes under the portal's spelling and waits until the grant is gone; a user or grant already gone counts as revoked. */
  async delete(_id, props) {
    const client = clientFor(props.connection);
    const portalName = await portalNameOf(client, props.portalUsername ?? props.username);
    if (portalName === undefined) return;
    await revoke(props.connection, client, portalName, props.tenant, props.tenantId, props.readOnly);
  },
};
