import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";
import { runProgram } from "../support/mock-program";
import { PROJECT_DIR } from "../../src/cli/common";
import { resolveStackConfig } from "../../src/config/config-values";
import { stackSettingsOf } from "../../src/config/stack-settings";
import { oktaSettingsRecord } from "../../src/duplocloud/okta-settings-record";
import { expectedValues } from "../../src/duplocloud/expected";

/* DuploCloud's Okta settings record, built in one function for the program, doctor, the hand-off and the importer. */

const PROJECT = readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8");
const settingsOf = (stackText: string) =>
  stackSettingsOf(resolveStackConfig({ read: (file) => ({ "Pulumi.yaml": PROJECT, "Pulumi.s.yaml": stackText })[file], shown: (file) => file }, "s").config, () => "[secret]");
const MODEL = modelOf(VALID_ACCESS_FILE.replace("roles:\n", "groupNaming:\n  tenantReadWritePrefix: rw-\n  tenantReadOnlyPrefix: ro-\nroles:\n"));

test("record: the access file's prefixes and redirect URI, the config's domain and token fields, and exactly the IDs given", () => {
  const settings = settingsOf(
    "config:\n  okta:orgName: acme\n  okta:baseUrl: okta-emea.com\n  duplocloud:oktaApiTokenId: 00Tabc\n  duplocloud:tokenExpiryAlertEmail: ops@acme.example\n",
  );
  assert.deepEqual(oktaSettingsRecord(MODEL, settings, { clientId: "0oaAPP", adminGroupId: "00gADM" }), {
    oktaDomain: "https://acme.okta-emea.com",
    clientId: "0oaAPP",
    adminGroupId: "00gADM",
    tenantGroupPrefix: "rw-",
    tenantReadOnlyGroupPrefix: "ro-",
    redirectUri: "https://acme.duplocloud.net/app/signin-okta",
    oktaApiTokenId: "00Tabc",
    tokenExpiryAlertEmail: "ops@acme.example",
  });
});

test("record: without okta:orgName the domain is unknown, and unset token fields are left out", () => {
  assert.deepEqual(oktaSettingsRecord(MODEL, settingsOf("config: {}\n"), {}), {
    oktaDomain: undefined,
    tenantGroupPrefix: "rw-",
    tenantReadOnlyGroupPrefix: "ro-",
    redirectUri: "https://acme.duplocloud.net/app/signin-okta",
  });
});

test("record for the commands: the IDs of a stack-outputs file, never its client secret or anything it should not hold", () => {
  const outputs = { duplocloudOktaSettings: { clientId: "0oaAPP", clientSecret: "[secret]", readOnlyGroupId: 7 as unknown as string, oktaDomain: "https://evil.example" } };
  assert.deepEqual(expectedValues(MODEL, settingsOf("config:\n  okta:orgName: acme\n"), outputs), {
    oktaDomain: "https://acme.okta.com",
    clientId: "0oaAPP",
    tenantGroupPrefix: "rw-",
    tenantReadOnlyGroupPrefix: "ro-",
    redirectUri: "https://acme.duplocloud.net/app/signin-okta",
  });
});

test("record in the program: the stack output is the record without the token fields the config already holds", async () => {
  const run = await runProgram(modelOf(VALID_ACCESS_FILE));
  assert.deepEqual(Object.keys(run.outputs.duplocloudOktaSettings), [
    "oktaDomain",
    "clientId",
    "clientSecret",
    "adminGroupId",
    "readOnlyGroupId",
    "securityGroupId",
    "signupGroupId",
    "tenantGroupPrefix",
    "tenantReadOnlyGroupPrefix",
    "redirectUri",
  ]);
  assert.equal(run.outputs.duplocloudOktaSettings.redirectUri, "https://acme.duplocloud.net/app/signin-okta");
});
