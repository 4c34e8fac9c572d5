import { test } from "node:test";
import assert from "node:assert/strict";
import { scoreReport, type EquivalentMutant } from "../../scripts/mutate";

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
