import * as pulumi from "@pulumi/pulumi";
import * as okta from "@pulumi/okta";
import type { AccessFile } from "../access/schema";
import { signInRedirectUri } from "../access/model";

export interface DuploCloudAppArgs {
  /** The portal host, e.g. acme.duplocloud.net: the redirect URI is https://<host>/app/signin-okta. */
  readonly portalHost: string;
  readonly app: AccessFile["okta"]["app"];
  /** Okta group IDs by group key, for every group whose members get DuploCloud access. */
  readonly assignedGroupIds: ReadonlyMap<string, pulumi.Output<string>>;
  /** Stack name, so that two environments in one Okta org get distinct policy names. */
  readonly stack: string;
}

/**
 * The Okta OIDC web app that people sign in to DuploCloud with, its sign-on policy (MFA by
 * default), and an assignment to every group that grants DuploCloud access.
 */
export class DuploCloudApp extends pulumi.ComponentResource {
  readonly appId: pulumi.Output<string>;
  readonly clientId: pulumi.Output<string>;
  /** The OIDC client secret: a Pulumi secret. */
  readonly clientSecret: pulumi.Output<string>;
  readonly signOnPolicyId: pulumi.Output<string>;

  constructor(name: string, args: DuploCloudAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super("duplocloud-okta:okta:DuploCloudApp", name, {}, opts);

    const policy = new okta.AppSignonPolicy(
      "duplocloud-sign-on",
      {
        name: `DuploCloud ${args.stack} sign-on`,
        description: `Sign-on policy of the DuploCloud (${args.stack}) OIDC app; managed by Pulumi.`,
      },
      { parent: this },
    );
    const mfaRequired = args.app.signOn.mfa === "required";
    new okta.AppSignonPolicyRule(
      "duplocloud-sign-on-rule",
      {
        policyId: policy.id,
        name: mfaRequired ? "Require MFA" : "Password only",
        priority: 1,
        access: "ALLOW",
        factorMode: mfaRequired ? "2FA" : "1FA",
        reAuthenticationFrequency: args.app.signOn.reauthenticateEvery,
      },
      { parent: this },
    );

    const app = new okta.app.OAuth(
      "duplocloud-app",
      {
        label: args.app.label,
        type: "web",
        grantTypes: ["authorization_code"],
        responseTypes: ["code"],
        redirectUris: [signInRedirectUri(args.portalHost)],
        postLogoutRedirectUris: [`https://${args.portalHost}/`],
        loginUri: `https://${args.portalHost}/`,
        tokenEndpointAuthMethod: "client_secret_basic",
        consentMethod: "TRUSTED",
        authenticationPolicy: policy.id,
      },
      { parent: this, protect: true, ...(args.app.importId ? { import: args.app.importId } : {}) },
    );

    for (const [groupKey, groupId] of args.assignedGroupIds) {
      new okta.app.GroupAssignment(`app-assignment-${groupKey}`, { appId: app.id, groupId }, { parent: this });
    }

    this.appId = app.id;
    this.clientId = app.clientId;
    this.clientSecret = pulumi.secret(app.clientSecret);
    this.signOnPolicyId = policy.id;
    this.registerOutputs({ appId: this.appId, clientId: this.clientId, clientSecret: this.clientSecret });
  }
}
