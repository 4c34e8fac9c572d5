import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { gitRepo } from "../support/git-repo";
import { compareStack } from "../../src/review/compare-revisions";
import { GitReadError, projectFilesAtRevision } from "../../src/review/git-revision";
import type { AccessChange } from "../../src/review/diff";
import { renderDiffMarkdown, type DiffOutcome } from "../../src/review/diff-render";
import { VALID_ACCESS_FILE } from "../support/access-files";
import { resolveStackConfig, unresolvedWarnings } from "../../src/config/config-values";
import { projectFilesOnDisk } from "../../src/config/project-files";

/*
 * The diff resolves each side's stack config the way the Pulumi CLI does (src/config/): the hostile
 * pull requests of issue 21, each with the whole list of changes it must show, or its refusal.
 */

const PROJECT = "name: duplocloud-okta-access\nruntime: nodejs\n";
const STACK = "config:\n  duplocloud-okta-access:accessFile: access/dev.yaml\n  okta:orgName: acme\n";
const ADMIN_ADDED = VALID_ACCESS_FILE.replace(
  "    members: [ada@acme.example, grace@acme.example]\n",
  "    members: [ada@acme.example, grace@acme.example, mallory@evil.example]\n",
);
const lines = (changes: readonly AccessChange[]) => changes.map((c) => `${c.direction}${c.critical ? "!" : ""} ${c.subject}: ${c.summary}`);
const changesOf = (outcome: DiffOutcome) => {
  assert.equal(outcome.kind, "compared");
  return outcome.kind === "compared" ? lines(outcome.diff.changes) : [];
};
const MALLORY_ADMIN = ["widens! mallory@evil.example: gains DuploCloud Administrator (every tenant)", "widens! platform role administrators: gains member mallory@evil.example"];

/** A repository whose base commit is a valid dev stack; removed when the test ends. */
function repoWith(t: TestContext, files: Record<string, string>) {
  const repo = gitRepo({ "Pulumi.yaml": PROJECT, "Pulumi.dev.yaml": STACK, "access/dev.yaml": VALID_ACCESS_FILE, ...files });
  t.after(() => rmSync(repo.dir, { recursive: true, force: true }));
  return repo;
}

test("config: stackConfigDir moves the stack file; the one Pulumi reads points accessFile at a file that adds an administrator", (t) => {
  const repo = repoWith(t, {});
  // The old Pulumi.dev.yaml stays as a decoy; Pulumi now reads cfg/Pulumi.dev.yaml.
  repo.commit("pull request", {
    "Pulumi.yaml": `${PROJECT}stackConfigDir: cfg\n`,
    "cfg/Pulumi.dev.yaml": STACK.replace("access/dev.yaml", "access/other.yaml"),
    "access/other.yaml": ADMIN_ADDED,
  });
  const outcome = compareStack(repo.dir, "dev", "HEAD~1", "HEAD");
  assert.deepEqual(outcome.context, {
    stack: "dev",
    baseRef: "HEAD~1",
    basePath: "access/dev.yaml",
    headPath: "access/other.yaml",
    codeChanges: ["Pulumi.yaml: stackConfigDir"],
  });
  assert.deepEqual(changesOf(outcome), [...MALLORY_ADMIN, "changes! the stack file: duplocloud-okta-access:accessFile: access/dev.yaml becomes access/other.yaml"]);
  // The old spelling of stackConfigDir (`config: cfg`) is read the same way.
  repo.commit("old spelling", { "Pulumi.yaml": `${PROJECT}config: cfg\n` });
  assert.deepEqual(changesOf(compareStack(repo.dir, "dev", "HEAD~2", "HEAD")), changesOf(outcome));
  // A stack folder outside the project is refused.
  repo.commit("outside", { "Pulumi.yaml": `${PROJECT}stackConfigDir: ../elsewhere\n` });
  assert.throws(() => compareStack(repo.dir, "dev", "HEAD~3", "HEAD"), {
    message: 'Pulumi.yaml: stackConfigDir "../elsewhere" leads outside the project; keep the stack files inside it',
  });
});

test("config: shorthand config in Pulumi.yaml is a value for every stack, shown old and new", (t) => {
  const repo = repoWith(t, { "Pulumi.yaml": `${PROJECT}config:\n  duplocloud:host: https://acme.duplocloud.net\n` });
  repo.commit("pull request", { "Pulumi.yaml": `${PROJECT}config:\n  duplocloud:host: https://duplo.attacker.example\n  accessFile: access/ignored.yaml\n  okta:orgName: evil\n` });
  // accessFile is the project's own key: shorthand makes it a default, which the stack's own value
  // overrides; okta:orgName is set by the stack too, so only duplocloud:host changes.
  assert.deepEqual(changesOf(compareStack(repo.dir, "dev", "HEAD~1", "HEAD")), [
    "changes! the stack file: duplocloud:host: https://acme.duplocloud.net becomes https://duplo.attacker.example",
  ]);
  // Written as a declaration, a default of another namespace is refused as Pulumi refuses it.
  repo.commit("declaration", { "Pulumi.yaml": `${PROJECT}config:\n  duplocloud:host:\n    default: https://duplo.attacker.example\n` });
  assert.throws(() => compareStack(repo.dir, "dev", "HEAD~1", "HEAD"), {
    message: 'Pulumi.yaml at HEAD: configuration key "duplocloud:host" is not namespaced by the project and should not define a default value',
  });
});

test("config: Pulumi.json with Pulumi.dev.json is the project Pulumi reads first; Pulumi.dev.json beside Pulumi.yaml is not read", (t) => {
  const repo = repoWith(t, {});
  repo.commit("json beside yaml", {
    "Pulumi.dev.json": JSON.stringify({ config: { "duplocloud-okta-access:accessFile": "access/other.yaml" } }),
    "access/other.yaml": ADMIN_ADDED,
  });
  assert.deepEqual(changesOf(compareStack(repo.dir, "dev", "HEAD~1", "HEAD")), []);
  repo.commit("json project", { "Pulumi.json": JSON.stringify({ name: "duplocloud-okta-access", runtime: "nodejs" }) });
  assert.deepEqual(changesOf(compareStack(repo.dir, "dev", "HEAD~2", "HEAD")), [
    ...MALLORY_ADMIN,
    "changes! the stack file: duplocloud-okta-access:accessFile: access/dev.yaml becomes access/other.yaml",
    "changes! the stack file: okta:orgName removed (was acme)",
  ]);
  // Which project file Pulumi reads is itself a change of how the program runs.
  assert.deepEqual(compareStack(repo.dir, "dev", "HEAD~2", "HEAD").context.codeChanges, ["Pulumi.yaml becomes Pulumi.json"]);
});

test("config: merge keys are resolved as Pulumi's YAML decoder resolves them, and the values are shown", (t) => {
  const repo = repoWith(t, {});
  repo.commit("merge keys", {
    "Pulumi.dev.yaml":
      "shared: &shared\n  duplocloud-okta-access:accessFile: access/other.yaml\n  duplocloud:host: https://duplo.attacker.example\nconfig:\n  <<: *shared\n  okta:orgName: acme\n",
    "access/other.yaml": ADMIN_ADDED,
  });
  assert.deepEqual(changesOf(compareStack(repo.dir, "dev", "HEAD~1", "HEAD")), [
    ...MALLORY_ADMIN,
    "changes! the stack file: duplocloud-okta-access:accessFile: access/dev.yaml becomes access/other.yaml",
    "changes! the stack file: duplocloud:host set to https://duplo.attacker.example",
  ]);
});

test("config: a symlinked stack file at a revision is refused, never read as YAML; on disk it is followed inside the project", (t) => {
  const repo = repoWith(t, { "cfg/dev.yaml": STACK.replace("access/dev.yaml", "access/other.yaml"), "access/other.yaml": ADMIN_ADDED });
  rmSync(path.join(repo.dir, "Pulumi.dev.yaml"));
  symlinkSync("cfg/dev.yaml", path.join(repo.dir, "Pulumi.dev.yaml"));
  // The working tree: Pulumi follows the link (os.ReadFile), so does the diff.
  assert.deepEqual(changesOf(compareStack(repo.dir, "dev", "HEAD")), [
    ...MALLORY_ADMIN,
    "changes! the stack file: duplocloud-okta-access:accessFile: access/dev.yaml becomes access/other.yaml",
  ]);
  repo.commit("symlink", {});
  assert.throws(() => compareStack(repo.dir, "dev", "HEAD~1", "HEAD"), {
    message: '"Pulumi.dev.yaml" at HEAD is a symlink; the diff reads a revision as data and does not follow links: commit the file itself',
  });
  // A folder link on the way is refused too.
  repo.commit("folder link", { "Pulumi.dev.yaml": null, "Pulumi.yaml": `${PROJECT}stackConfigDir: linked\n` });
  symlinkSync("cfg", path.join(repo.dir, "linked"));
  writeFileSync(path.join(repo.dir, "cfg/Pulumi.dev.yaml"), STACK);
  repo.commit("folder link", {});
  assert.throws(() => compareStack(repo.dir, "dev", "HEAD~1", "HEAD"), {
    message: '"linked/Pulumi.dev.yaml" at HEAD goes through the symlink "linked"; the diff reads a revision as data and does not follow links: commit the file itself',
  });
  // On disk, a link out of the project is refused.
  const outside = mkdtempSync(path.join(tmpdir(), "outside-"));
  t.after(() => rmSync(outside, { recursive: true, force: true }));
  writeFileSync(path.join(outside, "Pulumi.dev.yaml"), STACK);
  rmSync(path.join(repo.dir, "linked"));
  symlinkSync(outside, path.join(repo.dir, "linked"));
  assert.throws(() => resolveStackConfig(projectFilesOnDisk(repo.dir), "dev"), {
    message: '"linked/Pulumi.dev.yaml" leads outside the project through a symlink; keep Pulumi\'s files inside it',
  });
});

test("config: secure values change by fingerprint; a value written without text is empty; a project key the stack misses is listed", (t) => {
  const repo = repoWith(t, { "Pulumi.dev.yaml": `${STACK}  okta:apiToken:\n    secure: v1:AAAA\n  okta:scopes: [okta.groups.read, "<b>"]\n` });
  repo.commit("pull request", { "Pulumi.dev.yaml": `${STACK}  okta:apiToken:\n    secure: v1:BBBB\n  okta:scopes: [okta.groups.manage, "<b>"]\n  okta:clientId:\n` });
  assert.deepEqual(changesOf(compareStack(repo.dir, "dev", "HEAD~1", "HEAD")), [
    "changes! the stack file: okta:apiToken: encrypted value 47794c0daef3 becomes encrypted value 22d5ec8da3d4",
    "changes! the stack file: okta:clientId set to ",
    'changes! the stack file: okta:scopes: ["okta.groups.read","\\u003cb\\u003e"] becomes ["okta.groups.manage","\\u003cb\\u003e"]',
  ]);
  // A project key declared without a default that the stack does not set is where Pulumi stops: listed.
  repo.commit("required key", { "Pulumi.yaml": `${PROJECT}config:\n  handoffDeployer:\n    type: string\n  accessFile:\n    type: string\n` });
  assert.deepEqual(resolveStackConfig(projectFilesAtRevision(repo.dir, "HEAD"), "dev").missingKeys, ["handoffDeployer"]);
});

test("config: ESC environments a stack file imports open the comment as critical, one banner each, in every form Pulumi reads", (t) => {
  const repo = repoWith(t, {});
  repo.commit("environments", { "Pulumi.dev.yaml": `${STACK}environment:\n  - payments/prod\n  - shared\n` });
  const outcome = compareStack(repo.dir, "dev", "HEAD~1", "HEAD");
  assert.deepEqual(outcome.context, { stack: "dev", baseRef: "HEAD~1", basePath: "access/dev.yaml", headPath: "access/dev.yaml", environments: ["payments/prod", "shared"] });
  assert.deepEqual(changesOf(outcome), []);
  assert.equal(
    renderDiffMarkdown(outcome),
    [
      "<!-- duplocloud-okta-access-diff:dev -->",
      "## Access changes for stack `dev`",
      "",
      "> ⚠️ **critical: values from ESC environment `payments/prod` are not reviewed here.** The stack file imports it; Pulumi merges its settings under the stack's own at every run.",
      "",
      "> ⚠️ **critical: values from ESC environment `shared` are not reviewed here.** The stack file imports it; Pulumi merges its settings under the stack's own at every run.",
      "",
      "`access/dev.yaml` compared with `HEAD~1`.",
      "",
      "No change of access.",
      "",
    ].join("\n"),
  );
  // An environment definition: named imports (with options or not) and inline values.
  repo.commit("definition", {
    "Pulumi.dev.yaml": `${STACK}environment:\n  imports:\n    - base\n    - secrets: {merge: false}\n  values:\n    pulumiConfig:\n      duplocloud:host: https://duplo.attacker.example\n`,
  });
  assert.deepEqual(compareStack(repo.dir, "dev", "HEAD~2", "HEAD").context.environments, ["base", "inline values", "secrets"]);
  // The other commands warn about them (and about keys Pulumi would stop on) rather than showing the stack as if they were not there.
  assert.deepEqual(unresolvedWarnings(resolveStackConfig(projectFilesAtRevision(repo.dir, "HEAD"), "dev")), [
    'Pulumi.dev.yaml imports ESC environment "base": its values are not read here, and Pulumi merges them under the stack\'s own',
    'Pulumi.dev.yaml imports ESC environment "secrets": its values are not read here, and Pulumi merges them under the stack\'s own',
    'Pulumi.dev.yaml imports ESC environment "inline values": its values are not read here, and Pulumi merges them under the stack\'s own',
  ]);
});

test("code: a change to the program, the policy pack, the dependencies, the workflows or how Pulumi runs the program opens the comment as critical", (t) => {
  const repo = repoWith(t, { "src/access/model.ts": "export {};\n", "policy/index.ts": "export {};\n", "package.json": "{}\n", "README.md": "read me\n" });
  repo.commit("code", {
    "src/access/model.ts": "export const administrators = ['mallory@evil.example'];\n",
    "policy/index.ts": null,
    "package.json": '{"dependencies": {"left-pad": "1.0.0"}}\n',
    "package-lock.json": "{}\n",
    ".github/workflows/evil.yml": "on: push\n",
    "Pulumi.yaml": "name: duplocloud-okta-access\nruntime:\n  name: nodejs\n  options:\n    nodeargs: --require ./evil.js\nmain: src/evil.ts\ndescription: only words\n",
    "README.md": "words only\n",
  });
  const outcome = compareStack(repo.dir, "dev", "HEAD~1", "HEAD");
  assert.deepEqual(outcome.context.codeChanges, [
    "Pulumi.yaml: main, runtime",
    ".github/workflows/evil.yml",
    "package-lock.json",
    "package.json",
    "policy/index.ts",
    "src/access/model.ts",
  ]);
  assert.deepEqual(changesOf(outcome), []);
  assert.deepEqual(renderDiffMarkdown(outcome).split("\n").slice(3, 11), [
    "> ⚠️ **critical: 6 changes outside the access data.** The program, the policy pack, the dependencies, the workflows or how Pulumi runs the program change; this diff does not show what they do to access. Review them before approving:",
    "> - `Pulumi.yaml: main, runtime`",
    "> - `.github/workflows/evil.yml`",
    "> - `package-lock.json`",
    "> - `package.json`",
    "> - `policy/index.ts`",
    "> - `src/access/model.ts`",
    "",
  ]);
  // Against the working tree, an untracked file of the program counts too.
  writeFileSync(path.join(repo.dir, "src/backdoor.ts"), "export {};\n");
  assert.deepEqual(compareStack(repo.dir, "dev", "HEAD").context.codeChanges, ["src/backdoor.ts"]);
});

test("git: only a path the revision does not list is absent; an object git cannot read fails the diff, never reads as a deleted file", (t) => {
  const repo = repoWith(t, {});
  repo.commit("pull request", { "access/dev.yaml": ADMIN_ADDED });
  const blob = execFileSync("git", ["rev-parse", "HEAD:access/dev.yaml"], { cwd: repo.dir, encoding: "utf8" }).trim();
  rmSync(path.join(repo.dir, ".git", "objects", blob.slice(0, 2), blob.slice(2)));
  const message = `git could not read access/dev.yaml at HEAD (Command failed: git cat-file blob ${blob}); the diff is not trustworthy without it`;
  assert.throws(
    () => compareStack(repo.dir, "dev", "HEAD~1", "HEAD"),
    (error) => error instanceof GitReadError && error.message === message,
  );
});

test("git: a project in a sub-folder of its repository is read relative to itself; the repository's .github/ still counts", (t) => {
  const repo = gitRepo({
    "proj/Pulumi.yaml": PROJECT,
    "proj/Pulumi.dev.yaml": STACK.replace("access/dev.yaml", "access/*.yaml"),
    "proj/access/*.yaml": VALID_ACCESS_FILE,
    "proj/access/dev.yaml": ADMIN_ADDED,
  });
  t.after(() => rmSync(repo.dir, { recursive: true, force: true }));
  repo.commit("pull request", { "proj/access/*.yaml": ADMIN_ADDED, ".github/workflows/evil.yml": "on: push\n", "src/elsewhere.ts": "outside the project\n" });
  const outcome = compareStack(path.join(repo.dir, "proj"), "dev", "HEAD~1", "HEAD");
  assert.deepEqual(outcome.context, { stack: "dev", baseRef: "HEAD~1", basePath: "access/*.yaml", headPath: "access/*.yaml", codeChanges: [".github/workflows/evil.yml"] });
  assert.deepEqual(changesOf(outcome), MALLORY_ADMIN);
});
