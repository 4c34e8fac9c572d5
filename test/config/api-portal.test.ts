import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";
import { runProgram } from "../support/mock-program";
import { PROJECT_DIR } from "../../src/cli/common";
import { resolveStackConfig } from "../../src/config/config-values";
import { stackSettingsOf, SettingsError } from "../../src/config/stack-settings";
import { apiPortalOf } from "../../src/config/api-portal";
import { portalOf } from "../../src/config/portal-url";
import { planStack } from "../../src/plan/offline";
import { otherPortalRefusal as refusal, projectWithOtherHost } from "../support/other-portal";

/*
 * duplocloud:host may repeat the access file's portal, never name another: API writes go to the
 * portal people sign in to. Refused with FILE:LINE:COLUMN of the key, as the program, the offline
 * plan and the commands read it (the doctor command's refusal is in test/cli/doctor.test.ts).
 */

const PROJECT = readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8");
const FILE_PORTAL = portalOf("https://acme.duplocloud.net", "duplocloud.portal");

const settingsWith = (stackText: string) =>
  stackSettingsOf(
    resolveStackConfig({ read: (file) => ({ "Pulumi.yaml": PROJECT, "Pulumi.prod.yaml": stackText })[file], shown: (file) => file }, "prod").config,
    () => "[secret]",
  );

test("API portal: unset, or the same portal written another way, is the access file's portal", () => {
  assert.deepEqual(apiPortalOf(settingsWith("config:\n  okta:orgName: acme\n"), FILE_PORTAL), { url: "https://acme.duplocloud.net", host: "acme.duplocloud.net" });
  assert.deepEqual(apiPortalOf(settingsWith("config:\n  duplocloud:host: HTTPS://Acme.duplocloud.net:443/\n"), FILE_PORTAL), {
    url: "https://acme.duplocloud.net",
    host: "acme.duplocloud.net",
  });
});

test("API portal: another host, port or path is refused at the key's line and column in the stack file", () => {
  const stack = "config:\n  okta:orgName: acme\n  # the API\n  duplocloud:host: https://other.duplocloud.net\n";
  assert.throws(() => apiPortalOf(settingsWith(stack), FILE_PORTAL), refusal("https://other.duplocloud.net", "Pulumi.prod.yaml:4:3"));
  assert.throws(
    () => apiPortalOf(settingsWith("config:\n    duplocloud:host: https://acme.duplocloud.net:8443\n"), FILE_PORTAL),
    refusal("https://acme.duplocloud.net:8443", "Pulumi.prod.yaml:2:5"),
  );
  assert.throws(
    () => apiPortalOf(settingsWith("config:\n  duplocloud:host: https://acme.duplocloud.net/api\n"), FILE_PORTAL),
    refusal("https://acme.duplocloud.net/api", "Pulumi.prod.yaml:2:3"),
  );
});

test("API portal: a value that is not an https URL is refused at its key too, before any request", () => {
  assert.throws(
    () => apiPortalOf(settingsWith("config:\n  duplocloud:host: acme.duplocloud.net\n"), FILE_PORTAL),
    new SettingsError(
      "Pulumi.prod.yaml:2:3: duplocloud:host \"acme.duplocloud.net\" is not a URL; write the portal's https URL, e.g. https://acme.duplocloud.net, or remove the key to use the access file's portal (https://acme.duplocloud.net)",
    ),
  );
  assert.throws(
    () => apiPortalOf(settingsWith("config:\n  duplocloud:host: http://acme.duplocloud.net\n"), FILE_PORTAL),
    new SettingsError(
      "Pulumi.prod.yaml:2:3: duplocloud:host http://acme.duplocloud.net is not https; the portal is only reached over https (plain http only to loopback), or remove the key to use the access file's portal (https://acme.duplocloud.net)",
    ),
  );
});

test("API portal: a host set for every stack in Pulumi.yaml is located there", () => {
  const project = `${PROJECT}\n`.replace("config:\n", "config:\n  duplocloud:host: https://other.duplocloud.net\n");
  const line = project.split("\n").indexOf("  duplocloud:host: https://other.duplocloud.net") + 1;
  const settings = stackSettingsOf(
    resolveStackConfig({ read: (file) => ({ "Pulumi.yaml": project, "Pulumi.prod.yaml": "" })[file], shown: (file) => file }, "prod").config,
    () => "",
  );
  assert.throws(() => apiPortalOf(settings, FILE_PORTAL), refusal("https://other.duplocloud.net", `Pulumi.yaml:${line}:3`));
});

test("offline plan: a stack whose duplocloud:host names another portal plans nothing and says where the key is", async () => {
  await assert.rejects(planStack(projectWithOtherHost(), "prod"), refusal("https://duplo.attacker.example", "Pulumi.prod.yaml:3:3"));
});

test("program: a host the stack file does not hold (--config, an ESC environment) is refused naming the stack file", async () => {
  await assert.rejects(runProgram(modelOf(VALID_ACCESS_FILE), { "duplocloud:host": "https://other.duplocloud.net" }), refusal("https://other.duplocloud.net", "Pulumi.dev.yaml"));
  // The same portal written another way changes nothing the program declares.
  const same = await runProgram(modelOf(VALID_ACCESS_FILE), { "duplocloud:host": "https://ACME.duplocloud.net/" });
  assert.deepEqual(same.resources, (await runProgram(modelOf(VALID_ACCESS_FILE))).resources);
});
