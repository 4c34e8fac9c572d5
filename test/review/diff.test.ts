import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync, rmSync, renameSync } from "node:fs";
import * as path from "node:path";
import { gitRepo } from "../support/git-repo";
import { diffAccess, type AccessChange } from "../../src/review/diff";
import { renderDiffMarkdown } from "../../src/review/diff-render";
import { compareStack } from "../../src/review/compare-revisions";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

const BASE = VALID_ACCESS_FILE.replace("  - name: payments\n", "  - name: payments\n    owners: [lead@acme.example]\n");
const lines = (changes: readonly AccessChange[]) => changes.map((c) => `${c.direction}${c.critical ? "!" : ""} ${c.subject} ${c.summary}`);
const diff = (head: string, base = BASE) => diffAccess(modelOf(base), modelOf(head));

test("diff: no change reads as none", () => {
  assert.deepEqual(diff(BASE).changes, []);
});

test("diff: a team gains a tenant; its owners must approve", () => {
  const head = BASE.replace("        level: read-write\n  - name: oncall", "        level: read-write\n      - { tenant: qa01, level: read-only }\n  - name: oncall");
  const result = diff(head);
  assert.deepEqual(lines(result.changes), ["widens team payments gains tenant qa01: read-only"]);
  assert.deepEqual(result.approvers, ["lead@acme.example"]);
});

test("diff: a team loses a tenant, and so do its named members", () => {
  const head = BASE.replace('    access:\n      - tenant: qa01\n        level: read-only\n        expires: "2026-12-31"\n', "");
  assert.deepEqual(lines(diff(head).changes), ["narrows ada@acme.example loses tenant qa01: read-only", "narrows team oncall loses tenant qa01: read-only"]);
});

test("diff: a new grant with an expiry says until when", () => {
  const head = BASE.replace(
    "        level: read-write\n  - name: oncall",
    '        level: read-write\n      - { tenant: qa01, level: read-only, expires: "2026-08-31" }\n  - name: oncall',
  );
  assert.deepEqual(lines(diff(head).changes), ["widens team payments gains tenant qa01: read-only until 2026-08-31"]);
});

test("diff: read-only becomes read-write widens; back narrows", () => {
  const head = BASE.replace("        level: read-only", "        level: read-write");
  assert.deepEqual(lines(diff(head).changes), [
    "widens ada@acme.example tenant qa01: read-only becomes read-write",
    "widens team oncall tenant qa01: read-only becomes read-write",
  ]);
  assert.deepEqual(lines(diff(BASE, head).changes), [
    "narrows ada@acme.example tenant qa01: read-write becomes read-only",
    "narrows team oncall tenant qa01: read-write becomes read-only",
  ]);
});

test("diff: giving the administrator role is critical and comes first", () => {
  const head =
    BASE.replace("    members: [ada@acme.example, grace@acme.example]", "    members: [ada@acme.example, grace@acme.example, alan@acme.example]").replace(
      "        level: read-only",
      "        level: read-write",
    ) + "  - email: alan@acme.example\n    firstName: Alan\n    lastName: Turing\n";
  const changes = lines(diff(head).changes);
  assert.deepEqual(changes.slice(0, 3), [
    "widens! alan@acme.example gains DuploCloud Administrator (every tenant)",
    "widens! alan@acme.example is created as an ACTIVE Okta account (login alan@acme.example, email alan@acme.example, firstName Alan, lastName Turing): it can sign in",
    "widens! platform role administrators gains member alan@acme.example",
  ]);
  assert.match(
    renderDiffMarkdown({ kind: "compared", context: { stack: "dev", baseRef: "main", basePath: "a.yaml", headPath: "a.yaml" }, diff: diff(head) }),
    /- ⚠️ \*\*critical\*\* \*\*alan@acme\.example\*\* gains DuploCloud Administrator/,
  );
});

test("diff: taking a platform role away", () => {
  const head = BASE.replace(
    '  readOnly:\n    rule: user.department == "Engineering"\n',
    '  readOnly:\n    rule: user.department == "Engineering"\n  securityAdmins:\n    members: [grace@acme.example]\n',
  );
  assert.deepEqual(lines(diff(head).changes), [
    "widens! grace@acme.example gains DuploCloud SecurityAdmin",
    "widens! platform role securityAdmins gains member grace@acme.example",
  ]);
  assert.deepEqual(lines(diff(BASE, head).changes), [
    "narrows! grace@acme.example loses DuploCloud SecurityAdmin",
    "narrows! platform role securityAdmins loses member grace@acme.example",
  ]);
});

test("diff: Okta admin roles given and taken are critical", () => {
  const head = `${BASE}oktaAdminRoles:\n  - { role: HELP_DESK_ADMIN, team: oncall, targets: { teams: [payments] } }\n`;
  assert.deepEqual(lines(diff(head).changes), [
    "widens! ada@acme.example gains Okta admin role HELP_DESK_ADMIN",
    "widens! team oncall gains Okta admin role HELP_DESK_ADMIN: over team payments",
  ]);
  assert.deepEqual(lines(diff(BASE, head).changes), [
    "narrows! ada@acme.example loses Okta admin role HELP_DESK_ADMIN",
    "narrows! team oncall loses Okta admin role HELP_DESK_ADMIN: over team payments",
  ]);
});

test("diff: API scopes added and removed, each critical", () => {
  const app = (scopes: string, extra = "") =>
    `${BASE}apiAccess:\n  serviceApps:\n    - name: sync\n      scopes: [${scopes}]\n${extra}      publicKey: { jwksUri: https://keys.acme.example/jwks.json }\n`;
  const result = diffAccess(
    modelOf(app("okta.users.read, okta.groups.read")),
    modelOf(app("okta.users.read, okta.groups.manage", "      justification: fixing memberships during the migration\n")),
  );
  assert.deepEqual(lines(result.changes), ["widens! service app sync gains scope okta.groups.manage", "narrows! service app sync loses scope okta.groups.read"]);
});

test("diff: a rule's expression change shows old and new side by side", () => {
  const head = BASE.replace('rule: user.department == "Payments"', 'rule: user.department == "Payments" OR user.department == "Billing"');
  const result = diff(head);
  assert.deepEqual(
    result.changes.map((c) => [c.direction, c.subject, c.summary, c.before, c.after]),
    [["changes", "team payments", "membership rule changes", 'user.department == "Payments"', 'user.department == "Payments" OR user.department == "Billing"']],
  );
  const markdown = renderDiffMarkdown({ kind: "compared", context: { stack: "dev", baseRef: "main", basePath: "a.yaml", headPath: "a.yaml" }, diff: result });
  assert.match(
    markdown,
    /### To read[^\n]*\n\n- \*\*team payments\*\* membership rule changes\n {2}- before: `user\.department == "Payments"`\n {2}- after: `user\.department == "Payments" OR user\.department == "Billing"`/,
  );
});

test("diff: an expiry added narrows, moved later widens, removed widens", () => {
  const added = BASE.replace("        level: read-write\n  - name: oncall", '        level: read-write\n        expires: "2026-09-30"\n  - name: oncall');
  assert.deepEqual(lines(diff(added).changes), ["narrows team payments gets an expiry: tenant dev01 until 2026-09-30"]);
  const moved = BASE.replace('expires: "2026-12-31"', 'expires: "2027-03-31"');
  assert.deepEqual(lines(diff(moved).changes), ["widens team oncall tenant qa01: expiry moves from 2026-12-31 to 2027-03-31"]);
  const earlier = BASE.replace('expires: "2026-12-31"', 'expires: "2026-07-31"');
  assert.deepEqual(lines(diff(earlier).changes), ["narrows team oncall tenant qa01: expiry moves from 2026-12-31 to 2026-07-31"]);
  const removed = BASE.replace('        expires: "2026-12-31"\n', "");
  assert.deepEqual(lines(diff(removed).changes), ["widens team oncall loses its expiry: tenant qa01 no longer ends on 2026-12-31"]);
});

test("diff: MFA turned off is a critical widening", () => {
  const head = BASE.replace("roles:", "okta:\n  app:\n    signOn: { mfa: not-required }\nroles:");
  assert.deepEqual(lines(diff(head).changes), ["widens! the DuploCloud app MFA at sign-in: required becomes not-required"]);
});

test("diff: the output is the same whatever the order of the file", () => {
  const head = BASE.replace("    members: [ada@acme.example, grace@acme.example]", "    members: [grace@acme.example, ada@acme.example]");
  assert.deepEqual(diff(head).changes, []);
});

const stackFile = (accessFile: string) => `config:\n  duplocloud-okta-access:accessFile: ${accessFile}\n  okta:orgName: acme\n`;

test("diff command: compares a git revision with the working tree, including renames", () => {
  const repo = gitRepo({ "Pulumi.dev.yaml": stackFile("access/dev.yaml"), "access/dev.yaml": BASE });
  mkdirSync(path.join(repo.dir, "envs"));
  renameSync(path.join(repo.dir, "access/dev.yaml"), path.join(repo.dir, "envs/dev.yaml"));
  writeFileSync(path.join(repo.dir, "envs/dev.yaml"), BASE.replace("        level: read-only", "        level: read-write"));
  writeFileSync(path.join(repo.dir, "Pulumi.dev.yaml"), stackFile("envs/dev.yaml"));
  const outcome = compareStack(repo.dir, "dev", "HEAD");
  assert.equal(outcome.kind, "compared");
  assert.deepEqual(outcome.context, { stack: "dev", baseRef: "HEAD", basePath: "access/dev.yaml", headPath: "envs/dev.yaml" });
  const markdown = renderDiffMarkdown(outcome);
  assert.match(markdown, /`access\/dev\.yaml` \(at `HEAD`\) is renamed to `envs\/dev\.yaml`/);
  assert.match(markdown, /team oncall\*\* tenant qa01: read-only becomes read-write/);
});

test("diff command: a new file is all gains, a deleted file all losses", () => {
  const repo = gitRepo({ "Pulumi.dev.yaml": stackFile("access/dev.yaml") });
  writeFileSync(path.join(repo.dir, "access.yaml"), "");
  mkdirSync(path.join(repo.dir, "access"));
  writeFileSync(path.join(repo.dir, "access/dev.yaml"), BASE);
  const added = compareStack(repo.dir, "dev", "HEAD");
  assert.equal(added.kind, "compared");
  if (added.kind !== "compared") return;
  assert.ok(added.diff.changes.every((c) => c.direction !== "narrows"));
  assert.ok(added.diff.changes.some((c) => c.summary === "gains DuploCloud Administrator (every tenant)"));
  assert.match(renderDiffMarkdown(added), /`access\/dev\.yaml` is new \(not at `HEAD`\)/);

  repo.commit("add", {});
  rmSync(path.join(repo.dir, "access/dev.yaml"));
  const deleted = compareStack(repo.dir, "dev", "HEAD");
  assert.equal(deleted.kind, "compared");
  if (deleted.kind !== "compared") return;
  assert.ok(deleted.diff.changes.every((c) => c.direction !== "widens"));
  assert.ok(deleted.diff.changes.some((c) => c.summary === "loses DuploCloud Administrator (every tenant)"));
});

test("diff command: an invalid side is reported with its errors, not compared", () => {
  const repo = gitRepo({ "Pulumi.dev.yaml": stackFile("access/dev.yaml"), "access/dev.yaml": BASE });
  writeFileSync(path.join(repo.dir, "access/dev.yaml"), BASE.replace("    members: [ada@acme.example, grace@acme.example]", "    members: [ada@acme.example]"));
  const outcome = compareStack(repo.dir, "dev", "HEAD");
  assert.equal(outcome.kind, "invalid");
  const markdown = renderDiffMarkdown(outcome);
  assert.match(markdown, /\*\*The head version does not validate, so it was not compared\.\*\*/);
  assert.match(markdown, /access\/dev\.yaml:7:14: roles\.administrators\.members: the administrators group needs at least two/);
});

test("diff command: an unknown base is a usage error", () => {
  const repo = gitRepo({ "Pulumi.dev.yaml": stackFile("access/dev.yaml"), "access/dev.yaml": BASE });
  assert.throws(() => compareStack(repo.dir, "dev", "no-such-branch"), /"no-such-branch" is not a commit in this repository/);
});
