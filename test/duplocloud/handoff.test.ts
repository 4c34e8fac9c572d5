import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";
import { renderHandoff } from "../../src/duplocloud/handoff-checklist";
import { PROJECT_DIR } from "../../src/cli/common";
import { resolveStackConfig } from "../../src/config/config-values";
import { stackSettingsOf } from "../../src/config/stack-settings";

// The hand-off checklist rendered in-process; `npm run handoff` as a process, whole, is in test/cli/handoff.test.ts.
const tableRows = (markdown: string) => markdown.split("\n").filter((line) => line.startsWith("| [ ]"));

test("handoff: each value the stack config decides names the key to set while it is unset (never --outputs), secrets with --secret", () => {
  const projectText = readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8");
  const files: Record<string, string> = { "Pulumi.yaml": projectText, "Pulumi.bare.yaml": "config:\n  duplocloud-okta-access:handoffSecret: false\n" };
  const config = resolveStackConfig({ read: (file) => files[file], shown: (file) => file }, "bare").config;
  const settings = stackSettingsOf(config, () => "[secret]");
  const rows = tableRows(renderHandoff("bare", modelOf(VALID_ACCESS_FILE), settings, undefined));
  const valueOf = (label: string) => rows.find((row) => row.startsWith(`| [ ] | ${label} |`))?.split(" | ")[2];
  assert.deepEqual(["Okta API Token\\*", "Okta API Token ID\\*", "Admin Email\\*", "Okta Domain\\*", "Client Secret\\*"].map(valueOf), [
    "not set: `pulumi config set --secret duplocloud:oktaApiToken <value>`",
    "not set: `pulumi config set duplocloud:oktaApiTokenId <value>`",
    "not set: `pulumi config set duplocloud:tokenExpiryAlertEmail <value>`",
    "not set: `pulumi config set okta:orgName <value>`",
    "not handed over: turn on handoffSecret and list the readers in handoffReaders",
  ]);
});
