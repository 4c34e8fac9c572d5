/*
 * npm run handoff [-- --stack dev] [--outputs outputs.json]
 * Prints DuploCloud's Okta settings as a checklist for DuploCloud administrators or support:
 * non-secret values filled in, secret values pointing at the AWS Secrets Manager secret.
 */
import { signInRedirectUri } from "../access/naming";
import { OKTA_SETTINGS } from "../duplocloud/okta-settings-catalog";
import { expectedValues, readOutputsFile } from "../duplocloud/expected";
import { accessFileOfStack, EXIT_OK, parseCommandLine, runCommand, settingsOfStack, validModelOrPrint } from "./common";

const USAGE = "usage: npm run handoff -- [--stack dev] [--outputs outputs.json]   (outputs: pulumi stack output --json > outputs.json)";

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, { stack: { type: "string", default: "dev" }, outputs: { type: "string" } }, USAGE);
  const stack = values.stack!;
  const settings = settingsOfStack(stack);
  const model = validModelOrPrint(accessFileOfStack(stack));
  const outputs = values.outputs ? readOutputsFile(values.outputs) : undefined;
  const expected = expectedValues(model, settings, outputs);
  const handoffOn = settings.secretHandoff.enabled;
  const secretName = `duplocloud-okta/${stack}/handoff`;
  const secretPlace = (key: string) =>
    handoffOn
      ? `in AWS Secrets Manager: secret \`${outputs?.handoffSecretArn ?? secretName}\`, JSON key \`${key}\` (readable only by the principals in handoffReaders)`
      : "not handed over: turn on handoffSecret and list the readers in handoffReaders";

  const lines = [
    `# DuploCloud Okta settings for stack ${stack}`,
    "",
    `Portal: ${model.portalUrl}, System Settings > Okta Settings. Enter the fields top to bottom, as the pane shows them.`,
    `(The Okta app's sign-in redirect URI is already ${signInRedirectUri(model.portalHost)}.)`,
    "",
    "| | Field | Value | From |",
    "|---|---|---|---|",
  ];
  for (const spec of OKTA_SETTINGS) {
    let value: string;
    if ("constant" in spec.source) value = "on";
    else if ("secret" in spec.source) value = secretPlace(spec.legacyKeys[0]!);
    else {
      const known = expected[spec.source.value];
      value =
        known !== undefined ? `\`${known}\`` : outputs ? "not set for this stack" : "after `pulumi up`: run again with `--outputs` (pulumi stack output --json > outputs.json)";
    }
    lines.push(`| [ ] | ${spec.label} | ${value} | ${spec.from} |`);
  }
  lines.push(
    "",
    "Then force a sync: Administrator > Users > Sync.",
    settings.duplocloud.settingsWrite === "experimental"
      ? "duplocloudSettings is experimental: the stack also wrote these as System Config rows, which DuploCloud is not confirmed to read. Enter them here all the same."
      : "Nothing of this is written through DuploCloud's API: this list is the way to configure the portal.",
  );
  process.stdout.write(`${lines.join("\n")}\n`);
  return EXIT_OK;
}

if (require.main === module) runCommand(main);
