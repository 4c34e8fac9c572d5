/**
 * One shard of `npm run test:unit` (scripts/test-unit.ts): loads the test files named on the command
 * line into this one process. node:test runs the tests they register in this process and sets the
 * exit code to 1 if any fails (nodejs.org/api/test.html: without --test, tests run in the process
 * that registers them). The files are loaded synchronously, all before the first test starts: a
 * file's top-level before() hook belongs to the root test, and a hook registered once tests have
 * started would never run.
 */
import { createRequire } from "node:module";
import * as path from "node:path";

const loadSynchronously = createRequire(__filename);
for (const file of process.argv.slice(2)) loadSynchronously(path.resolve(file));
