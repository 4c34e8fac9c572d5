/*
 * npm run bench:import [-- --window-ms 60000 --share 0.5]
 * Runs the import (the readers of `npm run import` and the builder) against the test emulators with
 * an org of 50,000 people and 2,000 groups, 100 of them DuploCloud's (4 role groups, 48 tenants
 * with a read-write and a read-only group), Everyone and 1,899 unrelated groups with members, 3%
 * deactivated and 1% suspended people, and two console rules (one by department, one testing
 * membership by name prefix). Each rate-limit bucket allows, per window, example per-minute limits
 * (users 600, groups 500, apps 100, others 600: read your org's own in Reports > Rate Limits), and
 * the reader keeps to its share of each. Prints the requests, by bucket, the busiest window of each
 * bucket against its limit, and the time. A script, not a test: the time depends on the machine
 * and the window.
 */
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { DuploClient } from "../src/duplocloud/client";
import { readPortal } from "../src/live/portal";
import { buildAccessFile, groupSelectionFor } from "../src/importer/build-access-file";
import { readOktaOrg } from "../src/live/okta-org";
import { OktaReader } from "../src/okta/read-api";
import { validateAccessFile } from "../src/access/validate";
import { today } from "../src/config/clock";
import { DuploEmulator } from "../src/sandbox/duplo-emulator";
import { OktaEmulator } from "../src/sandbox/okta-emulator";

const PEOPLE = 50_000;
const TENANTS = 48;
const UNRELATED_GROUPS = 1_899;
const MEMBERS_PER_DUPLO_GROUP = 40;
const MEMBERS_PER_OTHER_GROUP = 30;
const LIMITS = { users: 600, groups: 500, apps: 100, "app-id": 600, "group-id": 600, "user-id": 600, other: 600 };
const PORTAL_HOST = "bench.duplocloud.net";
const TOKEN = "bench-token";

/** A small seeded generator (mulberry32), so every run reads the same org. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function buildOrg(okta: OktaEmulator, duplo: DuploEmulator): void {
  const random = seeded(22);
  const departments = ["Payments", "Platform", "QA", "Sales", "HR"];
  for (let i = 0; i < PEOPLE; i++) {
    const roll = random();
    const status = roll < 0.03 ? "DEPROVISIONED" : roll < 0.04 ? "SUSPENDED" : "ACTIVE";
    const login = i % 7 === 0 ? `Person.${i}@Acme.example` : `person.${i}@acme.example`;
    okta.users.push({ id: `00u${pad(i, 17)}`, status, profile: { login, email: login, firstName: "F", lastName: "L", department: departments[i % departments.length] } });
  }
  const someone = () => okta.users[Math.floor(random() * PEOPLE)]!.id;
  const members = (count: number) => [...new Set(Array.from({ length: count }, someone))];
  const group = (id: string, name: string, count: number) => okta.groups.push({ id, name, members: members(count) });
  for (const [index, name] of ["duplo-administrators", "duplo-readonly", "duplo-security-admins", "duplo-signup-users"].entries()) group(`00grole${pad(index, 13)}`, name, 5);
  for (let t = 0; t < TENANTS; t++) {
    duplo.tenants.set(`tenant-${t}`, `t${pad(t, 3)}`);
    group(`00grw${pad(t, 15)}`, `duploservices-t${pad(t, 3)}`, MEMBERS_PER_DUPLO_GROUP);
    group(`00gro${pad(t, 15)}`, `duplo-ro-t${pad(t, 3)}`, MEMBERS_PER_DUPLO_GROUP);
  }
  okta.groups.push({ id: "00geveryone0000000000", name: "Everyone", members: okta.users.map((user) => user.id) });
  for (let g = 0; g < UNRELATED_GROUPS; g++) group(`00gteam${pad(g, 13)}`, `team-${pad(g, 4)}`, MEMBERS_PER_OTHER_GROUP);
  okta.lists.set("/api/v1/groups/rules", () => [
    {
      id: "0prpayments000000001",
      name: "Payments to t000",
      status: "ACTIVE",
      conditions: { expression: { value: 'user.department == "Payments"' } },
      actions: { assignUserToGroups: { groupIds: [`00grw${pad(0, 15)}`] } },
    },
    {
      id: "0prreaders0000000001",
      name: "t00x people read t047",
      status: "ACTIVE",
      conditions: { expression: { value: 'isMemberOfGroupNameStartsWith("duploservices-t00")' } },
      actions: { assignUserToGroups: { groupIds: [`00gro${pad(47, 15)}`] } },
    },
  ]);
  okta.lists.set("/api/v1/apps", () => [
    {
      id: "0oabenchduplo0000001",
      label: "DuploCloud",
      settings: { oauthClient: { redirect_uris: [`https://${PORTAL_HOST}/app/signin-okta`], grant_types: ["authorization_code"] } },
      credentials: { oauthClient: { client_id: "0oabenchduplo0000001" } },
    },
  ]);
  okta.lists.set("/api/v1/apps/0oabenchduplo0000001/groups", () => okta.groups.slice(0, 4).map((g) => ({ id: g.id })));
  okta.lists.set("/api/v1/api-tokens", () => []);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { "window-ms": { type: "string", default: "60000" }, share: { type: "string", default: "0.5" } } });
  const okta = await new OktaEmulator(TOKEN).start();
  okta.identityGovernance = true;
  const duplo = await new DuploEmulator(TOKEN, {}).start();
  try {
    okta.windowMs = Number(values["window-ms"]);
    okta.bucketLimits = LIMITS;
    buildOrg(okta, duplo);
    const groups = okta.groups.length;
    process.stdout.write(`org: ${PEOPLE} people, ${groups} groups (100 DuploCloud's), window ${okta.windowMs} ms, share ${values.share}\n`);

    const started = performance.now();
    const portal = await readPortal(new DuploClient({ host: duplo.url, token: TOKEN }), `https://${PORTAL_HOST}`, () => {});
    const options = { today: today() };
    const reader = new OktaReader({ orgUrl: okta.url, authorization: `SSWS ${TOKEN}`, maxCapacityShare: Number(values.share), maxWaitMs: okta.windowMs + 2_000 });
    const org = await readOktaOrg(reader, `https://${PORTAL_HOST}/app/signin-okta`, groupSelectionFor(portal, options), (message) => process.stdout.write(`  ${message}\n`));
    const result = buildAccessFile(org, portal, options);
    const seconds = (performance.now() - started) / 1000;

    const urls = okta.requests.map((request) => request.url);
    const count = (test: (url: string) => boolean) => urls.filter(test).length;
    const userPages = count((url) => url.startsWith("/api/v1/users?"));
    const groupMemberPages = count((url) => /^\/api\/v1\/groups\/[^/]+\/users/.test(url));
    const perUser = count((url) => /^\/api\/v1\/users\/[^/?]+/.test(url));
    const stats = reader.stats;
    process.stdout.write(
      `Okta requests: ${stats.requests} (${Object.entries(stats.byBucket)
        .map(([bucket, n]) => `${bucket} ${n}`)
        .join(", ")})\n`,
    );
    process.stdout.write(`  user pages ${userPages}, group member pages ${groupMemberPages}, per-user requests ${perUser}\n`);
    process.stdout.write(
      `  busiest window per bucket: ${[...okta.bucketPeaks].map(([bucket, peak]) => `${bucket} ${peak}/${LIMITS[bucket as keyof typeof LIMITS]}`).join(", ")}\n`,
    );
    process.stdout.write(`DuploCloud requests: ${duplo.requests.length} (${duplo.requests.map((request) => request.path).join(", ")})\n`);
    process.stdout.write(`time: ${seconds.toFixed(1)} s, of which waiting for the rate-limit share ${(stats.waitedMs / 1000).toFixed(1)} s\n`);
    const validation = validateAccessFile("access/bench.yaml", { text: result.text, expiry: { today: options.today } });
    process.stdout.write(
      `written file: ${result.text.split("\n").length} lines, ${validation.ok ? "valid" : `${validation.problems.length} problems, first: ${validation.problems[0]!.message}`}\n`,
    );
  } finally {
    await okta.stop();
    await duplo.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
