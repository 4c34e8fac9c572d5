/*
 * npm run expiry-guard -- --preview PREVIEW.json [--stack dev] [--since INSTANT]
 * Judges `pulumi preview --json` of the deployed commit before the hourly expiry run's `pulumi up`:
 * exit 0 when every step is the removal of a grant that has ended (listed), 1 when any step is not
 * (each refused step said why), 2 on wrong usage. The clock explains what differs between the plan
 * of the stack's access file as of --since (default: every grant counted, as if none had ended) and
 * as of now (the clock, or ACCESS_NOW).
 */
import { readFileSync } from "node:fs";
import { validateAccessFile } from "../access/validate";
import type { Expiry } from "../access/dates";
import { clockExpiry } from "../config/clock";
import { planModel } from "../plan/offline";
import { clockChanges, judgePreview, type PreviewDigest } from "../review/expiry-guard";
import { accessFileOfStack, EXIT_FINDINGS, EXIT_OK, parseCommandLine, PROJECT_DIR, printProblems, runCommand, UsageError, type CommandSpec } from "./common";

export const COMMAND = {
  name: "expiry-guard",
  summary: "The hourly expiry run's guard: exit 0 when pulumi preview --json of the deployed commit only removes grants that have ended, 1 otherwise, naming each step it refuses.",
  flags: {
    preview: { type: "string", value: "PREVIEW.json", description: "required: the output of pulumi preview --json" },
    stack: { type: "string", value: "STACK", default: "dev", description: "the stack previewed" },
    since: { type: "string", value: "INSTANT", description: "the instant of the last run (default: as if no grant had ended)" },
  },
} satisfies CommandSpec;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, COMMAND);
  if (!values.preview) throw new UsageError(`--preview is required (npm run expiry-guard -- --help describes every flag)`);
  if (values.since !== undefined && Number.isNaN(Date.parse(values.since))) throw new UsageError(`--since takes an ISO 8601 instant, not "${values.since}"`);
  let digest: PreviewDigest;
  try {
    digest = JSON.parse(readFileSync(values.preview, "utf8")) as PreviewDigest;
  } catch (error) {
    throw new UsageError(`--preview ${values.preview}: not the JSON of pulumi preview --json (${(error as Error).message})`);
  }
  if (!Array.isArray(digest.steps) && digest.steps !== undefined) throw new UsageError(`--preview ${values.preview}: "steps" is not a list`);
  const file = accessFileOfStack(values.stack);
  const planAt = async (expiry: Expiry) => {
    const result = validateAccessFile(file, { expiry });
    if (!result.ok) {
      printProblems(result.problems);
      return undefined;
    }
    return (await planModel(PROJECT_DIR, values.stack, result.model)).resources;
  };
  const before = await planAt(values.since !== undefined ? { now: values.since } : "ignore");
  const after = await planAt(clockExpiry());
  if (!before || !after) return EXIT_FINDINGS;
  const verdict = judgePreview(digest, clockChanges(before, after));
  if (verdict.apply) {
    process.stdout.write(
      verdict.removals.length === 0
        ? "Nothing has ended: no change to apply.\n"
        : `Ended access to remove (${verdict.removals.length}):\n${verdict.removals.map((line) => `- ${line}\n`).join("")}`,
    );
    return EXIT_OK;
  }
  process.stdout.write(`Refused: the preview holds changes the clock does not explain (${verdict.refused.length}):\n${verdict.refused.map((line) => `- ${line}\n`).join("")}`);
  return EXIT_FINDINGS;
}

if (require.main === module) runCommand(main);
