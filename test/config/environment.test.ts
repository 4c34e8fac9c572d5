import { test } from "node:test";
import assert from "node:assert/strict";
import { accessNow, accessProjectDir, accessToday, duploOktaApiToken, duploToken, oktaAccessToken, oktaApiToken } from "../../src/config/environment";
import { today } from "../../src/config/clock";

/** Runs `body` with the variables set (undefined: removed), then puts the environment back. */
function withEnvironment<T>(values: Record<string, string | undefined>, body: () => T): T {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  const apply = (from: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(from)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(values);
  try {
    return body();
  } finally {
    apply(saved);
  }
}

const EVERY_VARIABLE = ["DUPLO_TOKEN", "DUPLO_OKTA_API_TOKEN", "OKTA_API_TOKEN", "OKTA_ACCESS_TOKEN", "ACCESS_TODAY", "ACCESS_PROJECT_DIR", "ACCESS_NOW"];
const readAll = () => [duploToken(), duploOktaApiToken(), oktaApiToken(), oktaAccessToken(), accessToday(), accessProjectDir(), accessNow()];

test("each accessor reads its own variable, at call time", () => {
  const values = ["duplo-token", "duplo-okta-token", "ssws-token", "bearer-token", "2026-06-15", "/tmp/project", "2026-06-15T12:00:00Z"];
  assert.deepEqual(withEnvironment(Object.fromEntries(EVERY_VARIABLE.map((name, i) => [name, values[i]])), readAll), values);
});

test("a variable set to the empty string counts as unset, as one never set", () => {
  const unset = [undefined, undefined, undefined, undefined, undefined, undefined, undefined];
  assert.deepEqual(withEnvironment(Object.fromEntries(EVERY_VARIABLE.map((name) => [name, ""])), readAll), unset);
  assert.deepEqual(withEnvironment(Object.fromEntries(EVERY_VARIABLE.map((name) => [name, undefined])), readAll), unset);
});

test("today is ACCESS_TODAY when set, else the UTC date of the clock", () => {
  assert.equal(withEnvironment({ ACCESS_TODAY: "2026-06-15", ACCESS_NOW: undefined }, today), "2026-06-15");
  const before = new Date().toISOString().slice(0, 10);
  const read = withEnvironment({ ACCESS_TODAY: undefined, ACCESS_NOW: undefined }, today);
  const after = new Date().toISOString().slice(0, 10);
  // Around midnight UTC the clock may turn between the two readings: either day is the clock's.
  assert.ok(read === before || read === after, `${read} is neither ${before} nor ${after}`);
  assert.match(read, /^\d{4}-\d{2}-\d{2}$/);
});
