import type * as pulumi from "@pulumi/pulumi";
import type { DuploSetting } from "../client";
import { portalOf } from "../../config/portal-url";
import { clientFor, GONE, refuseMove, type ConnectionInputs } from "./connection";

/**
 * DuploCloud's Okta settings as System Config rows, under DuploCloud's documented legacy keys
 * (okta-settings-catalog.ts). DuploCloud is not confirmed to read them there, which is why this is
 * `duplocloudSettings: experimental` and the hand-off stays the way to configure a portal.
 */
export interface OktaSettingsInputs {
  readonly connection: ConnectionInputs;
  /** Setting key -> value, for the values a reviewer may see. */
  readonly values: Record<string, string>;
  /** Setting key -> value for secrets: a Pulumi secret in inputs, outputs and state. */
  readonly secretValues: Record<string, string>;
}

/** Every setting this resource owns, secret or not. */
function allValues(inputs: OktaSettingsInputs): Record<string, string> {
  return { ...inputs.values, ...inputs.secretValues };
}

/** Every setting is written as an AppConfig entry with a string value. */
const SETTING_TYPE = "AppConfig";

function changedKeys(current: Record<string, string | undefined>, wanted: Record<string, string>): string[] {
  return Object.keys(wanted)
    .filter((key) => current[key] !== wanted[key])
    .sort();
}

async function currentValues(inputs: OktaSettingsInputs): Promise<Record<string, string | undefined>> {
  const settings: DuploSetting[] = await clientFor(inputs.connection).listSettings();
  const byKey = new Map(settings.map((s) => [s.Key, s.Value]));
  return Object.fromEntries(Object.keys(allValues(inputs)).map((key) => [key, byKey.get(key)]));
}

async function write(inputs: OktaSettingsInputs, keys: readonly string[]): Promise<void> {
  const client = clientFor(inputs.connection);
  const values = allValues(inputs);
  for (const key of keys) await client.setSetting({ Key: key, Type: SETTING_TYPE, Value: values[key]! });
}

/** Splits what the portal holds back into the visible and the secret part, like the inputs. */
function splitLike(inputs: OktaSettingsInputs, current: Record<string, string>): Pick<OktaSettingsInputs, "values" | "secretValues"> {
  const pick = (keys: string[]) => Object.fromEntries(keys.filter((key) => key in current).map((key) => [key, current[key]!]));
  return { values: pick(Object.keys(inputs.values)), secretValues: pick(Object.keys(inputs.secretValues)) };
}

export const oktaSettingsProvider: pulumi.dynamic.ResourceProvider<OktaSettingsInputs, OktaSettingsInputs> = {
  /** Idempotent: only settings that differ from the portal's are written. */
  async create(inputs) {
    await write(inputs, changedKeys(await currentValues(inputs), allValues(inputs)));
    return { id: portalOf(inputs.connection.host, "duplocloud:host").host, outs: inputs };
  },

  /** Settings changed or removed in the portal by hand show up as drift. */
  async read(id, props) {
    const current = await currentValues(props!);
    const present = Object.fromEntries(Object.entries(current).filter((entry): entry is [string, string] => entry[1] !== undefined));
    if (Object.keys(present).length === 0) return GONE;
    return { id, props: { ...props!, ...splitLike(props!, present) } };
  },

  async diff(_id, olds, news) {
    refuseMove(olds, news, "DuploCloud's Okta settings");
    const replaces: string[] = [];
    const oldValues = allValues(olds);
    const newValues = allValues(news);
    const removed = Object.keys(oldValues).filter((key) => !(key in newValues));
    const changes = replaces.length > 0 || removed.length > 0 || changedKeys(oldValues, newValues).length > 0 || olds.connection.token !== news.connection.token;
    return { changes, replaces, deleteBeforeReplace: true };
  },

  async update(_id, olds, news) {
    const oldValues = allValues(olds);
    const newValues = allValues(news);
    await write(news, changedKeys(oldValues, newValues));
    const client = clientFor(news.connection);
    for (const key of Object.keys(oldValues)
      .filter((k) => !(k in newValues))
      .sort())
      await client.deleteSetting(key);
    return { outs: news };
  },

  async delete(_id, props) {
    const client = clientFor(props.connection);
    for (const key of Object.keys(allValues(props)).sort()) await client.deleteSetting(key);
  },
};
