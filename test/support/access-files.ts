import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { validateAccessFile, type ValidationResult } from "../../src/access/validate";
import type { AccessModel } from "../../src/access/model";
import { tempDir } from "./temp-dir";

/** A fixed "today" so that expiry tests do not depend on the calendar. */
export const TODAY = "2026-06-15";

/** A small, valid access file. Line numbers matter: the bad-file tests edit it line by line. */
export const VALID_ACCESS_FILE = `# yaml-language-server: $schema=../schema/access.schema.json
duplocloud:
  portal: https://acme.duplocloud.net
  tenants: [dev01, qa01]
roles:
  administrators:
    members: [ada@acme.example, grace@acme.example]
  readOnly:
    rule: user.department == "Engineering"
teams:
  - name: payments
    rule: user.department == "Payments"
    access:
      - tenant: dev01
        level: read-write
  - name: oncall
    members: [ada@acme.example]
    access:
      - tenant: qa01
        level: read-only
        expires: "2026-12-31"
users:
  - email: ada@acme.example
    firstName: Ada
    lastName: Lovelace
  - email: grace@acme.example
    firstName: Grace
    lastName: Hopper
`;

/** Validates text as if it were the file `access/test.yaml`. */
export function validateText(text: string, today = TODAY): ValidationResult {
  return validateAccessFile("access/test.yaml", { text, expiry: { today } });
}

export function modelOf(text: string, today = TODAY): AccessModel {
  const result = validateText(text, today);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.line}:${p.column} ${p.key}: ${p.message}`).join("\n"));
  return result.model;
}

/** Replaces 1-based line `line` of the valid file with `replacement` (which may span lines, or be empty). */
export function withLine(line: number, replacement: string, text = VALID_ACCESS_FILE): string {
  const lines = text.split("\n");
  lines.splice(line - 1, 1, ...(replacement === "" ? [] : [replacement]));
  return lines.join("\n");
}

/** Writes text to a fresh temporary file and returns its path. */
export function writeTemp(name: string, content: string | Uint8Array): string {
  const dir = tempDir("access-");
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}
