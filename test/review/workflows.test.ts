import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { PROJECT_DIR } from "../../src/cli/common";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
}
interface Job {
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress"?: boolean };
  steps: Step[];
  needs?: string | string[];
  environment?: string;
  "timeout-minutes"?: number;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const DIR = path.join(PROJECT_DIR, ".github", "workflows");
const load = (name: string) => parse(readFileSync(path.join(DIR, name), "utf8")) as Workflow;
const runs = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");
/** The pulumi/actions step that runs a command (another may only install the CLI). */
const pulumiStep = (job: Job) => job.steps.find((s) => s.uses?.startsWith("pulumi/actions@") && s.with?.command !== undefined);

test("workflows: every job has least-privilege permissions and no write-all", () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".yml"))) {
    const workflow = load(file);
    assert.deepEqual(workflow.permissions, { contents: "read" }, `${file}: default permissions`);
    for (const [name, job] of Object.entries(workflow.jobs)) {
      assert.ok(job.permissions, `${file}/${name} declares its permissions`);
      for (const [scope, level] of Object.entries(job.permissions!)) {
        assert.ok(["read", "write", "none"].includes(level), `${file}/${name}: ${scope}`);
        // Commit statuses only for the access diff's status check on the pull request's head.
        const writable = file === "access-diff.yml" ? ["pull-requests", "issues", "statuses"] : ["pull-requests", "issues"];
        if (level === "write") assert.ok(writable.includes(scope), `${file}/${name} may not write ${scope}`);
      }
    }
  }
});

test("pull-request workflow: test and validate with no secrets; preview with the policy pack in a protected environment", () => {
  const workflow = load("access-pull-request.yml");
  assert.ok("pull_request" in workflow.on);
  assert.match(runs(workflow.jobs.test!), /npm ci[\s\S]*npm test[\s\S]*npm run validate/);
  assert.equal(JSON.stringify(workflow.jobs.test).includes("secrets."), false);
  const previewJob = workflow.jobs.preview!;
  assert.equal(previewJob.environment, "preview");
  // The preview shows what the checked-out bytes do only when they are the commit's.
  const verify = previewJob.steps.findIndex((s) => s.run === 'npm run --silent verify-checkout -- --commit "$GITHUB_SHA" --stack "$STACK"');
  assert.ok(verify > 0 && verify < previewJob.steps.indexOf(pulumiStep(previewJob)!), "verify-checkout runs before the preview");
  const preview = pulumiStep(previewJob)!;
  assert.equal(preview.with?.command, "preview");
  assert.equal(preview.with?.policyPacks, "policy");
  assert.equal(preview.with?.["comment-on-pr"], true);
  assert.match(String(preview.with?.["cloud-url"]), /vars\.PULUMI_BACKEND_URL/);
  assert.equal(workflow.jobs["access-diff"], undefined, "the access diff is computed by access-diff.yml, with the base branch's code");
});

test("access-diff workflow: the base branch's code reads the pull request's files as data; nothing of the pull request is installed or run", () => {
  const workflow = load("access-diff.yml");
  assert.deepEqual(Object.keys(workflow.on), ["pull_request_target"]);
  const job = workflow.jobs["access-diff"]!;
  const [base, head] = job.steps.filter((s) => s.uses?.startsWith("actions/checkout@"));
  assert.deepEqual(base!.with, { ref: "${{ github.event.pull_request.base.sha }}", "fetch-depth": 0, "persist-credentials": false });
  // The pull request's commit lands in a folder of its own, and only git reads it.
  assert.deepEqual(head!.with, {
    repository: "${{ github.event.pull_request.head.repo.full_name }}",
    ref: "${{ github.event.pull_request.head.sha }}",
    path: ".pull-request-head",
    "persist-credentials": false,
  });
  const commands = job.steps.map((s) => s.run ?? "").filter(Boolean);
  assert.deepEqual(
    commands.map((c) => c.trim().split("\n").at(-1)!.trim()),
    ["git fetch --no-tags --update-shallow ./.pull-request-head HEAD", "npm ci --ignore-scripts", 'echo "exit=$?" >> "$GITHUB_OUTPUT"', "exit 1"],
  );
  assert.match(runs(job), /npm run --silent diff -- --base "\$BASE_SHA" --head "\$HEAD_SHA" --stack "\$STACK" > access-diff.md 2> access-diff.err/);
  assert.equal(runs(job).includes(".pull-request-head/"), false, "nothing runs from the pull request's folder");
  assert.equal(runs(job).includes("${{"), false, "no expression is pasted into a shell script");
  // The sticky comment is only ever our own bot's.
  const comment = job.steps.find((s) => s.uses?.startsWith("actions/github-script@"))!;
  assert.match(String(comment.with?.script), /c\.user\.type === "Bot" && c\.user\.login === "github-actions\[bot\]" && c\.body && c\.body\.startsWith\(marker\)/);
  assert.deepEqual(job.permissions, { contents: "read", "pull-requests": "write", statuses: "write" });
  // The comment, the summary and the status are posted whatever happened before, unless a newer run cancelled this one.
  assert.equal(comment.if, "${{ !cancelled() }}");
  assert.equal(String(comment.with?.script).includes("${{"), false, "values reach the script through env");
});

const MARKER = "<!-- duplocloud-okta-access-diff:dev -->";
const RUN_URL = "https://github.com/acme/access/actions/runs/42";
/** The comment and the summary end by naming the run and the head commit they were computed from. */
const PROVENANCE = `\n<sub>Computed by workflow run [42](${RUN_URL}) from head commit \`0123abcd\`. A convenience for reviewers: the deploy checks the owners' approvals itself.</sub>\n`;

/** Runs the access-diff workflow's github-script with the files the diff step left and fake GitHub clients; returns every call. */
async function commentStep(files: Record<string, string>, exit: string, comments: unknown[] = []) {
  const job = load("access-diff.yml").jobs["access-diff"]!;
  const script = String(job.steps.find((s) => s.uses?.startsWith("actions/github-script@"))!.with?.script);
  const calls: unknown[][] = [];
  const fs = { existsSync: (file: string) => file in files, readFileSync: (file: string) => files[file] };
  const github = {
    paginate: async (method: unknown, args: unknown) => (calls.push(["listComments", method === "listComments", args]), comments),
    rest: {
      issues: {
        listComments: "listComments",
        updateComment: async (args: unknown) => calls.push(["updateComment", args]),
        createComment: async (args: unknown) => calls.push(["createComment", args]),
      },
      repos: { createCommitStatus: async (args: unknown) => calls.push(["createCommitStatus", args]) },
    },
  };
  const context = { serverUrl: "https://github.com", repo: { owner: "acme", repo: "access" }, runId: 42, issue: { number: 7 } };
  const core = {
    summary: {
      addRaw(text: string) {
        calls.push(["summary", text]);
        return this;
      },
      write: async () => undefined,
    },
  };
  const env = { STACK: "dev", HEAD_SHA: "0123abcd", EXIT: exit };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;
  await new AsyncFunction("require", "github", "context", "core", "process", script)((name: string) => (name === "fs" ? fs : assert.fail(name)), github, context, core, { env });
  return calls;
}

const status = (state: string, description: string) => [
  "createCommitStatus",
  { owner: "acme", repo: "access", sha: "0123abcd", state, context: "access diff (dev)", description, target_url: RUN_URL },
];
const LISTED = ["listComments", true, { owner: "acme", repo: "access", issue_number: 7 }];

test("access-diff workflow: a failed diff replaces the last comment with one that says so, writes the summary and fails the status", async () => {
  const ours = { id: 5, user: { type: "Bot", login: "github-actions[bot]" }, body: `${MARKER}\nNo change of access.` };
  const error = "error: git could not read Pulumi.dev.yaml at 0123abcd (larger than 67108864 bytes)\u202E ```\n";
  const body = [
    MARKER,
    "## Access changes for stack `dev`",
    "",
    `⚠️ **The access diff failed (exit 3), so the access changes of this pull request are not shown.** An earlier comment described another commit: do not approve on it. See the [job log](${RUN_URL}).`,
    "",
    "````",
    "error: git could not read Pulumi.dev.yaml at 0123abcd (larger than 67108864 bytes)\uFFFD ```\n",
    "````",
    "",
  ].join("\n");
  assert.deepEqual(await commentStep({ "access-diff.md": "", "access-diff.err": error }, "3", [ours]), [
    ["summary", body + PROVENANCE],
    LISTED,
    ["updateComment", { owner: "acme", repo: "access", comment_id: 5, body: body + PROVENANCE }],
    status("failure", "the diff failed"),
  ]);
  // Nothing from the diff step at all (the install failed): still a comment, never an empty body; a look-alike comment is not ours.
  const impostor = { id: 6, user: { type: "User", login: "mallory" }, body: `${MARKER}\nNo change of access.` };
  const calls = await commentStep({}, "", [impostor]);
  assert.deepEqual(
    calls.map((call) => call[0]),
    ["summary", "listComments", "createComment", "createCommitStatus"],
  );
  assert.match((calls[2]![1] as { body: string }).body, /The access diff failed \(exit none\)/);
  assert.deepEqual(calls[3], status("failure", "the diff failed"));
});

test("access-diff workflow: a comment over GitHub's limit is cut at a line with its fence closed and points to the whole diff in the job summary", async () => {
  const problems = Array.from({ length: 3000 }, (_, index) => `access/dev.yaml:${index + 1}:1: teams: problem number ${index + 1}`);
  const body = [
    MARKER,
    "## Access changes for stack `dev`",
    "",
    "**The head version does not validate, so it was not compared.** Fix these first:",
    "",
    "```",
    ...problems,
    "```",
    "",
  ].join("\n");
  const calls = await commentStep({ "access-diff.md": body, "access-diff.err": "" }, "1");
  assert.deepEqual(calls[0], ["summary", body + PROVENANCE]);
  const posted = (calls[2]![1] as { body: string }).body;
  assert.ok(body.length > 65_536 && posted.length < 65_536, `${body.length} > 65536 > ${posted.length}`);
  const kept = body.slice(0, body.lastIndexOf("\n", 60_000));
  assert.equal(posted, `${kept}\n\`\`\`\n\n**Cut here: the comment is over GitHub's limit.** The whole diff is in the [job summary](${RUN_URL}).\n${PROVENANCE}`);
  assert.deepEqual(calls[3], status("failure", "a side does not validate"));
  const compared = await commentStep({ "access-diff.md": `${MARKER}\nNo change of access.\n`, "access-diff.err": "" }, "0");
  assert.deepEqual(compared.at(-1), status("success", "compared; see the comment"));
});

test("workflows: every job that uses a secret runs in a protected environment, the drift check included", () => {
  const withSecrets = readdirSync(DIR)
    .filter((f) => f.endsWith(".yml"))
    .flatMap((file) => Object.entries(load(file).jobs).map(([name, job]) => [`${file}/${name}`, job] as const))
    .filter(([, job]) => JSON.stringify(job).includes("secrets."))
    .map(([name, job]) => [name, job.environment]);
  assert.deepEqual(withSecrets, [
    ["access-certify.yml/certify", "access-read-only"],
    ["access-deploy.yml/up", "${{ matrix.stack }}"],
    ["access-expiry.yml/expire", "${{ matrix.stack }}"],
    ["access-pull-request.yml/preview", "preview"],
    ["access-scheduled.yml/drift", "drift"],
    ["access-scheduled.yml/live-access", "access-read-only"],
  ]);
});

test("workflows: every checkout drops its token, every job has a timeout, every action is pinned by commit with its version", () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".yml"))) {
    for (const [name, job] of Object.entries(load(file).jobs)) {
      assert.equal(typeof job["timeout-minutes"], "number", `${file}/${name} timeout`);
      for (const step of job.steps.filter((s) => s.uses)) {
        assert.match(step.uses!, /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, `${file}/${name}: ${step.uses} pinned by commit`);
        if (step.uses!.startsWith("actions/checkout@")) assert.equal(step.with?.["persist-credentials"], false, `${file}/${name} checkout keeps no token`);
      }
    }
    // The version each commit stands for is written beside it, for reviewers and updates.
    const text = readFileSync(path.join(DIR, file), "utf8");
    for (const line of text.split("\n").filter((l) => /uses: \S+@[0-9a-f]{40}/.test(l))) assert.match(line, / # v\d+\.\d+\.\d+$/, `${file}: ${line.trim()}`);
  }
});

test("workflows: deploys (and the hourly expiry run, which re-applies a deploy) share a concurrency group nothing else joins, never cancelled; previews and drift checks cannot cancel them", () => {
  const groups = readdirSync(DIR)
    .filter((f) => f.endsWith(".yml"))
    .flatMap((file) => Object.entries(load(file).jobs).map(([name, job]) => [`${file}/${name}`, job.concurrency?.group, job.concurrency?.["cancel-in-progress"]] as const));
  assert.deepEqual(groups.sort(), [
    ["access-certify.yml/certify", "access-certify-${{ matrix.stack }}", false],
    ["access-deploy.yml/up", "deploy-${{ matrix.stack }}", false],
    ["access-diff.yml/access-diff", "access-diff-${{ matrix.stack }}-${{ github.event.pull_request.number }}", true],
    ["access-expiry.yml/expire", "deploy-${{ matrix.stack }}", false],
    ["access-pull-request.yml/preview", "preview-${{ matrix.stack }}-${{ github.event.pull_request.number }}", true],
    ["access-pull-request.yml/test", undefined, undefined],
    ["access-scheduled.yml/drift", "drift-${{ matrix.stack }}", true],
    ["access-scheduled.yml/expiring", "access-expiring", false],
    ["access-scheduled.yml/live-access", "live-access-${{ matrix.stack }}", true],
    ["mutation.yml/mutate", "mutation", true],
  ]);
});

test("deploy workflow: pulumi up on main with a refresh first and the policy pack, in the stack's environment", () => {
  const workflow = load("access-deploy.yml");
  assert.deepEqual((workflow.on.push as { branches: string[] }).branches, ["main"]);
  const up = workflow.jobs.up!;
  const { "stack-name": _stack, "cloud-url": _cloud, ...inputs } = pulumiStep(up)!.with!;
  // Without the refresh, members added by hand and rule exclusion lists are never corrected.
  assert.deepEqual(inputs, { command: "up", refresh: true, policyPacks: "policy" });
  assert.equal(up.environment, "${{ matrix.stack }}");
});

test("deploy workflow: the code of main before the push judges; both checkouts verified byte for byte; approvals checked from GitHub before up, a refusal opens an issue and stops", () => {
  const up = load("access-deploy.yml").jobs.up!;
  assert.deepEqual(up.permissions, { contents: "read", "pull-requests": "read", issues: "write" });
  const [deployed, judge] = up.steps.filter((s) => s.uses?.startsWith("actions/checkout@"));
  assert.deepEqual(deployed!.with, { "persist-credentials": false });
  // The judging code is never the merged commit's: a pull request that edits check-approvals changes nothing until deployed.
  assert.deepEqual(judge!.with, { ref: "${{ github.event.before }}", path: ".deploy-check", "fetch-depth": 0, "persist-credentials": false });
  const shape = up.steps.map((s) => `${s.uses ? s.uses.split("@")[0] : "run"}${s.with?.command ? ` ${String(s.with.command)}` : ""}${s.if ? ` if ${s.if}` : ""}`);
  assert.deepEqual(shape, [
    "actions/checkout",
    "actions/checkout",
    "actions/setup-node",
    "run",
    "run",
    "pulumi/actions",
    "run",
    "run",
    "actions/github-script if ${{ !cancelled() && steps.approvals.outputs.exit != '0' }}",
    "run if steps.approvals.outputs.exit != '0'",
    "run",
    "run",
    "pulumi/actions up",
  ]);
  const step = (index: number) => up.steps[index] as Step & { "working-directory"?: string; env?: Record<string, string> };
  assert.deepEqual(
    [3, 4, 6, 7].map((index) => step(index)["working-directory"]),
    [".deploy-check", ".deploy-check", ".deploy-check", ".deploy-check"],
  );
  assert.equal(step(3).run, "npm ci --ignore-scripts");
  assert.equal(
    step(4).run,
    'npm run --silent verify-checkout -- --commit "$JUDGE_SHA" --stack "$STACK"\nACCESS_PROJECT_DIR="$GITHUB_WORKSPACE" npm run --silent verify-checkout -- --commit "$DEPLOY_SHA" --stack "$STACK"\n',
  );
  assert.deepEqual(step(4).env, { STACK: "${{ matrix.stack }}", JUDGE_SHA: "${{ github.event.before }}", DEPLOY_SHA: "${{ github.sha }}" });
  assert.match(step(6).run!, /deployed="\$\(pulumi stack output deployedCommit --stack "\$STACK_NAME" 2>\/dev\/null \| head -c 80 \| tr -cd '0-9a-z'\)"/);
  assert.match(
    step(7).run!,
    /npm run --silent check-approvals -- --deployed "\$DEPLOYED" --commit "\$DEPLOY_SHA" --repository "\$GITHUB_REPOSITORY" --stack "\$STACK" > approvals.md 2> approvals.err\necho "exit=\$\?" >> "\$GITHUB_OUTPUT"/,
  );
  assert.deepEqual(step(7).env, {
    GITHUB_TOKEN: "${{ github.token }}",
    DEPLOYED: "${{ steps.deployed.outputs.commit }}",
    DEPLOY_SHA: "${{ github.sha }}",
    STACK: "${{ matrix.stack }}",
  });
  assert.deepEqual([step(9).run, step(10).run, step(11).run], ["exit 1", "npm ci", "npm run validate"]);
  assert.equal(runs(up).includes("${{"), false, "no expression is pasted into a shell script");
});

/** Runs the deploy's issue step with the files the check left and a fake GitHub client; returns the issues it opened. */
async function refusalIssue(files: Record<string, string>, exit: string) {
  const script = String(load("access-deploy.yml").jobs.up!.steps.find((s) => s.uses?.startsWith("actions/github-script@"))!.with?.script);
  const created: unknown[] = [];
  const fs = { existsSync: (file: string) => file in files, readFileSync: (file: string) => files[file] };
  const github = { rest: { issues: { create: async (args: unknown) => created.push(args) } } };
  const context = { serverUrl: "https://github.com", repo: { owner: "acme", repo: "access" }, runId: 43 };
  const env = { STACK: "dev", DEPLOY_SHA: "89abcdef0123456789abcdef0123456789abcdef", EXIT: exit };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;
  await new AsyncFunction("require", "github", "context", "process", script)((name: string) => (name === "fs" ? fs : assert.fail(name)), github, context, { env });
  return created;
}

test("deploy workflow: a refused deploy opens an issue with the check's verdict; a failed check, with its error fenced", async () => {
  const verdict = "## Deploy of stack `dev` refused: the access changes lack approvals\n\n- no approval\n";
  assert.deepEqual(await refusalIssue({ ".deploy-check/approvals.md": verdict, ".deploy-check/approvals.err": "" }, "1"), [
    { owner: "acme", repo: "access", title: "Deploy of dev refused at 89abcdef0123", body: `${verdict}\nSee the [deploy run](https://github.com/acme/access/actions/runs/43).\n` },
  ]);
  assert.deepEqual(await refusalIssue({ ".deploy-check/approvals.md": "", ".deploy-check/approvals.err": "error: GET repos/acme/access/commits: HTTP 502 ```" }, "3"), [
    {
      owner: "acme",
      repo: "access",
      title: "Deploy of dev refused at 89abcdef0123",
      body: "The approval check of `89abcdef0123456789abcdef0123456789abcdef` failed (exit 3), so nothing was deployed. See the [deploy run](https://github.com/acme/access/actions/runs/43).\n\n````\nerror: GET repos/acme/access/commits: HTTP 502 ```\n````\n",
    },
  ]);
});

test("CODEOWNERS example: the code, the policy pack, the dependencies, the workflows and the stack files need the platform team", () => {
  const owned = readFileSync(path.join(PROJECT_DIR, ".github", "CODEOWNERS.example"), "utf8")
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith("#"))
    .map((line) => line.split(/\s+/)[0]);
  for (const required of ["/src/", "/policy/", "/package.json", "/package-lock.json", "/.github/", "/Pulumi.*.yaml", "/access/"]) assert.ok(owned.includes(required), required);
});

test("scheduled workflow: drift check with refresh and expect-no-changes, and the expiring check", () => {
  const workflow = load("access-scheduled.yml");
  assert.ok("schedule" in workflow.on);
  const drift = pulumiStep(workflow.jobs.drift!)!;
  assert.equal(drift.with?.command, "preview");
  assert.equal(drift.with?.refresh, true);
  assert.equal(drift.with?.["expect-no-changes"], true);
  assert.match(runs(workflow.jobs.expiring!), /npm run --silent expiring -- --within 14/);
  assert.equal(workflow.jobs.expiring!.permissions?.issues, "write");
  const issue = workflow.jobs.expiring!.steps.find((s) => s.uses?.startsWith("actions/github-script@"))!;
  assert.match(String(issue.with?.script), /issue\.title === title && issue\.user && issue\.user\.type === "Bot" && issue\.user\.login === "github-actions\[bot\]"/);
});

test("scheduled workflow: the live access check runs in a protected environment with read-only credentials, keeps one bot issue (closed when clean) and the evidence as artifacts", () => {
  const job = load("access-scheduled.yml").jobs["live-access"]!;
  assert.equal(job.environment, "access-read-only");
  assert.deepEqual(job.permissions, { contents: "read", issues: "write" });
  const drift = job.steps.find((s) => s.run?.includes("npm run --silent drift"))!;
  assert.deepEqual((drift as Step & { env?: Record<string, string> }).env, {
    OKTA_API_TOKEN: "${{ secrets.OKTA_READ_ONLY_API_TOKEN }}",
    DUPLO_TOKEN: "${{ secrets.DUPLO_READ_ONLY_TOKEN }}",
    STACK: "${{ matrix.stack }}",
  });
  assert.match(drift.run!, /npm run --silent drift -- --stack "\$STACK" --csv access-evidence.csv --html access-matrix.html > drift.md\n/);
  assert.equal(runs(job).includes("${{"), false, "no expression is pasted into a shell script");
  const upload = job.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
  assert.deepEqual([upload.if, upload.with?.path], ["always()", "access-evidence.csv\naccess-matrix.html\n"]);
  const issue = job.steps.find((s) => s.uses?.startsWith("actions/github-script@"))!;
  assert.equal(issue.if, "steps.drift.outputs.exit == '0' || steps.drift.outputs.exit == '1'");
  const script = String(issue.with?.script);
  assert.match(script, /issue\.title === title && issue\.user && issue\.user\.type === "Bot" && issue\.user\.login === "github-actions\[bot\]"/);
  assert.match(script, /state: "closed"/);
  assert.equal(job.steps.at(-1)!.run, "exit 1");
});

test("mutation workflow: weekly and on demand, read-only, no secrets; the incremental file kept in the cache, the report as an artifact", () => {
  const text = readFileSync(path.join(DIR, "mutation.yml"), "utf8");
  const workflow = load("mutation.yml");
  assert.deepEqual(Object.keys(workflow.on).sort(), ["schedule", "workflow_dispatch"]);
  const job = workflow.jobs.mutate!;
  assert.deepEqual(job.permissions, { contents: "read" });
  assert.doesNotMatch(text, /secrets\./);
  assert.deepEqual(
    job.steps.flatMap((s) => (s.run ? [s.run] : [])),
    ["npm ci", "npm run mutate"],
  );
  const cache = job.steps.find((s) => s.uses?.startsWith("actions/cache@"))!;
  assert.deepEqual(cache.with, { path: "reports/mutation/stryker-incremental.json", key: "mutation-${{ github.sha }}", "restore-keys": "mutation-" });
  // The cache is restored before the run, so the run reuses it.
  assert.ok(job.steps.indexOf(cache) < job.steps.findIndex((s) => s.run === "npm run mutate"));
  const upload = job.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
  assert.deepEqual([upload.if, upload.with?.path], ["always()", "reports/mutation/mutation.json"]);
});

test("quarterly access review: in the read-only environment, the drift evidence and one review per owner (read live) kept as an artifact, one issue per owner assigned to their GitHub login", () => {
  const workflow = load("access-certify.yml");
  assert.deepEqual(workflow.on.schedule, [{ cron: "23 7 1 1,4,7,10 *" }]);
  const job = workflow.jobs.certify!;
  assert.equal(job.environment, "access-read-only");
  assert.deepEqual(job.permissions, { contents: "read", issues: "write" });
  assert.equal(runs(job).includes("${{"), false, "no expression is pasted into a shell script");
  const drift = job.steps.find((s) => s.run?.includes("npm run --silent drift"))!;
  assert.match(drift.run!, /npm run --silent drift -- --stack "\$STACK" --csv evidence\/access-evidence.csv --html evidence\/access-evidence.html > evidence\/drift.md\n/);
  const certify = job.steps.find((s) => s.run?.includes("npm run --silent certify"))!;
  assert.equal(certify.run, 'npm run --silent certify -- --stack "$STACK" --live --out evidence/reviews\n');
  assert.deepEqual((certify as Step & { env?: Record<string, string> }).env, { OKTA_API_TOKEN: "${{ secrets.OKTA_READ_ONLY_API_TOKEN }}", STACK: "${{ matrix.stack }}" });
  const upload = job.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
  assert.deepEqual([upload.if, upload.with?.path, upload.with?.["if-no-files-found"]], ["always()", "evidence/", "error"]);
  const steps = job.steps.map((s) => s.uses?.split("@")[0] ?? s.run?.split("\n")[0]);
  assert.ok(steps.indexOf("actions/upload-artifact") < steps.indexOf("actions/github-script"), "the evidence is kept before the issues are opened");
  const script = String(job.steps.find((s) => s.uses?.startsWith("actions/github-script@"))!.with?.script);
  assert.match(script, /readFileSync\("evidence\/reviews\/owners.json", "utf8"\)/);
  assert.match(script, /for \(const review of index.reviews\)/);
  assert.match(script, /assignees: \[review.githubLogin\]/);
  assert.match(script, /issue\.user\.login === "github-actions\[bot\]"/);
  assert.match(script, /no GitHub login under githubLogins/);
});

test("expiry workflow: hourly, in the deploy's concurrency group; re-applies deployedCommit without refresh, refusing 'unknown'; the guard judges the preview first", () => {
  const workflow = load("access-expiry.yml");
  assert.deepEqual(workflow.on, { schedule: [{ cron: "7 * * * *" }], workflow_dispatch: {} });
  const job = workflow.jobs.expire!;
  const deploy = load("access-deploy.yml").jobs.up!;
  assert.deepEqual(job.concurrency, deploy.concurrency);
  assert.deepEqual(job.concurrency, { group: "deploy-${{ matrix.stack }}", "cancel-in-progress": false });
  assert.deepEqual(job.permissions, { contents: "read", issues: "write" });
  const names = job.steps.map((step) => (step as { name?: string }).name ?? step.uses?.split("@")[0] ?? step.run);
  assert.deepEqual(names, [
    "actions/checkout",
    "actions/setup-node",
    "npm ci",
    "pulumi/actions",
    "the deployed commit",
    "actions/checkout",
    "npm ci",
    "preview the deployed commit, without refresh",
    "judge the preview",
    "refused - open or update the issue",
    "stop when refused",
    "apply the deployed commit, without refresh",
    "tell the expiring-access issue",
  ]);
  // The CLI only: no command means the action runs nothing itself.
  assert.equal(job.steps[3]!.with, undefined);
  const read = job.steps[4]!.run!;
  assert.match(read, /commit="\$\(pulumi stack output deployedCommit --stack "\$STACK_NAME"\)"/);
  assert.match(read, /if ! \[\[ "\$commit" =~ \^\[0-9a-f\]\{40\}\$ \]\]; then[\s\S]*exit 1/);
  assert.equal(job.steps[5]!.with?.ref, "${{ steps.deployed.outputs.commit }}");
  assert.equal(job.steps[5]!.with?.path, "deployed");
  const preview = job.steps[7]!.run!;
  const up = job.steps[11]!.run!;
  assert.equal(preview, 'pulumi preview --json --stack "$STACK_NAME" --policy-pack policy > ../preview.json');
  assert.equal(up, 'pulumi up --yes --stack "$STACK_NAME" --policy-pack policy');
  for (const command of [preview, up]) assert.doesNotMatch(command, /refresh/);
  assert.match(job.steps[8]!.run!, /npm run --silent expiry-guard -- --preview preview\.json --stack "\$STACK"/);
  assert.equal(job.steps[9]!.if, "steps.guard.outputs.exit != '0'");
  assert.equal(job.steps[11]!.if, "steps.guard.outputs.exit == '0'");
  assert.match(String(job.steps[12]!.with?.script), /const title = "Access grants past their expiry date";/);
  // The same title access-scheduled.yml opens its issue under.
  assert.match(readFileSync(path.join(DIR, "access-scheduled.yml"), "utf8"), /const title = "Access grants past their expiry date";/);
});
