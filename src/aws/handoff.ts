import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { HandoffSettings } from "../config";

/*
 * Secrets that DuploCloud administrators and support need (the OIDC client secret, the Okta API
 * token) are handed over through one AWS Secrets Manager secret that only the listed principals
 * may read: never through chat, tickets or logs.
 */

/** The IAM role ARN behind an STS assumed-role ARN (what `aws:PrincipalArn` compares against). */
export function principalArnOf(callerArn: string): string {
  const assumed = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(callerArn);
  return assumed ? `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}` : callerArn;
}

/**
 * Resource policy: the readers may read; every other principal is denied reading, except the
 * principal that deploys (Pulumi reads the value back on refresh).
 */
export function handoffSecretPolicy(readers: readonly string[], deployerArn: string): string {
  const allowed = [...new Set([...readers, deployerArn])].sort();
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ListedReadersMayRead",
        Effect: "Allow",
        Principal: { AWS: [...readers].sort() },
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: "*",
      },
      {
        Sid: "NobodyElseMayRead",
        Effect: "Deny",
        Principal: "*",
        Action: "secretsmanager:GetSecretValue",
        Resource: "*",
        Condition: { ArnNotLike: { "aws:PrincipalArn": allowed } },
      },
    ],
  });
}

export interface HandoffSecretArgs {
  readonly settings: HandoffSettings;
  readonly stack: string;
  readonly clientSecret: pulumi.Output<string>;
  readonly oktaApiToken?: pulumi.Output<string>;
}

export class HandoffSecret extends pulumi.ComponentResource {
  readonly arn: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;

  constructor(name: string, args: HandoffSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    super("duplocloud-okta:aws:HandoffSecret", name, {}, opts);
    if (args.settings.readers.length === 0) {
      throw new Error("handoffSecret is on but handoffReaders is empty: list the IAM principal ARNs of the DuploCloud administrators who may read it (pulumi config set --path 'handoffReaders[0]' arn:aws:iam::...), or turn handoffSecret off");
    }
    const secret = new aws.secretsmanager.Secret(
      "duplocloud-okta-handoff",
      {
        name: `duplocloud-okta/${args.stack}/handoff`,
        description: `Okta secrets DuploCloud administrators need for the ${args.stack} portal (OIDC client secret, Okta API token). Managed by Pulumi.`,
        kmsKeyId: args.settings.kmsKeyId,
        recoveryWindowInDays: args.settings.recoveryWindowInDays,
      },
      { parent: this },
    );
    const secretString = pulumi
      .all([args.clientSecret, args.oktaApiToken])
      .apply(([clientSecret, oktaApiToken]) => JSON.stringify({ OktaClientSecret: clientSecret, ...(oktaApiToken ? { OktaToken: oktaApiToken } : {}) }));
    new aws.secretsmanager.SecretVersion("duplocloud-okta-handoff-value", { secretId: secret.id, secretString: pulumi.secret(secretString) }, { parent: this });
    const caller = aws.getCallerIdentityOutput({}, { parent: this });
    new aws.secretsmanager.SecretPolicy(
      "duplocloud-okta-handoff-policy",
      { secretArn: secret.arn, policy: caller.arn.apply((arn) => handoffSecretPolicy(args.settings.readers, principalArnOf(arn))) },
      { parent: this },
    );
    this.arn = secret.arn;
    this.name = secret.name;
    this.registerOutputs({ arn: this.arn });
  }
}
