import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { clientFor, refuseMove, waitUntil, type ConnectionInputs } from "../../src/duplocloud/providers/connection";
import { DuploEmulator } from "../support/duplo-emulator";

/* How a dynamic resource's connection becomes a client, and how it waits for the portal. */

const TOKEN = "connection-test-token";
let emulator: DuploEmulator;
beforeEach(async () => {
  emulator = await new DuploEmulator(TOKEN).start();
});
afterEach(() => emulator.stop());

test("clientFor passes the connection's attempts, back-off and timeout to the client", async () => {
  // Two 503s: three attempts get through, one attempt does not.
  emulator.injectFault({ kind: "status", status: 503 }, () => true, 2);
  const patient = clientFor({ host: emulator.url, token: TOKEN, maxAttempts: 3, baseDelayMs: 1, timeoutMs: 1_000 });
  assert.deepEqual(await patient.listTenants(), [
    { TenantId: "t-dev01", AccountName: "dev01" },
    { TenantId: "t-qa01", AccountName: "qa01" },
  ]);
  assert.equal(emulator.requests.length, 3);
  emulator.injectFault({ kind: "status", status: 503 }, () => true, 1);
  await assert.rejects(clientFor({ host: emulator.url, token: TOKEN, maxAttempts: 1, baseDelayMs: 1 }).listTenants(), /503/);
  // A timeout shorter than the portal's answer fails; the default one waits for it.
  emulator.injectFault({ kind: "delay", ms: 300 }, () => true, 1);
  const started = Date.now();
  await assert.rejects(clientFor({ host: emulator.url, token: TOKEN, maxAttempts: 1, timeoutMs: 50 }).listTenants(), {
    message: `DuploCloud GET ${emulator.url}/admin/GetTenantsForUser failed: no answer within 50 ms; the portal did not answer in time`,
  });
  assert.ok(Date.now() - started < 290, "gave up at its own timeout");
  emulator.injectFault({ kind: "delay", ms: 100 }, () => true, 1);
  assert.equal((await clientFor({ host: emulator.url, token: TOKEN, maxAttempts: 1 }).listTenants()).length, 2);
  // A long back-off is used as given: two attempts 400 ms apart at least.
  emulator.injectFault({ kind: "status", status: 503 }, () => true, 1);
  const before = emulator.requests.length;
  await clientFor({ host: emulator.url, token: TOKEN, maxAttempts: 2, baseDelayMs: 400 }).listTenants();
  assert.equal(emulator.requests.length - before, 2);
});

test("waitUntil: looks again every interval until seen; fails once the next look would pass the deadline, saying what was not seen", async () => {
  const connection: ConnectionInputs = { host: "https://acme.duplocloud.net", token: TOKEN, waitTimeoutMs: 200, pollIntervalMs: 30 };
  let looks = 0;
  await waitUntil(connection, "x", async () => ++looks === 3);
  assert.equal(looks, 3);
  looks = 0;
  const started = Date.now();
  await assert.rejects(
    waitUntil(connection, "user ada", async () => {
      looks++;
      return false;
    }),
    { message: "DuploCloud accepted the change but did not show user ada within 0.2 s; run `pulumi refresh` to see what the portal holds, or raise duplocloud:writeWaitSeconds" },
  );
  assert.ok(looks >= 2, "looked again while time was left");
  // An interval longer than the time left: one look, then the error at once, not after a sleep.
  looks = 0;
  const once = Date.now();
  await assert.rejects(
    waitUntil({ ...connection, pollIntervalMs: 10_000 }, "user ada", async () => {
      looks++;
      return false;
    }),
    /did not show user ada within 0\.2 s/,
  );
  assert.deepEqual([looks, Date.now() - once < 150], [1, true]);
  assert.ok(Date.now() - started < 2_000);
});

test("refuseMove: the same portal written with another case or a trailing slash is not a move; another host is", () => {
  const at = (host: string) => ({ connection: { host, token: TOKEN } });
  assert.doesNotThrow(() => refuseMove(at("https://acme.duplocloud.net"), at("HTTPS://ACME.duplocloud.net//"), "x"));
  assert.throws(
    () => refuseMove(at("https://acme.duplocloud.net"), at("https://acme.duplocloud.net.evil.example"), "user x"),
    /user x lives on https:\/\/acme\.duplocloud\.net, and this stack now names https:\/\/acme\.duplocloud\.net\.evil\.example\./,
  );
  assert.throws(
    () => refuseMove(at("https://acme.duplocloud.net/"), at("https://acme.duplocloud.net/x"), "user x"),
    /lives on https:\/\/acme\.duplocloud\.net, and this stack now names https:\/\/acme\.duplocloud\.net\/x\./,
  );
});
