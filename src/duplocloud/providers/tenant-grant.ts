import type * as pulumi from "@pulumi/pulumi";
import type { DuploClient } from "../client";
import { clientFor, GONE, portalChanged, type ConnectionInputs } from "./connection";

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
}

/** Resolves a tenant name; an unknown name fails with the names that do exist. */
export async function resolveTenantId(client: DuploClient, tenant: string): Promise<string> {
  const tenants = await client.listTenants();
  const found = tenants.find((t) => t.AccountName.toLowerCase() === tenant.toLowerCase());
  if (!found) {
    const names = tenants.map((t) => t.AccountName).sort().join(", ") || "none";
    throw new Error(`DuploCloud has no tenant named "${tenant}"; the portal's tenants are: ${names}. Fix the name in the access file or create the tenant first.`);
  }
  return found.TenantId;
}

async function currentLevel(client: DuploClient, username: string, tenantId: string): Promise<boolean | undefined> {
  const access = await client.userTenantAccess(username);
  return access.find((a) => a.TenantId === tenantId)?.Policy.IsReadOnly;
}

export const tenantGrantProvider: pulumi.dynamic.ResourceProvider<TenantGrantInputs, TenantGrantOutputs> = {
  /** Idempotent: a grant that exists at the wanted level is adopted; at another level it is replaced in place. */
  async create(inputs) {
    const client = clientFor(inputs.connection);
    const tenantId = await resolveTenantId(client, inputs.tenant);
    const level = await currentLevel(client, inputs.username, tenantId);
    if (level !== inputs.readOnly) {
      // DuploCloud has no in-place update of a grant: a change of level is a revoke, then a grant.
      if (level !== undefined) await client.revokeTenantAccess(inputs.username, tenantId, level);
      await client.grantTenantAccess(inputs.username, tenantId, inputs.readOnly);
    }
    return { id: `${inputs.username}/${tenantId}`, outs: { ...inputs, tenantId } };
  },

  async read(id, props) {
    const client = clientFor(props!.connection);
    const level = await currentLevel(client, props!.username, props!.tenantId);
    if (level === undefined) return GONE;
    return { id, props: { ...props!, readOnly: level } };
  },

  async diff(_id, olds, news) {
    const replaces = [
      ...(portalChanged(olds, news) ? ["connection"] : []),
      ...(olds.username.toLowerCase() !== news.username.toLowerCase() ? ["username"] : []),
      ...(olds.tenant.toLowerCase() !== news.tenant.toLowerCase() ? ["tenant"] : []),
    ];
    const changes = replaces.length > 0 || olds.readOnly !== news.readOnly || olds.connection.token !== news.connection.token;
    return { changes, replaces, deleteBeforeReplace: true };
  },

  async update(_id, olds, news) {
    if (olds.readOnly !== news.readOnly) {
      const client = clientFor(news.connection);
      await client.revokeTenantAccess(news.username, olds.tenantId, olds.readOnly);
      await client.grantTenantAccess(news.username, olds.tenantId, news.readOnly);
    }
    return { outs: { ...news, tenantId: olds.tenantId } };
  },

  async delete(_id, props) {
    await clientFor(props.connection).revokeTenantAccess(props.username, props.tenantId, props.readOnly);
  },
};
