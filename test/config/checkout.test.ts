import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { checkoutLikeActions, gitRepo } from "../support/git-repo";
import { VALID_ACCESS_FILE } from "../support/access-files";
import { runCli } from "../support/run-cli";
import { compareStack } from "../../src/review/compare-revisions";
import { renderDiffMarkdown } from "../../src/review/diff-render";
import { validateAccessFile } from "../../src/access/validate";
import { checkoutMismatches } from "../../src/config/checkout";

/*
 * The bytes a deploy reads are the bytes that were reviewed: a .gitattributes is a critical change in
 * the access diff, and verify-checkout refuses a checkout (made as actions/checkout makes it) whose
 * bytes are not the commit's blobs.
 */

const STACK_FILE = "config:\n  okta:orgName: acme\n";
const BASE = VALID_ACCESS_FILE.replace(
  "  readOnly:\n",
  '  securityAdmins:\n    description: Security admins\n    owners: [ada@acme.example]\n    rule: user.department == "Security"\n  readOnly:\n',
);
/**
 * The same role in flow style. Read as UTF-8 (the blob, what the diff reads) the description runs
 * from `"Security admins ¥\"` to the `"` after the second `¥`: `\"` is an escaped quote. Written in
 * Shift-JIS, `¥` is the byte of `\`: the description ends at `\\"`, `members:` is a key of the role,
 * and the line with the second `¥` is a comment.
 */
const HOSTILE = BASE.replace(
  '  securityAdmins:\n    description: Security admins\n    owners: [ada@acme.example]\n    rule: user.department == "Security"\n',
  '  securityAdmins: { description: "Security admins ¥\\", members: [grace@acme.example],\n    # ¥",\n    owners: [ada@acme.example], rule: user.department == "Security" }\n',
);
const SHIFT_JIS = "access/*.yaml working-tree-encoding=SHIFT-JIS\n";

const securityAdminsOf = (file: string, text?: string) => {
  const result = validateAccessFile(file, { expiry: "ignore", ...(text === undefined ? {} : { text }) });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  return result.model.groups.find((group) => group.key === "role-securityAdmins")!.explicitMembers;
};

test("Shift-JIS: the diff of the blobs shows no change of access under a critical .gitattributes banner; the checkout has one more security admin, and verify-checkout refuses it", () => {
  const repo = gitRepo({ "Pulumi.dev.yaml": STACK_FILE, "access/dev.yaml": BASE });
  const base = repo.head();
  repo.commitRaw("a description", { "access/dev.yaml": HOSTILE, ".gitattributes": SHIFT_JIS });
  const head = repo.head();

  // What the review reads: the blob, where the members are inside the description.
  assert.equal(
    renderDiffMarkdown(compareStack(repo.dir, "dev", base, head)),
    [
      "<!-- duplocloud-okta-access-diff:dev -->",
      "## Access changes for stack `dev`",
      "",
      "> ⚠️ **critical: 1 .gitattributes file changes.** Git attributes can make a checkout write other bytes than the committed ones this diff read (`working-tree-encoding`, `filter`, `ident`, `eol`), so the deploy could read another access or stack file than the one shown here. The deploy refuses a checkout whose bytes differ (`npm run verify-checkout`); review why the attributes change before approving:",
      "> - `.gitattributes`",
      "",
      `\`access/dev.yaml\` compared with \`${base}\`.`,
      "",
      "No change of access.",
      "",
    ].join("\n"),
  );
  assert.deepEqual(securityAdminsOf("access/dev.yaml", HOSTILE), []);

  // What the deploy would read: the checkout actions/checkout makes.
  const checkout = checkoutLikeActions(repo.dir, head);
  assert.deepEqual(securityAdminsOf(path.join(checkout, "access/dev.yaml")), ["grace@acme.example"]);
  assert.deepEqual(checkoutMismatches(checkout, head, "dev"), [
    {
      path: "access/dev.yaml",
      problem: `differs in the working tree from its blob at ${head.slice(0, 12)}; git converts it at checkout (working-tree-encoding=SHIFT-JIS from .gitattributes)`,
    },
  ]);
  const refused = runCli("verify-checkout", ["--commit", head], { ACCESS_PROJECT_DIR: checkout });
  assert.deepEqual(
    { status: refused.status, stdout: refused.stdout, stderr: refused.stderr },
    {
      status: 1,
      stdout: "",
      stderr: [
        `access/dev.yaml: differs in the working tree from its blob at ${head.slice(0, 12)}; git converts it at checkout (working-tree-encoding=SHIFT-JIS from .gitattributes)`,
        `1 file of stack dev is not the reviewed bytes of ${head}; nothing may be previewed or deployed from this checkout`,
        "",
      ].join("\n"),
    },
  );
  // The base, checked out the same way, is its commit byte for byte.
  const clean = runCli("verify-checkout", ["--commit", base], { ACCESS_PROJECT_DIR: checkoutLikeActions(repo.dir, base) });
  assert.deepEqual([clean.status, clean.stdout], [0, `every file stack dev reads is byte for byte its blob at ${base}\n`]);
});

test("Shift-JIS locally: validate reads the converted file as it is and warns that git converts it", () => {
  const repo = gitRepo({ "Pulumi.dev.yaml": STACK_FILE, "access/dev.yaml": BASE });
  repo.commitRaw("a description", { "access/dev.yaml": HOSTILE, ".gitattributes": SHIFT_JIS });
  const checkout = checkoutLikeActions(repo.dir, repo.head());
  const result = runCli("validate", [], { ACCESS_PROJECT_DIR: checkout, ACCESS_TODAY: "2026-06-15" });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(
    result.stderr,
    "warning: access/dev.yaml: git converts this file at checkout (working-tree-encoding=SHIFT-JIS from .gitattributes), so its bytes here are not the committed ones a review read; a deploy refuses such a checkout (npm run verify-checkout)\n",
  );
});

/** A base commit, then a commit that adds `attributes` (and `extra` files), checked out as actions/checkout does. */
function attributesCase(attributes: Record<string, string>, extra: Record<string, string> = {}, env: Record<string, string> = {}) {
  const repo = gitRepo({ "Pulumi.dev.yaml": STACK_FILE, "access/dev.yaml": BASE, ...extra });
  const base = repo.head();
  repo.commitRaw("attributes", attributes);
  const head = repo.head();
  const checkout = checkoutLikeActions(repo.dir, head, env);
  const outcome = compareStack(repo.dir, "dev", base, head);
  return { head, at: head.slice(0, 12), mismatches: checkoutMismatches(checkout, head, "dev"), attributeChanges: outcome.context.attributeChanges, checkout };
}

test("filter: a smudge filter the runner's git config defines rewrites the stack file at checkout; verify-checkout names it", () => {
  // actions/checkout defines no filter driver, a runner's global git config may (git-lfs does): given here through git's environment.
  const { at, mismatches, attributeChanges, checkout } = attributesCase(
    { ".gitattributes": "Pulumi.dev.yaml filter=rewrite\n" },
    {},
    { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "filter.rewrite.smudge", GIT_CONFIG_VALUE_0: "sed s/acme/mallory/" },
  );
  assert.equal(readFileSync(path.join(checkout, "Pulumi.dev.yaml"), "utf8"), "config:\n  okta:orgName: mallory\n");
  assert.deepEqual(attributeChanges, [".gitattributes"]);
  assert.deepEqual(mismatches, [
    { path: "Pulumi.dev.yaml", problem: `differs in the working tree from its blob at ${at}; git converts it at checkout (filter=rewrite from .gitattributes)` },
  ]);
});

test("eol: CRLF line endings at checkout change every YAML file the stack reads", () => {
  const { at, mismatches } = attributesCase({ ".gitattributes": "*.yaml eol=crlf\n" });
  const converted = (file: string) => ({ path: file, problem: `differs in the working tree from its blob at ${at}; git converts it at checkout (eol=crlf from .gitattributes)` });
  assert.deepEqual(mismatches, [converted("Pulumi.dev.yaml"), converted("Pulumi.yaml"), converted("access/dev.yaml")]);
});

test("ident: $Id$ expanded in the program's code at checkout", () => {
  const { at, mismatches, checkout } = attributesCase({ ".gitattributes": "src/*.ts ident\n" }, { "src/index.ts": "// $Id$\nexport {};\n" });
  assert.match(readFileSync(path.join(checkout, "src/index.ts"), "utf8"), /^\/\/ \$Id: [0-9a-f]{40} \$\n/);
  assert.deepEqual(mismatches, [{ path: "src/index.ts", problem: `differs in the working tree from its blob at ${at}; git converts it at checkout (ident from .gitattributes)` }]);
});

test("a nested .gitattributes: the diff's banner names it and verify-checkout refuses the file it converts", () => {
  const { at, mismatches, attributeChanges } = attributesCase({ "access/.gitattributes": "dev.yaml working-tree-encoding=UTF-16LE-BOM\n" });
  assert.deepEqual(attributeChanges, ["access/.gitattributes"]);
  assert.deepEqual(mismatches, [
    {
      path: "access/dev.yaml",
      problem: `differs in the working tree from its blob at ${at}; git converts it at checkout (working-tree-encoding=UTF-16LE-BOM from .gitattributes)`,
    },
  ]);
});

test("a checkout is its commit only when every file the program reads is there with its bytes, and nothing more", () => {
  const repo = gitRepo({ "Pulumi.dev.yaml": STACK_FILE, "access/dev.yaml": BASE, "src/index.ts": "export {};\n", "policy/index.ts": "export {};\n", "docs/notes.md": "x\n" });
  const head = repo.head();
  const at = head.slice(0, 12);
  assert.deepEqual(checkoutMismatches(repo.dir, head, "dev"), []);
  // A file the program does not read may change; node_modules is npm's.
  writeFileSync(path.join(repo.dir, "docs/notes.md"), "y\n");
  writeFileSync(path.join(repo.dir, "README.md"), "new\n");
  assert.deepEqual(checkoutMismatches(repo.dir, head, "dev"), []);
  // An edit, an untracked file in the code, a file the commit has and the tree lacks.
  writeFileSync(path.join(repo.dir, "access/dev.yaml"), `${BASE}# edited\n`);
  writeFileSync(path.join(repo.dir, "src/extra.ts"), "export const x = 1;\n");
  writeFileSync(path.join(repo.dir, "Pulumi.json"), "{}\n");
  rmSync(path.join(repo.dir, "policy/index.ts"));
  assert.deepEqual(checkoutMismatches(repo.dir, head, "dev"), [
    { path: "Pulumi.json", problem: `is in the working tree and not in commit ${at} (a file the program would read that nobody reviewed)` },
    { path: "access/dev.yaml", problem: `differs in the working tree from its blob at ${at}` },
    { path: "policy/index.ts", problem: `is in commit ${at} and missing from the working tree` },
    { path: "src/extra.ts", problem: `is in the working tree and not in commit ${at} (a file the program would read that nobody reviewed)` },
  ]);
  assert.throws(() => checkoutMismatches(repo.dir, "no-such-commit", "dev"), /"no-such-commit" is not a commit of the repository in /);
  const usage = runCli("verify-checkout", ["--commit", "no-such-commit"], { ACCESS_PROJECT_DIR: repo.dir });
  assert.equal(usage.status, 2);
});

test("the access file the commit's stack file names is the one verified, wherever it lives", () => {
  const repo = gitRepo({ "Pulumi.dev.yaml": `${STACK_FILE}  duplocloud-okta-access:accessFile: envs/dev.yaml\n`, "envs/dev.yaml": BASE, "access/dev.yaml": "unused\n" });
  const head = repo.head();
  writeFileSync(path.join(repo.dir, "access/dev.yaml"), "edited, and not read\n");
  writeFileSync(path.join(repo.dir, "envs/dev.yaml"), `${BASE}# edited\n`);
  assert.deepEqual(checkoutMismatches(repo.dir, head, "dev"), [{ path: "envs/dev.yaml", problem: `differs in the working tree from its blob at ${head.slice(0, 12)}` }]);
});
