import { test } from "node:test";
import assert from "node:assert/strict";
import { loadAccessModel } from "../../src/access/validate";
import { AccessFileError } from "../../src/access/problems";
import { VALID_ACCESS_FILE, validateText } from "../support/access-files";

/* The program's way in: a model, or an AccessFileError with every problem; warnings handed over one by one. */

test("loadAccessModel: a valid file gives its model and passes each warning, formatted, to warn()", () => {
  const warnings: string[] = [];
  const expired = VALID_ACCESS_FILE.replace('expires: "2026-12-31"', 'expires: "2026-01-31"');
  const model = loadAccessModel("access/test.yaml", { text: expired, expiry: { today: "2026-06-15" } }, (warning) => warnings.push(warning));
  assert.deepEqual(model.grants.map((g) => `${g.team} ${g.tenant}`), ["payments dev01"]);
  assert.deepEqual(warnings, [
    "access/test.yaml:21:18: teams[1].access[0].expires: the grant of qa01 to team oncall expired on 2026-01-31 (today is 2026-06-15); it is left out, so the next pulumi up takes the access away; remove the line",
  ]);
  assert.equal(loadAccessModel("access/test.yaml", { text: VALID_ACCESS_FILE, expiry: { today: "2026-06-15" } }).grants.length, 2);
});

test("loadAccessModel: a bad file throws AccessFileError with every problem, sorted, and nothing else", () => {
  const bad = VALID_ACCESS_FILE.replace("    members: [ada@acme.example, grace@acme.example]", "    members: [ada@acme.example]").replace("        level: read-only", "        level: admin");
  assert.throws(() => loadAccessModel("access/test.yaml", { text: bad, expiry: { today: "2026-06-15" } }), (error: unknown) => {
    assert.ok(error instanceof AccessFileError);
    // Both at once: the refused level does not hide what the checks find in the rest (parsed-parts.ts).
    assert.equal(
      error.message,
      [
        "access/test.yaml:7:14: roles.administrators.members: the administrators group needs at least two ACTIVE explicit members so nobody is locked out; it has 1",
        'access/test.yaml:20:16: teams[1].access[0].level: must be one of "read-write", "read-only", not "admin"',
      ].join("\n"),
    );
    return true;
  });
});

test("a team whose rule name would pass Okta's 50 characters is refused at the team's name", () => {
  const name = "t".repeat(40);
  const result = validateText(VALID_ACCESS_FILE.replace("  - name: payments\n", `  - name: ${name}\n`));
  assert.deepEqual(result.ok ? [] : result.problems.map((p) => `${p.line}:${p.column} ${p.key}: ${p.message}`), [
    `11:11 teams[0].name: makes the rule name "duplo team ${name}", longer than Okta's 50 characters; shorten the name`,
  ]);
});

test("more group rules than Okta allows per org is refused at teams, with the count; exactly the limit is not", () => {
  const withRuleTeams = (count: number) =>
    VALID_ACCESS_FILE.replace(/teams:\n[\s\S]*?users:/, `teams:\n${Array.from({ length: count }, (_, i) => `  - name: t${i}\n    rule: user.department == "D${i}"`).join("\n")}\nusers:`);
  // The readOnly role's rule is one more: count + 1 rules in all.
  const over = validateText(withRuleTeams(2000));
  assert.deepEqual(over.ok ? [] : over.problems.map((p) => `${p.line}:${p.column} ${p.key}: ${p.message}`), [
    "10:1 teams: needs 2001 group rules, more than Okta's 2000 per org; fill more teams by explicit members or merge teams with the same condition",
  ]);
  assert.equal(validateText(withRuleTeams(1999)).ok, true);
});
