import { test } from "node:test";
import assert from "node:assert/strict";
import { overallScore, scoreReport, targetsMissed, type EquivalentMutant, type FileScore } from "../../scripts/mutate";

const mutant = (status: string, line: number, mutatorName = "ConditionalExpression", replacement = "true") => ({
  status,
  mutatorName,
  replacement,
  location: { start: { line, column: 3 } },
});

test("mutation score: killed and timeouts over every mutant, less only the equivalents listed for that very line", () => {
  const report = {
    files: {
      "src/b.ts": {
        source: "const a = 1;\nif (x) y();\nreturn z;",
        mutants: [mutant("Killed", 1), mutant("Timeout", 2), mutant("Survived", 2), mutant("NoCoverage", 3), mutant("CompileError", 3)],
      },
      "src/a.ts": { source: "only()", mutants: [mutant("Survived", 1, "BlockStatement", "{}")] },
    },
  };
  const equivalents: EquivalentMutant[] = [
    { file: "src/b.ts", mutator: "ConditionalExpression", replacement: "true", line: "if (x) y();", reason: "x is always true here" },
    // Same mutator elsewhere: must not excuse the survivor in src/a.ts.
    { file: "src/a.ts", mutator: "BlockStatement", replacement: "{}", line: "something else", reason: "not this line" },
  ];
  assert.deepEqual(scoreReport(report, equivalents), [
    { file: "src/a.ts", mutants: 1, detected: 0, equivalent: 0, survived: ['src/a.ts:1:3 Survived BlockStatement "{}"'], score: 0 },
    { file: "src/b.ts", mutants: 4, detected: 2, equivalent: 1, survived: ['src/b.ts:3:3 NoCoverage ConditionalExpression "true"'], score: (100 * 2) / 3 },
  ]);
});

const score = (file: string, detected: number, mutants: number, equivalent = 0): FileScore => ({
  file,
  mutants,
  detected,
  equivalent,
  survived: [],
  score: (100 * detected) / (mutants - equivalent),
});

test("mutation targets: 80 % for each file of src/access, src/review and the DuploCloud client, at the edge; 85 % over a whole run only", () => {
  const scores = [
    score("src/access/checks.ts", 799, 1000),
    score("src/review/diff.ts", 80, 100),
    score("src/duplocloud/client.ts", 79, 100),
    score("src/duplocloud/providers/user.ts", 1, 10),
    score("src/access/rules.ts", 80, 101, 1),
  ];
  assert.deepEqual(overallScore(scores), { detected: 1039, mutants: 1310, score: (100 * 1039) / 1310 });
  assert.deepEqual(targetsMissed(scores, false), ["src/access/checks.ts scores 79.9 %, below 80 %", "src/duplocloud/client.ts scores 79.0 %, below 80 %"]);
  assert.deepEqual(targetsMissed(scores, true), [
    "src/access/checks.ts scores 79.9 %, below 80 %",
    "src/duplocloud/client.ts scores 79.0 %, below 80 %",
    "the whole run scores 79.3 %, below 85 %",
  ]);
  assert.deepEqual(targetsMissed([score("src/access/a.ts", 85, 100)], true), []);
  assert.deepEqual(targetsMissed([score("src/access/a.ts", 84, 100)], true), ["the whole run scores 84.0 %, below 85 %"]);
});
