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

export interface StackSettings {
  /** Path of the stack's access file, relative to the project (`accessFile` in the stack config). */
  readonly accessFile: string;
  readonly okta: OktaSettings;
}

/** Reads the current stack's settings; fails with the key's name when a required one is missing. */
export function readStackSettings(): StackSettings {
  const project = new pulumi.Config();
  const okta = new pulumi.Config("okta");
  return {
    accessFile: project.require("accessFile"),
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

/** `acme.okta.com` from org name and base URL: the domain DuploCloud's Okta settings need. */
export function oktaDomain(settings: OktaSettings): string {
  return `${settings.orgName}.${settings.baseUrl}`;
}
