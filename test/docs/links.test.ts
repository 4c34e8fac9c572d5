/*
 * The README and docs/ stay true to the repository: every relative link and image points at a file
 * of the repository (and an anchor at a heading of that file), none leaves the repository, the
 * README's "Start here" block holds exactly the two commands a newcomer runs, and its command table
 * names exactly the scripts of package.json.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { Parser, type Node } from "commonmark";

const ROOT = path.resolve(__dirname, "..", "..");
const README = path.join(ROOT, "README.md");

function markdownFilesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return markdownFilesUnder(full);
    return entry.name.endsWith(".md") ? [full] : [];
  });
}

const DOCUMENTS = [README, ...markdownFilesUnder(path.join(ROOT, "docs"))].sort();

function parse(file: string): Node {
  return new Parser().parse(readFileSync(file, "utf8"));
}

function nodesOf(root: Node, type: Node["type"]): Node[] {
  const found: Node[] = [];
  const walker = root.walker();
  for (let step = walker.next(); step; step = walker.next()) if (step.entering && step.node.type === type) found.push(step.node);
  return found;
}

/** The text of a heading as GitHub reads it for its anchor: text and code spans, nothing else. */
function plainText(node: Node): string {
  let text = "";
  const walker = node.walker();
  for (let step = walker.next(); step; step = walker.next()) if (step.entering && (step.node.type === "text" || step.node.type === "code")) text += step.node.literal ?? "";
  return text;
}

/**
 * The anchors GitHub gives a file's headings: lower case, everything but letters, digits, spaces,
 * `-` and `_` dropped, spaces made `-`, a repeated anchor numbered `-1`, `-2`, ...
 */
function headingAnchors(markdown: Node): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const heading of nodesOf(markdown, "heading")) {
    const base = plainText(heading)
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** The line a node starts on: inline nodes carry no position, the block holding them does. */
function lineOf(node: Node): number {
  for (let at: Node | null = node; at; at = at.parent) if (at.sourcepos) return at.sourcepos[0][0];
  return 0;
}

const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** What is wrong with one link of `file`, or undefined when it resolves. */
function linkProblem(file: string, destination: string): string | undefined {
  if (URL_WITH_SCHEME.test(destination)) return destination.startsWith("https://") ? undefined : "only https links leave the repository";
  const [target, anchor] = destination.split("#", 2) as [string, string | undefined];
  if (target.startsWith("/")) return "an absolute path: write it relative to the file";
  const resolved = target === "" ? file : path.resolve(path.dirname(file), decodeURIComponent(target));
  const inside = path.relative(ROOT, resolved);
  if (inside.startsWith("..") || path.isAbsolute(inside)) return "leaves the repository";
  if (!existsSync(resolved)) return "no such file";
  if (anchor !== undefined && resolved.endsWith(".md") && statSync(resolved).isFile() && !headingAnchors(parse(resolved)).has(anchor)) return `no heading with anchor #${anchor}`;
  return undefined;
}

test("every link and image of the README and docs/ resolves inside the repository, anchors included", () => {
  const bad = DOCUMENTS.flatMap((file) =>
    [...nodesOf(parse(file), "link"), ...nodesOf(parse(file), "image")].flatMap((node) => {
      const destination = node.destination ?? "";
      const problem = linkProblem(file, destination);
      return problem ? [`${path.relative(ROOT, file)}:${lineOf(node)}: ${destination}: ${problem}`] : [];
    }),
  );
  assert.deepEqual(bad, []);
});

test("the link check refuses what escapes the repository, misses a file or a heading, or is not https", () => {
  const readme = README;
  assert.deepEqual(
    [
      "../shared/reference/okta.md",
      "/etc/passwd",
      "docs/nope.md",
      "docs/reference/okta.md#nope",
      "http://example.com",
      "file:///etc/passwd",
      "docs/reference/okta.md#resources",
      "#commands",
      "https://github.com/pulumi/pulumi",
    ].map((link) => linkProblem(readme, link)),
    [
      "leaves the repository",
      "an absolute path: write it relative to the file",
      "no such file",
      "no heading with anchor #nope",
      "only https links leave the repository",
      "only https links leave the repository",
      undefined,
      undefined,
      undefined,
    ],
  );
});

test("heading anchors are GitHub's: punctuation dropped, spaces made dashes, repeats numbered", () => {
  const markdown = new Parser().parse("# What is corrected when\n\n## `npm run doctor`\n\n## Hand-off through AWS\n\n## Hand-off through AWS\n\n```\n# not a heading\n```\n");
  assert.deepEqual([...headingAnchors(markdown)], ["what-is-corrected-when", "npm-run-doctor", "hand-off-through-aws", "hand-off-through-aws-1"]);
});

/** The lines of the README section under `## <title>`, up to the next heading of level 2 or less. */
function readmeSection(title: string): string[] {
  const lines = readFileSync(README, "utf8").split("\n");
  const start = lines.indexOf(`## ${title}`);
  assert.notEqual(start, -1, `README.md has no "## ${title}" section`);
  const end = lines.findIndex((line, index) => index > start && /^#{1,2} /.test(line));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

test("the README's Start here block holds exactly the two commands a newcomer runs, and CI runs the second", () => {
  const section = readmeSection("Start here");
  const open = section.findIndex((line) => line.startsWith("```"));
  const close = section.findIndex((line, index) => index > open && line.startsWith("```"));
  const commands = section
    .slice(open + 1, close)
    .map((line) => line.replace(/#.*$/, "").trim())
    .filter((line) => line !== "");
  assert.deepEqual(commands, ["npm ci && npm run plan", "npm test"]);
  const ciLastCommand = readFileSync(path.join(ROOT, ".ci", "run"), "utf8")
    .trimEnd()
    .split("\n")
    .at(-1);
  assert.equal(ciLastCommand, "npm test");
});

test("the README's command table names exactly the scripts of package.json", () => {
  const rows = readmeSection("Commands").filter((line) => line.startsWith("| `npm"));
  const named = new Set(
    rows.flatMap((row) => {
      const firstCell = row.split(/(?<!\\)\|/)[1] ?? "";
      return [...firstCell.matchAll(/npm (?:run (?<script>[\w:-]+)|(?<short>test)\b)/g)].map((match) => match.groups!.script ?? match.groups!.short!);
    }),
  );
  const scripts = Object.keys((JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);
  assert.deepEqual(
    { notInPackageJson: [...named].filter((name) => !scripts.includes(name)).sort(), notInReadme: scripts.filter((name) => !named.has(name)).sort() },
    { notInPackageJson: [], notInReadme: [] },
  );
});
