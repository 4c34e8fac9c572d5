import { test } from "node:test";
import assert from "node:assert/strict";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";
import { resourceNamed, runProgram, valueOf } from "../support/mock-program";
import { LOGINS_PER_LOOKUP, lookupBatches, MAX_ENCODED_SEARCH_LENGTH, searchExpression } from "../../src/okta/people";
import { statusWarnings } from "../../src/okta/people-status";

/*
 * People who cannot sign in: a DEPROVISIONED person is never sent to Okta and the preview says
 * which lines to remove; other statuses keep their place, with a located warning. Under Pulumi's
 * mock engine here; through the engine's own entry in test/engine/real-entry.test.ts.
 */

const REAL_OWNERS = { "duplocloud-okta-access:oktaGroupOwners": "true" };

// gone@ left the company; away@ is suspended. Both are named as members, owners and in a rule.
const FILE = VALID_ACCESS_FILE.replace(
  '    rule: user.department == "Engineering"\n',
  '    rule: user.department == "Engineering"\n    members: [Gone@acme.example, away@acme.example]\n',
).replace("    members: [ada@acme.example]\n", "    members: [ada@acme.example, gone@acme.example, away@acme.example]\n    owners: [gone@acme.example, lead@acme.example]\n");
const lineOf = (text: string) => FILE.split("\n").findIndex((line) => line.includes(text)) + 1;
const placeOf = (lineText: string, login: string) => `access/test.yaml:${lineOf(lineText)}:${FILE.split("\n")[lineOf(lineText) - 1]!.indexOf(login) + 1}`;

test("people: a DEPROVISIONED person is left out of every membership, owner list and rule term; a SUSPENDED one stays; both warned at each line", async () => {
  const run = await runProgram(modelOf(FILE), REAL_OWNERS, { "gone@acme.example": "DEPROVISIONED", "away@acme.example": "SUSPENDED" });
  assert.deepEqual(resourceNamed(run, "members-team-oncall").inputs.users, ["user-ada@acme.example-id", "00u-away@acme.example"]);
  assert.deepEqual(resourceNamed(run, "owners-team-oncall").inputs.owners, [{ id: "00u-lead@acme.example", type: "USER" }]);
  assert.equal(resourceNamed(run, "rule-role-readOnly").inputs.expressionValue, '(user.department == "Engineering") OR String.toLowerCase(user.login) == "away@acme.example"');
  // Nothing sent to Okta names them: no ID, no login test.
  assert.deepEqual(
    run.resources.filter((resource) => /gone@/i.test(JSON.stringify(resource.inputs))).map((resource) => resource.name),
    [],
  );
  assert.deepEqual(await valueOf(run.outputs.peopleWarnings), [
    `${placeOf("members: [Gone@", "away@acme.example")}: away@acme.example is SUSPENDED in Okta: they cannot sign in until an administrator unsuspends them; kept where the file names them`,
    `${placeOf("members: [ada@acme.example, gone", "away@acme.example")}: away@acme.example is SUSPENDED in Okta: they cannot sign in until an administrator unsuspends them; kept where the file names them`,
    ...[placeOf("members: [Gone@", "Gone@acme.example"), placeOf("members: [ada@acme.example, gone", "gone@acme.example"), placeOf("owners: [gone@", "gone@acme.example")].map(
      (place) =>
        `${place}: gone@acme.example is DEPROVISIONED in Okta (deactivated: they have left or cannot sign in again): left out of every membership, owner list and rule this stack sends to Okta; remove the line that names them`,
    ),
  ]);
});

test("people: with everyone ACTIVE nothing is left out and nobody is warned about", async () => {
  const run = await runProgram(modelOf(FILE), REAL_OWNERS);
  assert.deepEqual(resourceNamed(run, "members-team-oncall").inputs.users, ["user-ada@acme.example-id", "00u-away@acme.example", "00u-gone@acme.example"]);
  assert.deepEqual(await valueOf(run.outputs.peopleWarnings), []);
});

test("people: each status that keeps its place says why the person cannot sign in now; ACTIVE and unknown-to-us statuses say nothing", () => {
  const statuses = ["ACTIVE", "STAGED", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED"];
  const byLogin = Object.fromEntries(statuses.map((status) => [`${status.toLowerCase()}@acme.example`, status]));
  const places = new Map(statuses.map((status) => [`${status.toLowerCase()}@acme.example`, [`f.yaml:${statuses.indexOf(status) + 1}:3`]]));
  assert.deepEqual(statusWarnings(byLogin, places), [
    "f.yaml:8:3: deprovisioned@acme.example is DEPROVISIONED in Okta (deactivated: they have left or cannot sign in again): left out of every membership, owner list and rule this stack sends to Okta; remove the line that names them",
    "f.yaml:6:3: locked_out@acme.example is LOCKED_OUT in Okta: they cannot sign in until they are unlocked; kept where the file names them",
    "f.yaml:5:3: password_expired@acme.example has an expired password in Okta (PASSWORD_EXPIRED): they must change it at their next sign-in; kept where the file names them",
    "f.yaml:3:3: provisioned@acme.example is PROVISIONED in Okta: activated, but they have not set a password yet; kept where the file names them",
    "f.yaml:4:3: recovery@acme.example is in RECOVERY in Okta: a password reset is under way; kept where the file names them",
    "f.yaml:2:3: staged@acme.example is STAGED in Okta: the account was never activated, so they cannot sign in; kept where the file names them",
    "f.yaml:7:3: suspended@acme.example is SUSPENDED in Okta: they cannot sign in until an administrator unsuspends them; kept where the file names them",
  ]);
});

test("look-ups: capped at 50 logins, and by the URL-encoded length of their search, so long logins take more look-ups", () => {
  const short = Array.from({ length: 120 }, (_, i) => `p${String(i).padStart(3, "0")}@acme.example`);
  assert.deepEqual(
    lookupBatches(short).map((batch) => batch.length),
    [50, 50, 20],
  );
  // 100-character logins (Okta's longest): about 135 encoded characters each, so far fewer than 50 fit.
  const long = Array.from({ length: 60 }, (_, i) => `${"l".repeat(78)}${String(i).padStart(3, "0")}@${"d".repeat(10)}.example`);
  assert.equal(long[0]!.length, 100);
  const batches = lookupBatches(long);
  assert.deepEqual(
    batches.map((batch) => batch.length),
    [29, 29, 2],
  );
  assert.deepEqual(batches.flat(), long, "every login once, in order");
  for (const batch of [...batches, ...lookupBatches(short)]) {
    assert.ok(batch.length <= LOGINS_PER_LOOKUP);
    assert.ok(encodeURIComponent(searchExpression(batch)).length <= MAX_ENCODED_SEARCH_LENGTH, `${encodeURIComponent(searchExpression(batch)).length}`);
  }
  // One more login would have passed the cap: the cut is as late as it can be.
  assert.ok(encodeURIComponent(searchExpression([...batches[0]!, long[29]!])).length > MAX_ENCODED_SEARCH_LENGTH);
});

test("look-ups: the program sends one look-up per batch, as the provider would search for them", async () => {
  const long = Array.from({ length: 70 }, (_, i) => `${"m".repeat(78)}${String(i).padStart(3, "0")}@${"d".repeat(10)}.example`);
  const run = await runProgram(modelOf(VALID_ACCESS_FILE.replace("    members: [ada@acme.example]\n", `    members: [ada@acme.example, ${long.join(", ")}]\n`)));
  assert.deepEqual(run.lookups, { logins: long, calls: 3 });
});
