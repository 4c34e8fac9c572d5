/*
 * npm run schema [-- --check]
 * Writes schema/access.schema.json from the zod schema; --check fails if the file is out of date.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { JSON_SCHEMA_PATH, renderAccessJsonSchema } from "../access/json-schema";
import { EXIT_FINDINGS, EXIT_OK, parseCommandLine, PROJECT_DIR, runCommand } from "./common";

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, { check: { type: "boolean", default: false } }, "usage: npm run schema -- [--check]");
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
    return EXIT_OK;
  }
  writeFileSync(file, generated);
  process.stdout.write(`wrote ${JSON_SCHEMA_PATH}\n`);
  return EXIT_OK;
}

if (require.main === module) runCommand(main);
