import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { writeTemp } from "../support/access-files";
import { runCli } from "../support/run-cli";

/*
 * `npm run handoff`, whole: the pane's three sections in order, its labels verbatim, `*` where
 * DuploCloud's docs put it (okta-management-settings.md), and for each unknown value what to do.
 * The golden file was read against the docs' pane when written.
 */
const golden = (name: string) => readFileSync(path.join(__dirname, "..", "golden", name), "utf8");

test("handoff: the whole output for the dev stack is the golden checklist", () => {
  const result = runCli("handoff");
  assert.deepEqual([result.status, result.stderr], [0, ""]);
  assert.equal(result.stdout, golden("handoff.md"));
});

const tableRows = (stdout: string) => stdout.split("\n").filter((line) => line.startsWith("| [ ]"));

test("handoff --outputs: Okta IDs filled in from the outputs (free text kept inside its cell), outputs it lacks say so, config values unchanged", () => {
  const outputs = writeTemp(
    "outputs.json",
    JSON.stringify({
      duplocloudOktaSettings: { adminGroupId: "00gADMINS", clientId: "0oa|`CLIENT", clientSecret: "[secret]" },
      handoffSecretArn: "arn:aws:secretsmanager:us-west-2:1:secret:x",
    }),
  );
  const result = runCli("handoff", ["--outputs", outputs]);
  assert.equal(result.status, 0, result.stderr);
  const missing = "not in the stack outputs: run `pulumi up`, then `pulumi stack output --json > outputs.json`";
  assert.deepEqual(tableRows(result.stdout), [
    "| [ ] | Enable Okta As User Source | on | a switch: on (DuploCloud then takes its users and their access from the Okta groups below) |",
    "| [ ] | DuploCloud Admin Group ID\\* | `00gADMINS` | the administrators group (stack output duplocloudOktaSettings.adminGroupId) |",
    `| [ ] | DuploCloud ReadOnly Group ID | ${missing} | the readOnly group (stack output duplocloudOktaSettings.readOnlyGroupId) |`,
    `| [ ] | DuploCloud Security Group ID | ${missing} | the securityAdmins group (stack output duplocloudOktaSettings.securityGroupId) |`,
    `| [ ] | DuploCloud Sign Up Group ID (only if your pane shows it) | ${missing} | the signupUsers group (stack output duplocloudOktaSettings.signupGroupId) |`,
    "| [ ] | DuploCloud Tenant Group Prefix | `duploservices-` | groupNaming.tenantReadWritePrefix in the access file |",
    "| [ ] | DuploCloud Tenant ReadOnly Group Prefix | `duplo-ro-` | groupNaming.tenantReadOnlyPrefix in the access file |",
    "| [ ] | Okta API Token\\* | not set: `pulumi config set --secret duplocloud:oktaApiToken <value>` | duplocloud:oktaApiToken (secret), through the AWS hand-off secret |",
    "| [ ] | Okta API Token ID\\* | `00T1abcdEFGH2345ijk7` | duplocloud:oktaApiTokenId |",
    "| [ ] | Admin Email\\* | `platform-team@acme.example` | duplocloud:tokenExpiryAlertEmail (told when the Okta API token nears expiry) |",
    "| [ ] | Enable Okta Login\\* | on | a switch: on |",
    "| [ ] | Okta Domain\\* | `https://acme-dev.oktapreview.com` | okta:orgName and okta:baseUrl |",
    "| [ ] | Client ID\\* | ``0oa\\|`CLIENT`` | the DuploCloud OIDC app (stack output duplocloudOktaSettings.clientId) |",
    "| [ ] | Client Secret\\* | in AWS Secrets Manager: secret `arn:aws:secretsmanager:us-west-2:1:secret:x`, JSON key `OktaClientSecret` (readable only by the principals in handoffReaders) | the DuploCloud OIDC app, through the AWS hand-off secret |",
    "| [ ] | Enable DPoP | off | a switch: off; turn it on only after the Okta app requires DPoP-bound tokens (Require DPoP header in token requests), which this stack leaves off |",
  ]);
});
