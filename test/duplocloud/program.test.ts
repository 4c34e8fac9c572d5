import { test } from "node:test";
import assert from "node:assert/strict";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";
import { resourceNamed, resourcesOfType, runProgram } from "../support/mock-program";
import { runUnderMocks } from "../../src/plan/offline";
import { SECRET_SHOWN_AS } from "../../src/config/secret-placeholder";
import { readStackSettings } from "../../src/config/program";
import { defineStack } from "../../src/stack";
import { PROJECT_DIR } from "../../src/cli/common";

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
