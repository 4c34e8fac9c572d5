import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { takeSnapshot } from "../../src/live/directory";
import { OktaReader } from "../../src/okta/read-api";
import { OktaEmulator } from "../support/okta-emulator";
import { seedDirectoryOrg } from "../support/directory-org";

// The directory snapshot read from Okta's API in-process: pagination, rate limits, scope of what is kept (`npm run directory` as a process: test/cli/directory.test.ts).
const TOKEN = "read-only-token-never-shown";
let okta: OktaEmulator;

beforeEach(async () => {
  okta = await new OktaEmulator(TOKEN).start();
  seedDirectoryOrg(okta);
});
afterEach(() => okta.stop());

const reader = (overrides: Partial<ConstructorParameters<typeof OktaReader>[0]> = {}) =>
  new OktaReader({ orgUrl: okta.url, authorization: `SSWS ${TOKEN}`, maxWaitMs: 5_000, ...overrides });

test("directory: every page is followed through Link headers; only the attributes the rules read are kept; people who left are read by a status filter", async () => {
  okta.pageSize = 2;
  const progress: string[] = [];
  const snapshot = await takeSnapshot(reader(), ["department", "costCenters"], [], (message) => progress.push(message));
  assert.deepEqual(
    { ...snapshot, takenAt: "" },
    {
      version: 1,
      takenAt: "",
      source: "okta-api",
      attributes: ["costCenters", "department"],
      users: [
        { login: "ada@acme.example", status: "ACTIVE", profile: { costCenters: null, department: "Engineering" } },
        { login: "bob@acme.example", status: "ACTIVE", profile: { costCenters: null, department: "Payments" } },
        { login: "cy@acme.example", status: "SUSPENDED", profile: { costCenters: null, department: "Payments" } },
        { login: "dee@acme.example", status: "ACTIVE", profile: { costCenters: ["cc-1", "cc-2"], department: "Sales" } },
        { login: "eve@acme.example", status: "STAGED", profile: { costCenters: null, department: "Analytics" } },
        { login: "fay@acme.example", status: "DEPROVISIONED", profile: { costCenters: null, department: "Payments" } },
      ],
    },
  );
  // Okta lists DEPROVISIONED users only to a status filter: a second listing reads them.
  assert.deepEqual(
    okta.requests.map((r) => r.url),
    ["/api/v1/users?limit=200", "/api/v1/users?limit=2&after=00u2", "/api/v1/users?limit=2&after=00u4", "/api/v1/users?filter=status%20eq%20%22DEPROVISIONED%22&limit=200"],
  );
  assert.deepEqual(progress, ["2 users read", "4 users read", "5 users read", "6 users read"]);
});

test("directory: with rules that test membership, only the groups they test are read, by name or prefix, never Everyone", async () => {
  const snapshot = await takeSnapshot(
    reader(),
    [],
    [
      { by: "name", value: "contractors" },
      { by: "prefix", value: "duploservices-pay" },
    ],
    () => {},
  );
  assert.deepEqual(snapshot.groups, [
    { id: "00g2", name: "contractors" },
    { id: "00g3", name: "duploservices-pay-a" },
    { id: "00g4", name: "duploservices-pay-b" },
  ]);
  assert.deepEqual(
    snapshot.users.map((u) => [u.login, u.status, u.groups]),
    [
      ["ada@acme.example", "ACTIVE", []],
      ["bob@acme.example", "ACTIVE", ["00g3"]],
      ["cy@acme.example", "SUSPENDED", ["00g4"]],
      ["dee@acme.example", "ACTIVE", ["00g2"]],
      ["eve@acme.example", "STAGED", []],
      ["fay@acme.example", "DEPROVISIONED", ["00g2"]],
    ],
  );
  assert.deepEqual(
    okta.requests.map((r) => r.url).filter((url) => url.startsWith("/api/v1/groups")),
    ["/api/v1/groups?limit=200", "/api/v1/groups/00g2/users?limit=200", "/api/v1/groups/00g3/users?limit=200", "/api/v1/groups/00g4/users?limit=200"],
  );
});

test("rate limits: a spent window is waited out before the next request (X-Rate-Limit-Remaining 0), and a 429 waits for X-Rate-Limit-Reset", async () => {
  okta.pageSize = 1;
  okta.requestsPerWindow = 2;
  okta.windowMs = 1_000;
  const snapshot = await takeSnapshot(reader({ maxCapacityShare: 1 }), [], [], () => {});
  assert.equal(snapshot.users.length, 6);
  // Six pages (five, then the deactivated one), two per window: the client paused instead of being refused.
  assert.equal(okta.requests.length, 6);
  const gaps = okta.requests.slice(1).map((r, i) => r.at - okta.requests[i]!.at);
  assert.ok(gaps.filter((gap) => gap >= 200).length >= 2, `waited at the window ends: ${gaps.join(", ")}`);

  okta.requests.length = 0;
  okta.requestsPerWindow = Infinity;
  okta.forced429 = 2;
  const again = await takeSnapshot(reader(), [], [], () => {});
  assert.equal(again.users.length, 6);
  assert.equal(okta.requests.length, 8, "two refused requests, then the six pages");
});

test("rate limits: the reader uses at most its share of each bucket's window (default half), read from X-Rate-Limit-Limit and -Remaining", async () => {
  okta.pageSize = 1;
  okta.windowMs = 1_000;
  okta.bucketLimits = { users: 4 };
  const half = reader();
  await takeSnapshot(half, [], [], () => {});
  const peakAtHalf = okta.bucketPeaks.get("users");
  okta.bucketPeaks.clear();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const whole = reader({ maxCapacityShare: 1 });
  await takeSnapshot(whole, [], [], () => {});
  assert.deepEqual([peakAtHalf, okta.bucketPeaks.get("users")], [2, 4]);
  assert.deepEqual(half.stats.byBucket, { users: 6 });
  assert.throws(() => reader({ maxCapacityShare: 0 }), { message: "the share of Okta's rate limit to use must be above 0 and at most 1 (got 0)" });
});

test("rate limits: 429s beyond the allowed waits stop with a clear error", async () => {
  okta.forced429 = 10;
  await assert.rejects(
    takeSnapshot(reader({ maxRateLimitRetries: 2, maxWaitMs: 10 }), [], [], () => {}),
    { message: `GET ${okta.url}/api/v1/users?limit=200 answered 429 (API call exceeded rate limit due to too many requests.) after 2 waits for the rate limit` },
  );
});

test("directory: a next link on another origin is not followed (the token never leaves the org); a wrong token says which scopes", async () => {
  okta.pageSize = 2;
  okta.foreignNextLink = "https://collector.attacker.example/api/v1/users?after=x";
  await assert.rejects(
    takeSnapshot(reader(), [], [], () => {}),
    { message: "Okta answered with a next page on another origin (https://collector.attacker.example); stopped without following it" },
  );
  assert.equal(okta.requests.length, 1);
  await assert.rejects(
    takeSnapshot(reader({ authorization: "SSWS wrong" }), [], [], () => {}),
    {
      message: `GET ${okta.url}/api/v1/users?limit=200 answered 401 (Invalid token provided): Okta did not accept the token; check that OKTA_API_TOKEN (or OKTA_ACCESS_TOKEN) is a token of this org that has not expired or been revoked`,
    },
  );
  assert.throws(() => reader({ orgUrl: "http://acme.okta.com" }), { message: "the Okta org URL must be https (got http)" });
});
