/*
 * npm run drift -- [--stack dev] [--org-url URL] [--host URL] [--skip-app-users] [--json] [--csv FILE] [--html FILE]
 * Read-only: who really has access, live. Reads the Okta org (OKTA_API_TOKEN or OKTA_ACCESS_TOKEN,
 * read scopes only) and, with DUPLO_TOKEN, the DuploCloud portal, and reports every access path
 * the access file does not declare (and what it declares that the org lacks), with the fix.
 * Markdown by default (for an issue); --json prints {"findings", "people"}; --csv and --html write
 * the evidence. Complete by default: who is assigned to the app one by one is read too (about as many
 * requests as the user pages again: Okta lists an app's users only all together); --skip-app-users
 * leaves that out, and the report says it was not checked. Exit 0 clean (information only), 1 findings, 2 usage, 3 failure. Progress on stderr.
 */
import { clockExpiry } from "../config/clock";
import { duploToken as duploTokenFromEnvironment } from "../config/environment";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileCommitOf } from "../review/file-commit";
import { validateAccessFile } from "../access/validate";
import { DuploClient } from "../duplocloud/client";
import { OktaReader, OktaReadError } from "../okta/read-api";
import { scopesOf } from "../okta/read-scopes";
import { oktaOrgUrl } from "../config/stack-settings";
import { apiPortalOf } from "../config/api-portal";
import { checkDrift, fileSideOf } from "../live/drift/check";
import { evidenceCsv } from "../live/drift/evidence-csv";
import { accessMatrixHtml } from "../live/drift/render-html";
import { renderDriftMarkdown } from "../live/drift/render-markdown";
import { OktaDriftReader } from "../live/drift/read-okta";
import { PortalDriftReader } from "../live/drift/read-portal";
import {
  accessFileOfStack,
  EXIT_FINDINGS,
  EXIT_OK,
  FindingsPrinted,
  oktaAuthorizationFor,
  parseCommandLine,
  printProblems,
  PROJECT_DIR,
  runCommand,
  settingsOfStack,
  requireInputFile,
  UsageError,
  type CommandSpec,
} from "./common";

export const COMMAND = {
  name: "drift",
  summary:
    "Read-only: who really has access, live. Reads the Okta org (and, with DUPLO_TOKEN, the portal) and reports every access path the access file does not declare, and what it declares that is missing, with the fix. Markdown by default.",
  flags: {
    stack: { type: "string", value: "STACK", default: "dev", description: "the stack whose access file is the reference" },
    "org-url": { type: "string", value: "URL", description: "the Okta org to read (default: from the stack's okta:orgName and okta:baseUrl)" },
    host: { type: "string", value: "URL", description: "the DuploCloud portal to read (default: duplocloud:host, else the access file's portal)" },
    "skip-app-users": {
      type: "boolean",
      default: false,
      description: "do not read the people assigned to the DuploCloud app one by one (saves one request per 200 people assigned; the report says it was not checked)",
    },
    json: { type: "boolean", default: false, description: 'print {"findings", "people"} as JSON instead of Markdown' },
    csv: { type: "string", value: "FILE", description: "also write the evidence, one row per person and path, as CSV" },
    html: { type: "string", value: "FILE", description: "also write the access matrix as a web page" },
  },
  environment: {
    OKTA_API_TOKEN: "an SSWS token of a read-only admin, or",
    OKTA_ACCESS_TOKEN: `an OAuth access token with ${scopesOf("drift")}`,
    DUPLO_TOKEN: "optional: also read the portal's users and tenant grants (without it: Okta only)",
  },
} satisfies CommandSpec;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, COMMAND);
  const stack = values.stack!;
  const settings = settingsOfStack(stack);
  const file = accessFileOfStack(stack);
  const validation = validateAccessFile(requireInputFile(file), { expiry: clockExpiry() });
  if (!validation.ok) {
    printProblems(validation.problems);
    throw new FindingsPrinted();
  }
  const orgUrl = values["org-url"] ?? oktaOrgUrl(settings);
  if (!orgUrl) throw new UsageError(`Pulumi.${stack}.yaml sets no okta:orgName; pass --org-url (npm run drift -- --help)`);
  let reader: OktaReader;
  try {
    reader = new OktaReader({ orgUrl, authorization: oktaAuthorizationFor(scopesOf("drift")), command: "drift" });
  } catch (error) {
    if (error instanceof OktaReadError) throw new UsageError(error.message);
    throw error;
  }
  const duploToken = duploTokenFromEnvironment();
  const host = values.host ?? apiPortalOf(settings, validation.model.portal).url;
  const progress = (message: string) => process.stderr.write(`${message}\n`);
  if (!duploToken) progress("DUPLO_TOKEN is not set: Okta only, the portal is not read");
  const { live, result } = await checkDrift({
    file: fileSideOf(validation.model, validation.source),
    stack,
    orgUrl: new URL(orgUrl).origin,
    okta: new OktaDriftReader(reader),
    directAppAssignments: !values["skip-app-users"],
    ...(duploToken ? { portal: new PortalDriftReader(new DuploClient({ host, token: duploToken }, { maxAttempts: 3 })) } : {}),
    progress,
  });
  const accessFile = fileCommitOf(PROJECT_DIR, path.relative(PROJECT_DIR, path.resolve(file)));
  const header = {
    stack,
    orgUrl: live.orgUrl,
    readAt: live.readAt,
    portalRead: live.portal !== undefined,
    ...(live.portal ? { portalUrl: new URL(host).origin } : {}),
    appUsersRead: !values["skip-app-users"],
    accessFile,
  };
  if (values.csv) {
    // The evidence names people: readable by its owner only.
    writeFileSync(values.csv, evidenceCsv(result, live.readAt, accessFile), { mode: 0o600 });
    progress(`wrote ${values.csv}`);
  }
  if (values.html) {
    writeFileSync(values.html, accessMatrixHtml(result, header), { mode: 0o600 });
    progress(`wrote ${values.html}`);
  }
  process.stdout.write(values.json ? `${JSON.stringify({ findings: result.findings, people: result.people }, null, 2)}\n` : renderDriftMarkdown(result, header));
  return result.findings.some((finding) => finding.severity !== "information") ? EXIT_FINDINGS : EXIT_OK;
}

if (require.main === module) runCommand(main);
