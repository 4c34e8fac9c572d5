/*
 * npm run doctor [-- --stack dev] [--outputs outputs.json] [--json]
 * Read-only: compares a live DuploCloud portal with what the stack sets. The portal is the stack's
 * (duplocloud:host, else the access file's portal), or the one named with --host; the token is DUPLO_TOKEN.
 */
import { DuploClient } from "../duplocloud/client";
import { runDoctor, type DoctorCheck } from "../duplocloud/doctor";
import { expectedValues } from "../duplocloud/expected";
import { apiPortalOf } from "../config/api-portal";
import { SECRET_SHOWN_AS } from "../config/secret-placeholder";
import { duploOktaApiToken, duploToken } from "../config/environment";
import { EXIT_FINDINGS, accessFileOfStack, EXIT_OK, parseCommandLine, readOutputs, runCommand, settingsOfStack, UsageError, validModelOrPrint, type CommandSpec } from "./common";
import { countOf } from "../access/plural";

export const COMMAND = {
  name: "doctor",
  summary: "Read-only: compares a live DuploCloud portal's Okta settings with what the stack sets, one check per line.",
  flags: {
    stack: { type: "string", value: "STACK", default: "dev", description: "the stack to compare with" },
    host: { type: "string", value: "URL", description: "another portal to compare (default: duplocloud:host, else the access file's portal)" },
    outputs: {
      type: "string",
      value: "FILE",
      description: "the stack's outputs (pulumi stack output --json --show-secrets > outputs.json), to compare Okta IDs and the client secret",
    },
    json: { type: "boolean", default: false, description: 'print {"portal", "ok", "checks"} as JSON' },
  },
  environment: {
    DUPLO_TOKEN: "required: a DuploCloud API token to read the portal (GET requests only)",
    DUPLO_OKTA_API_TOKEN: "optional: the Okta API token DuploCloud should hold, compared by digest",
  },
} satisfies CommandSpec;

const MARK = { ok: "ok  ", differs: "DIFF", skipped: "skip", unconfirmed: "????" } as const;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, COMMAND);
  const stack = values.stack!;
  const settings = settingsOfStack(stack);
  const file = accessFileOfStack(stack);
  const model = validModelOrPrint(file);
  const host = values.host ?? apiPortalOf(settings, model.portal).url;
  const token = duploToken();
  if (!token) throw new UsageError(`DUPLO_TOKEN is not set: doctor needs a DuploCloud API token to read the portal (npm run doctor -- --help)`);
  const outputs = values.outputs ? readOutputs(values.outputs) : undefined;
  const clientSecret = outputs?.duplocloudOktaSettings?.clientSecret;
  const oktaApiToken = duploOktaApiToken();
  const checks = await runDoctor(new DuploClient({ host, token }, { maxAttempts: 3 }), {
    model: model,
    settingsWrite: settings.duplocloud.settingsWrite,
    settings: expectedValues(model, settings, outputs),
    secrets: {
      ...(typeof clientSecret === "string" && clientSecret !== SECRET_SHOWN_AS ? { clientSecret } : {}),
      ...(oktaApiToken ? { oktaApiToken } : {}),
    },
  });
  const differs = checks.filter((c) => c.status === "differs").length;
  process.stdout.write(values.json ? `${JSON.stringify({ portal: host, ok: differs === 0, checks }, null, 2)}\n` : renderChecks(host, checks));
  return differs > 0 ? EXIT_FINDINGS : EXIT_OK;
}

export function renderChecks(host: string, checks: readonly DoctorCheck[]): string {
  const lines = checks.map((c) => `${MARK[c.status]}  ${c.check}: ${c.detail}`);
  const differs = checks.filter((c) => c.status === "differs").length;
  lines.push("", differs === 0 ? `${host}: matches the stack` : `${host}: ${countOf(differs, "difference")}`);
  return `${lines.join("\n")}\n`;
}

if (require.main === module) runCommand(main);
