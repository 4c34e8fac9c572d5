import { randomBytes } from "node:crypto";
import * as path from "node:path";
import { validateAccessFile } from "../access/validate";
import { accessProjectDir } from "../config/environment";
import { checkedAccessFilePath } from "../config/access-file-path";
import { stackConfigOnDisk } from "../config/config-values";
import { SECRET_SHOWN_AS } from "../config/secret-placeholder";
import { displayPath } from "../config/stack-config";
import { stackSettingsOf } from "../config/stack-settings";
import { today } from "../config/clock";
import { planModel } from "../plan/offline";
import { CONSOLE_CHANGES } from "./console-changes";
import { DEV_DIRECTORY, DEV_TOKEN_OWNER_ID } from "./dev-directory";
import { seedOrgFromPlan, type SeedPerson } from "./seed-from-plan";

/*
 * `npm run sandbox`: an Okta org and a DuploCloud portal on loopback, as the first `pulumi up` of a
 * stack leaves them (its offline plan, the real program under Pulumi's mock engine, served by the
 * emulators), with a directory of people and a few changes made by hand in the consoles, so that
 * drift, import, directory and doctor can be tried without a real org.
 */

export interface Sandbox {
  /** `http://127.0.0.1:PORT`: the Okta org's URL (--org-url). */
  readonly oktaOrgUrl: string;
  /** The SSWS token the org accepts (OKTA_API_TOKEN). */
  readonly oktaApiToken: string;
  /** `http://127.0.0.1:PORT`: the DuploCloud portal's API (--host). */
  readonly duploHost: string;
  /** The bearer token the portal accepts (DUPLO_TOKEN). */
  readonly duploToken: string;
  /** What was changed by hand after the first `up`. */
  readonly consoleChanges: readonly string[];
  /** Stops both servers. */
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** The Pulumi project (default: this checkout, or ACCESS_PROJECT_DIR). */
  readonly projectDir?: string;
  /** Default `dev`. */
  readonly stack?: string;
}

/** A fresh token for each start: the sandbox accepts nothing else, and it is no secret beyond this machine. */
const freshToken = (prefix: string) => `${prefix}-${randomBytes(18).toString("base64url")}`;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const projectDir = path.resolve(options.projectDir ?? accessProjectDir() ?? path.join(__dirname, "..", ".."));
  const stack = options.stack ?? "dev";
  const resolved = stackConfigOnDisk(projectDir, stack);
  const settings = stackSettingsOf(resolved.config, () => SECRET_SHOWN_AS);
  const file = displayPath(projectDir, checkedAccessFilePath(projectDir, settings.accessFile, `${resolved.stackFile}: accessFile`));
  const validation = validateAccessFile(path.resolve(projectDir, file), { expiry: { today: today() } });
  if (!validation.ok) throw new Error(`${file} does not validate: run npm run validate -- ${file}`);
  const plan = await planModel(projectDir, stack, validation.model);
  const listed = new Set(DEV_DIRECTORY.map((person) => person.login.toLowerCase()));
  const people: SeedPerson[] = [
    ...DEV_DIRECTORY,
    ...plan.lookups.logins.filter((login) => !listed.has(login.toLowerCase())).map((login) => ({ login, firstName: login.split("@")[0]!, lastName: "Person" })),
  ];
  const tokens = { okta: freshToken("sandbox-okta"), duplo: freshToken("sandbox-duplo") };
  const org = await seedOrgFromPlan(validation.model, plan.resources, people, tokens);
  // The API token's owner holds the read-only admin role DuploCloud's sync needs, given to the user
  // directly (as the drift tests seed it): part of the org before the stack, not a change.
  org.userRoles.set(DEV_TOKEN_OWNER_ID, [{ type: "READ_ONLY_ADMIN", assignmentType: "USER" }]);
  org.refreshRoles();
  const changes = CONSOLE_CHANGES.filter((change) => {
    try {
      change.apply(org);
      return true;
    } catch {
      // A change that names someone or something another access file does not have is left out.
      return false;
    }
  });
  return {
    oktaOrgUrl: org.okta.url,
    oktaApiToken: tokens.okta,
    duploHost: org.duplo.url,
    duploToken: tokens.duplo,
    consoleChanges: changes.map((change) => change.what),
    close: async () => {
      await org.okta.stop();
      await org.duplo.stop();
    },
  };
}
