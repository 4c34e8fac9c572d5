import { test } from "node:test";
import assert from "node:assert/strict";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";
import { resourceNamed, runProgram } from "../support/mock-program";
import { SECRET_SHOWN_AS } from "../../src/config/secret-placeholder";
import { handoffPrincipalProblems, handoffSecretPolicy } from "../../src/aws/handoff";

// The AWS Secrets Manager hand-off (src/aws/handoff.ts): the resources the program declares, its resource policy and the checks of its principals.
const OKTA_TOKEN = "okta-ssws-token-9c2a";
/** The dev stack's handoffDeployer (Pulumi.dev.yaml). */
const DEV_DEPLOYER = "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_PlatformDeployer_0123456789abcdef";

test("hand-off policy: readers and the deployer may read; only the deployer may write or change the policy; principals compared exactly", () => {
  const readers = ["arn:aws:iam::123456789012:role/b", "arn:aws:iam::123456789012:role/a"];
  assert.deepEqual(JSON.parse(handoffSecretPolicy(readers, DEV_DEPLOYER)), {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ListedReadersMayRead",
        Effect: "Allow",
        Principal: { AWS: ["arn:aws:iam::123456789012:role/a", "arn:aws:iam::123456789012:role/b"] },
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: "*",
      },
      {
        Sid: "NobodyElseMayRead",
        Effect: "Deny",
        Principal: "*",
        Action: "secretsmanager:GetSecretValue",
        Resource: "*",
        Condition: { ArnNotEquals: { "aws:PrincipalArn": ["arn:aws:iam::123456789012:role/a", DEV_DEPLOYER, "arn:aws:iam::123456789012:role/b"] } },
      },
      {
        Sid: "OnlyTheDeployerMayChangeIt",
        Effect: "Deny",
        Principal: "*",
        Action: [
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
        ],
        Resource: "*",
        Condition: { ArnNotEquals: { "aws:PrincipalArn": [DEV_DEPLOYER] } },
      },
    ],
  });
});

test("hand-off principals: concrete role or user ARNs of one account; no wildcard; the deployer required, path kept", () => {
  assert.deepEqual(handoffPrincipalProblems(DEV_DEPLOYER, ["arn:aws:iam::123456789012:role/admins", "arn:aws:iam::123456789012:user/alice"]), []);
  assert.deepEqual(
    handoffPrincipalProblems(undefined, [
      "*",
      "arn:aws:iam::123456789012:role/*",
      "arn:aws:iam::999999999999:role/other",
      "arn:aws:sts::123456789012:assumed-role/x/y",
      "arn:aws:iam::123456789012:role/ok",
    ]),
    [
      "handoffDeployer is not set: give the full ARN of the IAM role that runs pulumi up (with its path, e.g. arn:aws:iam::<account>:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_..._...), so that it alone may change the secret",
      'handoffReaders[0] is "*": give a concrete IAM role or user ARN (arn:aws:iam::<account>:role/<path/name>); wildcards and other principals are refused',
      'handoffReaders[1] is "arn:aws:iam::123456789012:role/*": give a concrete IAM role or user ARN (arn:aws:iam::<account>:role/<path/name>); wildcards and other principals are refused',
      'handoffReaders[3] is "arn:aws:sts::123456789012:assumed-role/x/y": give a concrete IAM role or user ARN (arn:aws:iam::<account>:role/<path/name>); wildcards and other principals are refused',
      "handoffDeployer and handoffReaders name 2 AWS accounts (123456789012, 999999999999); they must all be the secret's own account",
    ],
  );
  assert.deepEqual(handoffPrincipalProblems(DEV_DEPLOYER, []), [
    "handoffReaders is empty: list the IAM role ARNs of the DuploCloud administrators who may read it (pulumi config set --path 'handoffReaders[0]' arn:aws:iam::<account>:role/<name>), or turn handoffSecret off",
  ]);
});
test("program: the AWS hand-off secret holds the secrets, is readable only by the listed principals, and is configurable", async () => {
  const run = await runProgram(modelOf(VALID_ACCESS_FILE), {
    "duplocloud:oktaApiToken": OKTA_TOKEN,
    "duplocloud-okta-access:handoffKmsKeyId": "alias/duplocloud-handoff",
    "duplocloud-okta-access:handoffRecoveryWindowDays": "7",
  });
  const secret = resourceNamed(run, "duplocloud-okta-handoff");
  assert.deepEqual(secret.inputs, {
    description: "Okta secrets DuploCloud administrators need for the dev portal (OIDC client secret, Okta API token). Managed by Pulumi.",
    kmsKeyId: "alias/duplocloud-handoff",
    name: "duplocloud-okta/dev/handoff",
    recoveryWindowInDays: 7,
  });
  assert.equal(resourceNamed(run, "duplocloud-okta-handoff-value").inputs.secretString, SECRET_SHOWN_AS);
  const policyResource = resourceNamed(run, "duplocloud-okta-handoff-policy");
  assert.equal(policyResource.inputs.blockPublicPolicy, true);
  assert.equal(policyResource.inputs.policy, handoffSecretPolicy(["arn:aws:iam::123456789012:role/duplocloud-admins"], DEV_DEPLOYER));
  assert.equal(resourceNamed(run, "aws").inputs.region, "us-west-2");
  assert.equal(await new Promise((resolve) => run.outputs.handoffSecretArn!.apply(resolve)), "arn:aws:mock:us-west-2:123456789012:duplocloud-okta-handoff");
  assert.doesNotMatch(JSON.stringify(run.resources), new RegExp(OKTA_TOKEN));
});

test("program: the hand-off can be switched off, and refuses to run without readers", async () => {
  const off = await runProgram(modelOf(VALID_ACCESS_FILE), { "duplocloud-okta-access:handoffSecret": "false" });
  assert.equal(off.resources.filter((r) => r.type.startsWith("aws:") || r.type === "pulumi:providers:aws").length, 0);
  await assert.rejects(runProgram(modelOf(VALID_ACCESS_FILE), { "duplocloud-okta-access:handoffReaders": "[]" }), /^Error: handoffSecret is on, but: handoffReaders is empty/);
  await assert.rejects(
    runProgram(modelOf(VALID_ACCESS_FILE), { "duplocloud-okta-access:handoffReaders": '["*"]' }),
    /handoffReaders\[0\] is "\*": give a concrete IAM role or user ARN/,
  );
  await assert.rejects(runProgram(modelOf(VALID_ACCESS_FILE), { "duplocloud-okta-access:handoffDeployer": "" }), /handoffDeployer is not set/);
});
