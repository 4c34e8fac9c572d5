import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { modelOf, TODAY } from "../support/access-files";
import { runProgram } from "../support/mock-program";
import { PROJECT_DIR } from "../../src/cli/common";

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Shuffles every list, at every depth, and the order of every mapping's keys. */
function shuffleEverything(value: unknown, random: () => number): unknown {
  const shuffle = <T>(items: T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };
  if (Array.isArray(value)) return shuffle(value.map((item) => shuffleEverything(item, random)));
  if (value && typeof value === "object") {
    return Object.fromEntries(shuffle(Object.entries(value)).map(([key, item]) => [key, shuffleEverything(item, random)]));
  }
  return value;
}

test("shuffling every list and key in the access file leaves the plan identical", async () => {
  const original = readFileSync(path.join(PROJECT_DIR, "access/dev.yaml"), "utf8");
  const baseline = await runProgram(modelOf(original, TODAY));
  for (const seed of [1, 2, 3]) {
    const shuffled = stringify(shuffleEverything(parse(original), seededRandom(seed)));
    assert.notEqual(shuffled, stringify(parse(original)), "the shuffle must change the file");
    const run = await runProgram(modelOf(shuffled, TODAY));
    assert.deepEqual(run.resources, baseline.resources, `seed ${seed}`);
  }
});
