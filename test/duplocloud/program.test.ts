import { test } from "node:test";
import assert from "node:assert/strict";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";
import { resourceNamed, resourcesOfType, runProgram } from "../support/mock-program";
import { runUnderMocks } from "../../src/plan/offline";
import { SECRET_SHOWN_AS } from "../../src/config/secret-placeholder";
import { readStackSettings } from "../../src/config/program";
import { defineStack } from "../../src/stack";
import { PROJECT_DIR } from "../../src/cli/common";
import { handoffPrincipalProblems, handoffSecretPolicy } from "../../src/aws/handoff";

const WITH_DUPLO_USERS = VALID_ACCESS_FILE.replace(
  "  tenants: [dev01, qa01]",
  `  tenants: [dev01, qa01]
  users:
    - username: breakglass@acme.example
      roles: [Administrator]
      reason: Break-glass access when Okta is down.
    - username: ci@acme.example
      reason: CI deploys to dev01.
      tenants: [{ tenant: qa01, level: read-only }, { tenant: dev01, level: read-write }]`,
);
const TOKEN = "duplo-api-token-4f1e";
const OKTA_TOKEN = "okta-ssws-token-9c2a";

test("program: explicit DuploCloud users and grants become dynamic resources with a secret connection", async () => {
  const run = await runProgram(modelOf(WITH_DUPLO_USERS), { "duplocloud:token": TOKEN });
  const users = resourcesOfType(run, "pulumi-nodejs:dynamic/duplocloud:User");
  assert.deepEqual(
    users.map((u) => [u.name, u.inputs.roles, u.inputs.readOnly]),
    [
      ["duplo-user-breakglass@acme.example", ["Administrator"], false],
      ["duplo-user-ci@acme.example", ["User"], false],
    ],
  );
  const grants = resourcesOfType(run, "pulumi-nodejs:dynamic/duplocloud:TenantGrant");
  assert.deepEqual(
    grants.map((g) => [g.name, g.inputs.tenant, g.inputs.readOnly]),
    [
      ["duplo-grant-ci@acme.example-dev01", "dev01", false],
      ["duplo-grant-ci@acme.example-qa01", "qa01", true],
    ],
  );
  for (const resource of [...users, ...grants]) assert.equal(resource.inputs.connection, SECRET_SHOWN_AS);
  assert.ok(run.options.get("duplo-grant-ci@acme.example-dev01")?.dependsOn, "a grant waits for its user");
  assert.doesNotMatch(JSON.stringify(run.resources), new RegExp(TOKEN));
});

test("program (duplocloudSettings experimental): Okta settings carry the real group IDs under documented keys only, secrets kept secret, retained on delete", async () => {
  const run = await runProgram(modelOf(VALID_ACCESS_FILE), {
    "duplocloud:token": TOKEN,
    "duplocloud:oktaApiToken": OKTA_TOKEN,
    "duplocloud-okta-access:duplocloudSettings": "experimental",
  });
  const settings = resourceNamed(run, "duplo-okta-settings");
  assert.equal(settings.type, "pulumi-nodejs:dynamic/duplocloud:OktaSettings");
  assert.deepEqual(settings.inputs.values, {
    ENABLEOKTALOGIN: "true",
    EnableOktaUserSource: "true",
    OktaAdminGroupId: "role-administrators-id",
    OktaClientId: "duplocloud-app-client-id",
    OktaDomain: "https://acme-dev.oktapreview.com",
    OktaReadOnlyGroupId: "role-readOnly-id",
    OktaSecurityGroupId: "role-securityAdmins-id",
    OktaSignUpGroupId: "role-signupUsers-id",
    OktaSignupGroupId: "role-signupUsers-id",
    OktaTenantGroupPrefix: "duploservices-",
    OktaTenantRoGroupPrefix: "duplo-ro-",
  });
  assert.equal(settings.inputs.secretValues, SECRET_SHOWN_AS);
  assert.equal(run.options.get("duplo-okta-settings")?.retainOnDelete, true, "switching the write off leaves the portal as it is");
  assert.equal(settings.inputs.connection, SECRET_SHOWN_AS);
  assert.doesNotMatch(JSON.stringify(run.resources), new RegExp(`${TOKEN}|${OKTA_TOKEN}|mock-client-secret`));
});

test("program: settings are not written through the API by default (the dev stack hands them over)", async () => {
  const run = await runProgram(modelOf(VALID_ACCESS_FILE), { "duplocloud:token": TOKEN });
  assert.equal(resourcesOfType(run, "pulumi-nodejs:dynamic/duplocloud:OktaSettings").length, 0);
  const off = await runProgram(modelOf(VALID_ACCESS_FILE), { "duplocloud-okta-access:duplocloudSettings": "off" });
  assert.equal(resourcesOfType(off, "pulumi-nodejs:dynamic/duplocloud:OktaSettings").length, 0);
});

test("program: duplocloudSettings takes only off or experimental", async () => {
  await assert.rejects(runProgram(modelOf(VALID_ACCESS_FILE), { "duplocloud-okta-access:duplocloudSettings": "true" }), {
    message:
      'Pulumi.dev.yaml: duplocloudSettings is "true"; use "off" (hand the settings over with npm run handoff) or "experimental" (also write them as System Config rows, which DuploCloud is not confirmed to read)',
  });
});

test("program: the DuploCloud token is required once anything goes through DuploCloud's API", async () => {
  await assert.rejects(
    runUnderMocks({ projectDir: PROJECT_DIR, stack: "dev" }, () => {
      const settings = readStackSettings();
      defineStack(modelOf(WITH_DUPLO_USERS), { ...settings, duplocloud: { ...settings.duplocloud, token: undefined } });
    }),
    /needs a DuploCloud API token: pulumi config set --secret duplocloud:token \(or set DUPLO_TOKEN\)/,
  );
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
