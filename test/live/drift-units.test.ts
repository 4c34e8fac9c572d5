import { test } from "node:test";
import assert from "node:assert/strict";
import { durationSeconds, ruleWeaknesses } from "../../src/live/drift/sign-on";
import { evidenceCsv } from "../../src/live/drift/evidence-csv";
import type { LiveSignOnRule } from "../../src/live/drift/live-state";

/* The small pure parts of the drift check, each output in full. */

const rule = (overrides: Partial<LiveSignOnRule>): LiveSignOnRule => ({
  id: "rul1",
  name: "Require MFA",
  priority: 1,
  catchAll: false,
  access: "ALLOW",
  factorMode: "2FA",
  reauthenticateIn: "PT8H",
  constraints: [{ possession: { required: true, deviceBound: "REQUIRED" } }],
  ...overrides,
});

test("sign-on: durations in seconds, undefined for what is not days, hours, minutes and seconds", () => {
  assert.deepEqual(["PT8H", "P1D", "P1DT2H30M5S", "PT90M", "P1W", "8h", undefined].map(durationSeconds), [28_800, 86_400, 95_405, 5_400, undefined, undefined, undefined]);
});

test("sign-on: what makes an allowing rule weaker than the file", () => {
  const required = { mfa: "required" as const, reauthenticateEvery: "PT8H" };
  assert.deepEqual(ruleWeaknesses(rule({}), required), []);
  assert.deepEqual(ruleWeaknesses(rule({ reauthenticateIn: "PT4H" }), required), []);
  assert.deepEqual(ruleWeaknesses(rule({ reauthenticateIn: "P30D" }), required), ["re-authenticates every P30D where the file says PT8H"]);
  assert.deepEqual(ruleWeaknesses(rule({ constraints: [] }), required), ["accepts any second factor (SMS, voice and email included) where the file requires a device-bound one"]);
  assert.deepEqual(ruleWeaknesses(rule({ factorMode: "1FA", constraints: [], reauthenticateIn: undefined }), required), [
    "asks for 1FA where the file requires a second factor",
    "accepts any second factor (SMS, voice and email included) where the file requires a device-bound one",
    "re-authenticates every session (never asked again) where the file says PT8H",
  ]);
  assert.deepEqual(ruleWeaknesses(rule({}), { mfa: "phishing-resistant", reauthenticateEvery: "PT8H" }), ["does not require a phishing-resistant factor"]);
  assert.deepEqual(ruleWeaknesses(rule({ factorMode: "1FA", constraints: [] }), { mfa: "not-required", reauthenticateEvery: "PT8H" }), []);
});

test("evidence CSV: every cell quoted, quotes doubled, formula starts defused", () => {
  const csv = evidenceCsv(
    {
      findings: [],
      people: [
        {
          login: '=HYPERLINK("http://x")',
          name: 'Ada "the" Lovelace',
          status: "ACTIVE",
          access: [{ target: "tenant dev01", level: "read-write", path: "-group x", declared: false, line: "", owners: ["a@x", "b@x"] }],
        },
      ],
    },
    "2026-12-02T06:00:00.000Z",
  );
  assert.equal(
    csv,
    'login,name,status,role_or_tenant,level,path,declared,file_line,owners,read_at\r\n"\'=HYPERLINK(""http://x"")","Ada ""the"" Lovelace","ACTIVE","tenant dev01","read-write","\'-group x","no","","a@x b@x","2026-12-02T06:00:00.000Z"\r\n',
  );
});
