import * as pulumi from "@pulumi/pulumi";
import * as okta from "@pulumi/okta";
import type { AccessFile } from "../access/schema";
import { signInRedirectUri, signOnPolicyName } from "../access/naming";
import { MAX_POLICY_NAME_LENGTH } from "../access/okta-catalog";

/**
 * The sign-on rule per `signOn.mfa`. `factorMode: 2FA` alone accepts any two factors, SMS, voice
 * and email included; the possession constraint (with `required` always written, as the Okta
 * provider's docs ask) leaves only device-bound factors. Needs an Okta Identity Engine org.
 */
const SIGN_ON = {
  required: { ruleName: "Require MFA", factorMode: "2FA", constraint: { possession: { required: true, deviceBound: "REQUIRED" } } },
  "phishing-resistant": {
    ruleName: "Require phishing-resistant MFA",
    factorMode: "2FA",
    constraint: { possession: { required: true, deviceBound: "REQUIRED", phishingResistant: "REQUIRED" } },
  },
  "not-required": { ruleName: "Password only", factorMode: "1FA", constraint: undefined },
} as const;

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
  /** Okta's name of the app (`oidc_client`), with the ID the way admin-role app targets name one app instance. */
  readonly appName: pulumi.Output<string>;
  readonly clientId: pulumi.Output<string>;
  /** The OIDC client secret: a Pulumi secret. */
  readonly clientSecret: pulumi.Output<string>;
  readonly signOnPolicyId: pulumi.Output<string>;

  constructor(name: string, args: DuploCloudAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super("duplocloud-okta:okta:DuploCloudApp", name, {}, opts);

    const policyName = signOnPolicyName(args.stack);
    if ([...policyName].length > MAX_POLICY_NAME_LENGTH) {
      throw new Error(`stack "${args.stack}" makes the sign-on policy name "${policyName}", longer than Okta's ${MAX_POLICY_NAME_LENGTH} characters; use a shorter stack name`);
    }
    const policy = new okta.AppSignonPolicy(
      "duplocloud-sign-on",
      {
        name: policyName,
        description: `Sign-on policy of the DuploCloud (${args.stack}) OIDC app; managed by Pulumi.`,
        // The policy's catch-all rule denies: nobody signs in except through the rule below.
        catchAll: false,
      },
      { parent: this, protect: true },
    );
    const sign = SIGN_ON[args.app.signOn.mfa];
    new okta.AppSignonPolicyRule(
      "duplocloud-sign-on-rule",
      {
        policyId: policy.id,
        name: sign.ruleName,
        priority: 1,
        access: "ALLOW",
        factorMode: sign.factorMode,
        ...(sign.constraint ? { constraints: [JSON.stringify(sign.constraint)] } : {}),
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
    this.appName = app.name;
    this.clientId = app.clientId;
    this.clientSecret = pulumi.secret(app.clientSecret);
    this.signOnPolicyId = policy.id;
    this.registerOutputs({ appId: this.appId, clientId: this.clientId, clientSecret: this.clientSecret });
  }
}
