import { OKTA_SETTINGS, OKTA_SETTINGS_SECTIONS, type OktaSettingSpec } from "./okta-settings-catalog";
import { expectedValues, type ExpectedRecord, type StackOutputsFile } from "./expected";
import { markdownCode } from "../review/markdown";
import type { StackSettings } from "../config/stack-settings";
import type { AccessModel } from "../access/model";

/*
 * The hand-off checklist (`npm run handoff`): DuploCloud's Okta settings for DuploCloud
 * administrators or support, section by section as the portal's Okta Settings pane shows them
 * (okta-settings-catalog.ts), with the values of the one settings record (okta-settings-record.ts):
 * non-secret values filled in, secret values pointing at the AWS Secrets Manager secret, and for
 * every value still unknown what to do to know it. Free text from the stack stays inside its table cell.
 */

/** The hand-off checklist, as Markdown: a function of the stack's model, settings and outputs. */
export function renderHandoff(stack: string, model: AccessModel, settings: StackSettings<string>, outputs: StackOutputsFile | undefined): string {
  const context: RowContext = { stack, settings, outputs, expected: expectedValues(model, settings, outputs) };

  const lines = [
    `# DuploCloud Okta settings for stack ${stack}`,
    "",
    `Portal: ${model.portal.url}, Administrator > System Settings > Okta Settings. Fill in each section as the pane shows it (\\* marks the fields the pane requires), then click Save.`,
    `(The Okta app's sign-in redirect URI is already ${context.expected.redirectUri}.)`,
  ];
  for (const section of OKTA_SETTINGS_SECTIONS) {
    lines.push("", `## ${section}`, "", "| | Field | Value | From |", "|---|---|---|---|");
    for (const spec of OKTA_SETTINGS.filter((s) => s.section === section)) lines.push(`| [ ] | ${fieldLabel(spec)} | ${valueCell(spec, context)} | ${fromCell(spec)} |`);
  }
  lines.push(
    "",
    "Then force a sync: Administrator > Users > Sync.",
    settings.duplocloud.settingsWrite === "experimental"
      ? "duplocloudSettings is experimental: the stack also wrote these as System Config rows, which DuploCloud is not confirmed to read. Enter them here all the same."
      : "Nothing of this is written through DuploCloud's API: this list is the way to configure the portal.",
  );
  return `${lines.join("\n")}\n`;
}

interface RowContext {
  readonly stack: string;
  readonly settings: StackSettings<string>;
  readonly outputs: StackOutputsFile | undefined;
  readonly expected: ExpectedRecord;
}

/** The pane's label, with its `*` where the docs put one (escaped: a table cell is Markdown). */
function fieldLabel(spec: OktaSettingSpec): string {
  return `${spec.label}${spec.required ? "\\*" : ""}${spec.onlyIfShown ? " (only if your pane shows it)" : ""}`;
}

function fromCell(spec: OktaSettingSpec): string {
  return "switch" in spec.source && spec.source.note ? `${spec.from}; ${spec.source.note}` : spec.from;
}

/** A value from the stack or its outputs, as a code span that stays inside its table cell. */
const cellCode = (value: string) => markdownCode(value).replace(/\|/g, "\\|");

function valueCell(spec: OktaSettingSpec, context: RowContext): string {
  if ("switch" in spec.source) return spec.source.switch;
  const origin = spec.origin;
  if ("secret" in spec.source) {
    if (origin && "config" in origin && !context.settings.duplocloud.oktaApiToken) return notSet(origin.config, origin.secret === true);
    const key = spec.legacyKeys[0]!;
    return context.settings.secretHandoff.enabled
      ? `in AWS Secrets Manager: secret ${cellCode(context.outputs?.handoffSecretArn ?? `duplocloud-okta/${context.stack}/handoff`)}, JSON key \`${key}\` (readable only by the principals in handoffReaders)`
      : "not handed over: turn on handoffSecret and list the readers in handoffReaders";
  }
  const known = context.expected[spec.source.value];
  if (known !== undefined) return cellCode(known);
  if (origin && "config" in origin) return notSet(origin.config, origin.secret === true);
  return context.outputs
    ? "not in the stack outputs: run `pulumi up`, then `pulumi stack output --json > outputs.json`"
    : "after `pulumi up`: run again with `--outputs` (pulumi stack output --json > outputs.json)";
}

function notSet(configKey: string, secret: boolean): string {
  return `not set: \`pulumi config set ${secret ? "--secret " : ""}${configKey} <value>\``;
}
