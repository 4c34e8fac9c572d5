import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { DuploClient, parseRetryAfter } from "../../src/duplocloud/client";
import { isDuploApiError } from "../../src/duplocloud/errors";
import { DuploEmulator } from "../support/duplo-emulator";

const TOKEN = "duplo-token-do-not-print";
let emulator: DuploEmulator;
const waits: number[] = [];
const client = (options: ConstructorParameters<typeof DuploClient>[1] = {}, token = TOKEN) =>
  new DuploClient({ host: emulator.url, token }, { baseDelayMs: 10, timeoutMs: 2000, sleep: async (ms) => void waits.push(ms), ...options });

beforeEach(async () => {
  emulator = await new DuploEmulator(TOKEN).start();
  waits.length = 0;
});
afterEach(() => emulator.stop());

test("client: sends the bearer token and reads typed answers", async () => {
  const tenants = await client().listTenants();
  assert.deepEqual(tenants.map((t) => t.AccountName).sort(), ["dev01", "qa01"]);
  assert.equal(emulator.requests[0]!.authorized, true);
});

test("client: 401 is an auth error that says what to do, without the token, and is not retried", async () => {
  await assert.rejects(client({}, "wrong-token").listUsers(), (error: unknown) => {
    assert.ok(isDuploApiError(error));
    assert.equal(error.kind, "auth");
    assert.equal(error.status, 401);
    assert.match(error.message, /GET \/admin\/GetAllUserRoles answered 401: the DuploCloud token is wrong or expired/);
    assert.doesNotMatch(error.message + String(error.stack), /wrong-token|duplo-token-do-not-print/);
    return true;
  });
  assert.equal(emulator.requests.length, 1);
});

test("client: 429 is retried after Retry-After, then succeeds", async () => {
  emulator.injectFault({ kind: "status", status: 429, retryAfter: "2" });
  assert.equal((await client().listUsers()).length, 0);
  assert.deepEqual(waits, [2000]);
  assert.equal(emulator.requests.length, 2);
});

test("client: 502, 503, 504 and dropped connections are retried with growing back-off", async () => {
  emulator.injectFault({ kind: "status", status: 502 });
  emulator.injectFault({ kind: "status", status: 503 });
  emulator.injectFault({ kind: "drop" });
  emulator.injectFault({ kind: "status", status: 504 });
  await client().listTenants();
  assert.equal(emulator.requests.length, 5);
  assert.equal(waits.length, 4);
  // Full jitter: each wait is at most base * 2^(attempt-1).
  waits.forEach((ms, i) => assert.ok(ms <= 10 * 2 ** i, `wait ${i} was ${ms}`));
});

test("client: retries end; the last error is thrown", async () => {
  emulator.injectFault({ kind: "status", status: 503 }, undefined, 10);
  await assert.rejects(client({ maxAttempts: 3 }).listTenants(), (error: unknown) => isDuploApiError(error) && error.kind === "server" && error.status === 503);
  assert.equal(emulator.requests.length, 3);
});

test("client: other 4xx are not retried; 404 is not-found", async () => {
  emulator.injectFault({ kind: "status", status: 400, body: JSON.stringify({ Message: "bad request body" }) });
  await assert.rejects(client().listTenants(), (error: unknown) => isDuploApiError(error) && error.kind === "client" && /bad request body/.test(error.message));
  emulator.injectFault({ kind: "status", status: 404 });
  await assert.rejects(client().listTenants(), (error: unknown) => isDuploApiError(error) && error.kind === "not-found");
  assert.equal(emulator.requests.length, 2);
});

test("client: a slow answer times out and is retried", async () => {
  emulator.injectFault({ kind: "delay", ms: 500 });
  const users = await client({ timeoutMs: 100 }).listUsers();
  assert.deepEqual(users, []);
  assert.equal(emulator.requests.length, 2);
});

test("client: deletes treat 404 as done", async () => {
  await client().deleteUser("nobody@acme.example");
  await client().revokeTenantAccess("nobody@acme.example", "t-dev01", false);
  assert.equal(emulator.mutations().length, 2);
});

test("client: an unreachable portal is a network error that names the fix", async () => {
  const unreachable = new DuploClient({ host: "http://127.0.0.1:1", token: TOKEN }, { maxAttempts: 2, baseDelayMs: 1, sleep: async () => {} });
  await assert.rejects(unreachable.listUsers(), (error: unknown) => isDuploApiError(error) && error.kind === "network" && /duplocloud:host/.test(error.message));
});

test("parseRetryAfter reads seconds and HTTP dates", () => {
  assert.equal(parseRetryAfter("3"), 3000);
  assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
  assert.equal(parseRetryAfter("soon"), undefined);
  assert.equal(parseRetryAfter(null), undefined);
});
