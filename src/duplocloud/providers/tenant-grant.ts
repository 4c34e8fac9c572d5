import type * as pulumi from "@pulumi/pulumi";
import type { DuploClient } from "../client";
import { isDuploApiError } from "../errors";
import { clientFor, GONE, refuseMove, waitUntil, type ConnectionInputs } from "./connection";

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
    const names =
      tenants
        .map((t) => t.AccountName)
        .sort()
        .join(", ") || "none";
    throw new Error(`DuploCloud has no tenant named "${tenant}"; the portal's tenants are: ${names}. Fix the name in the access file or create the tenant first.`);
  }
  return found.TenantId;
}

/**
 * The user's level on the tenant (true: read-only), or undefined for no grant. 404 means the user is
 * gone, so no grant either (as DuploCloud's own Terraform provider reads it).
 */
async function currentLevel(client: DuploClient, username: string, tenantId: string): Promise<boolean | undefined> {
  try {
    const access = await client.userTenantAccess(username);
    return access.find((a) => a.TenantId === tenantId)?.Policy.IsReadOnly;
  } catch (error) {
    if (isDuploApiError(error) && error.kind === "not-found") return undefined;
    throw error;
  }
}

const levelName = (readOnly: boolean) => (readOnly ? "read-only" : "read-write");

/** Grants at `readOnly`, first revoking a grant at another level; waits until the portal shows each step. */
async function setLevel(inputs: TenantGrantInputs, tenantId: string, current: boolean | undefined): Promise<void> {
  const client = clientFor(inputs.connection);
  const grant = `${inputs.username}'s access to tenant ${inputs.tenant}`;
  // DuploCloud has no in-place update of a grant: a change of level is a revoke, then a grant.
  if (current !== undefined) {
    await client.revokeTenantAccess(inputs.username, tenantId, current);
    await waitUntil(inputs.connection, `${grant} revoked`, async () => (await currentLevel(client, inputs.username, tenantId)) === undefined);
  }
  await client.grantTenantAccess(inputs.username, tenantId, inputs.readOnly);
  await waitUntil(inputs.connection, `${grant} as ${levelName(inputs.readOnly)}`, async () => (await currentLevel(client, inputs.username, tenantId)) === inputs.readOnly);
}

export const tenantGrantProvider: pulumi.dynamic.ResourceProvider<TenantGrantInputs, TenantGrantOutputs> = {
  /** Idempotent: a grant that exists at the wanted level is adopted; at another level it is replaced in place. */
  async create(inputs) {
    const client = clientFor(inputs.connection);
    const tenantId = await resolveTenantId(client, inputs.tenant);
    const level = await currentLevel(client, inputs.username, tenantId);
    if (level !== inputs.readOnly) await setLevel(inputs, tenantId, level);
    return { id: `${inputs.username}/${tenantId}`, outs: { ...inputs, tenantId } };
  },

  async read(id, props) {
    const client = clientFor(props!.connection);
    const level = await currentLevel(client, props!.username, props!.tenantId);
    if (level === undefined) return GONE;
    return { id, props: { ...props!, readOnly: level } };
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
    if (olds.readOnly !== news.readOnly) await setLevel(news, olds.tenantId, olds.readOnly);
    return { outs: { ...news, tenantId: olds.tenantId } };
  },

  async delete(_id, props) {
    await clientFor(props.connection).revokeTenantAccess(props.username, props.tenantId, props.readOnly);
  },
};
