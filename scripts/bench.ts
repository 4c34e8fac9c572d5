/*
 * npm run bench: validation and offline-plan figures for 10, 100 and 1,000 teams, each beside two
 * floors measured in the same run under the same mock engine (runUnderMocks, same stack config):
 *   - bare floor: a minimal program registering the same number of bare CustomResources, no inputs;
 *   - SDK floor: a minimal program registering the very resources of the plan (same @pulumi/okta and
 *     @pulumi/aws classes, same inputs) in one flat loop: the cost of the resources themselves,
 *     without our model, components and output wiring.
 * Every figure comes from a fresh child process, so each peak RSS is that run's own. A script, not a
 * test: the figures depend on the machine.
 *   npm run bench -- --teams 1000 --runs 5: one size only, the plan and both floors measured 5 times
 *   in turn (plan, bare, SDK, plan, ...), each figure the median of its runs: on a busy machine one
 *   run of each says little.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import * as pulumi from "@pulumi/pulumi";
import * as okta from "@pulumi/okta";
import * as aws from "@pulumi/aws";
import { syntheticAccessFile } from "./synthetic-access";
import { validateAccessFile } from "../src/access/validate";
import { today } from "../src/config/clock";
import { planModel, runUnderMocks, type PlannedResource } from "../src/plan/offline";
// Removed when the process exits, whether the bench finishes or fails.
import { tempDir } from "../test/support/temp-dir";

const SIZES = [10, 100, 1000];
const PROJECT_DIR = path.resolve(__dirname, "..");

interface Figures {
  readonly ms: number;
  readonly resources: number;
  readonly rules?: number;
  /** People looked up in Okta, and in how many look-ups. */
  readonly people?: number;
  readonly lookups?: number;
  readonly maxRssMb: number;
}

/** The smallest resource there is: a type, a name, and whatever inputs it is given. */
class BareResource extends pulumi.CustomResource {
  constructor(name: string, inputs: pulumi.Inputs = {}) {
    super("bench:index:Bare", name, inputs);
  }
}

const rssMb = () => process.resourceUsage().maxRSS / 1024;

/** The SDK class behind a type token, e.g. okta:group/group:Group -> okta.group.Group. */
function sdkClass(type: string): (new (name: string, args: Record<string, unknown>) => pulumi.Resource) | undefined {
  const match = /^(okta|aws):([^/]+)\/[^:]+:(.+)$/.exec(type);
  if (!match) return undefined;
  const root = (match[1] === "okta" ? okta : aws) as unknown as Record<string, Record<string, unknown>>;
  const found = match[2] === "index" ? (root as unknown as Record<string, unknown>)[match[3]!] : root[match[2]!]?.[match[3]!];
  return found as (new (name: string, args: Record<string, unknown>) => pulumi.Resource) | undefined;
}

async function child(kind: string, argument: string, output?: string): Promise<Figures> {
  switch (kind) {
    case "validate": {
      const started = performance.now();
      const result = validateAccessFile(argument, { expiry: { today: today() } });
      const ms = performance.now() - started;
      if (!result.ok) throw new Error(`synthetic file does not validate: ${result.problems[0]?.message}`);
      return { ms, resources: 0, rules: result.model.rules.length, maxRssMb: rssMb() };
    }
    case "plan": {
      const result = validateAccessFile(argument, { expiry: { today: today() } });
      if (!result.ok) throw new Error("synthetic file does not validate");
      const started = performance.now();
      const plan = await planModel(PROJECT_DIR, "dev", result.model);
      const ms = performance.now() - started;
      if (output) writeFileSync(output, JSON.stringify(plan.resources));
      return {
        ms,
        resources: plan.resources.length,
        rules: plan.resources.filter((r) => r.type === "okta:group/rule:Rule").length,
        people: plan.lookups.logins.length,
        lookups: plan.lookups.calls,
        maxRssMb: rssMb(),
      };
    }
    case "floor-bare": {
      const count = Number(argument);
      const started = performance.now();
      const { resources } = await runUnderMocks({ projectDir: PROJECT_DIR, stack: "dev" }, () => {
        for (let i = 0; i < count; i++) new BareResource(`bare-${i}`);
      });
      return { ms: performance.now() - started, resources: resources.length, maxRssMb: rssMb() };
    }
    case "floor-sdk": {
      const planned = JSON.parse(readFileSync(argument, "utf8")) as PlannedResource[];
      const started = performance.now();
      const { resources } = await runUnderMocks({ projectDir: PROJECT_DIR, stack: "dev" }, () => {
        for (const resource of planned) {
          const Class = resource.type.startsWith("pulumi:providers:") ? undefined : sdkClass(resource.type);
          if (Class) new Class(resource.name, resource.inputs);
          else new BareResource(resource.name, resource.inputs);
        }
      });
      return { ms: performance.now() - started, resources: resources.length, maxRssMb: rssMb() };
    }
    default:
      throw new Error(`unknown child ${kind}`);
  }
}

function runChild(...args: string[]): Figures {
  const result = spawnSync(process.execPath, ["--import", "tsx", __filename, "--child", ...args], { cwd: PROJECT_DIR, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as Figures;
}

const ratio = (a: number, b: number) => (a / b).toFixed(2);

/** The median of each timing and memory figure over runs of the same child (the lower middle one for an even count). */
function median(runs: readonly Figures[]): Figures {
  const middle = (values: number[]) => values.sort((a, b) => a - b)[(values.length - 1) >> 1]!;
  return { ...runs[0]!, ms: middle(runs.map((run) => run.ms)), maxRssMb: middle(runs.map((run) => run.maxRssMb)) };
}

/** `--teams N` (one size instead of all) and `--runs K` (each figure the median of K runs, default 1). */
function benchOptions(args: readonly string[]): { sizes: number[]; runs: number } {
  const valueOf = (flag: string) => {
    const at = args.indexOf(flag);
    if (at < 0) return undefined;
    const value = Number(args[at + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} takes a whole number of at least 1, e.g. ${flag} ${flag === "--teams" ? 1000 : 5}`);
    return value;
  };
  const teams = valueOf("--teams");
  return { sizes: teams === undefined ? SIZES : [teams], runs: valueOf("--runs") ?? 1 };
}

function main(args: readonly string[]): void {
  const { sizes, runs } = benchOptions(args);
  const dir = tempDir("bench-");
  const planMs: number[] = [];
  const each = runs === 1 ? "one child process per figure" : `each figure the median of ${runs} child processes, plan and floors in turn`;
  console.log(`node ${process.version}, ${cpus().length} cores; ${each}; times in ms, memory = peak RSS in MB\n`);
  console.log(
    "| teams | people | look-ups | validate | rules | resources | plan | bare floor | SDK floor | plan/bare | plan/SDK | plan RSS | bare RSS | SDK RSS | RSS/bare | RSS/SDK |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const teams of sizes) {
    const file = path.join(dir, `teams-${teams}.yaml`);
    const resourcesFile = path.join(dir, `resources-${teams}.json`);
    writeFileSync(file, syntheticAccessFile({ teams }));
    const validation = runChild("validate", file);
    const runsOf: { plan: Figures[]; bare: Figures[]; sdk: Figures[] } = { plan: [], bare: [], sdk: [] };
    for (let run = 0; run < runs; run++) {
      runsOf.plan.push(runChild("plan", file, resourcesFile));
      runsOf.bare.push(runChild("floor-bare", String(runsOf.plan[0]!.resources)));
      runsOf.sdk.push(runChild("floor-sdk", resourcesFile));
    }
    const [plan, bare, sdk] = [median(runsOf.plan), median(runsOf.bare), median(runsOf.sdk)];
    planMs.push(plan.ms);
    console.log(
      `| ${teams} | ${plan.people} | ${plan.lookups} | ${validation.ms.toFixed(0)} | ${plan.rules} | ${plan.resources} | ${plan.ms.toFixed(0)} | ${bare.ms.toFixed(0)} | ${sdk.ms.toFixed(0)} | ${ratio(plan.ms, bare.ms)} | ${ratio(plan.ms, sdk.ms)} | ${plan.maxRssMb.toFixed(0)} | ${bare.maxRssMb.toFixed(0)} | ${sdk.maxRssMb.toFixed(0)} | ${ratio(plan.maxRssMb, bare.maxRssMb)} | ${ratio(plan.maxRssMb, sdk.maxRssMb)} |`,
    );
  }
  if (sizes === SIZES) console.log(`\nplan time from 100 to 1,000 teams: x${(planMs[2]! / planMs[1]!).toFixed(1)} for x10 the teams (linear or better: at most x10)`);
}

/*
 * npm run bench -- review: `report --directory` against `diff --directory` on the same file of
 * 1,000 teams and a snapshot of 50,000 people, each command run as the CLI runs it (a fresh
 * process, wall-clock time). The head changes 10 team rules; the diff may take at most twice the report.
 */
const REVIEW_TEAMS = 1000;
const REVIEW_PEOPLE = 50_000;
const CHANGED_RULES = 10;

/** A deterministic snapshot whose departments are the synthetic teams' (and Engineering's). */
function reviewSnapshot(): string {
  const users = Array.from({ length: REVIEW_PEOPLE }, (_, i) => ({
    login: `person${String(i).padStart(5, "0")}@acme.example`,
    status: i % 50 === 0 ? "SUSPENDED" : "ACTIVE",
    profile: { department: i % 20 === 0 ? "Engineering" : `Department ${(i * 7) % REVIEW_TEAMS}`, title: i % 3 === 0 ? "Lead" : null },
  }));
  return JSON.stringify({ version: 1, takenAt: "2026-12-01T00:00:00.000Z", source: "okta-api", attributes: ["department", "title"], users });
}

function timedCli(script: string, args: string[], projectDir: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(PROJECT_DIR, "src", "cli", script), ...args], {
    cwd: PROJECT_DIR,
    env: { ...process.env, ACCESS_PROJECT_DIR: projectDir },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${script} ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  return ms;
}

function reviewBench(): void {
  const dir = tempDir("bench-review-");
  const git = (...args: string[]) => spawnSync("git", args, { cwd: dir, stdio: "ignore" });
  const base = syntheticAccessFile({ teams: REVIEW_TEAMS });
  // Ten team rules widened to a second department: they let people into their teams' tenants.
  let head = base;
  for (let i = 0; i < CHANGED_RULES * 2; i += 2) {
    head = head.replace(`rule: user.department == "Department ${i}"\n`, `rule: user.department == "Department ${i}" OR user.department == "Department ${i + 1}"\n`);
  }
  writeFileSync(path.join(dir, "Pulumi.yaml"), "name: duplocloud-okta-access\nruntime: nodejs\n");
  writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  duplocloud-okta-access:accessFile: access/dev.yaml\n");
  mkdirSync(path.join(dir, "access"));
  writeFileSync(path.join(dir, "access", "dev.yaml"), base);
  git("init", "-q");
  git("-c", "user.email=bench@example.com", "-c", "user.name=bench", "commit", "-q", "--allow-empty", "-m", "empty");
  git("add", "-A");
  git("-c", "user.email=bench@example.com", "-c", "user.name=bench", "commit", "-qm", "base");
  writeFileSync(path.join(dir, "access", "dev.yaml"), head);
  const snapshot = path.join(dir, "snapshot.json");
  writeFileSync(snapshot, reviewSnapshot());
  const report = timedCli("report.ts", [path.join(dir, "access", "dev.yaml"), "--directory", snapshot], dir);
  const diff = timedCli("diff.ts", ["--base", "HEAD", "--directory", snapshot], dir);
  console.log(`node ${process.version}, ${cpus().length} cores; ${REVIEW_TEAMS} teams, ${REVIEW_PEOPLE} people, ${CHANGED_RULES} rules changed; wall-clock per command\n`);
  console.log("| command | ms |\n|---|---:|");
  console.log(`| report --directory | ${report.toFixed(0)} |\n| diff --directory | ${diff.toFixed(0)} |`);
  console.log(`\ndiff/report: ${ratio(diff, report)} (at most 2)`);
}

if (process.argv[2] === "review") {
  reviewBench();
} else if (process.argv[2] === "--child") {
  child(process.argv[3]!, process.argv[4]!, process.argv[5]).then(
    (figures) => console.log(JSON.stringify(figures)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  main(process.argv.slice(2));
}
