import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../../src/cli/common";
import { runCliAsync } from "../support/run-cli";
import { tempDir } from "../support/temp-dir";

/*
 * `npm run sandbox` as a newcomer runs it: a process of its own, whose first four lines are the
 * exports; then drift, import, directory and doctor against it, each as a process; then it is
 * stopped and nothing of it is left running.
 */

let sandbox: ChildProcess;
let stderr = "";
const env: Record<string, string> = {};
let firstLines: string[] = [];

before(async () => {
  // Its own process group, so stopping it stops npm and the node process npm started.
  sandbox = spawn("npm", ["run", "--silent", "sandbox"], { cwd: PROJECT_DIR, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  sandbox.stderr!.on("data", (chunk) => (stderr += chunk));
  let stdout = "";
  firstLines = await new Promise<string[]>((resolve, reject) => {
    sandbox.stdout!.on("data", (chunk) => {
      stdout += chunk;
      if (stdout.includes("Serving until Ctrl-C.")) resolve(stdout.split("\n"));
    });
    sandbox.on("exit", (code) => reject(new Error(`npm run sandbox ended (${code}): ${stdout}${stderr}`)));
  });
  for (const line of firstLines.slice(0, 4)) {
    const [, name, value] = /^export ([A-Z_]+)=(.*)$/.exec(line)!;
    env[name!] = value!;
  }
});

after(async () => {
  if (sandbox.exitCode === null && sandbox.signalCode === null) {
    const ended = new Promise((resolve) => sandbox.on("exit", resolve));
    process.kill(-sandbox.pid!, "SIGTERM");
    await ended;
  }
});

const drift = (...extra: string[]) =>
  runCliAsync("drift", ["--stack", "dev", "--org-url", env.OKTA_ORG_URL!, "--host", env.DUPLO_HOST!, ...extra], {
    OKTA_API_TOKEN: env.OKTA_API_TOKEN!,
    DUPLO_TOKEN: env.DUPLO_TOKEN!,
  });

test("npm run sandbox prints the four exports first: loopback URLs on ports of their own, fresh tokens", () => {
  assert.deepEqual(
    firstLines.slice(0, 4).map((line) => line.replace(/:\d+$/, ":PORT").replace(/=sandbox-(okta|duplo)-[A-Za-z0-9_-]{24}$/, "=sandbox-$1-TOKEN")),
    ["export OKTA_ORG_URL=http://127.0.0.1:PORT", "export OKTA_API_TOKEN=sandbox-okta-TOKEN", "export DUPLO_HOST=http://127.0.0.1:PORT", "export DUPLO_TOKEN=sandbox-duplo-TOKEN"],
  );
  assert.notEqual(env.OKTA_ORG_URL, env.DUPLO_HOST);
  assert.equal(firstLines[5], "Paste the four lines above into another shell, then try (read-only, all of them):");
  assert.equal(firstLines[6], '  npm run drift -- --stack dev --org-url "$OKTA_ORG_URL" --host "$DUPLO_HOST"');
});

test("drift against the sandbox: exit 1 with exactly the three changes made by hand, and the HTML evidence", async () => {
  const result = await drift("--json");
  assert.equal(result.status, 1, result.stderr);
  const findings = (JSON.parse(result.stdout) as { findings: Array<{ kind: string; severity: string; who: { login: string }; where: string }> }).findings;
  assert.deepEqual(
    findings.map((finding) => [finding.severity, finding.kind, finding.who.login, finding.where]),
    [
      ["critical", "admin-role-outside-file", "erin.contractor@acme.example", "Okta admin role SUPER_ADMIN"],
      ["critical", "member-outside-file", "hank.hr@acme.example", "group duploservices-dev01"],
      ["critical", "portal-grant-outside-file", "ci-deployer@acme.example", "portal tenant sandbox read-write"],
    ],
  );
  const html = path.join(tempDir("sandbox-drift-"), "access.html");
  const page = await drift("--html", html);
  assert.equal(page.status, 1, page.stderr);
  assert.match(page.stderr, new RegExp(`wrote ${html.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\n`));
  assert.ok(readFileSync(html, "utf8").includes("hank.hr@acme.example"));
});

test("import from the sandbox: a file that validates, whose people get what access/dev.yaml gives plus what was changed by hand", async () => {
  // A project of its own: the imported file is its stack `imported`'s access file.
  const root = tempDir("sandbox-import-");
  cpSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(root, "Pulumi.yaml"));
  writeFileSync(
    path.join(root, "Pulumi.imported.yaml"),
    "config:\n  duplocloud-okta-access:accessFile: access/imported.yaml\n  okta:orgName: acme-dev\n  okta:baseUrl: oktapreview.com\n",
  );
  const credentials = { OKTA_API_TOKEN: env.OKTA_API_TOKEN!, DUPLO_TOKEN: env.DUPLO_TOKEN! };
  const imported = await runCliAsync("import", ["--stack", "imported", "--org-url", env.OKTA_ORG_URL!, "--host", env.DUPLO_HOST!, "--portal", "https://acme-dev.duplocloud.net"], {
    ...credentials,
    ACCESS_PROJECT_DIR: root,
  });
  assert.equal(imported.status, 0, `${imported.stdout}${imported.stderr}`);
  const validated = await runCliAsync("validate", [path.join(root, "access", "imported.yaml")]);
  assert.equal(validated.status, 0, validated.stderr);

  // Who gets what, by name: each file's report over a directory snapshot taken for its own rules.
  const reportOf = async (stack: string, projectDir?: string) => {
    const where: Record<string, string> = projectDir ? { ACCESS_PROJECT_DIR: projectDir } : {};
    const snapshot = path.join(root, `${stack}-directory.json`);
    const taken = await runCliAsync("directory", ["--stack", stack, "--org-url", env.OKTA_ORG_URL!, "--out", snapshot], { ...credentials, ...where });
    assert.equal(taken.status, 0, taken.stderr);
    const report = await runCliAsync("report", ["--stack", stack, "--directory", snapshot, "--json"], where);
    assert.equal(report.status, 0, report.stderr);
    return JSON.parse(report.stdout) as {
      directory: { people: Record<string, string[]>; undecided: unknown };
      duplocloudUsers: Array<{ username: string; roles: string[]; tenants: unknown[] }>;
    };
  };
  const dev = await reportOf("dev");
  const fromSandbox = await reportOf("imported", root);
  const expectedPeople = { ...dev.directory.people, "tenant dev01 read-write": [...dev.directory.people["tenant dev01 read-write"]!, "hank.hr@acme.example"].sort() };
  assert.deepEqual(fromSandbox.directory.people, expectedPeople);
  assert.deepEqual(fromSandbox.directory.undecided, dev.directory.undecided);
  const portalUsers = (report: typeof dev) => report.duplocloudUsers.map(({ username, roles, tenants }) => ({ username, roles, tenants }));
  assert.deepEqual(
    portalUsers(fromSandbox),
    portalUsers(dev).map((user) => (user.username === "ci-deployer@acme.example" ? { ...user, tenants: [...user.tenants, { tenant: "sandbox", level: "read-write" }] } : user)),
  );
});

test("doctor against the sandbox: the portal grant made by hand is its one difference", async () => {
  const result = await runCliAsync("doctor", ["--stack", "dev", "--host", env.DUPLO_HOST!], { DUPLO_TOKEN: env.DUPLO_TOKEN! });
  assert.equal(result.status, 1, result.stderr);
  assert.deepEqual(
    result.stdout.split("\n").filter((line) => line.startsWith("DIFF")),
    ["DIFF  grant ci-deployer@acme.example -> sandbox: the portal grants read-write, the file grants nothing"],
  );
  assert.equal(result.stdout.trimEnd().split("\n").at(-1), `${env.DUPLO_HOST}: 1 difference`);
});

test("stopping the sandbox ends npm and the node process it started, and says so", async () => {
  const ended = new Promise<number | null>((resolve) => sandbox.on("exit", resolve));
  process.kill(-sandbox.pid!, "SIGTERM");
  await ended;
  // Nothing of the group is left: signal 0 to the group finds no process.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  assert.throws(() => process.kill(-sandbox.pid!, 0), { code: "ESRCH" });
  assert.match(stderr, /sandbox stopped\n$/);
  const refused = await fetch(`${env.OKTA_ORG_URL}/api/v1/users`).then(
    () => "answered",
    () => "refused",
  );
  assert.equal(refused, "refused");
});
