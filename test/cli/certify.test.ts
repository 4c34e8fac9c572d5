import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../../src/cli/common";
import { readDecisions } from "../../src/review/certify-markdown";
import { startSandbox } from "../../src/sandbox";
import { runCli, runCliAsync } from "../support/run-cli";
import { tempDir } from "../support/temp-dir";

/*
 * `npm run certify` on access/dev.yaml, in a scratch copy of the project under git (so --apply can
 * be judged by `git diff`): one review per owner naming every named member of the groups they own;
 * --verify on a half-decided review names exactly the undecided people; --apply removes exactly
 * the people marked remove, nothing else in the file moves; with a snapshot, a person a rule lets
 * in is listed, and removing them puts them in the rule's `except`, after which they are not listed.
 */

const ENV = { ACCESS_TODAY: "2026-12-02" };
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@localhost", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });

function scratchProject(): string {
  const root = tempDir("certify-project-");
  for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml", "access/dev.yaml"]) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    cpSync(path.join(PROJECT_DIR, file), path.join(root, file));
  }
  git(root, "init", "-q");
  git(root, "add", ".");
  git(root, "commit", "-qm", "the reviewed file");
  return root;
}

const certify = (root: string, ...args: string[]) => runCli("certify", ["--stack", "dev", ...args], { ...ENV, ACCESS_PROJECT_DIR: root });

/** Who each review lists, by group and login: `team-platform-oncall alan.turing@acme.example named`. */
function listed(folder: string): Record<string, string[]> {
  return Object.fromEntries(
    readdirSync(folder)
      .filter((name) => name.endsWith(".md"))
      .sort()
      .map((name) => [name, readDecisions(readFileSync(path.join(folder, name), "utf8")).map((line) => `${line.groupKey} ${line.login} ${line.admission}`)]),
  );
}

/** Ticks one box under each person the `decide` function answers for; leaves the others undecided. */
function decide(file: string, decide: (login: string, groupKey: string) => "keep" | "remove" | undefined): void {
  const lines = readFileSync(file, "utf8").split("\n");
  let choice: string | undefined;
  const out = lines.map((line) => {
    const marker = /<!-- certify (\S+) (\S+) \S+ -->$/.exec(line);
    if (marker) choice = decide(decodeURIComponent(marker[2]!), marker[1]!);
    const box = /^ {2}- \[ \] (keep|remove)$/.exec(line);
    return box && box[1] === choice ? line.replace("[ ]", "[x]") : line;
  });
  writeFileSync(file, out.join("\n"));
}

const diffLines = (root: string) =>
  git(root, "diff", "--unified=0", "--no-color", "access/dev.yaml")
    .split("\n")
    .filter((line) => /^[-+](?![-+])/.test(line));

test("certify on access/dev.yaml: one review per owner, each naming every named member of the groups they own, with keep and remove boxes", () => {
  const root = scratchProject();
  const out = path.join(root, "reviews");
  const run = certify(root, "--out", out);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(listed(out), {
    "ada.lovelace@acme.example.md": [
      "team-okta-help-desk grace.hopper@acme.example named",
      "team-platform-oncall alan.turing@acme.example named",
      "team-platform-oncall grace.hopper@acme.example named",
    ],
    "ciso@acme.example.md": [
      "role-administrators ada.lovelace@acme.example named",
      "role-administrators grace.hopper@acme.example named",
      "role-administrators okta-breakglass-dev@acme.example named",
      "role-securityAdmins alan.turing@acme.example named",
    ],
    "lead.data@acme.example.md": ["team-data-science katherine.johnson@acme.example named"],
  });
  const head = git(root, "rev-parse", "HEAD").trim();
  const review = readFileSync(path.join(out, "lead.data@acme.example.md"), "utf8");
  assert.equal(
    review,
    [
      "# Access review: stack `dev`, owner lead.data@acme.example",
      "",
      `Access file access/dev.yaml at commit ${head}.`,
      "",
      "People: the members the file names. Rules were not evaluated (no --directory or --live): the people they let in are not listed.",
      "",
      "GitHub: `@acme-lead-data`.",
      "",
      "Under each person tick exactly one box: **keep** if they still need the access, **remove** if not. Removing someone a rule lets in adds them to the rule's `except` list.",
      "",
      "## team data-science (group duplo-team-data-science)",
      "",
      "Data science, read-only in qa while the migration runs",
      "",
      "Gives: tenant qa01: read-only (until 2099-12-31).",
      "",
      'Rule: `String.startsWith(user.title, "Data") OR user.department == "Analytics"`',
      "",
      "- katherine.johnson@acme.example: tenant qa01: read-only (until 2099-12-31); named in the file (teams\\[data-science\\].members) <!-- certify team-data-science katherine.johnson%40acme.example named -->",
      "  - [ ] keep",
      "  - [ ] remove",
      "",
    ].join("\n"),
  );
  assert.deepEqual(JSON.parse(readFileSync(path.join(out, "owners.json"), "utf8")).reviews, [
    { owner: "ada.lovelace@acme.example", file: "ada.lovelace@acme.example.md", githubLogin: "acme-ada", people: 3 },
    { owner: "ciso@acme.example", file: "ciso@acme.example.md", githubLogin: "acme-ciso", people: 4 },
    { owner: "lead.data@acme.example", file: "lead.data@acme.example.md", githubLogin: "acme-lead-data", people: 1 },
  ]);
});

test("certify --verify names every undecided line (exit 1, nothing written); --apply removes exactly the people marked remove, comments and layout kept", () => {
  const root = scratchProject();
  const out = path.join(root, "reviews");
  assert.equal(certify(root, "--out", out).status, 0);
  // ciso decides everything (grace.hopper leaves the administrators); ada.lovelace decides half.
  decide(path.join(out, "ciso@acme.example.md"), (login) => (login === "grace.hopper@acme.example" ? "remove" : "keep"));
  decide(path.join(out, "ada.lovelace@acme.example.md"), (login, group) =>
    group === "team-platform-oncall" ? (login === "alan.turing@acme.example" ? "remove" : "keep") : undefined,
  );
  decide(path.join(out, "lead.data@acme.example.md"), () => undefined);

  const half = certify(root, "--verify", out, "--apply");
  assert.equal(half.status, 1, half.stderr);
  assert.equal(
    half.stdout,
    [
      "2 review lines not decided:",
      `  ${path.join(out, "ada.lovelace@acme.example.md")}:17: grace.hopper@acme.example in team okta-help-desk: tick keep or remove (exactly one)`,
      `  ${path.join(out, "lead.data@acme.example.md")}:19: katherine.johnson@acme.example in team data-science: tick keep or remove (exactly one)`,
      "",
    ].join("\n"),
  );
  assert.deepEqual(diffLines(root), [], "nothing applied while lines are undecided");

  decide(path.join(out, "ada.lovelace@acme.example.md"), (_, group) => (group === "team-okta-help-desk" ? "keep" : undefined));
  decide(path.join(out, "lead.data@acme.example.md"), () => "keep");
  const verified = certify(root, "--verify", out);
  assert.equal(verified.status, 0, verified.stdout + verified.stderr);
  assert.match(
    verified.stdout,
    /^Every line is decided: 2 removals\.\n {2}alan\.turing@acme\.example from teams\[platform-oncall\]\n {2}grace\.hopper@acme\.example from roles\.administrators\n\ndiff --git a\/access\/dev\.yaml b\/access\/dev\.yaml\n/,
  );
  assert.match(verified.stdout, /\n- {6}- grace\.hopper@acme\.example\n/);
  assert.deepEqual(diffLines(root), [], "--verify alone writes nothing");

  const applied = certify(root, "--verify", out, "--apply");
  assert.equal(applied.status, 0, applied.stdout + applied.stderr);
  assert.deepEqual(diffLines(root), [
    "-      - grace.hopper@acme.example",
    "-    members: [alan.turing@acme.example, grace.hopper@acme.example]",
    "+    members: [grace.hopper@acme.example]",
  ]);
  // The file still validates, and every comment of the original is there.
  const validated = runCli("validate", [path.join(root, "access", "dev.yaml")], { ...ENV, ACCESS_PROJECT_DIR: root });
  assert.equal(validated.status, 0, validated.stdout + validated.stderr);
  const comments = (text: string) => text.split("\n").filter((line) => line.trim().startsWith("#"));
  assert.deepEqual(comments(readFileSync(path.join(root, "access/dev.yaml"), "utf8")), comments(readFileSync(path.join(PROJECT_DIR, "access/dev.yaml"), "utf8")));
});

test("certify with a snapshot: a person a rule lets in is listed; removing them adds them to the rule's except, and they are no longer listed", () => {
  const root = scratchProject();
  const snapshot = path.join(root, "directory.json");
  writeFileSync(
    snapshot,
    JSON.stringify({
      version: 1,
      takenAt: "2026-12-01T00:00:00.000Z",
      source: "okta-api",
      attributes: ["department", "title", "userType"],
      users: [
        { login: "bob.marley@acme.example", status: "ACTIVE", profile: { department: "Payments", title: "Engineer", userType: "employee" } },
        { login: "pat.payments@acme.example", status: "ACTIVE", profile: { department: "Payments", title: "Engineer", userType: "employee" } },
        { login: "gone.payments@acme.example", status: "DEPROVISIONED", profile: { department: "Payments", title: "Engineer", userType: "employee" } },
      ],
    }),
  );
  const out = path.join(root, "reviews");
  assert.equal(certify(root, "--directory", snapshot, "--out", out).status, 0);
  assert.deepEqual(listed(out)["lead.payments@acme.example.md"], ["team-payments bob.marley@acme.example rule", "team-payments pat.payments@acme.example rule"]);
  assert.match(readFileSync(path.join(out, "lead.payments@acme.example.md"), "utf8"), /directory snapshot directory\.json taken 2026-12-01T00:00:00\.000Z/);

  for (const name of readdirSync(out).filter((file) => file.endsWith(".md"))) decide(path.join(out, name), (login) => (login === "bob.marley@acme.example" ? "remove" : "keep"));
  const applied = certify(root, "--verify", out, "--apply");
  assert.equal(applied.status, 0, applied.stdout + applied.stderr);
  assert.deepEqual(diffLines(root), ["+    except: [bob.marley@acme.example]"]);
  assert.match(git(root, "diff", "--unified=1", "access/dev.yaml"), /\n {5}rule: user\.department == "Payments"\n\+ {4}except: \[bob\.marley@acme\.example\]\n {5}access:\n/);
  const validated = runCli("validate", [path.join(root, "access", "dev.yaml")], { ...ENV, ACCESS_PROJECT_DIR: root });
  assert.equal(validated.status, 0, validated.stdout + validated.stderr);

  const again = path.join(root, "reviews-again");
  assert.equal(certify(root, "--directory", snapshot, "--out", again).status, 0);
  assert.deepEqual(listed(again)["lead.payments@acme.example.md"], ["team-payments pat.payments@acme.example rule"]);
});

test("certify --live: the people each rule lets in, read from the org now (the sandbox)", async () => {
  const root = scratchProject();
  const sandbox = await startSandbox();
  const out = path.join(root, "reviews");
  let run;
  try {
    run = await runCliAsync("certify", ["--stack", "dev", "--live", "--org-url", sandbox.oktaOrgUrl, "--out", out], {
      ...ENV,
      ACCESS_PROJECT_DIR: root,
      OKTA_API_TOKEN: sandbox.oktaApiToken,
      OKTA_ACCESS_TOKEN: "",
    });
  } finally {
    await sandbox.close();
  }
  assert.equal(run.status, 0, run.stderr);
  // Okta logins keep their case; the review lists them lower-cased, as the file names people.
  assert.deepEqual(listed(out)["lead.payments@acme.example.md"], ["team-payments bob.marley@acme.example rule", "team-payments lead.payments@acme.example rule"]);
  assert.match(readFileSync(path.join(out, "lead.payments@acme.example.md"), "utf8"), /from the live org, read \d{4}-\d\d-\d\dT/);
  assert.equal(`${run.stdout}${run.stderr}${readFileSync(path.join(out, "lead.payments@acme.example.md"), "utf8")}`.includes(sandbox.oktaApiToken), false);
});
