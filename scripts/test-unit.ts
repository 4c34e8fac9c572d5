/**
 * `npm run test:unit`: the fast loop. Every test file except those of the folders whose tests start
 * the commands, a browser or Pulumi's own entry points as processes (test/cli, test/engine) or build
 * org-sized inputs (test/scale); `npm test` runs everything, one process per file. The rule that
 * keeps it fast: a test that runs a command as a process goes in test/cli/<command>.test.ts, never
 * beside the in-process tests of the module it exercises.
 *
 * The files are split into one shard per core, and each shard runs in ONE process
 * (scripts/test-shard.ts): starting node, tsx and Pulumi's SDK costs about 2.5 s of CPU per file,
 * more than most files' tests, so a process per file (what `node --test` does) spends most of the
 * loop starting up. The price is that files of a shard share module state; `npm test` still runs
 * each file alone, so a test that leaks state into another shows up there.
 */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import * as path from "node:path";

const SLOW_FOLDERS = new Set(["cli", "engine", "scale"]);
const projectRoot = path.join(__dirname, "..");
const testRoot = path.join(projectRoot, "test");

const files = readdirSync(testRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !SLOW_FOLDERS.has(entry.name))
  .flatMap((folder) =>
    readdirSync(path.join(testRoot, folder.name))
      .filter((name) => name.endsWith(".test.ts"))
      .map((name) => path.join("test", folder.name, name)),
  )
  .sort();

const shardCount = Math.max(1, availableParallelism());
const shards = Array.from({ length: shardCount }, (_, shard) => files.filter((_, index) => index % shardCount === shard));
// Options for node:test (e.g. --test-name-pattern=...) are passed to every shard.
const nodeOptions = process.argv.slice(2);

/** Runs one shard, its report kept until it ends so that shards do not interleave. */
function runShard(shardFiles: readonly string[]): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--test-reporter=spec", ...nodeOptions, path.join("scripts", "test-shard.ts"), ...shardFiles], {
      cwd: projectRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("close", (code) => resolve({ status: code ?? 1, output: Buffer.concat(chunks).toString("utf8") }));
  });
}

void Promise.all(shards.filter((shard) => shard.length > 0).map(runShard)).then((results) => {
  for (const result of results) process.stdout.write(result.output);
  const failed = results.filter((result) => result.status !== 0).length;
  process.stdout.write(`\n${files.length} test files in ${results.length} processes; ${failed === 0 ? "every shard passed" : `${failed} shard(s) failed`}\n`);
  process.exit(failed === 0 ? 0 : 1);
});
