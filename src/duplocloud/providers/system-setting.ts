import type * as pulumi from "@pulumi/pulumi";
import type { DuploClient, DuploSetting } from "../client";
import { clientFor, GONE, refuseMove, waitUntil, waitUntilGone, type ConnectionInputs } from "./connection";

/**
 * One System Config row of the portal (Administrator > System Settings > System Config), written as
 * DuploCloud's own provider writes admin system settings: `POST v3/admin/systemSettings/config`
 * `{Key, Type, Value}` for create and update alike, `DELETE .../{Key}`, read by listing (duplosdk
 * `SystemSettingCreate`, `SystemSettingGet`; duplocloud/resource_duplo_admin_system_setting.go).
 */
export interface SystemSettingInputs {
  readonly connection: ConnectionInputs;
  readonly key: string;
  readonly type: string;
  readonly value: string;
}

async function currentRow(client: DuploClient, key: string): Promise<DuploSetting | undefined> {
  return (await client.listSettings()).find((setting) => setting.Key === key);
}

/** Writes the row, then waits until the portal lists the key (presence, as DuploCloud's provider waits). */
async function write(inputs: SystemSettingInputs): Promise<void> {
  const client = clientFor(inputs.connection);
  await client.setSetting({ Key: inputs.key, Type: inputs.type, Value: inputs.value });
  await waitUntil(inputs.connection, `System Config ${inputs.key}`, async () => (await currentRow(client, inputs.key)) !== undefined);
}

export const systemSettingProvider: pulumi.dynamic.ResourceProvider<SystemSettingInputs, SystemSettingInputs> = {
  /** Idempotent: a row that already holds the value is adopted without a write. */
  async create(inputs) {
    const current = await currentRow(clientFor(inputs.connection), inputs.key);
    if (current?.Value !== inputs.value || current.Type !== inputs.type) await write(inputs);
    return { id: inputs.key, outs: inputs };
  },

  /** A value changed or a row removed in the portal shows up as drift. */
  async read(id, props) {
    const current = await currentRow(clientFor(props!.connection), props!.key);
    if (!current) return GONE;
    return { id, props: { ...props!, type: current.Type, value: current.Value } };
  },

  async diff(_id, olds, news) {
    refuseMove(olds, news, `DuploCloud's System Config ${olds.key}`);
    const replaces = olds.key !== news.key ? ["key"] : [];
    const changes = replaces.length > 0 || olds.type !== news.type || olds.value !== news.value || olds.connection.token !== news.connection.token;
    return { changes, replaces, deleteBeforeReplace: true };
  },

  async update(_id, olds, news) {
    if (olds.type !== news.type || olds.value !== news.value) await write(news);
    return { outs: news };
  },

  /** Removes the row and waits until it is gone. (The stack's rows are retained on delete: see components.ts.) */
  async delete(_id, props) {
    const client = clientFor(props.connection);
    await client.deleteSetting(props.key);
    await waitUntilGone(props.connection, `System Config ${props.key} removed`, async () => (await currentRow(client, props.key)) !== undefined);
  },
};
