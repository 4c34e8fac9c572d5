import { test } from "node:test";
import assert from "node:assert/strict";
import { symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { Parser, type Node } from "commonmark";
import { diffAccess, type AccessChange } from "../../src/review/diff";
import { renderDiffMarkdown } from "../../src/review/diff-render";
import { compareStack } from "../../src/review/compare-revisions";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";
import { gitRepo } from "../support/git-repo";

/*
 * Each widening a hostile pull request could hide (issue: review you can trust), with the whole
 * diff it must produce: what changes, in which direction, and that it is critical.
 */

const BASE = VALID_ACCESS_FILE;
const diff = (head: string, base = BASE) => diffAccess(modelOf(base), modelOf(head)).changes;
const change = (fields: Partial<AccessChange> & Pick<AccessChange, "direction" | "kind" | "subject" | "summary">): AccessChange => ({ critical: true, owners: [], ...fields });

test("widening: the portal moved to another host is a critical widening", () => {
  assert.deepEqual(diff(BASE.replace("https://acme.duplocloud.net", "https://acme.duplocloud.evil.example")), [
    change({
      kind: "portal",
      direction: "widens",
      subject: "the DuploCloud portal",
      summary: "portal: https://acme.duplocloud.net becomes https://acme.duplocloud.evil.example (sign-in, the DuploCloud token and the Okta secrets go there)",
      before: "https://acme.duplocloud.net",
      after: "https://acme.duplocloud.evil.example",
    }),
  ]);
});

test("widening: tenant prefixes swapped show every prefix and group name that moves, each critical; the read-only ones taking the read-write name widen", () => {
  const swapped = `${BASE}groupNaming:\n  tenantReadWritePrefix: duplo-ro-\n  tenantReadOnlyPrefix: duploservices-\n`;
  assert.deepEqual(diff(swapped), [
    change({
      kind: "group-prefix",
      direction: "widens",
      subject: "group naming",
      summary: "tenantReadOnlyPrefix: duplo-ro- becomes duploservices-, the prefix DuploCloud reads today as read-write",
      before: "duplo-ro-",
      after: "duploservices-",
    }),
    change({
      kind: "group-name",
      direction: "widens",
      subject: "tenant qa01 read-only group",
      summary: "Okta group name: duplo-ro-qa01 becomes duploservices-qa01, which DuploCloud reads today as tenant qa01: read-write",
      before: "duplo-ro-qa01",
      after: "duploservices-qa01",
    }),
    change({
      kind: "group-prefix",
      direction: "changes",
      subject: "group naming",
      summary: "tenantReadWritePrefix: duploservices- becomes duplo-ro-",
      before: "duploservices-",
      after: "duplo-ro-",
    }),
    change({
      kind: "group-name",
      direction: "changes",
      subject: "tenant dev01 read-write group",
      summary: "Okta group name: duploservices-dev01 becomes duplo-ro-dev01",
      before: "duploservices-dev01",
      after: "duplo-ro-dev01",
    }),
  ]);
});

test("widening: a role group renamed, and a team prefix changed, are critical name changes", () => {
  assert.deepEqual(diff(BASE.replace("  readOnly:\n", "  readOnly:\n    name: everyone-can-read\n")), [
    change({
      kind: "group-name",
      direction: "changes",
      subject: "platform role readOnly",
      summary: "Okta group name: duplo-readonly becomes everyone-can-read",
      before: "duplo-readonly",
      after: "everyone-can-read",
    }),
  ]);
  const teamPrefix = diff(`${BASE}groupNaming:\n  teamPrefix: squad-\n`);
  assert.deepEqual(
    teamPrefix.map((c) => [c.direction, c.critical, c.subject, c.summary]),
    [
      ["changes", true, "group naming", "teamPrefix: duplo-team- becomes squad-"],
      ["changes", true, "team oncall", "Okta group name: duplo-team-oncall becomes squad-oncall"],
      ["changes", true, "team payments", "Okta group name: duplo-team-payments becomes squad-payments"],
    ],
  );
});

test("widening: adopting an existing group for the administrators is critical, and so is letting it go", () => {
  const adopted = BASE.replace("  administrators:\n", "  administrators:\n    importId: 00g1abcdEFGH2345ijk7\n");
  const adopt = change({
    kind: "adoption",
    direction: "widens",
    subject: "platform role administrators",
    summary: "adopts the existing Okta group 00g1abcdEFGH2345ijk7: whoever is in it today stays in it",
    after: "00g1abcdEFGH2345ijk7",
  });
  assert.deepEqual(diff(adopted), [adopt]);
  assert.deepEqual(diff(BASE, adopted), [
    change({
      kind: "adoption",
      direction: "changes",
      subject: "platform role administrators",
      summary:
        "no longer adopts the existing Okta group 00g1abcdEFGH2345ijk7: the stack then owns it, so a group of explicit members loses whoever the file does not name on the next up, and dropping its entry deletes it",
      before: "00g1abcdEFGH2345ijk7",
    }),
  ]);
  const other = adopted.replace("00g1abcdEFGH2345ijk7", "00g1abcdEFGH2345ijk8");
  assert.deepEqual(diff(other, adopted), [
    change({
      kind: "adoption",
      direction: "changes",
      subject: "platform role administrators",
      summary: "adopted Okta group: 00g1abcdEFGH2345ijk7 becomes 00g1abcdEFGH2345ijk8",
      before: "00g1abcdEFGH2345ijk7",
      after: "00g1abcdEFGH2345ijk8",
    }),
  ]);
  // The app and accounts are adopted the same way.
  const app = BASE.replace("roles:\n", "okta:\n  app:\n    importId: 0oa1abcdEFGH2345ijk7\nroles:\n");
  assert.deepEqual(diff(app), [
    change({
      kind: "adoption",
      direction: "widens",
      subject: "the DuploCloud app",
      summary: "adopts the existing Okta app 0oa1abcdEFGH2345ijk7: the stack takes it over as it is",
      after: "0oa1abcdEFGH2345ijk7",
    }),
  ]);
});

const LIN = (status: string) => `  - email: lin@acme.example\n    firstName: Lin\n    lastName: Wei\n    status: ${status}\n    importId: 00u1abcdEFGH2345ijk7\n`;
const withLin = (status: string, inAdministrators: boolean) =>
  `${BASE.replace("    members: [ada@acme.example, grace@acme.example]\n", `    members: [ada@acme.example, grace@acme.example${inAdministrators ? ", lin@acme.example" : ""}]\n`)}${LIN(status)}`;

test("widening: an account going from SUSPENDED to ACTIVE gains what its groups give; critical for an administrator", () => {
  const status = (direction: AccessChange["direction"], critical: boolean, from: string, to: string) =>
    change({ kind: "account-status", direction, critical, subject: "lin@acme.example", summary: `account status: ${from} becomes ${to}`, before: from, after: to });
  assert.deepEqual(diff(withLin("ACTIVE", true), withLin("SUSPENDED", true)), [status("widens", true, "SUSPENDED", "ACTIVE")]);
  assert.deepEqual(diff(withLin("SUSPENDED", true), withLin("ACTIVE", true)), [status("narrows", true, "ACTIVE", "SUSPENDED")]);
  assert.deepEqual(diff(withLin("ACTIVE", false), withLin("SUSPENDED", false)), [status("widens", false, "SUSPENDED", "ACTIVE")]);
  assert.deepEqual(diff(withLin("DEPROVISIONED", false), withLin("SUSPENDED", false)), [status("changes", false, "SUSPENDED", "DEPROVISIONED")]);
});

test("widening: a service app's key pointed elsewhere is a critical widening: who can act as the app changes", () => {
  const app = (uri: string) => `${BASE}apiAccess:\n  serviceApps:\n    - name: sync\n      scopes: [okta.users.read]\n      publicKey: { jwksUri: ${uri} }\n`;
  assert.deepEqual(diff(app("https://keys.attacker.example/jwks.json"), app("https://keys.acme.example/jwks.json")), [
    change({
      kind: "service-app-key",
      direction: "widens",
      subject: "service app sync",
      summary: "public key: https://keys.acme.example/jwks.json becomes https://keys.attacker.example/jwks.json (whoever holds its private key acts as the app)",
      before: "https://keys.acme.example/jwks.json",
      after: "https://keys.attacker.example/jwks.json",
    }),
  ]);
});

test("widening: a rule made to match everyone widens, critically, and says so", () => {
  const team = (rule: string) => BASE.replace('rule: user.department == "Payments"', `rule: ${rule}`);
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['user.department == "Payments" OR true', "membership rule changes to a rule that matches everyone"],
    ['isMemberOfGroupNameStartsWith("")', "membership rule changes to a rule that matches everyone"],
    ['!isMemberOfGroup("00g1abcdEFGH2345ijk7")', "membership rule changes to a rule that matches nearly everyone (it only excludes)"],
    ['isMemberOfGroupName("Everyone")', "membership rule changes to a rule that matches everyone"],
    [
      "String.len(user.login) > 0",
      "membership rule changes to a rule that is not proven narrow (no term selects by an attribute equal to a value or by a named group other than Everyone)",
    ],
  ];
  // The file's own accounts (ada, grace) are evaluated too: a rule that lets them in gives them dev01.
  const letsInAccounts = [
    change({ kind: "tenant", direction: "widens", critical: false, subject: "ada@acme.example", summary: "gains tenant dev01: read-write" }),
    change({ kind: "tenant", direction: "widens", critical: false, subject: "grace@acme.example", summary: "gains tenant dev01: read-write" }),
    change({ kind: "rule-match", direction: "widens", critical: false, subject: "team payments", summary: "lets in account ada@acme.example through its rule" }),
    change({ kind: "rule-match", direction: "widens", critical: false, subject: "team payments", summary: "lets in account grace@acme.example through its rule" }),
  ];
  const mayLetIn = (email: string) =>
    change({
      kind: "rule-match",
      direction: "widens",
      critical: false,
      subject: "team payments",
      summary: `may let in account ${email} through its rule (isMemberOfGroup needs group memberships, which the access file does not hold in full)`,
    });
  // Ada is in oncall, a group whose Okta ID is not known before it exists: an ID test cannot be settled for her.
  const effects: Readonly<Record<string, readonly AccessChange[]>> = {
    '!isMemberOfGroup("00g1abcdEFGH2345ijk7")': [mayLetIn("ada@acme.example"), mayLetIn("grace@acme.example")],
  };
  for (const [rule, summary] of cases) {
    assert.deepEqual(
      diff(team(`'${rule}'`)),
      [
        change({ kind: "rule", direction: "widens", subject: "team payments", summary, before: 'user.department == "Payments"', after: rule }),
        ...(effects[rule] ?? letsInAccounts),
      ],
      rule,
    );
  }
  // A narrower rule is to be read, and not critical on a team.
  assert.deepEqual(diff(team('\'user.department == "Payments" AND user.title != "Intern"\'')), [
    change({
      kind: "rule",
      direction: "changes",
      critical: false,
      subject: "team payments",
      summary: "membership rule changes",
      before: 'user.department == "Payments"',
      after: 'user.department == "Payments" AND user.title != "Intern"',
    }),
  ]);
  // A new team filled by a rule that matches everyone.
  const added = `${BASE.replace("users:\n", '  - name: all\n    rule: "true"\nusers:\n')}`;
  assert.deepEqual(diff(added), [
    change({ kind: "rule", direction: "widens", subject: "team all", summary: "is now also filled by a rule that matches everyone", after: "true" }),
    change({ kind: "rule-match", direction: "widens", critical: false, subject: "team all", summary: "lets in account ada@acme.example through its rule" }),
    change({ kind: "rule-match", direction: "widens", critical: false, subject: "team all", summary: "lets in account grace@acme.example through its rule" }),
  ]);
});

test("widening: every change to the readOnly role is critical", () => {
  assert.deepEqual(diff(BASE.replace('rule: user.department == "Engineering"', 'rule: user.department == "Engineering" OR user.department == "QA"')), [
    change({
      kind: "rule",
      direction: "changes",
      subject: "platform role readOnly",
      summary: "membership rule changes",
      before: 'user.department == "Engineering"',
      after: 'user.department == "Engineering" OR user.department == "QA"',
    }),
  ]);
  const member = BASE.replace('    rule: user.department == "Engineering"\n', '    rule: user.department == "Engineering"\n    members: [ada@acme.example]\n');
  assert.deepEqual(
    diff(member).map((c) => [c.direction, c.critical, c.subject, c.summary]),
    [
      ["widens", true, "ada@acme.example", "gains DuploCloud read-only platform user"],
      ["widens", true, "platform role readOnly", "gains member ada@acme.example"],
    ],
  );
});

const stackFile = (lines: string) => `config:\n  duplocloud-okta-access:accessFile: access/dev.yaml\n  okta:orgName: acme\n${lines}`;

test("widening: changes in Pulumi.<stack>.yaml are access changes; retry tuning is shown but not critical", () => {
  const repo = gitRepo({
    "Pulumi.dev.yaml": stackFile(
      "  duplocloud-okta-access:handoffReaders:\n    - arn:aws:iam::123456789012:role/duplocloud-admins\n  okta:maxRetries: 5\n  duplocloud:token:\n    secure: v1:AAAA\n",
    ),
    "access/dev.yaml": BASE,
  });
  writeFileSync(
    path.join(repo.dir, "Pulumi.dev.yaml"),
    stackFile(
      "  duplocloud-okta-access:handoffReaders:\n    - arn:aws:iam::123456789012:role/duplocloud-admins\n    - arn:aws:iam::999999999999:root\n  okta:maxRetries: 9\n  duplocloud:token:\n    secure: v1:BBBB\n  duplocloud:host: https://other.duplocloud.net\n  duplocloud-okta-access:duplocloudSettings: experimental\n",
    ),
  );
  const outcome = compareStack(repo.dir, "dev", "HEAD");
  assert.equal(outcome.kind, "compared");
  if (outcome.kind !== "compared") return;
  const setting = (summary: string, critical = true) => [critical, summary];
  assert.deepEqual(
    outcome.diff.changes.map((c) => [c.critical, c.summary]),
    [
      setting("duplocloud-okta-access:duplocloudSettings set to experimental"),
      setting(
        'duplocloud-okta-access:handoffReaders: ["arn:aws:iam::123456789012:role/duplocloud-admins"] becomes ["arn:aws:iam::123456789012:role/duplocloud-admins","arn:aws:iam::999999999999:root"]',
      ),
      setting("duplocloud:host set to https://other.duplocloud.net"),
      setting("duplocloud:token: encrypted value 47794c0daef3 becomes encrypted value 22d5ec8da3d4"),
      setting("okta:maxRetries: 5 becomes 9", false),
    ],
  );
  // The ciphertext itself is never shown.
  assert.equal(JSON.stringify(outcome.diff).includes("v1:BBBB"), false);
});

test("widening: pointing accessFile elsewhere is a critical change; outside the project or through a symlink it is refused", () => {
  const repo = gitRepo({ "Pulumi.dev.yaml": stackFile(""), "access/dev.yaml": BASE, "access/other.yaml": BASE });
  writeFileSync(path.join(repo.dir, "Pulumi.dev.yaml"), stackFile("").replace("access/dev.yaml", "access/other.yaml"));
  const moved = compareStack(repo.dir, "dev", "HEAD");
  assert.equal(moved.kind, "compared");
  if (moved.kind !== "compared") return;
  assert.deepEqual(
    moved.diff.changes.map((c) => [c.direction, c.critical, c.summary]),
    [["changes", true, "duplocloud-okta-access:accessFile: access/dev.yaml becomes access/other.yaml"]],
  );
  const refused = (setting: string) => {
    writeFileSync(path.join(repo.dir, "Pulumi.dev.yaml"), stackFile("").replace("access/dev.yaml", setting));
    try {
      compareStack(repo.dir, "dev", "HEAD");
    } catch (error) {
      return (error as Error).message;
    }
    return "accepted";
  };
  symlinkSync(path.join(repo.dir, "access/dev.yaml"), path.join(repo.dir, "access/link.yaml"));
  assert.deepEqual(["../../proc/self/environ.yaml", "/etc/passwd.yaml", "access/key.pem", "access/link.yaml", '"access/dev.yaml\\n"'].map(refused), [
    'Pulumi.dev.yaml: duplocloud-okta-access:accessFile "../../proc/self/environ.yaml" leads outside the project; keep the access file inside it, e.g. access/dev.yaml',
    'Pulumi.dev.yaml: duplocloud-okta-access:accessFile "/etc/passwd.yaml" is an absolute path; write it relative to the project, e.g. access/dev.yaml',
    'Pulumi.dev.yaml: duplocloud-okta-access:accessFile "access/key.pem" is not a .yaml or .yml file',
    'Pulumi.dev.yaml: duplocloud-okta-access:accessFile "access/link.yaml" goes through the symlink "access/link.yaml"; name the file itself',
    'Pulumi.dev.yaml: duplocloud-okta-access:accessFile "access/dev.yaml�" contains a control character or a line break',
  ]);
});

/** The text of each list item of rendered Markdown, as a CommonMark parser reads it. */
function listItems(markdown: string): string[] {
  const items: string[] = [];
  const walker = new Parser().parse(markdown).walker();
  let event;
  while ((event = walker.next())) {
    if (!event.entering || event.node.type !== "item") continue;
    items.push(textOf(event.node.firstChild!));
  }
  return items;
}

function textOf(node: Node): string {
  let text = "";
  const walker = node.walker();
  let event;
  while ((event = walker.next())) {
    if (event.entering && (event.node.type === "text" || event.node.type === "code")) text += event.node.literal;
    if (event.entering && (event.node.type === "html_inline" || event.node.type === "html_block")) text += `<<HTML ${event.node.literal}>>`;
  }
  return text;
}

test("rendering: a hostile rule string or path cannot hide the lines after it", () => {
  const hostile = "`<!-- ";
  const head =
    BASE.replace('rule: user.department == "Payments"', `rule: 'user.department == "${hostile}"'`).replace(
      "    members: [ada@acme.example, grace@acme.example]\n",
      "    members: [ada@acme.example, grace@acme.example, lin@acme.example]\n",
    ) + LIN("ACTIVE");
  const outcome = {
    kind: "compared" as const,
    context: { stack: "dev", baseRef: "main", basePath: "access/dev-`<!--.yaml", headPath: "access/dev-`<!--.yaml" },
    diff: diffAccess(modelOf(BASE), modelOf(head)),
  };
  const markdown = renderDiffMarkdown(outcome);
  const items = listItems(markdown);
  // Every change is still a list item, in full, and no HTML came through.
  assert.deepEqual(items, [
    "⚠️ critical lin@acme.example adopts the existing Okta user 00u1abcdEFGH2345ijk7: the stack takes over that account's profile",
    "⚠️ critical lin@acme.example gains DuploCloud Administrator (every tenant)",
    "⚠️ critical platform role administrators gains member lin@acme.example",
    "team payments membership rule changes",
    'before: user.department == "Payments"',
    `after: user.department == "${hostile}"`,
  ]);
  assert.equal(markdown.includes("<<HTML"), false);
  assert.equal(new Parser().parse(markdown).firstChild!.next!.next!.type, "paragraph");
});

test("diff --head: the pull request's side is read from git as data, with the same checks as the working tree", () => {
  const repo = gitRepo({ "Pulumi.dev.yaml": stackFile(""), "access/dev.yaml": BASE });
  repo.commit("pull request", { "access/dev.yaml": BASE.replace("        level: read-only\n", "        level: read-write\n") });
  // The working tree is reset to the base: only the revision can show the change.
  const outcome = compareStack(repo.dir, "dev", "HEAD~1", "HEAD");
  assert.equal(outcome.kind, "compared");
  if (outcome.kind !== "compared") return;
  assert.deepEqual(outcome.context, { stack: "dev", baseRef: "HEAD~1", basePath: "access/dev.yaml", headPath: "access/dev.yaml" });
  assert.deepEqual(
    outcome.diff.changes.map((c) => `${c.direction} ${c.subject} ${c.summary}`),
    ["widens ada@acme.example tenant qa01: read-only becomes read-write", "widens team oncall tenant qa01: read-only becomes read-write"],
  );
  // A symlinked access file at the head revision is refused, not followed.
  symlinkSync("dev.yaml", path.join(repo.dir, "access/link.yaml"));
  repo.commit("symlink", { "Pulumi.dev.yaml": stackFile("").replace("access/dev.yaml", "access/link.yaml") });
  assert.throws(() => compareStack(repo.dir, "dev", "HEAD~2", "HEAD"), {
    message: 'Pulumi.dev.yaml at HEAD: duplocloud-okta-access:accessFile "access/link.yaml" is a symlink; name the file itself',
  });
  assert.throws(() => compareStack(repo.dir, "dev`<!--", "HEAD~2", "HEAD"), { message: "--stack must be a stack name (letters, digits, '.', '_', '-'), not \"dev`<!--\"" });
});
