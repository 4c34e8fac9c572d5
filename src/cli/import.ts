/*
 * npm run import -- --stack NAME [--out FILE] [--portal URL] [--host URL] [--org-url URL] [--role-group ROLE=NAME]... [--force]
 * Reads a live Okta org and DuploCloud portal, set up by hand, with read-only credentials, and
 * writes an access file that adopts what exists (importId) and names people by login. Prints what
 * the first `pulumi up` will adopt, create, and leave alone. Credentials come from the environment:
 * OKTA_API_TOKEN (SSWS, read-only admin) or OKTA_ACCESS_TOKEN (OAuth, read scopes), and DUPLO_TOKEN.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { stackFileExistsOnDisk } from "../config/config-values";
import { signInRedirectUri } from "../access/naming";
import { today } from "../config/clock";
import { duploToken as duploTokenFromEnvironment } from "../config/environment";
import { PLATFORM_ROLES, type PlatformRoleName } from "../access/schema";
import { validateAccessFile } from "../access/validate";
import { DuploClient } from "../duplocloud/client";
import { readPortal } from "../live/portal";
import { buildAccessFile, groupSelectionFor, type PlanLine } from "../importer/build-access-file";
import { readOktaOrg } from "../live/okta-org";
import { OktaReader, OktaReadError } from "../okta/read-api";
import { scopesOf } from "../okta/read-scopes";
import { oktaOrgUrl } from "../config/stack-settings";
import { portalOf, PortalUrlError, type Portal } from "../config/portal-url";
import { EXIT_FINDINGS, EXIT_OK, oktaAuthorizationFor, parseCommandLine, printProblems, PROJECT_DIR, runCommand, settingsOfStack, UsageError, type CommandSpec } from "./common";

export const COMMAND = {
  name: "import",
  summary:
    "Reads an Okta org and a DuploCloud portal set up by hand, with read-only credentials, and writes an access file that adopts what exists; prints what the first pulumi up will adopt, create and leave alone.",
  flags: {
    stack: { type: "string", value: "NAME", description: "required: the stack the file is for" },
    out: { type: "string", value: "FILE", description: "where to write the access file (default: access/<stack>.yaml)" },
    portal: { type: "string", value: "URL", description: "the DuploCloud portal to read (default: the stack's duplocloud:host)" },
    host: {
      type: "string",
      value: "URL",
      description: "where to read the portal's API when not at --portal (a tunnel, npm run sandbox); the file still names --portal",
    },
    "org-url": { type: "string", value: "URL", description: "the Okta org to read (default: from the stack's okta:orgName and okta:baseUrl)" },
    "role-group": {
      type: "string",
      value: "ROLE=NAME",
      multiple: true,
      default: [],
      description: "the Okta group that holds a platform role, when it is not named as DuploCloud names it; repeatable",
    },
    "rate-limit-share": { type: "string", value: "SHARE", default: "0.5", description: "the share of each Okta rate-limit bucket the import may use, above 0 and at most 1" },
    force: { type: "boolean", default: false, description: "replace the output file if it exists" },
  },
  environment: {
    OKTA_API_TOKEN: "an SSWS token of a read-only admin, or",
    OKTA_ACCESS_TOKEN: `an OAuth access token with ${scopesOf("import")}`,
    DUPLO_TOKEN: "required: a DuploCloud API token (the import only reads)",
  },
} satisfies CommandSpec;

function section(title: string, lines: readonly PlanLine[]): string {
  if (lines.length === 0) return `${title}: none\n`;
  return `${title}:\n${lines.map((line) => `  - ${line.what}${line.note ? `: ${line.note}` : ""}`).join("\n")}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, COMMAND);
  if (!values.stack) throw new UsageError("--stack is required: npm run import -- --stack NAME (npm run import -- --help describes every flag)");
  const settings = stackFileExistsOnDisk(PROJECT_DIR, values.stack) ? settingsOfStack(values.stack) : undefined;
  const portalText = values.portal ?? settings?.duplocloud.host;
  if (!portalText) throw new UsageError(`pass --portal with the portal's URL (Pulumi.${values.stack}.yaml sets no duplocloud:host)`);
  const source = portalSource(portalText, values.portal !== undefined ? "--portal" : "duplocloud:host");
  const orgUrl = values["org-url"] ?? (settings && oktaOrgUrl(settings));
  if (!orgUrl) throw new UsageError(`pass --org-url (Pulumi.${values.stack}.yaml sets no okta:orgName)`);
  const duploToken = duploTokenFromEnvironment();
  if (!duploToken) throw new UsageError("set DUPLO_TOKEN to a DuploCloud API token (the import only reads)");
  const roleGroupNames: Partial<Record<PlatformRoleName, string>> = {};
  for (const pair of values["role-group"] as string[]) {
    const [role, name] = pair.split("=", 2) as [string, string | undefined];
    if (!(PLATFORM_ROLES as readonly string[]).includes(role) || !name)
      throw new UsageError(`--role-group takes ROLE=NAME with ROLE one of ${PLATFORM_ROLES.join(", ")}, not ${JSON.stringify(pair.slice(0, 60))}`);
    roleGroupNames[role as PlatformRoleName] = name;
  }
  const share = Number(values["rate-limit-share"]);
  if (!(share > 0 && share <= 1))
    throw new UsageError(`--rate-limit-share takes a share of each Okta rate-limit bucket above 0 and at most 1, e.g. 0.5 (got ${JSON.stringify(values["rate-limit-share"])})`);
  // Like every command: the project the command was pointed at (ACCESS_PROJECT_DIR), not the working directory.
  const out = values.out ?? path.join(PROJECT_DIR, "access", `${values.stack}.yaml`);
  if (existsSync(out) && !values.force) throw new UsageError(`${out} exists; pass --out with another file, or --force to replace it`);

  const progress = (message: string) => process.stderr.write(`${message}\n`);
  let reader: OktaReader;
  try {
    reader = new OktaReader({
      orgUrl,
      authorization: oktaAuthorizationFor(scopesOf("import")),
      command: "import",
      maxCapacityShare: share,
    });
  } catch (error) {
    if (error instanceof OktaReadError) throw new UsageError(error.message);
    throw error;
  }
  // The file names the portal by its https URL (the schema's rule); the reader may go to a loopback emulator.
  const apiHost = values.host !== undefined ? portalSource(values.host, "--host").url : source.url;
  const portal = await readPortal(new DuploClient({ host: apiHost, token: duploToken }), `https://${source.host}`, progress);
  const options = { today: today(), ...(Object.keys(roleGroupNames).length > 0 ? { roleGroupNames } : {}) };
  const org = await readOktaOrg(reader, signInRedirectUri(source.host), groupSelectionFor(portal, options), progress);
  const result = buildAccessFile(org, portal, options);
  progress(`${reader.stats.requests} Okta requests`);

  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  writeFileSync(out, result.text);
  process.stdout.write(`wrote ${out}\n\nWhat the first pulumi up will do:\n`);
  process.stdout.write(section("Adopted (importId: taken over as they are)", result.adopted));
  process.stdout.write(section("Created", result.created));
  process.stdout.write(section("Left outside the stack (never changed, never deleted)", result.outside));
  if (result.todo.length > 0) process.stdout.write(`Before the first pulumi up:\n${result.todo.map((line) => `  - ${line}`).join("\n")}\n`);
  const validation = validateAccessFile(out, { text: result.text, expiry: { today: options.today } });
  if (!validation.ok) {
    process.stdout.write(`\n${out} does not validate yet; fix these first:\n`);
    printProblems(validation.problems, process.stdout);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

/** The portal to import from, checked once (config/portal-url.ts); a bad URL is the caller's to fix. */
function portalSource(text: string, what: string): Portal {
  try {
    return portalOf(text, what);
  } catch (error) {
    if (error instanceof PortalUrlError) throw new UsageError(error.message);
    throw error;
  }
}

if (require.main === module) runCommand(main);
