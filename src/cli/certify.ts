/*
 * npm run certify -- [--stack dev] [--directory SNAPSHOT | --live [--org-url URL]] --out DIR
 * npm run certify -- [--stack dev] --verify DIR [--apply]
 * The access review: one Markdown file per owner (named after the owner's login) listing everyone
 * who holds access through the groups they own, each with a keep and a remove box; groups without
 * owners go to the administrators' owners. With a snapshot (or --live, which reads one like
 * `npm run directory`), the people each rule lets in are listed too. --verify checks every person
 * is decided (exit 1 naming those who are not) and prints the access-file change the removals make;
 * --apply writes it, every comment kept. Exit 0 done, 1 undecided, 2 usage, 3 failure.
 */
import { countOf } from "../access/plural";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { today } from "../config/clock";
import { oktaOrgUrl } from "../config/stack-settings";
import { validateAccessFile } from "../access/validate";
import { whatRulesRead } from "../access/rule-reads";
import type { AccessModel } from "../access/model";
import { takeSnapshot } from "../live/directory";
import { directoryGroupReferences } from "../review/directory-members";
import { OktaReader, OktaReadError } from "../okta/read-api";
import { buildReviews, filePathOf, reviewFileName } from "../review/certify";
import { applyRemovals, CertifyEditError, type Removal } from "../review/certify-edit";
import { readDecisions, renderReview, type ReadLine } from "../review/certify-markdown";
import type { DirectorySnapshot } from "../review/directory";
import { fileCommitOf, fileCommitText } from "../review/file-commit";
import {
  accessFileOfStack,
  EXIT_FINDINGS,
  EXIT_OK,
  FindingsPrinted,
  loadSnapshot,
  oktaAuthorizationFor,
  parseCommandLine,
  printProblems,
  PROJECT_DIR,
  runCommand,
  settingsOfStack,
  UsageError,
  type CommandSpec,
} from "./common";

export const COMMAND = {
  name: "certify",
  summary:
    "The access review: one Markdown file per owner listing everyone who holds access through the groups they own, each with a keep/remove box; --verify checks the answers and prints the access-file change, --apply writes it.",
  flags: {
    stack: { type: "string", value: "STACK", default: "dev", description: "the stack whose access file is reviewed" },
    out: { type: "string", value: "DIR", description: "write one review per owner (DIR/<owner login>.md) and DIR/owners.json (owner, file, GitHub login)" },
    directory: { type: "string", value: "SNAPSHOT", description: "also list the people each rule lets in, from a snapshot (npm run directory) or an Okta CSV export" },
    live: { type: "boolean", default: false, description: "the same, read from the org now (OKTA_API_TOKEN, or OKTA_ACCESS_TOKEN with okta.users.read okta.groups.read)" },
    "org-url": { type: "string", value: "URL", description: "the org for --live (default: from the stack's okta:orgName and okta:baseUrl)" },
    verify: { type: "string", value: "DIR", description: "check that every person in DIR's reviews is decided (exit 1 naming those who are not); print the access-file change" },
    apply: { type: "boolean", default: false, description: "with --verify: write that change to the access file (comments and layout kept)" },
  },
  environment: {
    OKTA_API_TOKEN: "with --live: an SSWS token of a read-only admin, or",
    OKTA_ACCESS_TOKEN: "with --live: an OAuth access token with okta.users.read okta.groups.read",
  },
} satisfies CommandSpec;

function validFile(stack: string): { file: string; model: AccessModel; data: unknown; text: string } {
  const file = accessFileOfStack(stack);
  const validation = validateAccessFile(file, { expiry: { today: today() } });
  if (!validation.ok) {
    printProblems(validation.problems);
    throw new FindingsPrinted();
  }
  return { file, model: validation.model, data: validation.source.data, text: readFileSync(file, "utf8") };
}

const relativeToProject = (file: string) => path.relative(PROJECT_DIR, path.resolve(file));

async function liveSnapshot(model: AccessModel, stack: string, orgUrl: string | undefined): Promise<DirectorySnapshot> {
  const url = orgUrl ?? oktaOrgUrl(settingsOfStack(stack));
  if (!url) throw new UsageError(`Pulumi.${stack}.yaml sets no okta:orgName; pass --org-url`);
  let reader: OktaReader;
  try {
    reader = new OktaReader({ orgUrl: url, authorization: oktaAuthorizationFor("okta.users.read and okta.groups.read") });
  } catch (error) {
    if (error instanceof OktaReadError) throw new UsageError(error.message);
    throw error;
  }
  const reads = whatRulesRead(model);
  // The members of the directory groups too: the review lists them, from the directory.
  return takeSnapshot(reader, reads.attributes, [...reads.groupReferences, ...directoryGroupReferences(model.groups)], (message) => process.stderr.write(`${message}\n`));
}

async function writeReviews(stack: string, out: string, snapshotFile: string | undefined, live: boolean, orgUrl: string | undefined): Promise<number> {
  const { file, model, data } = validFile(stack);
  const snapshot = snapshotFile ? loadSnapshot(snapshotFile) : live ? await liveSnapshot(model, stack, orgUrl) : undefined;
  const peopleSource = snapshotFile
    ? `directory snapshot ${path.basename(snapshotFile)} taken ${snapshot!.takenAt}`
    : snapshot
      ? `the live org, read ${snapshot.takenAt}`
      : undefined;
  const accessFile = fileCommitText(fileCommitOf(PROJECT_DIR, relativeToProject(file)));
  mkdirSync(out, { recursive: true });
  const index: Array<{ owner: string; file: string; githubLogin: string | null; people: number }> = [];
  for (const review of buildReviews(model, data, snapshot)) {
    // The one mapping of owners to GitHub logins, validated with the file (access/github-logins.ts).
    const githubLogin = model.githubLogins?.[review.owner.toLowerCase()];
    const name = reviewFileName(review.owner);
    // The reviews name people: readable by their owner only, as the drift evidence.
    writeFileSync(path.join(out, name), renderReview(review, { stack, accessFile, ...(peopleSource ? { peopleSource } : {}), ...(githubLogin ? { githubLogin } : {}) }), {
      mode: 0o600,
    });
    const people = review.groups.reduce((sum, group) => sum + group.lines.length, 0);
    index.push({ owner: review.owner, file: name, githubLogin: githubLogin ?? null, people });
    process.stderr.write(`wrote ${path.join(out, name)}: ${people} ${people === 1 ? "person" : "people"}${githubLogin ? "" : ", owner not mapped under githubLogins"}\n`);
  }
  writeFileSync(path.join(out, "owners.json"), `${JSON.stringify({ stack, accessFile, reviews: index }, null, 2)}\n`, { mode: 0o600 });
  return EXIT_OK;
}

/** A unified diff of the access file, before and after, as git prints it (the paths named as in the project). */
function fileDiff(relative: string, before: string, after: string): string {
  if (before === after) return "";
  const folder = mkdtempSync(path.join(tmpdir(), "certify-"));
  try {
    writeFileSync(path.join(folder, "a"), before);
    writeFileSync(path.join(folder, "b"), after);
    let diff = "";
    try {
      execFileSync("git", ["diff", "--no-index", "--no-color", "a", "b"], { cwd: folder, encoding: "utf8" });
    } catch (error) {
      // git diff --no-index exits 1 when the files differ (git-diff(1), --exit-code is implied).
      diff = String((error as { stdout?: string }).stdout ?? "");
    }
    return diff
      .replace(/^diff --git a\/a b\/b\n/m, `diff --git a/${relative} b/${relative}\n`)
      .replace(/^--- a\/a$/m, `--- a/${relative}`)
      .replace(/^\+\+\+ b\/b$/m, `+++ b/${relative}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function verifyReviews(stack: string, folder: string, apply: boolean): number {
  const { file, model, data, text } = validFile(stack);
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((name) => name.endsWith(".md"))
      .sort();
  } catch {
    throw new UsageError(`--verify ${folder}: not a folder of reviews (write one with --out)`);
  }
  const decided = new Map<string, Array<ReadLine & { review: string }>>();
  const problems: string[] = [];
  for (const name of names) {
    for (const line of readDecisions(readFileSync(path.join(folder, name), "utf8"))) {
      const where = `${path.join(folder, name)}:${line.lineNumber}`;
      const group = model.groups.find((candidate) => candidate.key === line.groupKey);
      const title = group ? (group.kind === "team" ? `team ${group.team}` : `role ${group.kind === "platform-role" ? group.platformRole : group.name}`) : line.groupKey;
      if (line.decision === "undecided") problems.push(`${where}: ${line.login} in ${title}: tick keep or remove (exactly one)`);
      const key = `${line.groupKey} ${line.login}`;
      decided.set(key, [...(decided.get(key) ?? []), { ...line, review: where }]);
    }
  }
  if (decided.size === 0) throw new UsageError(`--verify ${folder}: no review lines found (write the reviews with --out)`);
  const removals: Removal[] = [];
  for (const lines of decided.values()) {
    const decisions = new Set(lines.map((line) => line.decision).filter((decision) => decision !== "undecided"));
    const first = lines[0]!;
    if (decisions.size > 1) {
      problems.push(`${lines.map((line) => `${line.review} says ${line.decision}`).join(", ")}: ${first.login} has both keep and remove; the owners must agree`);
      continue;
    }
    if (!decisions.has("remove") || lines.some((line) => line.decision === "undecided")) continue;
    const group = model.groups.find((candidate) => candidate.key === first.groupKey);
    if (!group) {
      process.stderr.write(`${first.review}: ${first.groupKey} is no longer in the access file; nothing to remove\n`);
      continue;
    }
    const where = group.kind === "team" ? `teams[${group.team}]` : group.kind === "platform-role" ? `roles.${group.platformRole}` : group.name;
    removals.push({ filePath: filePathOf(group, data), where, login: first.login, unname: first.admission !== "rule", except: first.admission !== "named" });
  }
  if (problems.length > 0) {
    process.stdout.write(`${countOf(problems.length, "review line")} not decided:\n${problems.map((problem) => `  ${problem}`).join("\n")}\n`);
    return EXIT_FINDINGS;
  }
  let after: string;
  try {
    after = applyRemovals(text, removals);
  } catch (error) {
    if (error instanceof CertifyEditError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  const relative = relativeToProject(file);
  process.stdout.write(
    removals.length === 0
      ? "Every line is decided: everyone keeps their access; the access file does not change.\n"
      : `Every line is decided: ${countOf(removals.length, "removal")}.\n${removals.map((removal) => `  ${removal.login} from ${removal.where}${removal.except ? " (added to the rule's except)" : ""}`).join("\n")}\n\n${fileDiff(relative, text, after)}`,
  );
  if (apply && after !== text) {
    writeFileSync(file, after);
    process.stderr.write(`wrote ${file}: open a pull request with it; npm run validate checks it\n`);
  }
  return EXIT_OK;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, COMMAND);
  const stack = values.stack!;
  if (values.verify !== undefined) {
    if (values.out || values.directory || values.live)
      throw new UsageError(`--verify reads reviews already written: no --out, --directory or --live with it (npm run certify -- --help describes every flag)`);
    return verifyReviews(stack, values.verify, values.apply!);
  }
  if (values.apply) throw new UsageError(`--apply goes with --verify DIR (npm run certify -- --help describes every flag)`);
  if (!values.out) throw new UsageError(`--out DIR or --verify DIR is required (npm run certify -- --help describes every flag)`);
  if (values.directory && values.live) throw new UsageError(`--directory or --live, not both (npm run certify -- --help describes every flag)`);
  return writeReviews(stack, values.out, values.directory, values.live!, values["org-url"]);
}

if (require.main === module) runCommand(main);
