/*
 * npm run bench:drift [-- --people 50000 --teams 1000]: the drift check against the Okta emulator at
 * scale. A synthetic access file of 1,000 teams (200 tenants; half the teams filled by a rule on
 * department, half by explicit members) is planned offline, the org the plan leaves after `up` is
 * seeded into the emulators with 50,000 people, and the drift check reads it over HTTP with
 * Okta's page size (200) and a rate limit (600 requests a second, announced in X-Rate-Limit-*
 * headers). It prints the time of each phase, the requests by kind, the bound the issue sets (the
 * user pages plus the pages of the relevant groups: their search, their assignment to the app and
 * their members), the reads that do not grow with the org (rules, apps, the app's policy, admin
 * roles and their targets, tokens), and the findings (none expected). The check runs as
 * --skip-app-users does (the app's one-by-one assignments, about one page per 200 people, come on
 * top by default: docs/scale.md). A script, not a test: the figures depend on the machine.
 */
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { validateAccessFile } from "../src/access/validate";
import { checkDrift, fileSideOf } from "../src/live/drift/check";
import { findDrift } from "../src/live/drift/findings";
import { OktaDriftReader } from "../src/live/drift/read-okta";
import { OktaReader } from "../src/okta/read-api";
import { planModel } from "../src/plan/offline";
import { seedOrgFromPlan, type SeedPerson } from "../test/support/drift-org";
import { syntheticAccessFile, userEmail } from "./synthetic-access";

const PROJECT_DIR = path.resolve(__dirname, "..");
const TOKEN = "scale-token";
const PAGE = 200;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { people: { type: "string", default: "50000" }, teams: { type: "string", default: "1000" } } });
  const peopleCount = Number(values.people);
  const teams = Number(values.teams);
  const started = performance.now();
  const phase = (label: string, since: number) => process.stderr.write(`${label}: ${Math.round(performance.now() - since)} ms\n`);

  const text = syntheticAccessFile({ teams, users: peopleCount });
  const validation = validateAccessFile("access/scale.yaml", { text, expiry: { today: "2026-12-02" } });
  if (!validation.ok) throw new Error(`the synthetic file does not validate: ${validation.problems[0]?.message}`);
  const model = validation.model;
  // One in ten people in Engineering (the readOnly rule), the others spread over the rule teams' departments.
  const ruleTeams = model.groups.flatMap((group) => (group.kind === "team" && group.ruleExpression ? [Number(group.team.slice(5))] : []));
  const people: SeedPerson[] = Array.from({ length: peopleCount }, (_, i) => ({
    login: userEmail(i),
    firstName: "Person",
    lastName: String(i),
    profile: { department: i % 10 === 0 ? "Engineering" : `Department ${ruleTeams[i % ruleTeams.length]}`, title: "Engineer" },
  }));
  const planned = performance.now();
  const plan = await planModel(PROJECT_DIR, "dev", model);
  phase(`offline plan of ${teams} teams (${plan.resources.length} resources)`, planned);
  const seeding = performance.now();
  const org = await seedOrgFromPlan(model, plan.resources, people, { okta: TOKEN, duplo: "unused" });
  phase(`seeded ${peopleCount} people, ${org.okta.groups.length} groups`, seeding);
  org.okta.requestsPerWindow = 600;
  org.okta.windowMs = 1_000;
  try {
    const checking = performance.now();
    const { live, result } = await checkDrift({
      file: fileSideOf(model, validation.source),
      stack: "dev",
      orgUrl: "https://scale.okta.example",
      okta: new OktaDriftReader(new OktaReader({ orgUrl: org.okta.url, authorization: `SSWS ${TOKEN}` })),
      directAppAssignments: false,
      progress: () => {},
    });
    const checkMs = Math.round(performance.now() - checking);
    // The engine alone, again on the same live state: what the check costs beyond the reads.
    const comparing = performance.now();
    findDrift({ model, lines: fileSideOf(model, validation.source).lines, stack: "dev", live });
    const engineMs = Math.round(performance.now() - comparing);
    const requests = org.okta.requests.map((request) => new URL(request.url, "http://x").pathname);
    const kind = (p: string) =>
      p === "/api/v1/users"
        ? "user pages"
        : /^\/api\/v1\/groups\/[^/]+\/users$/.test(p)
          ? "group member pages"
          : p === "/api/v1/groups"
            ? "group search pages"
            : /^\/api\/v1\/apps\/[^/]+\/users$/.test(p)
              ? "app user pages"
              : /^\/api\/v1\/apps\/[^/]+\/groups$/.test(p)
                ? "app group pages"
                : /\/roles(\/[^/]+\/targets\/.*)?$/.test(p)
                  ? "admin roles and targets"
                  : p;
    const byKind = new Map<string, number>();
    for (const p of requests) byKind.set(kind(p), (byKind.get(kind(p)) ?? 0) + 1);
    const userPages = Math.ceil(org.okta.users.filter((user) => user.status !== "DEPROVISIONED").length / PAGE);
    const memberPages = live.groups.reduce((sum, group) => sum + Math.max(1, Math.ceil(group.memberIds.length / PAGE)), 0);
    const groupListingPages = [...byKind].filter(([name]) => name === "group search pages" || name === "app group pages").reduce((sum, [, count]) => sum + count, 0);
    const relevantGroupPages = memberPages + groupListingPages;
    const perOrg = requests.length - (byKind.get("user pages") ?? 0) - (byKind.get("group member pages") ?? 0) - groupListingPages;
    const report = {
      people: peopleCount,
      teams,
      groupsRead: live.groups.length,
      checkMs,
      engineMs,
      totalMs: Math.round(performance.now() - started),
      requests: requests.length,
      byKind: Object.fromEntries([...byKind].sort((a, b) => b[1] - a[1])),
      bound: { userPages, relevantGroupPages, sum: userPages + relevantGroupPages },
      // What does not grow with people: rules, apps, the app's policy, role holders and their roles and targets, tokens.
      otherRequests: perOrg,
      withinBound: requests.length - perOrg <= userPages + relevantGroupPages,
      findings: result.findings.length,
      accessPaths: result.people.reduce((sum, person) => sum + person.access.length, 0),
      maxRssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await org.okta.stop();
    await org.duplo.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
