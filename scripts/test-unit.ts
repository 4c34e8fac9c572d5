/**
 * `npm run test:unit`: the fast loop. Every test file except those of the folders whose tests start
 * the commands, a browser or Pulumi's own entry points as processes (test/cli, test/engine) or build
 * org-sized inputs (test/scale); `npm test` runs everything. The rule that keeps it fast: a test
 * that runs a command as a process goes in test/cli/<command>.test.ts, never beside the in-process
 * tests of the module it exercises.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import * as path from "node:path";

const SLOW_FOLDERS = new Set(["cli", "engine", "scale"]);
const testRoot = path.join(__dirname, "..", "test");

const files = readdirSync(testRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !SLOW_FOLDERS.has(entry.name))
  .flatMap((folder) =>
    readdirSync(path.join(testRoot, folder.name))
      .filter((name) => name.endsWith(".test.ts"))
      .map((name) => path.join("test", folder.name, name)),
  )
  .sort();

/*
 * One test file per core. node runs os.availableParallelism() - 1 files at a time by default
 * (nodejs.org/api/cli.html, --test-concurrency): one on a two-core machine, so a file that mostly
 * waits (test/okta/read-api.test.ts: about 15 s of rate-limit windows for under 2 s of CPU) would
 * leave both cores idle meanwhile.
 */
const concurrency = `--test-concurrency=${availableParallelism()}`;

const run = spawnSync(process.execPath, ["--import", "tsx", "--test", concurrency, "--test-reporter=spec", ...files, ...process.argv.slice(2)], {
  cwd: path.join(__dirname, ".."),
  stdio: "inherit",
});
process.exit(run.status ?? 1);
