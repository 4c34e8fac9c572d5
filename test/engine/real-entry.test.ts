import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { PROJECT_DIR } from "../../src/cli/common";
import { maskSecrets, planStack } from "../../src/plan/offline";
import { listStacks } from "../../src/config/config-values";
import { loadAccessModel } from "../../src/access/validate";
import { today } from "../../src/config/clock";
import { runProgram } from "../support/mock-program";
import { DEPLOYER_SECRETS, launchOf, preview, up } from "../support/engine/dev-stack";
import { scratchProject } from "../support/engine/scratch-project";
import { stringsOutsideSecrets } from "../support/engine/wire";
import { runProgramUnderEngine, type RunResult } from "../support/engine/recording-engine";
import { mockOktaUsers } from "../../src/plan/offline";
import { GET_USERS_TOKEN } from "../../src/okta/people";

/*
 * The program as `pulumi preview` and `pulumi up` start it: Pulumi's own cmd/run, launched as the
 * nodejs language host launches it, against the recording engine (test/support/engine/).
 */

const errorsOf = (run: RunResult) => run.logs.filter((log) => log.severity === "error").map((log) => log.message);

/** Line (1-based) of the first line of `file` containing `text`. */
function lineOf(file: string, text: string): number {
  const index = readFileSync(path.join(PROJECT_DIR, file), "utf8")
    .split("\n")
    .findIndex((line) => line.includes(text));
  assert.ok(index >= 0, `${text} not found in ${file}`);
  return index + 1;
}

test("real entry: the dev stack's first preview runs and the engine refuses no registration", async () => {
  const run = await preview(launchOf("dev"));
  assert.deepEqual({ exitCode: run.exitCode, errors: errorsOf(run), refusals: run.refusals }, { exitCode: 0, errors: [], refusals: [] });
  assert.equal(run.rootUrn, "urn:pulumi:dev::duplocloud-okta-access::pulumi:pulumi:Stack::duplocloud-okta-access-dev");
  const dynamic = run.registrations
    .filter((r) => r.type.startsWith("pulumi-nodejs:"))
    .map((r) => `${r.type} ${r.name}`)
    .sort();
  // The dev stack hands its Okta settings over, so it writes none through DuploCloud's API.
  assert.deepEqual(dynamic, [
    "pulumi-nodejs:dynamic/duplocloud:TenantGrant duplo-grant-ci-deployer@acme.example-dev01",
    "pulumi-nodejs:dynamic/duplocloud:TenantGrant duplo-grant-ci-deployer@acme.example-qa01",
    "pulumi-nodejs:dynamic/duplocloud:User duplo-user-breakglass-dev@acme.example",
    "pulumi-nodejs:dynamic/duplocloud:User duplo-user-ci-deployer@acme.example",
  ]);
  // Okta and AWS resources all name the stack's explicit providers.
  const implicit = run.registrations.filter((r) => r.custom && /^(okta|aws):/.test(r.type) && r.provider === "").map((r) => r.name);
  assert.deepEqual(implicit, []);
});

test("real entry: with Pulumi.yaml's main naming src/index.ts (run from src/), the access file is still found", async () => {
  const root = scratchProject([{ file: "Pulumi.yaml", change: (text) => `${text}main: src/index.ts\n` }]);
  const launch = launchOf("dev", root);
  assert.deepEqual([launch.programDirectory, launch.entryPoint], [path.join(root, "src"), "index.ts"]);
  const run = await preview(launch);
  assert.deepEqual({ exitCode: run.exitCode, errors: errorsOf(run) }, { exitCode: 0, errors: [] });
});

test("real entry: the engine refuses dynamic resources when every default provider is disabled (why the dev stack lists okta and aws)", async () => {
  const root = scratchProject([
    { file: "Pulumi.dev.yaml", change: (text) => text.replace('pulumi:disable-default-providers: ["okta", "aws"]', 'pulumi:disable-default-providers: ["*"]') },
  ]);
  const run = await preview(launchOf("dev", root));
  assert.notEqual(run.exitCode, 0);
  assert.ok(run.refusals.length > 0);
  for (const refusal of run.refusals) {
    assert.match(
      refusal,
      /^Default provider for 'pulumi-nodejs' disabled\. 'urn:pulumi:dev::duplocloud-okta-access::[^']*pulumi-nodejs:dynamic\/duplocloud:\w+::[^']+' must use an explicit provider\.$/,
    );
  }
});

for (const stack of listStacks(PROJECT_DIR)) {
  test(`real entry: \`pulumi up\` of stack ${stack} registers exactly what the offline plan lists, input for input`, async () => {
    // The offline plan fills in only the DuploCloud secrets (with a placeholder); give the engine the same set.
    const { ["okta:apiToken"]: _notInPlan, ...planSecrets } = DEPLOYER_SECRETS;
    const run = await up(launchOf(stack, PROJECT_DIR, planSecrets));
    assert.deepEqual({ exitCode: run.exitCode, errors: errorsOf(run), refusals: run.refusals }, { exitCode: 0, errors: [], refusals: [] });
    // The offline plan runs defineStack outside a stack resource; everything else must match.
    const registered = run.registrations
      .filter((r) => r.type !== "pulumi:pulumi:Stack")
      .map((r) => ({ type: r.type, name: r.name, inputs: maskSecrets(r.inputs) }))
      .sort((a, b) => (a.type + a.name < b.type + b.name ? -1 : a.type + a.name > b.type + b.name ? 1 : 0));
    const planned = [...(await planStack(PROJECT_DIR, stack)).resources].sort((a, b) => (a.type + a.name < b.type + b.name ? -1 : a.type + a.name > b.type + b.name ? 1 : 0));
    assert.equal(registered.length, planned.length);
    assert.deepEqual(registered, planned);
  });
}

test("real entry: protect, retainOnDelete and import reach the engine as the program sets them", async () => {
  const run = await up(launchOf("dev"));
  const mock = await runProgram(loadAccessModel(path.join(PROJECT_DIR, "access/dev.yaml"), { expiry: { today: today() } }));
  const wire = (predicate: (r: RunResult["registrations"][number]) => boolean) =>
    run.registrations
      .filter((r) => r.custom && predicate(r))
      .map((r) => r.name)
      .sort();
  const intended = (predicate: (o: pulumi.CustomResourceOptions) => boolean) =>
    [...mock.options]
      .filter(([, o]) => predicate(o))
      .map(([name]) => name)
      .sort();
  assert.deepEqual(
    wire((r) => r.protect === true),
    intended((o) => o.protect === true),
  );
  assert.deepEqual(
    wire((r) => r.retainOnDelete === true),
    intended((o) => o.retainOnDelete === true),
  );
  assert.deepEqual(
    wire((r) => r.importId !== ""),
    intended((o) => Boolean(o.import)),
  );
  assert.ok(wire((r) => r.protect === true).length > 0, "the dev stack protects its app and administrators group");
});

test("real entry: a bad access file stops the program with its located problems and no stack trace", async () => {
  const tenantsLine = "  tenants: [dev01, qa01, sandbox]";
  const root = scratchProject([{ file: "access/dev.yaml", change: (text) => text.replace(tenantsLine, "  tenants: [dev01, qa01, sandbox, dev01]") }]);
  const run = await preview(launchOf("dev", root));
  assert.equal(run.exitCode, 32, "exit code 32: the error was shown to the user, the CLI adds nothing");
  const column = "  tenants: [dev01, qa01, sandbox, ".length + 1;
  assert.deepEqual(errorsOf(run), [
    `access/dev.yaml is not a valid access file; nothing was changed:\naccess/dev.yaml:${lineOf("access/dev.yaml", tenantsLine)}:${column}: duplocloud.tenants[3]: tenant "dev01" is listed twice (first at item 1); remove one`,
  ]);
  assert.equal(run.registrations.filter((r) => r.custom).length, 0, "nothing was declared");
});

test("real entry: an unexpected error points at the TypeScript line it was thrown from (source maps)", async () => {
  const { ["duplocloud:token"]: _dropped, ...withoutDuploToken } = DEPLOYER_SECRETS;
  const run = await preview(launchOf("dev", PROJECT_DIR, withoutDuploToken));
  const [error] = errorsOf(run);
  assert.ok(error?.includes("needs a DuploCloud API token"), error);
  const thrownAt = lineOf("src/stack.ts", "throw new Error(");
  assert.match(error!, new RegExp(`src/stack\\.ts:${thrownAt}:\\d+`));
});

test("real entry: no secret appears outside Pulumi secrets in anything the engine records", async () => {
  for (const run of [await preview(launchOf("dev")), await up(launchOf("dev"))]) {
    const recorded = [
      ...run.registrations.flatMap((r) => stringsOutsideSecrets([r.inputs, r.outputs ?? {}])),
      ...run.invokes.flatMap((i) => stringsOutsideSecrets(i.args)),
      // Debug messages are left out: Pulumi's SDK itself logs every RegisterResource answer at debug
      // level, provider secrets included, which `pulumi up --debug` (or -v) would show;
      // docs/real-org.md warns against running deployments with it.
      ...run.logs.filter((log) => log.severity !== "debug").map((log) => log.message),
      run.stdout,
      run.stderr,
    ];
    for (const [key, secret] of Object.entries(DEPLOYER_SECRETS)) {
      assert.deepEqual(
        recorded.filter((text) => text.includes(secret)),
        [],
        `${key} leaked`,
      );
    }
  }
});

test("real entry: a login Okta does not know fails the first preview, naming the file and line where it is written", async () => {
  const root = scratchProject([
    { file: "access/dev.yaml", change: (text) => text.replace("    members: [alan.turing@acme.example]\n", "    members: [alan.turing@acme.example, nobody.here@acme.example]\n") },
  ]);
  const answered: string[][] = [];
  const run = await runProgramUnderEngine(launchOf("dev", root), {
    dryRun: true,
    invokes: {
      // The org knows everyone but nobody.here.
      [GET_USERS_TOKEN]: (args) => {
        const answer = mockOktaUsers(args);
        answered.push(answer.users.map((user) => user.login));
        return { users: answer.users.filter((user) => user.login !== "nobody.here@acme.example") };
      },
    },
  });
  assert.notEqual(run.exitCode, 0);
  const line = lineOf("access/dev.yaml", "    members: [alan.turing@acme.example]");
  const column = "    members: [alan.turing@acme.example, ".length + 1;
  const errors = errorsOf(run);
  assert.ok(
    errors.some((error) =>
      error.includes(
        `access/dev.yaml:${line}:${column}: nobody.here@acme.example is not an Okta user (no user has this login); fix the login, or list the account under users for the stack to create it`,
      ),
    ),
    errors.join("\n---\n"),
  );
  // One look-up for everyone the file names, through the stack's explicit Okta provider.
  assert.equal(answered.length, 1);
  assert.equal(
    run.invokes.every((invoke) => invoke.provider.startsWith("urn:pulumi:dev::duplocloud-okta-access::pulumi:providers:okta::okta::")),
    true,
  );
});

test("real entry: an expired grant does not block the deploy; Pulumi shows the warning and the access is dropped", async () => {
  const root = scratchProject([{ file: "access/dev.yaml", change: (text) => text.replace('expires: "2099-12-31"', 'expires: "2020-01-31"') }]);
  const run = await preview(launchOf("dev", root));
  assert.deepEqual({ exitCode: run.exitCode, errors: errorsOf(run) }, { exitCode: 0, errors: [] });
  const line = lineOf("access/dev.yaml", 'expires: "2099-12-31"');
  const column = readFileSync(path.join(PROJECT_DIR, "access/dev.yaml"), "utf8").split("\n")[line - 1]!.indexOf('"2099-12-31"') + 1;
  assert.deepEqual(
    run.logs.filter((log) => log.severity === "warning").map((log) => log.message.replace(/now is \d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z/, "now is NOW")),
    [
      `access/dev.yaml:${line}:${column}: teams[3].access[0].expires: the grant of qa01 to team data-science expired on 2020-01-31 (now is NOW); it is left out, so the next pulumi up takes the access away; remove the line`,
    ],
  );
  assert.equal(
    run.registrations.some((r) => r.name === "rule-tenant-qa01-read-only" && String(r.inputs.expressionValue).includes("Analytics")),
    false,
  );
});
