/*
 * npm run handoff [-- --stack dev] [--outputs outputs.json]
 * Prints DuploCloud's Okta settings as a checklist for DuploCloud administrators or support, section
 * by section as the portal's Okta Settings pane shows them (okta-settings-catalog.ts): non-secret
 * values filled in, secret values pointing at the AWS Secrets Manager secret, and for every value
 * still unknown what to do to know it.
 */
import { readOutputsFile } from "../duplocloud/expected";
import { renderHandoff } from "../duplocloud/handoff-checklist";
import { accessFileOfStack, EXIT_OK, parseCommandLine, runCommand, settingsOfStack, validModelOrPrint } from "./common";

const USAGE = "usage: npm run handoff -- [--stack dev] [--outputs outputs.json]   (outputs: pulumi stack output --json > outputs.json)";

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, { stack: { type: "string", default: "dev" }, outputs: { type: "string" } }, USAGE);
  const stack = values.stack!;
  const settings = settingsOfStack(stack);
  const model = validModelOrPrint(accessFileOfStack(stack));
  const outputs = values.outputs ? readOutputsFile(values.outputs) : undefined;
  process.stdout.write(renderHandoff(stack, model, settings, outputs));
  return EXIT_OK;
}

if (require.main === module) runCommand(main);
