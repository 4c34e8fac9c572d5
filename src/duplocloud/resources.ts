import * as pulumi from "@pulumi/pulumi";
import type { DuploRole } from "./client";
import type { ConnectionInputs } from "./providers/connection";
import { duploUserProvider } from "./providers/user";
import { tenantGrantProvider } from "./providers/tenant-grant";
import { oktaSettingsProvider } from "./providers/okta-settings";
import { systemSettingProvider } from "./providers/system-setting";

/*
 * Pulumi resources backed by the dynamic providers. The connection (with the token) and any
 * secret setting values are marked secret outputs, so state never holds them in plain text.
 */

type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

export interface DuploUserArgs {
  readonly connection: pulumi.Input<ConnectionInputs>;
  readonly username: pulumi.Input<string>;
  readonly roles: pulumi.Input<DuploRole[]>;
  readonly readOnly: pulumi.Input<boolean>;
  /** Take over a user the portal already has. Default false: create refuses it. */
  readonly adopt?: pulumi.Input<boolean>;
}

export class DuploUserResource extends pulumi.dynamic.Resource {
  declare readonly username: pulumi.Output<string>;
  declare readonly roles: pulumi.Output<DuploRole[]>;
  declare readonly readOnly: pulumi.Output<boolean>;
  /** The name as the portal spells it (DuploCloud compares names exactly); shows a difference in case. */
  declare readonly portalUsername: pulumi.Output<string>;

  constructor(name: string, args: DuploUserArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      duploUserProvider,
      name,
      { ...(args as Inputs<DuploUserArgs>), connection: pulumi.secret(args.connection), portalUsername: undefined },
      { ...opts, additionalSecretOutputs: ["connection"] },
      "duplocloud",
      "User",
    );
  }
}

export interface DuploTenantGrantArgs {
  readonly connection: pulumi.Input<ConnectionInputs>;
  readonly username: pulumi.Input<string>;
  readonly tenant: pulumi.Input<string>;
  readonly readOnly: pulumi.Input<boolean>;
}

export class DuploTenantGrantResource extends pulumi.dynamic.Resource {
  declare readonly tenantId: pulumi.Output<string>;
  declare readonly readOnly: pulumi.Output<boolean>;
  /** The user's name as the portal spells it. */
  declare readonly portalUsername: pulumi.Output<string>;

  constructor(name: string, args: DuploTenantGrantArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      tenantGrantProvider,
      name,
      { ...(args as Inputs<DuploTenantGrantArgs>), connection: pulumi.secret(args.connection), tenantId: undefined, portalUsername: undefined },
      { ...opts, additionalSecretOutputs: ["connection"] },
      "duplocloud",
      "TenantGrant",
    );
  }
}

export interface DuploOktaSettingsArgs {
  readonly connection: pulumi.Input<ConnectionInputs>;
  /** Key -> value of the settings reviewers may see. */
  readonly values: pulumi.Input<Record<string, string>>;
  /** Key -> value of secret settings (the client secret, the Okta API token). */
  readonly secretValues: pulumi.Input<Record<string, string>>;
}

export class DuploOktaSettingsResource extends pulumi.dynamic.Resource {
  declare readonly values: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: DuploOktaSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      oktaSettingsProvider,
      name,
      { connection: pulumi.secret(args.connection), values: args.values, secretValues: pulumi.secret(args.secretValues) },
      { ...opts, additionalSecretOutputs: ["connection", "secretValues"] },
      "duplocloud",
      "OktaSettings",
    );
  }
}

export interface DuploSystemSettingArgs {
  readonly connection: pulumi.Input<ConnectionInputs>;
  readonly key: pulumi.Input<string>;
  readonly type: pulumi.Input<string>;
  readonly value: pulumi.Input<string>;
}

/** One System Config row (providers/system-setting.ts). */
export class DuploSystemSettingResource extends pulumi.dynamic.Resource {
  declare readonly value: pulumi.Output<string>;

  constructor(name: string, args: DuploSystemSettingArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      systemSettingProvider,
      name,
      { ...(args as Inputs<DuploSystemSettingArgs>), connection: pulumi.secret(args.connection) },
      { ...opts, additionalSecretOutputs: ["connection"] },
      "duplocloud",
      "SystemSetting",
    );
  }
}
