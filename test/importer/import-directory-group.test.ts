import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { DuploClient } from "../../src/duplocloud/client";
import { readPortal } from "../../src/live/portal";
import { buildAccessFile, groupSelectionFor } from "../../src/importer/build-access-file";
import { readOktaOrg } from "../../src/live/okta-org";
import { OktaReader } from "../../src/okta/read-api";
import { validateAccessFile } from "../../src/access/validate";
import { DuploEmulator } from "../../src/sandbox/duplo-emulator";
import { OktaEmulator } from "../../src/sandbox/okta-emulator";
import { runProgram } from "../support/mock-program";
import { modelOf, validateText, VALID_ACCESS_FILE } from "../support/access-files";

/*
 * A DuploCloud group a directory masters (Okta type APP_GROUP, e.g. from AD): the import writes it
 * as referenced (source: directory) and says why; its plan has no resource that writes the group;
 * validation refuses members, owners, a rule or exceptions for it.
 */

const OKTA_TOKEN = "okta-read-only-token-never-shown";
const DUPLO_TOKEN = "duplo-token-never-shown";
const TODAY = "2026-12-02";
const PORTAL_HOST = "acme.duplocloud.net";
const READ_ONLY = "00g00000000readonly1";
let okta: OktaEmulator;
let duplo: DuploEmulator;

beforeEach(async () => {
  okta = await new OktaEmulator(OKTA_TOKEN).start();
  duplo = await new DuploEmulator(DUPLO_TOKEN, {}).start();
});
afterEach(async () => {
  await okta.stop();
  await duplo.stop();
});

test("import of an org whose read-only group comes from AD (APP_GROUP): referenced with source: directory, said why, and planned with no resource that writes it", async () => {
  const user = (id: string, login: string) => ({ id, status: "ACTIVE", profile: { login, email: login, department: "Eng", firstName: "F", lastName: "L" } });
  okta.users.push(user("00u000000000000ada01", "ada@acme.example"), user("00u000000000000gra01", "grace@acme.example"), user("00u000000000000ann01", "ann@acme.example"));
  okta.groups.push(
    { id: "00g0000000000admins1", name: "duplo-administrators", members: ["00u000000000000ada01", "00u000000000000gra01"] },
    { id: READ_ONLY, name: "duplo-readonly", members: ["00u000000000000ann01"], type: "APP_GROUP" },
  );
  okta.groupRules.push({ id: "0pr0000000000eng0001", name: "Eng read", status: "ACTIVE", expression: 'user.department == "Eng"', groupIds: [READ_ONLY], matches: () => false });
  okta.lists.set("/api/v1/apps", () => [
    {
      id: "0oa000000000duplo001",
      label: "DuploCloud",
      settings: { oauthClient: { redirect_uris: [`https://${PORTAL_HOST}/app/signin-okta`], grant_types: ["authorization_code"] } },
      credentials: { oauthClient: { client_id: "0oa000000000duplo001", token_endpoint_auth_method: "client_secret_basic" } },
    },
  ]);
  okta.lists.set("/api/v1/apps/0oa000000000duplo001/groups", () => [{ id: "00g0000000000admins1" }, { id: READ_ONLY }]);
  okta.lists.set("/api/v1/api-tokens", () => []);
  duplo.tenants.set("t-dev01", "dev01");

  const portal = await readPortal(new DuploClient({ host: duplo.url, token: DUPLO_TOKEN }, { baseDelayMs: 1 }), `https://${PORTAL_HOST}`, () => {});
  const options = { today: TODAY };
  const reader = new OktaReader({ orgUrl: okta.url, authorization: `SSWS ${OKTA_TOKEN}`, maxWaitMs: 1_500 });
  const org = await readOktaOrg(reader, `https://${PORTAL_HOST}/app/signin-okta`, groupSelectionFor(portal, options), () => {});
  const result = buildAccessFile(org, portal, options);

  assert.deepEqual((parse(result.text) as { roles: { readOnly: unknown } }).roles.readOnly, { importId: READ_ONLY, source: "directory" });
  assert.deepEqual(
    result.adopted.find((line) => line.what.startsWith("Okta group duplo-readonly")),
    {
      what: "Okta group duplo-readonly (platform role readOnly)",
      note: "1 member; a directory masters it (APP_GROUP), so the file references it (source: directory) and the stack never writes it: Okta changes members and profiles of OKTA_GROUP groups only; its members stay the directory's",
    },
  );
  assert.deepEqual(
    result.outside.find((line) => line.what.includes("Eng read")),
    {
      what: 'Okta group rule "Eng read" (0pr0000000000eng0001)',
      note: "it fills duplo-readonly, which a directory masters (APP_GROUP): the stack never writes such a group; it keeps working as it is, outside the stack",
    },
  );

  const validation = validateAccessFile("access/imported.yaml", { text: result.text, expiry: { today: TODAY } });
  assert.deepEqual(validation.ok ? [] : validation.problems, []);
  assert.ok(validation.ok);
  const run = await runProgram(validation.model);
  // Nothing writes the group: no group resource for the role, no memberships, owners or rule into it.
  const writers = run.resources.filter(
    (resource) =>
      resource.name === "role-readOnly" ||
      resource.inputs.groupId === READ_ONLY ||
      (Array.isArray(resource.inputs.groupAssignments) && resource.inputs.groupAssignments.includes(READ_ONLY)),
  );
  assert.deepEqual(
    writers.map((resource) => `${resource.type} ${resource.name}`),
    // The app's assignment reads the group's ID: DuploCloud's app is given to the group, the group is not written.
    ["okta:app/groupAssignment:GroupAssignment app-assignment-role-readOnly"],
  );
});

test("source: directory refuses members, owners, a rule and exceptions, and needs the group's importId", () => {
  const directory = (extra: string) =>
    VALID_ACCESS_FILE.replace('    rule: user.department == "Engineering"\n', `    importId: 00g00000000readonly1\n    source: directory\n${extra}`);
  assert.deepEqual(validateText(directory("")).ok, true);
  assert.equal(modelOf(directory("")).groups.find((group) => group.key === "role-readOnly")!.source, "directory");
  const problems = (text: string) => {
    const result = validateText(text);
    return result.ok ? [] : result.problems.map((p) => `${p.line}:${p.column} ${p.key}: ${p.message}`);
  };
  const why = (key: string) =>
    `roles.readOnly comes from a directory (source: directory), whose members Okta lets only the directory change; remove ${key}, and manage the group in the directory`;
  assert.deepEqual(problems(directory('    members: [ann@acme.example]\n    rule: user.department == "Eng"\n')), [
    `11:5 roles.readOnly.members: ${why("members")}`,
    `12:5 roles.readOnly.rule: ${why("rule")}`,
  ]);
  assert.deepEqual(problems(VALID_ACCESS_FILE.replace('    rule: user.department == "Engineering"\n', "    source: directory\n")), [
    "9:13 roles.readOnly.source: a group a directory masters must already exist: give its Okta ID as importId",
  ]);
});

test("import of an org whose dev01 read-write group is an AD group support made (APP_GROUP): referenced with source: directory, no team made of its members, said why, and planned with no resource that writes it", async () => {
  const DEV01_RW = "00g0000000dev01rwad1";
  const DEV01_RO = "00g0000000dev01ro001";
  const user = (id: string, login: string, department: string) => ({ id, status: "ACTIVE", profile: { login, email: login, department, firstName: "F", lastName: "L" } });
  okta.users.push(
    user("00u000000000000ada01", "ada@acme.example", "Eng"),
    user("00u000000000000gra01", "grace@acme.example", "Eng"),
    user("00u000000000000ann01", "ann@acme.example", "Ops"),
    user("00u000000000000bob01", "bob@acme.example", "Ops"),
  );
  okta.groups.push(
    { id: "00g0000000000admins1", name: "duplo-administrators", members: ["00u000000000000ada01", "00u000000000000gra01"] },
    // Members the directory put there (none by a rule of Okta's): the import must not make a team of them.
    { id: DEV01_RW, name: "duploservices-dev01", members: ["00u000000000000ann01", "00u000000000000bob01"], type: "APP_GROUP" },
    { id: DEV01_RO, name: "duplo-ro-dev01", members: ["00u000000000000ada01", "00u000000000000gra01"] },
  );
  okta.groupRules.push({ id: "0pr0000000000engro01", name: "Eng ro", status: "ACTIVE", expression: 'user.department == "Eng"', groupIds: [DEV01_RO], matches: () => false });
  okta.lists.set("/api/v1/apps", () => [
    {
      id: "0oa000000000duplo001",
      label: "DuploCloud",
      settings: { oauthClient: { redirect_uris: [`https://${PORTAL_HOST}/app/signin-okta`], grant_types: ["authorization_code"] } },
      credentials: { oauthClient: { client_id: "0oa000000000duplo001", token_endpoint_auth_method: "client_secret_basic" } },
    },
  ]);
  okta.lists.set("/api/v1/apps/0oa000000000duplo001/groups", () => [{ id: "00g0000000000admins1" }, { id: DEV01_RW }, { id: DEV01_RO }]);
  okta.lists.set("/api/v1/api-tokens", () => []);
  duplo.tenants.set("t-dev01", "dev01");

  const portal = await readPortal(new DuploClient({ host: duplo.url, token: DUPLO_TOKEN }, { baseDelayMs: 1 }), `https://${PORTAL_HOST}`, () => {});
  const options = { today: TODAY };
  const reader = new OktaReader({ orgUrl: okta.url, authorization: `SSWS ${OKTA_TOKEN}`, maxWaitMs: 1_500 });
  const org = await readOktaOrg(reader, `https://${PORTAL_HOST}/app/signin-okta`, groupSelectionFor(portal, options), () => {});
  const result = buildAccessFile(org, portal, options);
  const file = parse(result.text) as { duplocloud: { tenantGroupImports: unknown }; teams: Array<{ name: string; access: unknown }> };

  assert.deepEqual(file.duplocloud.tenantGroupImports, [
    { tenant: "dev01", level: "read-write", importId: DEV01_RW, source: "directory" },
    { tenant: "dev01", level: "read-only", importId: DEV01_RO, description: "duplo-ro-dev01 group" },
  ]);
  // The rule's team gets dev01 read-only; nobody's team is made of the directory group's members.
  assert.deepEqual(
    file.teams.map((team) => [team.name, team.access]),
    [["eng-ro", [{ tenant: "dev01", level: "read-only" }]]],
  );
  assert.deepEqual(
    result.adopted.filter((line) => line.what.includes("dev01")),
    [
      {
        what: "Okta group duploservices-dev01 (tenant dev01 read-write)",
        note: "2 members; a directory masters it (APP_GROUP), so the file references it (source: directory) and the stack never writes it: Okta changes members and profiles of OKTA_GROUP groups only; its members stay the directory's",
      },
      { what: "Okta group duplo-ro-dev01 (tenant dev01 read-only)", note: "2 members" },
    ],
  );

  const validation = validateAccessFile("access/imported.yaml", { text: result.text, expiry: { today: TODAY } });
  assert.deepEqual(validation.ok ? [] : validation.problems, []);
  assert.ok(validation.ok);
  const run = await runProgram(validation.model);
  const writers = run.resources.filter(
    (resource) =>
      resource.name.includes("tenant-dev01-read-write") ||
      resource.inputs.groupId === DEV01_RW ||
      (Array.isArray(resource.inputs.groupAssignments) && resource.inputs.groupAssignments.includes(DEV01_RW)),
  );
  assert.deepEqual(
    writers.map((resource) => `${resource.type} ${resource.name}`),
    ["okta:app/groupAssignment:GroupAssignment app-assignment-tenant-dev01-read-write"],
  );
});
