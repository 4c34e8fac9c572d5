import { test } from "node:test";
import assert from "node:assert/strict";
import { formatProblem } from "../../src/access/problems";
import { modelOf, VALID_ACCESS_FILE, validateText } from "../support/access-files";
import { runProgram, resourceNamed } from "../support/mock-program";

/** The valid fixture with `reauthenticateEvery` written as `period` (line 7, value at column 36). */
const withPeriod = (period: string) => VALID_ACCESS_FILE.replace("roles:\n", `okta:\n  app:\n    signOn: { reauthenticateEvery: ${period} }\nroles:\n`);
const problemsOf = (period: string) => {
  const result = validateText(withPeriod(period));
  return result.ok ? [] : result.problems.map(formatProblem);
};
const refused = (advice: string) => [
  `access/test.yaml:7:36: okta.app.signOn.reauthenticateEvery: must be written the way Okta returns it, or it differs on every preview: ${advice}; the forms are hours (PT12H), hours and minutes (PT2H30M), or PT0S for every sign-in`,
];

test("reauthenticateEvery: the forms Okta returns as sent are taken and sent unchanged", async () => {
  for (const period of ["PT1H", "PT12H", "PT43800H", "PT2H10M", "PT2H59M", "PT0S"]) {
    assert.deepEqual(problemsOf(period), [], period);
    const run = await runProgram(modelOf(withPeriod(period)));
    assert.equal(resourceNamed(run, "duplocloud-sign-on-rule").inputs.reAuthenticationFrequency, period);
  }
});

test("reauthenticateEvery: another form of a period is refused at its line, with the same period in Okta's form", () => {
  assert.deepEqual(problemsOf("P1D"), refused("write PT24H, the same period"));
  assert.deepEqual(problemsOf("P1DT2H30M"), refused("write PT26H30M, the same period"));
  assert.deepEqual(problemsOf("PT90M"), refused("write PT1H30M, the same period"));
  assert.deepEqual(problemsOf("PT120M"), refused("write PT2H, the same period"));
  assert.deepEqual(problemsOf("PT3600S"), refused("write PT1H, the same period"));
  assert.deepEqual(problemsOf("PT0H"), refused("write PT0S, the same period"));
  assert.deepEqual(problemsOf("PT2H0M"), refused("write PT2H, the same period"));
});

test("reauthenticateEvery: a period with no form Okta keeps gets the nearest longer one; text that is no period gets the forms", () => {
  assert.deepEqual(problemsOf("PT30M"), refused("write PT1H (the nearest longer period Okta keeps as written)"));
  assert.deepEqual(problemsOf("PT2H30M10S"), refused("write PT2H31M (the nearest longer period Okta keeps as written)"));
  assert.deepEqual(problemsOf("12h"), [
    "access/test.yaml:7:36: okta.app.signOn.reauthenticateEvery: must be a period in the form Okta returns: hours (PT12H), hours and minutes (PT2H30M), or PT0S for every sign-in",
  ]);
});
