import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../../src/cli/common";
import { launchOf, preview, up } from "../support/engine/dev-stack";
import { scratchProject } from "../support/engine/scratch-project";
import type { RunResult } from "../support/engine/recording-engine";

/*
 * People who cannot sign in, through Pulumi's own entry (the program started as the nodejs
 * language host starts it, against the recording engine): the dev stack's first preview, with real
 * Okta owners on and the look-ups answering chosen statuses, in a `pulumi up` (in a first preview
 * the lists wait on the provider, which does not exist yet).
 */

const DEV_FILE = readFileSync(path.join(PROJECT_DIR, "access/dev.yaml"), "utf8").split("\n");

/** `access/dev.yaml:LINE:COLUMN` of `login` on the first line containing `lineText`. */
function placeOf(lineText: string, login: string): string {
  const index = DEV_FILE.findIndex((line) => line.includes(lineText) && line.includes(login));
  assert.ok(index >= 0, `${lineText} ${login} not found`);
  return `access/dev.yaml:${index + 1}:${DEV_FILE[index]!.indexOf(login) + 1}`;
}

const warningsOf = (run: RunResult) => run.logs.filter((log) => log.severity === "warning").map((log) => log.message);
const DEPROVISIONED_SAYS =
  "is DEPROVISIONED in Okta (deactivated: they have left or cannot sign in again): left out of every membership, owner list and rule this stack sends to Okta; remove the line that names them";
const SUSPENDED_SAYS = "is SUSPENDED in Okta: they cannot sign in until an administrator unsuspends them; kept where the file names them";

/** A member of three groups, a member tested in a rule, and an owner have left; one member is suspended. */
const STATUSES = {
  "grace.hopper@acme.example": "DEPROVISIONED",
  "katherine.johnson@acme.example": "DEPROVISIONED",
  "lead.data@acme.example": "DEPROVISIONED",
  "alan.turing@acme.example": "SUSPENDED",
};

/** One warning per line naming each of them, by login then file order. */
function expectedWarnings(): string[] {
  return [
    ...[placeOf("members: [alan.turing@acme.example]", "alan.turing"), placeOf("members: [alan.turing@acme.example, grace", "alan.turing")].map(
      (place) => `${place}: alan.turing@acme.example ${SUSPENDED_SAYS}`,
    ),
    ...[placeOf("- grace.hopper", "grace.hopper"), placeOf("members: [alan.turing@acme.example, grace", "grace.hopper"), placeOf("members: [grace.hopper", "grace.hopper")].map(
      (place) => `${place}: grace.hopper@acme.example ${DEPROVISIONED_SAYS}`,
    ),
    `${placeOf("members: [katherine.johnson", "katherine.johnson")}: katherine.johnson@acme.example ${DEPROVISIONED_SAYS}`,
    `${placeOf("owners: [lead.data", "lead.data")}: lead.data@acme.example ${DEPROVISIONED_SAYS}`,
  ];
}

test("real entry, up: a DEPROVISIONED member is left out of every list and rule sent to Okta and warned at each line; a SUSPENDED one stays and warns; the deploy goes on", async () => {
  const root = scratchProject([{ file: "Pulumi.dev.yaml", change: (text) => `${text}  duplocloud-okta-access:oktaGroupOwners: true\n` }]);
  try {
    const run = await up(launchOf("dev", root), STATUSES);
    assert.deepEqual(
      { exitCode: run.exitCode, errors: run.logs.filter((log) => log.severity === "error").map((log) => log.message), refusals: run.refusals },
      { exitCode: 0, errors: [], refusals: [] },
    );
    const inputsOf = (name: string) => run.registrations.find((r) => r.name === name)!.inputs;
    assert.deepEqual(
      ["members-role-administrators", "members-role-securityAdmins", "members-team-platform-oncall", "members-team-okta-help-desk"].map((name) => [name, inputsOf(name).users]),
      [
        ["members-role-administrators", ["00u-ada.lovelace@acme.example", "user-okta-breakglass-dev@acme.example-id"]],
        ["members-role-securityAdmins", ["00u-alan.turing@acme.example"]],
        ["members-team-platform-oncall", ["00u-alan.turing@acme.example"]],
        ["members-team-okta-help-desk", []],
      ],
    );
    assert.deepEqual(inputsOf("owners-team-data-science").owners, []);
    assert.equal(inputsOf("rule-team-data-science").expressionValue, 'String.startsWith(user.title, "Data") OR user.department == "Analytics"');
    // Nothing the engine receives names them.
    assert.deepEqual(
      run.registrations.filter((r) => /grace\.hopper|katherine\.johnson|lead\.data/.test(JSON.stringify(r.inputs))).map((r) => r.name),
      [],
    );
    assert.deepEqual(warningsOf(run), expectedWarnings());
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("real entry, first preview: the same warnings, and the preview succeeds (someone leaving never blocks a deploy)", async () => {
  const run = await preview(launchOf("dev"), STATUSES);
  assert.deepEqual({ exitCode: run.exitCode, errors: run.logs.filter((log) => log.severity === "error").map((log) => log.message) }, { exitCode: 0, errors: [] });
  assert.deepEqual(warningsOf(run), expectedWarnings());
});
