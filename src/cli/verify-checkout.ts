/*
 * npm run verify-checkout -- --commit SHA [--stack dev]
 * Refuses a checkout whose bytes are not the commit's, for every file `pulumi up` of the stack reads
 * (config/program-files.ts): CI runs it before `pulumi preview` and `pulumi up`, so a .gitattributes
 * that makes git write other bytes than the reviewed blobs (working-tree-encoding, a filter, ident,
 * eol) stops the deploy instead of deploying what nobody reviewed.
 */
import { countOf } from "../access/plural";
import { checkoutMismatches, CheckoutError } from "../config/checkout";
import { EXIT_FINDINGS, EXIT_OK, parseCommandLine, PROJECT_DIR, runCommand, UsageError, type CommandSpec } from "./common";

export const COMMAND = {
  name: "verify-checkout",
  summary:
    "Refuses a checkout whose bytes are not the commit's (a .gitattributes conversion, an edit, an untracked file) for every file pulumi up of the stack reads, naming each; the project is this checkout, or ACCESS_PROJECT_DIR.",
  flags: {
    commit: { type: "string", value: "SHA", description: "required: the commit the checkout must equal" },
    stack: { type: "string", value: "STACK", default: "dev", description: "the stack whose files are checked" },
  },
} satisfies CommandSpec;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, COMMAND);
  if (!values.commit) throw new UsageError(`--commit is required (npm run verify-checkout -- --help describes every flag)`);
  let mismatches;
  try {
    mismatches = checkoutMismatches(PROJECT_DIR, values.commit, values.stack!);
  } catch (error) {
    if (error instanceof CheckoutError) throw new UsageError(error.message);
    throw error;
  }
  if (mismatches.length === 0) {
    process.stdout.write(`every file stack ${values.stack} reads is byte for byte its blob at ${values.commit}\n`);
    return EXIT_OK;
  }
  for (const mismatch of mismatches) process.stderr.write(`${mismatch.path}: ${mismatch.problem}\n`);
  process.stderr.write(
    `${countOf(mismatches.length, "file", "files")} of stack ${values.stack} ${mismatches.length === 1 ? "is" : "are"} not the reviewed bytes of ${values.commit}; nothing may be previewed or deployed from this checkout\n`,
  );
  return EXIT_FINDINGS;
}

if (require.main === module) runCommand(main);
