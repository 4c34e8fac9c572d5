import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { SecretHandoffSettings as HandoffSettings } from "../config/stack-settings";

/*
 * Secrets that DuploCloud administrators and support need (the OIDC client secret, the Okta API
 * token) are handed over through one AWS Secrets Manager secret that only the listed principals
 * may read: never through chat, tickets or logs.
 */

/** A concrete IAM role or user ARN, path included (AWS SSO roles live under aws-reserved/sso.amazonaws.com/). */
const IAM_PRINCIPAL_ARN = /^arn:aws(?:-us-gov|-cn)?:iam::(\d{12}):(?:role|user)\/[\w+=,.@/-]+$/;

/**
 * Problems with the hand-off's principals, each naming its stack setting: the deployer and every
 * reader must be a concrete IAM role or user ARN (no wildcard), all of one AWS account.
 */
export function handoffPrincipalProblems(deployer: string | undefined, readers: readonly string[]): string[] {
  const problems: string[] = [];
  if (readers.length === 0) {
    problems.push(
      "handoffReaders is empty: list the IAM role ARNs of the DuploCloud administrators who may read it (pulumi config set --path 'handoffReaders[0]' arn:aws:iam::<account>:role/<name>), or turn handoffSecret off",
    );
  }
  if (!deployer) {
    problems.push(
      "handoffDeployer is not set: give the full ARN of the IAM role that runs pulumi up (with its path, e.g. arn:aws:iam::<account>:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_..._...), so that it alone may change the secret",
    );
  }
  const accounts = new Set<string>();
  const check = (key: string, arn: string) => {
    const match = IAM_PRINCIPAL_ARN.exec(arn);
    if (!match)
      problems.push(`${key} is "${arn.slice(0, 120)}": give a concrete IAM role or user ARN (arn:aws:iam::<account>:role/<path/name>); wildcards and other principals are refused`);
    else accounts.add(match[1]!);
  };
  if (deployer) check("handoffDeployer", deployer);
  readers.forEach((reader, i) => check(`handoffReaders[${i}]`, reader));
  if (accounts.size > 1)
    problems.push(`handoffDeployer and handoffReaders name ${accounts.size} AWS accounts (${[...accounts].sort().join(", ")}); they must all be the secret's own account`);
  return problems;
}

/** Everything that changes the secret's value, its life or who may read it. */
const CHANGING_ACTIONS = [
  "secretsmanager:PutSecretValue",
  "secretsmanager:UpdateSecret",
  "secretsmanager:UpdateSecretVersionStage",
  "secretsmanager:RotateSecret",
  "secretsmanager:CancelRotateSecret",
  "secretsmanager:DeleteSecret",
  "secretsmanager:RestoreSecret",
  "secretsmanager:PutResourcePolicy",
  "secretsmanager:DeleteResourcePolicy",
  "secretsmanager:TagResource",
  "secretsmanager:UntagResource",
  "secretsmanager:ReplicateSecretToRegions",
  "secretsmanager:RemoveRegionsFromReplication",
  "secretsmanager:StopReplicationToReplica",
];

/**
 * Resource policy: the readers may read; every other principal is denied reading, except the
 * deployer (Pulumi reads the value back on refresh); and everyone but the deployer is denied
 * writing the value and changing the policy. Principals are compared exactly (ArnNotEquals).
 */
export function handoffSecretPolicy(readers: readonly string[], deployerArn: string): string {
  const mayRead = [...new Set([...readers, deployerArn])].sort();
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
        Condition: { ArnNotEquals: { "aws:PrincipalArn": mayRead } },
      },
      {
        Sid: "OnlyTheDeployerMayChangeIt",
        Effect: "Deny",
        Principal: "*",
        Action: CHANGING_ACTIONS,
        Resource: "*",
        Condition: { ArnNotEquals: { "aws:PrincipalArn": [deployerArn] } },
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
    const problems = handoffPrincipalProblems(args.settings.deployer, args.settings.readers);
    if (problems.length > 0) throw new Error(`handoffSecret is on, but: ${problems.join("; ")}`);
    const deployer = args.settings.deployer!;
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
    new aws.secretsmanager.SecretPolicy(
      "duplocloud-okta-handoff-policy",
      // blockPublicPolicy: AWS refuses any later policy that would open the secret to other accounts.
      { secretArn: secret.arn, policy: handoffSecretPolicy(args.settings.readers, deployer), blockPublicPolicy: true },
      { parent: this },
    );
    this.arn = secret.arn;
    this.name = secret.name;
    this.registerOutputs({ arn: this.arn });
  }
}
