import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { PROJECT_DIR } from "../../src/cli/common";
import { runCli } from "../support/run-cli";

/** `access/dev.yaml:LINE:COLUMN` of `login` on the first line containing `lineText`. */
function placeOf(lineText: string, login: string): string {
  const lines = readFileSync(path.join(PROJECT_DIR, "access/dev.yaml"), "utf8").split("\n");
  const index = lines.findIndex((line) => line.includes(lineText));
  return `access/dev.yaml:${index + 1}:${lines[index]!.indexOf(login) + 1}`;
}

test("npm run plan --directory: the look-ups answer the snapshot's statuses, and the plan lists who is left out or warned, by line", () => {
  const folder = mkdtempSync(path.join(tmpdir(), "plan-statuses-"));
  try {
    const snapshot = path.join(folder, "snapshot.json");
    const user = (login: string, status: string) => ({ login, status, profile: {} });
    writeFileSync(
      snapshot,
      JSON.stringify({
        version: 1,
        takenAt: "2026-12-01T00:00:00Z",
        source: "okta-api",
        attributes: [],
        users: [user("Katherine.Johnson@acme.example", "DEPROVISIONED"), user("lead.data@acme.example", "LOCKED_OUT")],
      }),
    );
    const result = runCli("plan", ["--directory", snapshot]);
    assert.equal(result.status, 0, result.stderr);
    const section = result.stdout.slice(result.stdout.indexOf("People who cannot sign in now"));
    assert.equal(
      section,
      [
        "People who cannot sign in now (2 warnings; DEPROVISIONED people are left out, the deploy goes on; statuses from --directory, else everyone ACTIVE):",
        `  ! ${placeOf("members: [katherine.johnson", "katherine.johnson")}: katherine.johnson@acme.example is DEPROVISIONED in Okta (deactivated: they have left or cannot sign in again): left out of every membership, owner list and rule this stack sends to Okta; remove the line that names them`,
        `  ! ${placeOf("owners: [lead.data", "lead.data")}: lead.data@acme.example is LOCKED_OUT in Okta: they cannot sign in until they are unlocked; kept where the file names them`,
        "",
      ].join("\n"),
    );
    // The rule that tested her login no longer does.
    assert.match(result.stdout, /^ {2}\+ rule-team-data-science .*expressionValue="String.startsWith\(user.title, \\"Data\\"\) OR user.department == \\"Analytics\\""/m);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
