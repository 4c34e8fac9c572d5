import * as pulumi from "@pulumi/pulumi";
import * as okta from "@pulumi/okta";
import type { ApiTokenImport, ServiceApp } from "../access/schema";
import { JUSTIFICATION_PREFIX, roleGroupKey, scopeGrantKey, serviceAppKey, serviceAppRoleKey, teamGroupKey } from "../access/keys";
import { ScopedClientRole } from "./client-role-resource";
import type { OktaWriteAccess } from "./write-access";

export interface ApiAccessArgs {
  readonly serviceApps: readonly ServiceApp[];
  readonly apiTokens: readonly ApiTokenImport[];
  /** The org URL (https://acme.okta.com), the issuer of management-API scopes. */
  readonly orgUrl: string;
  /** Group IDs by key, for the targets of a service app's role. */
  readonly groupIds: ReadonlyMap<string, pulumi.Input<string>>;
  /** The DuploCloud OIDC app, for targets that name `duplocloud`. */
  readonly duplocloudApp: { readonly appName: pulumi.Output<string>; readonly appId: pulumi.Output<string> };
  /** The stack's Okta credential, for the scoped roles' dynamic resource (write-access.ts). */
  readonly writeAccess: pulumi.Input<OktaWriteAccess>;
}

type ClientRoleConstructor = new (name: string, args: { clientId: pulumi.Input<string>; type: pulumi.Input<string> }, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** The provider has one resource class per role a client (service app) can hold. */
const CLIENT_ROLE_RESOURCES: Readonly<Record<ServiceApp["adminRole"], ClientRoleConstructor>> = {
  READ_ONLY_ADMIN: okta.Oauth2V1ClientsRoleReadOnlyAdmin,
  USER_ADMIN: okta.Oauth2V1ClientsRoleUserAdmin,
  GROUP_MEMBERSHIP_ADMIN: okta.Oauth2V1ClientsRoleGroupMembershipAdmin,
  HELP_DESK_ADMIN: okta.Oauth2V1ClientsRoleHelpDeskAdmin,
  APP_ADMIN: okta.Oauth2V1ClientsRoleAppAdmin,
  REPORT_ADMIN: okta.Oauth2V1ClientsRoleReportAdmin,
  API_ACCESS_MANAGEMENT_ADMIN: okta.Oauth2V1ClientsRoleApiAccessManagementAdmin,
};

/**
 * A token's network restriction as sent to Okta: zone lists only when they name a zone. An empty
 * list may be read back as absent and then differ from the program on every preview.
 */
function tokenNetwork(network: ApiTokenImport["network"]): { connection: string; includes?: string[]; excludes?: string[] } {
  return {
    connection: network.connection,
    ...(network.includes.length > 0 ? { includes: [...network.includes].sort() } : {}),
    ...(network.excludes.length > 0 ? { excludes: [...network.excludes].sort() } : {}),
  };
}

/**
 * API access with least privilege: service apps that authenticate with a private key (no shared
 * secret), are granted only the scopes the file lists and hold one narrow admin role; and SSWS
 * tokens, which Okta cannot create through its API, imported to manage their network restriction.
 * Removing a token from the file revokes it.
 */
export class ApiAccess extends pulumi.ComponentResource {
  /** Client ID of each service app by name. */
  readonly clientIds: ReadonlyMap<string, pulumi.Output<string>>;

  constructor(name: string, args: ApiAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("duplocloud-okta:okta:ApiAccess", name, {}, opts);
    const clientIds = new Map<string, pulumi.Output<string>>();
    for (const serviceApp of args.serviceApps) {
      const app = new okta.app.OAuth(
        serviceAppKey(serviceApp.name),
        {
          label: serviceApp.label ?? serviceApp.name,
          type: "service",
          grantTypes: ["client_credentials"],
          responseTypes: ["token"],
          tokenEndpointAuthMethod: "private_key_jwt",
          omitSecret: true,
          // The provider skips the sign-on policy of a service app on create but not on update
          // (terraform-provider-okta v6.12 okta/services/idaas/resource_okta_app_oauth.go: create
          // checks `type != "service"`, update only `skip_authentication_policy`), and Okta answers
          // 400 to a policy PUT on a service app (terraform-provider-okta issue #2295).
          skipAuthenticationPolicy: true,
          // Okta admins see the note; the policy pack requires it for write-access scopes.
          adminNote: serviceApp.justification ? `${JUSTIFICATION_PREFIX} ${serviceApp.justification}` : "Read-only API access; managed by Pulumi.",
          ...(serviceApp.publicKey.jwksUri ? { jwksUri: serviceApp.publicKey.jwksUri } : { jwks: [{ ...serviceApp.publicKey.jwk! }] }),
        },
        { parent: this },
      );
      new okta.AppOauthApiScope(scopeGrantKey(serviceApp.name), { appId: app.id, issuer: args.orgUrl, scopes: [...serviceApp.scopes].sort() }, { parent: this });
      this.giveRole(serviceApp, app.clientId, args);
      clientIds.set(serviceApp.name, app.clientId);
    }
    for (const token of args.apiTokens) {
      new okta.ApiToken(
        `api-token-${token.id}`,
        {
          idProperty: token.id,
          name: token.name,
          userId: token.userId,
          network: tokenNetwork(token.network),
        },
        // Deleting an okta.ApiToken revokes it, and DuploCloud may sync with it: only an explicit
        // `revoke: true` lets that happen. Otherwise removing the entry, correcting its id or
        // `pulumi destroy` must not revoke it (retained), and is never done by accident (protected).
        { parent: this, import: token.id, protect: !token.revoke, retainOnDelete: !token.revoke },
      );
    }
    this.clientIds = clientIds;
    this.registerOutputs({});
  }

  /**
   * The app's admin role: with targets, the dynamic ScopedClientRole (the provider's
   * Oauth2V1ClientsRole* resources take none); without, the provider's resource of that role, over
   * the whole org. Giving targets to a role that had none is the same resource under another type
   * (an alias): the dynamic provider's diff sees the provider's state and replaces it delete-first,
   * because Okta refuses a role type a client already holds (E0000090). The way back is not aliased:
   * the provider's Diff of the dynamic state is not known, so dropping the targets of a role and
   * keeping its type creates the unscoped role before the scoped one goes, and Okta refuses it; the
   * `up` fails with the scoped role in place (never wider), and the docs give the two steps
   * (docs/okta-side.md).
   */
  private giveRole(serviceApp: ServiceApp, clientId: pulumi.Output<string>, args: ApiAccessArgs): void {
    const Role = CLIENT_ROLE_RESOURCES[serviceApp.adminRole];
    const providerType = (Role as unknown as { __pulumiType: string }).__pulumiType;
    const targets = serviceApp.targets;
    const name = serviceAppRoleKey(serviceApp.name);
    if (targets === undefined) {
      new Role(name, { clientId, type: serviceApp.adminRole }, { parent: this });
      return;
    }
    const groupKeys = [...targets.teams.map(teamGroupKey), ...targets.roles.map(roleGroupKey)];
    const app = (target: string) => (target === "duplocloud" ? pulumi.interpolate`${args.duplocloudApp.appName}.${args.duplocloudApp.appId}` : pulumi.output(target));
    new ScopedClientRole(
      name,
      {
        access: args.writeAccess,
        clientId,
        roleType: serviceApp.adminRole,
        targetGroupIds: pulumi.all(groupKeys.map((key) => args.groupIds.get(key)!)).apply((ids) => [...ids].sort()),
        targetApps: pulumi.all(targets.apps.map(app)).apply((apps) => [...apps].sort()),
      },
      { parent: this, deleteBeforeReplace: true, aliases: [{ type: providerType }] },
    );
  }
}
