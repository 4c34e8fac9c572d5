import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

/*
 * Stack configuration, read in one place. Keys and their meaning are declared in Pulumi.yaml;
 * secrets are read with getSecret/requireSecret so they stay Pulumi secrets end to end.
 */

export interface OktaSettings {
  /** `okta:orgName`, e.g. `acme` for acme.okta.com. */
  readonly orgName: string;
  /** `okta:baseUrl`: okta.com (default) or oktapreview.com. */
  readonly baseUrl: string;
  /** `okta:apiToken` (secret), when the provider authenticates with an SSWS token. */
  readonly apiToken?: pulumi.Output<string>;
  /** `okta:clientId`, `okta:privateKeyId`, `okta:privateKey` (secret), `okta:scopes`: OAuth authentication. */
  readonly clientId?: string;
  readonly privateKeyId?: string;
  readonly privateKey?: pulumi.Output<string>;
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

/** Whether the Okta settings are also written through DuploCloud's API (see okta-settings-catalog.ts). */
export type SettingsWrite = "off" | "experimental";

/** How the stack reaches DuploCloud's REST API, and what it writes there. */
export interface DuploCloudSettings {
  /**
   * `duplocloud:host`. Default: the portal named in the access file. Never DUPLO_HOST: an
   * environment variable must not move a stack's DuploCloud resources to another portal.
   */
  readonly host?: string;
  /** `duplocloud:token` (secret) or DUPLO_TOKEN: a DuploCloud API token of an administrator. */
  readonly token?: pulumi.Output<string>;
  /**
   * Project setting `duplocloudSettings`: "experimental" also writes the Okta settings as System
   * Config rows, which DuploCloud is not confirmed to read. Default "off": the hand-off is the way.
   */
  readonly settingsWrite: SettingsWrite;
  /** `duplocloud:writeWaitSeconds`: how long to wait for the portal to show a write. Default 120. */
  readonly writeWaitSeconds: number;
  /** `duplocloud:oktaApiToken` (secret): the SSWS token DuploCloud polls Okta with. */
  readonly oktaApiToken?: pulumi.Output<string>;
  /** `duplocloud:oktaApiTokenId`: its ID, so DuploCloud can warn before it expires. */
  readonly oktaApiTokenId?: string;
  /** `duplocloud:tokenExpiryAlertEmail`: who DuploCloud tells when the Okta token nears expiry. */
  readonly tokenExpiryAlertEmail?: string;
}

/** The hand-off of secrets to DuploCloud administrators through AWS Secrets Manager. */
export interface HandoffSettings {
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
}

export interface StackSettings {
  /** Path of the stack's access file, relative to the project (`accessFile` in the stack config). */
  readonly accessFile: string;
  readonly okta: OktaSettings;
  readonly duplocloud: DuploCloudSettings;
  readonly handoff: HandoffSettings;
}

/** Reads the current stack's settings; fails with the key's name when a required one is missing. */
export function readStackSettings(): StackSettings {
  const project = new pulumi.Config();
  const okta = new pulumi.Config("okta");
  const duplocloud = new pulumi.Config("duplocloud");
  const envToken = process.env.DUPLO_TOKEN;
  return {
    accessFile: project.require("accessFile"),
    duplocloud: {
      host: duplocloud.get("host"),
      token: duplocloud.getSecret("token") ?? (envToken ? pulumi.secret(envToken) : undefined),
      settingsWrite: settingsWriteOf(project.get("duplocloudSettings")),
      writeWaitSeconds: duplocloud.getNumber("writeWaitSeconds") ?? 120,
      oktaApiToken: duplocloud.getSecret("oktaApiToken"),
      oktaApiTokenId: duplocloud.get("oktaApiTokenId"),
      tokenExpiryAlertEmail: duplocloud.get("tokenExpiryAlertEmail"),
    },
    handoff: {
      enabled: project.getBoolean("handoffSecret") ?? false,
      readers: project.getObject<string[]>("handoffReaders") ?? [],
      deployer: project.get("handoffDeployer") || undefined,
      kmsKeyId: project.get("handoffKmsKeyId") || undefined,
      recoveryWindowInDays: project.getNumber("handoffRecoveryWindowDays") ?? 30,
    },
    okta: {
      orgName: okta.require("orgName"),
      baseUrl: okta.get("baseUrl") ?? "okta.com",
      apiToken: okta.getSecret("apiToken"),
      clientId: okta.get("clientId"),
      privateKeyId: okta.get("privateKeyId"),
      privateKey: okta.getSecret("privateKey"),
      scopes: okta.getObject<string[]>("scopes"),
      backoff: okta.getBoolean("backoff") ?? true,
      maxRetries: okta.getNumber("maxRetries"),
      minWaitSeconds: okta.getNumber("minWaitSeconds"),
      maxWaitSeconds: okta.getNumber("maxWaitSeconds"),
      maxApiCapacity: okta.getNumber("maxApiCapacity"),
      parallelism: okta.getNumber("parallelism"),
      requestTimeout: okta.getNumber("requestTimeout"),
    },
  };
}

function settingsWriteOf(value: string | undefined): SettingsWrite {
  if (value === undefined || value === "off") return "off";
  if (value === "experimental") return "experimental";
  throw new Error(
    `duplocloudSettings is "${value}"; use "off" (hand the settings over with npm run handoff) or "experimental" (also write them as System Config rows, which DuploCloud is not confirmed to read)`,
  );
}

/** `acme.okta.com` from org name and base URL: the domain DuploCloud's Okta settings need. */
export function oktaDomain(settings: OktaSettings): string {
  return `${settings.orgName}.${settings.baseUrl}`;
}

/**
 * The project root (the folder of Pulumi.yaml), which every path in the stack config is relative
 * to. The language host changes the working directory to the folder of Pulumi.yaml's `main` before
 * it runs the program (pulumi/pulumi#10022), so the working directory is not a safe base: the CLI
 * passes the root as --root-directory, read back by getRootDirectory(). A CLI too old to pass it
 * runs this project from its root, because Pulumi.yaml names no `main` (package.json does).
 */
export function projectRoot(): string {
  const fromEngine = pulumi.runtime.getRootDirectory();
  return path.isAbsolute(fromEngine) ? fromEngine : process.cwd();
}
