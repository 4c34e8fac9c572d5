/*
 * npm run schema [-- --check]
 * Writes schema/access.schema.json from the zod schema; --check fails if the file is out of date.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { JSON_SCHEMA_PATH, renderAccessJsonSchema } from "../access/json-schema";
import { EXIT_FINDINGS, EXIT_OK, parseCommandLine, PROJECT_DIR, runCommand, type CommandSpec } from "./common";

export const COMMAND = {
  name: "schema",
  summary: `Writes ${JSON_SCHEMA_PATH} (the JSON Schema editors read) from the validator's schema.`,
  flags: { check: { type: "boolean", default: false, description: "write nothing: exit 1 if the file is out of date, 0 (saying so) if it is current" } },
} satisfies CommandSpec;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, COMMAND);
  const file = path.join(PROJECT_DIR, JSON_SCHEMA_PATH);
  const generated = renderAccessJsonSchema();
  if (values.check) {
    let current = "";
    try {
      current = readFileSync(file, "utf8");
    } catch {
      // A missing file is simply out of date.
    }
    if (current !== generated) {
      process.stderr.write(`${JSON_SCHEMA_PATH} is out of date; run npm run schema\n`);
      return EXIT_FINDINGS;
    }
    process.stdout.write(`${JSON_SCHEMA_PATH} is current\n`);
    return EXIT_OK;
  }
  writeFileSync(file, generated);
  process.stdout.write(`wrote ${JSON_SCHEMA_PATH}\n`);
  return EXIT_OK;
}

if (require.main === module) runCommand(main);
