import { test } from "node:test";
import assert from "node:assert/strict";
import { validateAccessFile } from "../../src/access/validate";
import { renderRuleExpression } from "../../src/access/rules";
import { endOf, endProblem, isGrantActive } from "../../src/access/dates";
import { now, clockExpiry } from "../../src/config/clock";
import { VALID_ACCESS_FILE, withLine } from "../support/access-files";

// End times, the clock, and temporary access in validation and the model. Every instant is given:
// nothing here depends on the day the tests run.
const NOW = { now: "2026-06-15T12:00:00Z" };
const validate = (text: string, expiry: Parameters<typeof validateAccessFile>[1]["expiry"] = NOW) => validateAccessFile("access/test.yaml", { text, expiry });
const problemsOf = (text: string, expiry = NOW) => {
  const result = validate(text, expiry);
  return result.ok ? [] : result.problems.map((p) => `${p.line}:${p.column} ${p.key}: ${p.message}`);
};
const modelOf = (text: string, expiry = NOW) => {
  const result = validate(text, expiry);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  return result.model;
};

test("an end that does not exist is said so at its line; the two forms are named otherwise", () => {
  assert.deepEqual(problemsOf(withLine(21, '        expires: "2026-02-30"')), ["21:18 teams[1].access[0].expires: 2026-02-30 is not a date: February 2026 has 28 days"]);
  assert.deepEqual(problemsOf(withLine(21, '        expires: "2028-02-30"')), ["21:18 teams[1].access[0].expires: 2028-02-30 is not a date: February 2028 has 29 days"]);
  assert.deepEqual(problemsOf(withLine(21, '        expires: "2026-12-31T24:00Z"')), [
    "21:18 teams[1].access[0].expires: 2026-12-31T24:00Z is not a time: write the hour 00 to 23 and the minute 00 to 59 (UTC)",
  ]);
  assert.deepEqual(problemsOf(withLine(21, '        expires: "31/12/2026"')), [
    "21:18 teams[1].access[0].expires: must be a date written YYYY-MM-DD (the grant ends at the end of that day, UTC) or a UTC time written YYYY-MM-DDTHH:MMZ",
  ]);
  assert.equal(endProblem("2028-02-29"), undefined);
  assert.equal(endProblem("2026-12-07T18:00Z"), undefined);
});

test("a day ends after its last day; a time at its minute; ACCESS_TODAY stands for its first instant", () => {
  assert.equal(endOf("2026-12-07"), Date.parse("2026-12-08T00:00:00Z"));
  assert.equal(endOf("2026-12-07T18:00Z"), Date.parse("2026-12-07T18:00:00Z"));
  assert.equal(isGrantActive("2026-12-07T18:00Z", { now: "2026-12-07T17:59:59.999Z" }), true);
  assert.equal(isGrantActive("2026-12-07T18:00Z", { now: "2026-12-07T18:00:00Z" }), false);
  assert.equal(isGrantActive("2026-12-07", { today: "2026-12-07" }), true);
  assert.equal(isGrantActive("2026-12-07", { today: "2026-12-08" }), false);
  assert.equal(isGrantActive("2026-12-07", { now: "2026-12-07T23:59:00Z" }), true);
  assert.equal(isGrantActive("2026-12-07", "ignore"), true);
});

test("the clock: ACCESS_NOW wins over ACCESS_TODAY; a bad ACCESS_NOW is refused with what to write", () => {
  const saved = { now: process.env.ACCESS_NOW, today: process.env.ACCESS_TODAY };
  try {
    process.env.ACCESS_TODAY = "2026-06-15";
    process.env.ACCESS_NOW = "2026-12-07T17:20:30Z";
    assert.equal(now(), "2026-12-07T17:20:30.000Z");
    assert.deepEqual(clockExpiry(), { now: "2026-12-07T17:20:30.000Z" });
    delete process.env.ACCESS_NOW;
    assert.equal(now(), "2026-06-15T00:00:00.000Z");
    assert.deepEqual(clockExpiry(), { today: "2026-06-15" });
    process.env.ACCESS_NOW = "2026-12-07";
    assert.throws(now, { message: 'ACCESS_NOW must be an ISO 8601 instant such as 2026-12-07T17:20:00Z, not "2026-12-07"' });
  } finally {
    for (const [name, value] of [
      ["ACCESS_NOW", saved.now],
      ["ACCESS_TODAY", saved.today],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});

const TEMPORARY = `${VALID_ACCESS_FILE}temporaryAccess:
  - person: Alan@acme.example
    tenant: qa01
    level: read-write
    expires: "2026-06-15T16:00Z"
    reason: Release R-42 needs a hand
  - person: katherine@acme.example
    role: securityAdmins
    expires: "2026-06-15T13:00Z"
    reason: Audit of the sign-on policy
`;

test("temporary access: a tenant holder is a login test in the tenant group's rule (a rule of its own here), noted in its description, until the end", () => {
  const model = modelOf(TEMPORARY);
  const rule = model.rules.find((r) => r.key === "rule-tenant-qa01-read-write")!;
  assert.equal(
    renderRuleExpression(rule, (key) => `${key}-id`),
    'String.toLowerCase(user.login) == "alan@acme.example"',
  );
  const group = model.groups.find((g) => g.key === "tenant-qa01-read-write")!;
  assert.equal(group.description, "DuploCloud tenant qa01, read-write. Filled by rules from the teams granted it; managed by Pulumi. Temporary: alan@acme.example until 2026-06-15T16:00Z.");
  const role = model.groups.find((g) => g.key === "role-securityAdmins")!;
  assert.deepEqual(role.explicitMembers, ["katherine@acme.example"]);
  assert.ok(model.namedPeople.includes("alan@acme.example"));

  // One minute after the role's end: the role drops it; the tenant grant runs on.
  const later = modelOf(TEMPORARY, { now: "2026-06-15T13:01:00Z" });
  assert.deepEqual(later.groups.find((g) => g.key === "role-securityAdmins")!.explicitMembers, []);
  assert.ok(later.rules.some((r) => r.key === "rule-tenant-qa01-read-write"));
  const warnings = validate(TEMPORARY, { now: "2026-06-15T13:01:00Z" });
  assert.ok(warnings.ok);
  assert.deepEqual(
    warnings.warnings.map((w) => `${w.line}:${w.column} ${w.message}`),
    [
      "37:14 the temporary role securityAdmins of katherine@acme.example ended at 2026-06-15 13:00 UTC (now is 2026-06-15T13:01Z); it is left out, so the next pulumi up takes it away; npm run expiring -- --prune removes the entry",
    ],
  );
  // After both ends: no tenant group, no rule.
  const done = modelOf(TEMPORARY, { now: "2026-06-15T16:00:00Z" });
  assert.equal(done.groups.some((g) => g.key === "tenant-qa01-read-write"), false);
  assert.equal(done.rules.some((r) => r.key === "rule-tenant-qa01-read-write"), false);
});

test("temporary access: a term joins a tenant rule the teams already fill", () => {
  const model = modelOf(TEMPORARY.replace("tenant: qa01\n    level: read-write", "tenant: dev01\n    level: read-write"));
  const rule = model.rules.find((r) => r.key === "rule-tenant-dev01-read-write")!;
  assert.equal(renderRuleExpression(rule, (key) => `${key}-id`), '(user.department == "Payments") OR String.toLowerCase(user.login) == "alan@acme.example"');
});

test("temporary access: limits, the shape of an entry, the tenant, one entry per person and access", () => {
  assert.deepEqual(problemsOf(TEMPORARY, { now: "2026-06-15T07:59:00Z" }), [
    "33:14 temporaryAccess[0].expires: ends 2026-06-15 16:00 UTC, more than 8h after now (2026-06-15T07:59Z); temporary read-write lasts at most 8h (the default): end it by 2026-06-15 15:59 UTC",
  ]);
  assert.deepEqual(problemsOf(`${TEMPORARY}temporaryAccessLimits: { read-write: 2h }\n`), [
    "33:14 temporaryAccess[0].expires: ends 2026-06-15 16:00 UTC, more than 2h after now (2026-06-15T12:00Z); temporary read-write lasts at most 2h (temporaryAccessLimits): end it by 2026-06-15 14:00 UTC",
  ]);
  assert.deepEqual(problemsOf(`${TEMPORARY}temporaryAccessLimits: { administrators: 200h }\n`), [
    "39:42 temporaryAccessLimits.administrators: 200h is longer than 168h (a week), the most temporary access may run; give lasting access through a team",
  ]);
  assert.deepEqual(problemsOf(TEMPORARY.replace("    role: securityAdmins\n", "    role: securityAdmins\n    tenant: dev01\n")), [
    "35:5 temporaryAccess[1]: give either tenant and level (e.g. tenant: dev01, level: read-only) or role (e.g. role: readOnly), not both and not one of tenant and level alone",
  ]);
  assert.deepEqual(problemsOf(TEMPORARY.replace("    tenant: qa01\n    level: read-write\n    expires", "    tenant: prod01\n    level: read-write\n    expires")), ["31:13 temporaryAccess[0].tenant: tenant \"prod01\" is not listed under duplocloud.tenants (dev01, qa01); add it there or fix the name"]);
  assert.deepEqual(problemsOf(TEMPORARY.replace("person: katherine@acme.example\n    role: securityAdmins", "person: alan@acme.example\n    tenant: qa01\n    level: read-write")), [
    "35:13 temporaryAccess[1].person: alan@acme.example already has temporary tenant qa01 read-write at temporaryAccess[0]; keep one entry",
  ]);
  // A revision read as merged ("ignore") is not held to the limits of a later clock.
  assert.deepEqual(problemsOf(TEMPORARY, "ignore" as never), []);
});
