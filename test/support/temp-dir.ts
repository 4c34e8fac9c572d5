import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/**
 * Every temporary folder a test file makes lives under one root per test process, removed when the
 * process exits (node --test runs each test file in a process of its own), so a run leaves nothing
 * in the system's temp directory, whether its tests pass or fail. `rmSync` with `recursive` removes
 * symbolic links without following them, so a scratch project's link to node_modules is safe.
 */
let root: string | undefined;

function testRoot(): string {
  if (root === undefined) {
    const made = mkdtempSync(path.join(tmpdir(), "duplocloud-okta-tests-"));
    process.on("exit", () => rmSync(made, { recursive: true, force: true }));
    root = made;
  }
  return root;
}

/** A new, empty folder whose name starts with `prefix`, removed with the others when the test process exits. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(testRoot(), prefix));
}
