/*
 * npm run handoff [-- --stack dev] [--outputs outputs.json]
 * Prints DuploCloud's Okta settings as a checklist for DuploCloud administrators or support, section
 * by section as the portal's Okta Settings pane shows them (okta-settings-catalog.ts): non-secret
 * values filled in, secret values pointing at the AWS Secrets Manager secret, and for every value
 * still unknown what to do to know it.
 */
import { renderHandoff } from "../duplocloud/handoff-checklist";
import { accessFileOfStack, EXIT_OK, parseCommandLine, readOutputs, runCommand, settingsOfStack, validModelOrPrint, type CommandSpec } from "./common";

export const COMMAND = {
  name: "handoff",
  summary: "DuploCloud's Okta settings as a checklist for DuploCloud administrators or support; secret values point at the AWS secret.",
  flags: {
    stack: { type: "string", value: "STACK", default: "dev", description: "the stack whose settings to hand off" },
    outputs: { type: "string", value: "FILE", description: "the stack's outputs (pulumi stack output --json > outputs.json), to fill in the Okta IDs" },
  },
} satisfies CommandSpec;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, COMMAND);
  const stack = values.stack!;
  const settings = settingsOfStack(stack);
  const model = validModelOrPrint(accessFileOfStack(stack));
  const outputs = values.outputs ? readOutputs(values.outputs) : undefined;
  process.stdout.write(renderHandoff(stack, model, settings, outputs));
  return EXIT_OK;
}

if (require.main === module) runCommand(main);
