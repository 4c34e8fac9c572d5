import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../../src/cli/common";
import { SettingsError } from "../../src/config/stack-settings";
import { VALID_ACCESS_FILE } from "./access-files";
import { tempDir } from "./temp-dir";

/*
 * duplocloud:host may repeat the access file's portal (https://acme.duplocloud.net in
 * VALID_ACCESS_FILE), never name another: the fixture and the refusal shared by the in-process
 * tests (test/config/api-portal.test.ts) and the doctor command's (test/cli/doctor.test.ts).
 */

/** The refusal of a duplocloud:host naming `host`, located at `at` (FILE or FILE:LINE:COLUMN). */
export const otherPortalRefusal = (host: string, at: string) =>
  new SettingsError(
    `${at}: duplocloud:host names ${host}, and the access file's duplocloud.portal is https://acme.duplocloud.net, where the Okta app sends people to sign in; the stack never writes to another portal than that one. Remove the key (pulumi config rm duplocloud:host) to use the access file's portal, or, to move the stack, change duplocloud.portal in the access file (reviewed as a critical change).`,
  );

/** A project whose prod stack names another portal in duplocloud:host (line 3, column 3). */
export function projectWithOtherHost(): string {
  const project = tempDir("api-portal-");
  copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
  mkdirSync(path.join(project, "access"));
  writeFileSync(path.join(project, "access", "prod.yaml"), VALID_ACCESS_FILE);
  writeFileSync(path.join(project, "Pulumi.prod.yaml"), "config:\n  okta:orgName: acme\n  duplocloud:host: https://duplo.attacker.example/\n");
  return project;
}
