/*
 * npm run directory -- --out FILE [--stack dev] [--org-url https://acme.okta.com] [--attributes a,b]
 * Takes a directory snapshot for reviewing rules by the people they match: the org's users with the
 * profile attributes the stack's rules read, and group memberships when a rule tests them or the
 * file references a group a directory masters (source: directory). Reads
 * with a read-only credential from the environment: OKTA_API_TOKEN (an SSWS token of a read-only
 * admin) or OKTA_ACCESS_TOKEN (an OAuth access token with okta.users.read, okta.groups.read).
 */
import { writeFileSync } from "node:fs";
import { whatRulesRead } from "../access/rule-reads";
import { takeSnapshot } from "../live/directory";
import { directoryGroupReferences } from "../review/directory-members";
import { OktaReader, OktaReadError } from "../okta/read-api";
import { scopesOf } from "../okta/read-scopes";
import { oktaOrgUrl } from "../config/stack-settings";
import { EXIT_OK, accessFileOfStack, oktaAuthorizationFor, parseCommandLine, runCommand, settingsOfStack, UsageError, validModelOrPrint, type CommandSpec } from "./common";
import { countOf } from "../access/plural";

export const COMMAND = {
  name: "directory",
  summary:
    "Takes a directory snapshot for --directory: the org's users with the profile attributes the stack's rules read, and the members of the groups they test and of the directory groups the file references. Reads only.",
  flags: {
    out: { type: "string", value: "FILE", description: "required: where to write the snapshot (readable by its owner only: it holds personal data)" },
    stack: { type: "string", value: "STACK", default: "dev", description: "the stack whose rules decide what is read" },
    "org-url": { type: "string", value: "URL", description: "the Okta org to read (default: from the stack's okta:orgName and okta:baseUrl)" },
    attributes: { type: "string", value: "A,B", default: "", description: "more profile attributes to keep, comma-separated" },
  },
  environment: {
    OKTA_API_TOKEN: "an SSWS token of a read-only admin, or",
    OKTA_ACCESS_TOKEN: `an OAuth access token with ${scopesOf("directory")}`,
  },
} satisfies CommandSpec;

/** The org URL as the Okta provider builds it from the stack's okta:orgName and okta:baseUrl. */
function orgUrlOfStack(stack: string): string {
  const url = oktaOrgUrl(settingsOfStack(stack));
  if (!url) throw new UsageError(`Pulumi.${stack}.yaml sets no okta:orgName; pass --org-url`);
  return url;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, COMMAND);
  if (!values.out) throw new UsageError("--out is required: npm run directory -- --out snapshot.json (npm run directory -- --help describes every flag)");
  const file = accessFileOfStack(values.stack!);
  const model = validModelOrPrint(file);
  const reads = whatRulesRead(model);
  const extra = values
    .attributes!.split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const reader = (() => {
    try {
      return new OktaReader({ orgUrl: values["org-url"] ?? orgUrlOfStack(values.stack!), authorization: oktaAuthorizationFor(scopesOf("directory")), command: "directory" });
    } catch (error) {
      if (error instanceof OktaReadError) throw new UsageError(error.message);
      throw error;
    }
  })();
  // The members of every group a directory masters are read too: the file cannot list them, and the
  // review, the diff and certify name them from the snapshot (review/directory-members.ts).
  const references = [...reads.groupReferences, ...directoryGroupReferences(model.groups)];
  const snapshot = await takeSnapshot(reader, [...reads.attributes, ...extra], references, (message) => process.stderr.write(`${message}\n`));
  // The snapshot holds personal data: readable by its owner only.
  writeFileSync(values.out, `${JSON.stringify(snapshot, null, 2)}\n`, { mode: 0o600 });
  process.stderr.write(
    `wrote ${values.out}: ${countOf(snapshot.users.length, "user")}, attributes ${snapshot.attributes.join(", ") || "(none)"}${snapshot.groups ? `, ${countOf(snapshot.groups.length, "group")} with members` : ""}\n`,
  );
  return EXIT_OK;
}

if (require.main === module) runCommand(main);
