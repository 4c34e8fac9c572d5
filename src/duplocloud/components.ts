import * as pulumi from "@pulumi/pulumi";
import type { DuploCloudUser } from "../access/schema";
import type { ConnectionInputs } from "./providers/connection";
import { DuploOktaSettingsResource, DuploSystemSettingResource, DuploTenantGrantResource, DuploUserResource } from "./resources";
import { OKTA_USERS_VPN_KEY, OKTA_USERS_VPN_TYPE, oktaUsersVpnValue, type OktaUsersVpn } from "./okta-users-vpn";
import { secretSettingValues, visibleSettingValues, type OktaSettingsValues } from "./okta-settings-catalog";

export interface DuploCloudAccessArgs {
  readonly connection: pulumi.Input<ConnectionInputs>;
  /** Explicit users from the access file, sorted. */
  readonly users: readonly DuploCloudUser[];
}

/** Explicit DuploCloud users (outside Okta) and their tenant grants, through DuploCloud's API. */
export class DuploCloudAccess extends pulumi.ComponentResource {
  constructor(name: string, args: DuploCloudAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("duplocloud-okta:duplocloud:DuploCloudAccess", name, {}, opts);
    for (const user of args.users) {
      const key = user.username.toLowerCase();
      const resource = new DuploUserResource(
        `duplo-user-${key}`,
        // The file's name (lower-cased, like every email of the model). The providers look it up in the
        // portal ignoring case and then use the portal's own spelling for every call (usernames.ts).
        { connection: args.connection, username: key, roles: [...user.roles], readOnly: user.readOnly, adopt: user.adopt },
        { parent: this },
      );
      for (const grant of user.tenants) {
        new DuploTenantGrantResource(
          `duplo-grant-${key}-${grant.tenant}`,
          { connection: args.connection, username: key, tenant: grant.tenant, readOnly: grant.level === "read-only" },
          // A grant needs its user to exist first.
          { parent: this, dependsOn: [resource] },
        );
      }
    }
    this.registerOutputs({});
  }
}

export interface DuploCloudOktaSettingsArgs {
  readonly connection: pulumi.Input<ConnectionInputs>;
  readonly values: pulumi.Input<OktaSettingsValues>;
  readonly clientSecret: pulumi.Output<string>;
  readonly oktaApiToken?: pulumi.Output<string>;
}

/**
 * Writes DuploCloud's Okta settings as System Config rows (`duplocloudSettings: experimental`).
 * Retained on delete: switching the write off, or removing the stack, leaves the portal as it is.
 */
export class DuploCloudOktaSettings extends pulumi.ComponentResource {
  constructor(name: string, args: DuploCloudOktaSettingsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("duplocloud-okta:duplocloud:OktaSettings", name, {}, opts);
    // Split by the catalog: visible values stay readable in previews, secrets stay secret.
    const visible = pulumi.output(args.values).apply(visibleSettingValues);
    const secretValues = pulumi
      .all([args.clientSecret, args.oktaApiToken])
      .apply(([clientSecret, oktaApiToken]) => secretSettingValues({ clientSecret, ...(oktaApiToken !== undefined ? { oktaApiToken } : {}) }));
    new DuploOktaSettingsResource("duplo-okta-settings", { connection: args.connection, values: visible, secretValues }, { parent: this, retainOnDelete: true });
    this.registerOutputs({});
  }
}

/**
 * VPN access for new Okta users (okta-users-vpn.ts), as the access file says. Retained on delete:
 * dropping `oktaUsersVpn` from the file stops managing it and leaves the portal's value as it is.
 */
export class DuploCloudOktaUsersVpn extends pulumi.ComponentResource {
  constructor(name: string, args: { readonly connection: pulumi.Input<ConnectionInputs>; readonly vpn: OktaUsersVpn }, opts?: pulumi.ComponentResourceOptions) {
    super("duplocloud-okta:duplocloud:OktaUsersVpn", name, {}, opts);
    new DuploSystemSettingResource(
      "duplo-okta-users-vpn",
      { connection: args.connection, key: OKTA_USERS_VPN_KEY, type: OKTA_USERS_VPN_TYPE, value: oktaUsersVpnValue(args.vpn) },
      { parent: this, retainOnDelete: true },
    );
    this.registerOutputs({});
  }
}
