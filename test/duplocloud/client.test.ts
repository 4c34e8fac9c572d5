import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import * as path from "node:path";
import { DuploClient, parseRetryAfter, redact } from "../../src/duplocloud/client";
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

test("client: 502, 503, 504 and dropped connections are retried with back-off that doubles (full jitter)", async () => {
  emulator.injectFault({ kind: "status", status: 502 });
  emulator.injectFault({ kind: "status", status: 503 });
  emulator.injectFault({ kind: "drop" });
  emulator.injectFault({ kind: "status", status: 504 });
  const tenants = await client({ random: () => 0.5 }).listTenants();
  assert.equal(tenants.length, 2);
  assert.equal(emulator.requests.length, 5);
  // Half of base * 2^(attempt-1), with base 10 ms and the jitter source fixed at 0.5.
  assert.deepEqual(waits, [5, 10, 20, 40]);
});

test("client: no wait is longer than maxDelayMs, Retry-After included", async () => {
  emulator.injectFault({ kind: "status", status: 503 }, undefined, 3);
  emulator.injectFault({ kind: "status", status: 429, retryAfter: "60" });
  await client({ baseDelayMs: 1000, maxDelayMs: 1500, random: () => 0.5 }).listTenants();
  assert.deepEqual(waits, [500, 750, 750, 1500]);
});

test("client: retries end; the last error is thrown", async () => {
  emulator.injectFault({ kind: "status", status: 503 }, undefined, 10);
  await assert.rejects(client({ maxAttempts: 3 }).listTenants(), (error: unknown) => isDuploApiError(error) && error.kind === "unavailable" && error.status === 503);
  assert.equal(emulator.requests.length, 3);
});

for (const status of [500, 501, 505]) {
  test(`client: ${status} may have applied a write, so it is never sent again`, async () => {
    emulator.injectFault({ kind: "status", status, body: JSON.stringify({ Message: "boom" }) });
    await assert.rejects(client().saveUser({ Username: "ada@acme.example", Roles: ["User"], IsReadOnly: false }, false), (error: unknown) => {
      assert.ok(isDuploApiError(error));
      assert.equal(error.kind, "server");
      assert.equal(
        error.message,
        `DuploCloud POST /admin/UpdateUserRole answered ${status}: boom; the portal had an internal error and the change may or may not have been applied; run \`pulumi refresh\`, then try again, and contact DuploCloud support if it persists`,
      );
      return true;
    });
    assert.equal(emulator.requests.length, 1);
  });
}

test("client: a write answered 200 with a body that is not JSON is sent once and says it may have been applied", async () => {
  emulator.injectFault({ kind: "garble" }, (method) => method === "POST");
  await assert.rejects(client().saveUser({ Username: "ada@acme.example", Roles: ["User"], IsReadOnly: false }, false), (error: unknown) => {
    assert.ok(isDuploApiError(error));
    assert.equal(error.kind, "bad-answer");
    assert.equal(
      error.message,
      "DuploCloud POST /admin/UpdateUserRole answered 200: the answer was not JSON, so the change may or may not have been applied; run `pulumi refresh` to see what the portal holds before trying again",
    );
    return true;
  });
  assert.equal(emulator.mutations().length, 1);
  assert.deepEqual(emulator.users.get("ada@acme.example")?.Roles, ["User"]);
});

for (const status of [300, 301, 307, 308]) {
  test(`client: a ${status} redirect is an error and is never followed (the body would go to another origin)`, async () => {
    const elsewhere = await new DuploEmulator(TOKEN).start();
    try {
      emulator.injectFault({ kind: "status", status, headers: { location: `${elsewhere.url}/v3/admin/systemSettings/config` } });
      await assert.rejects(client().setSetting({ Key: "OktaClientSecret", Type: "AppConfig", Value: "client-secret-value" }), (error: unknown) => {
        assert.ok(isDuploApiError(error));
        assert.equal(error.kind, "redirect");
        assert.equal(
          error.message,
          `DuploCloud POST /v3/admin/systemSettings/config answered ${status}: it points at ${elsewhere.url}/v3/admin/systemSettings/config; it was not followed; the portal answered with a redirect; set duplocloud:host to the portal's own https URL`,
        );
        return true;
      });
      assert.deepEqual(elsewhere.requests, []);
      assert.equal(emulator.requests.length, 1);
    } finally {
      await elsewhere.stop();
    }
  });
}

test("client: a TLS failure is not retried and keeps its cause", async () => {
  const tls = path.join(__dirname, "..", "support", "tls");
  const server = createServer({ key: readFileSync(path.join(tls, "loopback-test-only.key")), cert: readFileSync(path.join(tls, "loopback-test-only.crt")) }, (_req, res) =>
    res.end("[]"),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  let connections = 0;
  server.on("connection", () => connections++);
  try {
    const untrusted = new DuploClient({ host: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, token: TOKEN }, { sleep: async (ms) => void waits.push(ms) });
    await assert.rejects(untrusted.listUsers(), (error: unknown) => {
      assert.ok(isDuploApiError(error));
      assert.equal(error.kind, "tls");
      assert.equal(
        error.message,
        `DuploCloud GET https://127.0.0.1:${(server.address() as AddressInfo).port}/admin/GetAllUserRoles failed: the TLS handshake failed (DEPTH_ZERO_SELF_SIGNED_CERT); the portal's certificate was not accepted; check duplocloud:host and the certificate, this is not retried`,
      );
      return true;
    });
    assert.deepEqual(waits, []);
    assert.equal(connections, 1);
  } finally {
    server.close();
  }
});

test("client: the token goes only over https, or plain http to loopback", () => {
  assert.throws(() => new DuploClient({ host: "http://acme.duplocloud.net", token: TOKEN }), {
    message: "the DuploCloud host http://acme.duplocloud.net is not https; the API token is only ever sent over https (plain http only to loopback)",
  });
  assert.throws(() => new DuploClient({ host: "acme.duplocloud.net", token: TOKEN }), {
    message: 'the DuploCloud host "acme.duplocloud.net" is not a URL; set duplocloud:host (or the access file\'s duplocloud.portal) to https://<portal>',
  });
  for (const host of ["https://acme.duplocloud.net/", "http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:2"]) new DuploClient({ host, token: TOKEN });
});

test("client: what the portal echoes of the request never reaches a message (token and sent values redacted, cut to one line of 300)", async () => {
  emulator.injectFault({ kind: "status", status: 400, body: JSON.stringify({ Message: `invalid value client-secret-value for key; auth was Bearer ${TOKEN}` }) });
  await assert.rejects(client().setSetting({ Key: "OktaClientSecret", Type: "AppConfig", Value: "client-secret-value" }), (error: unknown) => {
    assert.ok(isDuploApiError(error));
    assert.equal(
      error.message,
      "DuploCloud POST /v3/admin/systemSettings/config answered 400: invalid value [redacted] for key; auth was Bearer [redacted]; the portal refused the request",
    );
    return true;
  });
  emulator.injectFault({ kind: "status", status: 418, rawBody: `${"x".repeat(400)}\nsecond line` });
  await assert.rejects(
    client().listTenants(),
    (error: unknown) => isDuploApiError(error) && error.message === `DuploCloud GET /admin/GetTenantsForUser answered 418: ${"x".repeat(300)}; the portal refused the request`,
  );
  emulator.injectFault({ kind: "status", status: 409, body: JSON.stringify({ Message: "m".repeat(400) }) });
  await assert.rejects(
    client().listTenants(),
    (error: unknown) => isDuploApiError(error) && error.message === `DuploCloud GET /admin/GetTenantsForUser answered 409: ${"m".repeat(300)}; the portal refused the request`,
  );
});

test("redact replaces every occurrence of every secret, and nothing else", () => {
  assert.equal(redact("a SECRET b SECRET c other", ["SECRET", "other", ""]), "a [redacted] b [redacted] c [redacted]");
  assert.equal(redact("nothing to hide", ["SECRET"]), "nothing to hide");
});

test("client: other 4xx are not retried; 404, and 400 saying not found, are not-found; 403 is forbidden, with its own advice", async () => {
  const kindOf = async (fault: Parameters<DuploEmulator["injectFault"]>[0]) => {
    emulator.injectFault(fault);
    return client()
      .listTenants()
      .then(
        () => "no error",
        (error: unknown) => (isDuploApiError(error) ? `${error.kind} ${error.status} ${error.message}` : String(error)),
      );
  };
  assert.equal(
    await kindOf({ kind: "status", status: 400, body: JSON.stringify({ Message: "bad request body" }) }),
    "client 400 DuploCloud GET /admin/GetTenantsForUser answered 400: bad request body; the portal refused the request",
  );
  assert.equal(
    await kindOf({ kind: "status", status: 404 }),
    "not-found 404 DuploCloud GET /admin/GetTenantsForUser answered 404: injected 404; the named object does not exist in the portal",
  );
  assert.equal(
    await kindOf({ kind: "status", status: 400, body: JSON.stringify({ Message: "Tenant t-1 Not Found" }) }),
    "not-found 400 DuploCloud GET /admin/GetTenantsForUser answered 400: Tenant t-1 Not Found; the named object does not exist in the portal",
  );
  assert.equal(
    await kindOf({ kind: "status", status: 403 }),
    "forbidden 403 DuploCloud GET /admin/GetTenantsForUser answered 403: injected 403; the portal accepted the token but refuses it this request: the token's user needs the Administrator role in DuploCloud (an API token of an administrator)",
  );
  assert.equal(emulator.requests.length, 4);
});

test("client: a slow answer times out and is retried", async () => {
  emulator.injectFault({ kind: "delay", ms: 500 });
  const users = await client({ timeoutMs: 100 }).listUsers();
  assert.deepEqual(users, []);
  assert.equal(emulator.requests.length, 2);
});

test("client: a portal that never answers in time is a timeout error, after every attempt", async () => {
  emulator.injectFault({ kind: "delay", ms: 400 }, undefined, 2);
  await assert.rejects(client({ timeoutMs: 100, maxAttempts: 2 }).listUsers(), (error: unknown) => {
    assert.ok(isDuploApiError(error));
    assert.equal(error.message, `DuploCloud GET ${emulator.url}/admin/GetAllUserRoles failed: no answer within 100 ms; the portal did not answer in time`);
    assert.equal(error.kind, "timeout");
    return true;
  });
  assert.equal(emulator.requests.length, 2);
});

test("client: deletes treat 404 as done, and send exactly DuploCloud's delete bodies", async () => {
  await client().deleteUser("nobody@acme.example");
  await client().revokeTenantAccess("nobody@acme.example", "t-dev01", true);
  assert.deepEqual(
    emulator.mutations().map((m) => [m.method, m.path, m.body]),
    [
      ["POST", "/admin/UpdateUserRole", { Username: "nobody@acme.example", State: "deleted" }],
      ["POST", "/admin/UpdateUserAccess", { Username: "nobody@acme.example", TenantId: "t-dev01", Policy: { IsReadOnly: true }, State: "deleted" }],
    ],
  );
});

test("client: a delete that fails for any reason but not-found is an error, never 'done'", async () => {
  emulator.injectFault({ kind: "status", status: 500 });
  await assert.rejects(client().revokeTenantAccess("ada@acme.example", "t-dev01", false), (error: unknown) => isDuploApiError(error) && error.kind === "server");
  await assert.rejects(client({}, "wrong-token").deleteUser("ada@acme.example"), (error: unknown) => isDuploApiError(error) && error.kind === "auth");
  emulator.injectFault({ kind: "status", status: 400, body: JSON.stringify({ Message: "Username is required" }) });
  await assert.rejects(client().deleteSetting("OktaDomain"), (error: unknown) => isDuploApiError(error) && error.kind === "client");
});

test("client: users are saved with DuploCloud's exact body: VPN flags off, State only on update", async () => {
  await client().saveUser({ Username: "ada@acme.example", Roles: ["User"], IsReadOnly: true }, false);
  await client().saveUser({ Username: "ada@acme.example", Roles: ["Administrator"], IsReadOnly: false }, true);
  assert.deepEqual(
    emulator.mutations().map((m) => m.body),
    [
      { Username: "ada@acme.example", Roles: ["User"], IsReadOnly: true, ReallocateVpnAddress: false, RegenerateVpnPassword: false },
      { Username: "ada@acme.example", Roles: ["Administrator"], IsReadOnly: false, ReallocateVpnAddress: false, RegenerateVpnPassword: false, State: "updated" },
    ],
  );
});

test("client: an unreachable portal is a network error that names the fix, after every attempt", async () => {
  let attempts = 0;
  const closed = createNetServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const unreachable = new DuploClient({ host: `http://127.0.0.1:${port}`, token: TOKEN }, { maxAttempts: 2, baseDelayMs: 1, sleep: async () => void attempts++ });
  await assert.rejects(unreachable.listUsers(), (error: unknown) => {
    assert.ok(isDuploApiError(error));
    assert.equal(
      error.message,
      `DuploCloud GET http://127.0.0.1:${port}/admin/GetAllUserRoles failed: connection refused (ECONNREFUSED); the connection failed or was dropped; check duplocloud:host (or the access file's portal) and the network`,
    );
    return true;
  });
  assert.equal(attempts, 1);
});

test("parseRetryAfter reads seconds and HTTP dates", () => {
  assert.equal(parseRetryAfter("3"), 3000);
  assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
  assert.equal(parseRetryAfter("soon"), undefined);
  assert.equal(parseRetryAfter(null), undefined);
});

test("client: a retried grant answered 'already exists' is done only when a read shows the grant asked for", async () => {
  emulator.users.set("ci@acme.example", { Username: "ci@acme.example", Roles: ["User"], IsReadOnly: false });
  const isGrant = (method: string, path: string) => method === "POST" && path === "/admin/UpdateUserAccess";
  const alreadyExists = { kind: "status", status: 400, body: JSON.stringify({ Message: "User access already exists" }) } as const;
  // The first attempt is applied but its answer lost; the retry is refused as "already exists".
  emulator.injectFault({ kind: "drop", afterApply: true }, isGrant);
  emulator.injectFault(alreadyExists, isGrant);
  await client().grantTenantAccess("ci@acme.example", "t-dev01", true);
  assert.equal(emulator.access.get("ci@acme.example")?.get("t-dev01"), true);

  // Lost before it was applied, then "already exists", while the portal holds another level: an error.
  emulator.injectFault({ kind: "drop" }, isGrant);
  emulator.injectFault(alreadyExists, isGrant);
  await assert.rejects(client().grantTenantAccess("ci@acme.example", "t-dev01", false), {
    message:
      "DuploCloud POST /admin/UpdateUserAccess answered 400: User access already exists; the portal refused the request; this answered a retry of a write that may have been applied, and a read does not show what it asked for: run `pulumi refresh` to see what the portal holds",
  });
  assert.equal(emulator.access.get("ci@acme.example")?.get("t-dev01"), true);
});

test("client: 'already exists' on a first attempt is an error, whatever the portal holds", async () => {
  emulator.users.set("ci@acme.example", { Username: "ci@acme.example", Roles: ["User"], IsReadOnly: false });
  emulator.access.set("ci@acme.example", new Map([["t-dev01", true]]));
  emulator.injectFault({ kind: "status", status: 400, body: JSON.stringify({ Message: "User access already exists" }) });
  await assert.rejects(client().grantTenantAccess("ci@acme.example", "t-dev01", true), /answered 400/);
});

test("client: absent Roles and Policy read as none and read-write; an answer that is not a list is a bad-answer error", async () => {
  emulator.users.set("ci@acme.example", { Username: "ci@acme.example" } as never);
  emulator.access.set("ci@acme.example", new Map([["t-dev01", true]]));
  emulator.omitGrantPolicy = true;
  assert.deepEqual(await client().listUsers(), [{ Username: "ci@acme.example", Roles: [], IsReadOnly: false }]);
  assert.deepEqual(await client().userTenantAccess("ci@acme.example"), [{ TenantId: "t-dev01", AccountName: "dev01", Policy: { IsReadOnly: false } }]);
  emulator.injectFault({ kind: "status", status: 200, body: JSON.stringify({ Message: "maintenance" }) });
  await assert.rejects(client().listUsers(), (error: unknown) => {
    assert.ok(isDuploApiError(error));
    assert.equal(error.kind, "bad-answer");
    assert.match(error.message, /GET \/admin\/GetAllUserRoles failed: the answer was not what DuploCloud documents \(not a list\)/);
    return true;
  });
});
