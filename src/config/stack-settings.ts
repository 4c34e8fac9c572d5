import type { ConfigValues } from "./config-values";

/*
 * The stack's settings, typed, from its config values (config-values.ts), one parser for the
 * program and for every command. Keys and their meaning are declared in Pulumi.yaml. Secrets keep
 * whatever type the caller gives them: Pulumi outputs in the program (so they stay secrets end to
 * end), placeholders or ciphertext in the commands, which never need their plaintext.
 */

export interface OktaConnection<Secret> {
  /** `okta:orgName`, e.g. `acme` for acme.okta.com. Required by the program. */
  readonly orgName?: string;
  /** `okta:baseUrl`: okta.com (default) or oktapreview.com. */
  readonly baseUrl: string;
  /** `okta:apiToken` (secret), when the provider authenticates with an SSWS token. */
  readonly apiToken?: Secret;
  /** `okta:clientId`, `okta:privateKeyId`, `okta:privateKey` (secret), `okta:scopes`: OAuth authentication. */
  readonly clientId?: string;
  readonly privateKeyId?: string;
  readonly privateKey?: Secret;
  readonly scopes?: string[];
  /** Rate-limit handling. `backoff` defaults to true; the rest to the provider's defaults. */
  readonly backoff: boolean;
  readonly maxRetries?: number;
  readonly minWaitSeconds?: number;
  readonly maxWaitSeconds?: number;
  readonly maxApiCapacity?: number;
  readonly parallelism?: number;
  readonly requestTimeout?: number;
}

/** Whether DuploCloud's Okta settings are also written through its API (see okta-settings-catalog.ts). */
export type SettingsWrite = "off" | "experimental";

/** How the stack reaches DuploCloud's REST API, and what it writes there. */
export interface DuploCloudConnection<Secret> {
  /** `duplocloud:host`, as written. When unset, the portal named in the access file; when set, that same portal: see api-portal.ts. */
  readonly host?: string;
  /** `duplocloud:token` (secret): a DuploCloud API token of an administrator. */
  readonly token?: Secret;
  /** Project setting `duplocloudSettings`. Default "off": the settings are handed over, not written. */
  readonly settingsWrite: SettingsWrite;
  /** `duplocloud:writeWaitSeconds`: how long to wait for the portal to show a write. Default 120. */
  readonly writeWaitSeconds: number;
  /** `duplocloud:oktaApiToken` (secret): the SSWS token DuploCloud polls Okta with. */
  readonly oktaApiToken?: Secret;
  /** `duplocloud:oktaApiTokenId`: its ID, so DuploCloud can warn before it expires. */
  readonly oktaApiTokenId?: string;
  /** `duplocloud:tokenExpiryAlertEmail`: who DuploCloud tells when the Okta token nears expiry. */
  readonly tokenExpiryAlertEmail?: string;
}

/** The AWS Secrets Manager secret that hands DuploCloud administrators the secrets they need. */
export interface SecretHandoffSettings {
  /** Project setting `handoffSecret`. Default: false. */
  readonly enabled: boolean;
  /** `handoffReaders`: IAM role or user ARNs allowed to read the secret; nobody else may. */
  readonly readers: readonly string[];
  /** `handoffDeployer`: the full ARN (with path) of the role that runs `pulumi up`; only it may change the secret. */
  readonly deployer?: string;
  /** `handoffKmsKeyId`: KMS key for the secret. Default: the account's aws/secretsmanager key. */
  readonly kmsKeyId?: string;
  /** `handoffRecoveryWindowDays`: days a deleted secret can be restored (0 or 7-30). Default: 30. */
  readonly recoveryWindowInDays: number;
  /** `aws:region`, where the secret lives. */
  readonly awsRegion?: string;
}

export interface StackSettings<Secret> {
  readonly project: string;
  readonly stack: string;
  /** The `accessFile` setting as written, or its documented default `access/<stack>.yaml`. */
  readonly accessFile: string;
  /**
   * Project setting `oktaGroupOwners`: make the file's owners real Okta group owners. Default false:
   * owners are review data (who approves, the report). Okta's group-owner API needs Okta Identity
   * Governance (management spec, tag GroupOwner), so on other orgs the first owner fails the `up`.
   */
  readonly oktaGroupOwners: boolean;
  readonly okta: OktaConnection<Secret>;
  readonly duplocloud: DuploCloudConnection<Secret>;
  readonly secretHandoff: SecretHandoffSettings;
  /** Where the settings are written, for located messages: see settingAt(). */
  readonly writtenIn: {
    /** The stack file, e.g. `Pulumi.dev.yaml`. */
    readonly file: string;
    /** Keys written in the project's files, to `FILE:LINE:COLUMN` of the key. */
    readonly keys: Readonly<Record<string, string>>;
  };
}

export class SettingsError extends Error {}

/** Where `key` is written: `FILE:LINE:COLUMN` of the key in the project's files, else the stack file. */
export function settingAt(settings: StackSettings<unknown>, key: string): string {
  return settings.writtenIn.keys[key] ?? settings.writtenIn.file;
}

/** Parses config values into typed settings; `secret` turns a secret's value into the caller's type. */
export function stackSettingsOf<Secret>(config: ConfigValues, secret: (key: string, value: string) => Secret): StackSettings<Secret> {
  const where = config.file ?? `Pulumi.${config.stack}.yaml`;
  const raw = (key: string) => config.values[key];
  const text = (key: string) => {
    const value = raw(key);
    return value === undefined || value === "" ? undefined : value;
  };
  const flag = (key: string, fallback: boolean) => {
    const value = raw(key);
    if (value === undefined) return fallback;
    if (value === "true" || value === "false") return value === "true";
    throw new SettingsError(`${where}: ${key} must be true or false, not ${JSON.stringify(value.slice(0, 40))}`);
  };
  const number = (key: string) => {
    const value = raw(key);
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (value.trim() === "" || !Number.isFinite(parsed)) throw new SettingsError(`${where}: ${key} must be a number, not ${JSON.stringify(value.slice(0, 40))}`);
    return parsed;
  };
  const list = (key: string) => {
    const value = raw(key);
    if (value === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === "string")) throw new SettingsError(`${where}: ${key} must be a list of strings`);
    return parsed as string[];
  };
  const secretOf = (key: string) => {
    const value = raw(key);
    return value === undefined || value === "" ? undefined : secret(key, value);
  };
  const own = (key: string) => `${config.project}:${key}`;
  const settingsWrite = raw(own("duplocloudSettings")) ?? "off";
  if (settingsWrite !== "off" && settingsWrite !== "experimental") {
    throw new SettingsError(
      `${where}: duplocloudSettings is "${settingsWrite.slice(0, 40)}"; use "off" (hand the settings over with npm run handoff) or "experimental" (also write them as System Config rows, which DuploCloud is not confirmed to read)`,
    );
  }
  return {
    project: config.project,
    stack: config.stack,
    accessFile: text(own("accessFile")) ?? `access/${config.stack}.yaml`,
    oktaGroupOwners: flag(own("oktaGroupOwners"), false),
    okta: {
      ...optional("orgName", text("okta:orgName")),
      baseUrl: text("okta:baseUrl") ?? "okta.com",
      ...optional("apiToken", secretOf("okta:apiToken")),
      ...optional("clientId", text("okta:clientId")),
      ...optional("privateKeyId", text("okta:privateKeyId")),
      ...optional("privateKey", secretOf("okta:privateKey")),
      ...optional("scopes", list("okta:scopes")),
      backoff: flag("okta:backoff", true),
      ...optional("maxRetries", number("okta:maxRetries")),
      ...optional("minWaitSeconds", number("okta:minWaitSeconds")),
      ...optional("maxWaitSeconds", number("okta:maxWaitSeconds")),
      ...optional("maxApiCapacity", number("okta:maxApiCapacity")),
      ...optional("parallelism", number("okta:parallelism")),
      ...optional("requestTimeout", number("okta:requestTimeout")),
    },
    duplocloud: {
      ...optional("host", text("duplocloud:host")),
      ...optional("token", secretOf("duplocloud:token")),
      settingsWrite,
      writeWaitSeconds: number("duplocloud:writeWaitSeconds") ?? 120,
      ...optional("oktaApiToken", secretOf("duplocloud:oktaApiToken")),
      ...optional("oktaApiTokenId", text("duplocloud:oktaApiTokenId")),
      ...optional("tokenExpiryAlertEmail", text("duplocloud:tokenExpiryAlertEmail")),
    },
    secretHandoff: {
      enabled: flag(own("handoffSecret"), false),
      readers: list(own("handoffReaders")) ?? [],
      ...optional("deployer", text(own("handoffDeployer"))),
      ...optional("kmsKeyId", text(own("handoffKmsKeyId"))),
      recoveryWindowInDays: number(own("handoffRecoveryWindowDays")) ?? 30,
      ...optional("awsRegion", text("aws:region")),
    },
    writtenIn: { file: where, keys: config.locations ?? {} },
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as { [P in K]: V }));

/** `acme.okta.com`, from okta:orgName and okta:baseUrl (undefined while orgName is unset). */
export function oktaDomain(settings: StackSettings<unknown>): string | undefined {
  return settings.okta.orgName === undefined ? undefined : `${settings.okta.orgName}.${settings.okta.baseUrl}`;
}

/** Settings whose `okta:orgName` is set: the program's (config/program.ts refuses a stack without it). */
export type WithOktaOrg = StackSettings<unknown> & { readonly okta: { readonly orgName: string } };

/** The org's URL, `https://acme.okta.com`: what DuploCloud's Okta settings and the read-only tools use. Known once okta:orgName is. */
export function oktaOrgUrl(settings: WithOktaOrg): string;
export function oktaOrgUrl(settings: StackSettings<unknown>): string | undefined;
export function oktaOrgUrl(settings: StackSettings<unknown>): string | undefined {
  const domain = oktaDomain(settings);
  return domain === undefined ? undefined : `https://${domain}`;
}
