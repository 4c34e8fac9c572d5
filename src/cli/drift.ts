/*
 * npm run drift -- [--stack dev] [--org-url URL] [--host URL] [--app-users] [--json] [--csv FILE] [--html FILE]
 * Read-only: who really has access, live. Reads the Okta org (OKTA_API_TOKEN or OKTA_ACCESS_TOKEN,
 * read scopes only) and, with DUPLO_TOKEN, the DuploCloud portal, and reports every access path
 * the access file does not declare (and what it declares that the org lacks), with the fix.
 * Markdown by default (for an issue); --json prints {"findings", "people"}; --csv and --html write
 * the evidence. --app-users also reads who is assigned to the app one by one (about as many requests
 * as the user pages again: Okta lists an app's users only all together). Exit 0 clean (information only), 1 findings, 2 usage, 3 failure. Progress on stderr.
 */
import { clockExpiry } from "../config/clock";
import { duploToken as duploTokenFromEnvironment } from "../config/environment";
import { writeFileSync } from "node:fs";
import { validateAccessFile } from "../access/validate";
import { DuploClient } from "../duplocloud/client";
import { OktaReader, OktaReadError } from "../okta/read-api";
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
  runCommand,
  settingsOfStack,
  UsageError,
} from "./common";

const USAGE = `usage: npm run drift -- [--stack dev] [--org-url https://acme.okta.com] [--host https://acme.duplocloud.net] [--app-users] [--json] [--csv FILE] [--html FILE]
  --app-users                          also read the people assigned to the DuploCloud app one by one (one request per 200 people assigned)
  OKTA_API_TOKEN or OKTA_ACCESS_TOKEN  read-only Okta credential (okta.users.read okta.groups.read okta.apps.read okta.policies.read okta.roles.read okta.apiTokens.read)
  DUPLO_TOKEN                          optional: also read the portal's users and tenant grants (without it: Okta only)`;

const SCOPES = "okta.users.read, okta.groups.read, okta.apps.read, okta.policies.read, okta.roles.read, okta.apiTokens.read";

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(
    argv,
    {
      stack: { type: "string", default: "dev" },
      "org-url": { type: "string" },
      host: { type: "string" },
      "app-users": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      csv: { type: "string" },
      html: { type: "string" },
    },
    USAGE,
  );
  const stack = values.stack!;
  const settings = settingsOfStack(stack);
  const file = accessFileOfStack(stack);
  const validation = validateAccessFile(file, { expiry: clockExpiry() });
  if (!validation.ok) {
    printProblems(validation.problems);
    throw new FindingsPrinted();
  }
  const orgUrl = values["org-url"] ?? oktaOrgUrl(settings);
  if (!orgUrl) throw new UsageError(`Pulumi.${stack}.yaml sets no okta:orgName; pass --org-url\n${USAGE}`);
  let reader: OktaReader;
  try {
    reader = new OktaReader({ orgUrl, authorization: oktaAuthorizationFor(SCOPES) });
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
    directAppAssignments: values["app-users"]!,
    ...(duploToken ? { portal: new PortalDriftReader(new DuploClient({ host, token: duploToken }, { maxAttempts: 3 })) } : {}),
    progress,
  });
  const header = { stack, orgUrl: live.orgUrl, readAt: live.readAt, portalRead: live.portal !== undefined, appUsersRead: values["app-users"]! };
  if (values.csv) {
    // The evidence names people: readable by its owner only.
    writeFileSync(values.csv, evidenceCsv(result, live.readAt), { mode: 0o600 });
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
