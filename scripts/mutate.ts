import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

/*
 * npm run mutate [-- FILE...]: StrykerJS over the logic reviewers rely on (stryker.config.json),
 * then the score per file, counting as equivalent only the mutants listed with a reason in
 * mutation/equivalent-mutants.json. Not part of npm test: a full run takes tens of minutes; the
 * incremental file (reports/mutation/) makes a re-run after a small change take seconds to minutes.
 */

const ROOT = path.resolve(__dirname, "..");
const REPORT = path.join(ROOT, "reports", "mutation", "mutation.json");
const EQUIVALENTS = path.join(ROOT, "mutation", "equivalent-mutants.json");

interface Mutant {
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}

/** A mutant no test can tell apart from the original, and why: matched by file, mutator, replacement and the source line's text. */
export interface EquivalentMutant {
  readonly file: string;
  readonly mutator: string;
  readonly replacement: string;
  /** The trimmed source line the mutant is on, so the entry survives edits elsewhere in the file. */
  readonly line: string;
  readonly reason: string;
}

export interface FileScore {
  readonly file: string;
  readonly mutants: number;
  readonly detected: number;
  readonly equivalent: number;
  readonly survived: readonly string[];
  /** (killed + timeouts) / (mutants - equivalent), in percent. */
  readonly score: number;
}

const DETECTED = new Set(["Killed", "Timeout"]);
const NOT_COUNTED = new Set(["CompileError", "RuntimeError", "Ignored", "Pending"]);

/** Per-file scores of a Stryker JSON report, with the listed equivalent mutants set aside. */
export function scoreReport(report: { files: Record<string, { source: string; mutants: Mutant[] }> }, equivalents: readonly EquivalentMutant[]): FileScore[] {
  return Object.entries(report.files)
    .map(([file, { source, mutants }]) => {
      const lines = source.split("\n");
      const isEquivalent = (mutant: Mutant) =>
        equivalents.some(
          (e) => e.file === file && e.mutator === mutant.mutatorName && e.replacement === (mutant.replacement ?? "") && e.line === lines[mutant.location.start.line - 1]?.trim(),
        );
      const counted = mutants.filter((m) => !NOT_COUNTED.has(m.status));
      const equivalent = counted.filter((m) => !DETECTED.has(m.status) && isEquivalent(m));
      const detected = counted.filter((m) => DETECTED.has(m.status)).length;
      const denominator = counted.length - equivalent.length;
      const survived = counted
        .filter((m) => !DETECTED.has(m.status) && !isEquivalent(m))
        .map((m) => `${file}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName} ${JSON.stringify(m.replacement ?? "")}`);
      return { file, mutants: counted.length, detected, equivalent: equivalent.length, survived, score: denominator === 0 ? 100 : (100 * detected) / denominator };
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The targets: 80 % for every file that decides access or talks to DuploCloud, 85 % over a whole run. */
export const FILE_TARGET = 80;
export const OVERALL_TARGET = 85;
const HELD_TO_FILE_TARGET = (file: string) => file.startsWith("src/access/") || file.startsWith("src/review/") || file === "src/duplocloud/client.ts";

/** Score over all files, equivalents set aside. */
export function overallScore(scores: readonly FileScore[]): { detected: number; mutants: number; score: number } {
  const detected = scores.reduce((sum, s) => sum + s.detected, 0);
  const mutants = scores.reduce((sum, s) => sum + s.mutants - s.equivalent, 0);
  return { detected, mutants, score: mutants === 0 ? 100 : (100 * detected) / mutants };
}

/** Each target missed, in words; the overall target only counts when every file was mutated. */
export function targetsMissed(scores: readonly FileScore[], wholeRun: boolean): string[] {
  const missed = scores.filter((s) => HELD_TO_FILE_TARGET(s.file) && s.score < FILE_TARGET).map((s) => `${s.file} scores ${s.score.toFixed(1)} %, below ${FILE_TARGET} %`);
  const overall = overallScore(scores).score;
  if (wholeRun && overall < OVERALL_TARGET) missed.push(`the whole run scores ${overall.toFixed(1)} %, below ${OVERALL_TARGET} %`);
  return missed;
}

function main(files: string[]): number {
  const args = ["stryker", "run", "stryker.config.json", ...(files.length > 0 ? ["--mutate", files.join(",")] : [])];
  const started = Date.now();
  const run = spawnSync("npx", args, { cwd: ROOT, stdio: "inherit" });
  if (run.status !== 0 || !existsSync(REPORT)) return run.status ?? 1;
  const equivalents = JSON.parse(readFileSync(EQUIVALENTS, "utf8")) as EquivalentMutant[];
  const scores = scoreReport(JSON.parse(readFileSync(REPORT, "utf8")), equivalents);
  const total = overallScore(scores);
  process.stdout.write(`\nmutation score per file (killed + timeouts) / (mutants - listed equivalents):\n`);
  for (const s of scores)
    process.stdout.write(
      `  ${s.score.toFixed(1).padStart(5)} %  ${String(s.detected).padStart(4)}/${s.mutants - s.equivalent}  ${s.file}${s.equivalent ? ` (${s.equivalent} equivalent)` : ""}\n`,
    );
  process.stdout.write(`  ${total.score.toFixed(1).padStart(5)} %  ${total.detected}/${total.mutants}  all files, in ${Math.round((Date.now() - started) / 1000)} s\n`);
  const survivors = scores.flatMap((s) => s.survived);
  if (survivors.length > 0) process.stdout.write(`\nsurvivors (a missing test, or an equivalent mutant to list with its reason):\n${survivors.map((s) => `  ${s}`).join("\n")}\n`);
  const missed = targetsMissed(scores, files.length === 0);
  if (missed.length > 0) process.stdout.write(`\ntargets missed:\n${missed.map((m) => `  ${m}`).join("\n")}\n`);
  return missed.length > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
