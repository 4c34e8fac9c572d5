import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { DuploClient } from "../../src/duplocloud/client";
import { readPortal } from "../../src/live/portal";
import { buildAccessFile, groupSelectionFor, type ImportResult } from "../../src/importer/build-access-file";
import { readOktaOrg } from "../../src/live/okta-org";
import { OktaReader } from "../../src/okta/read-api";
import { validateAccessFile } from "../../src/access/validate";
import { audienceOf, type AudienceKey } from "../../src/review/audience";
import { CAN_SIGN_IN, type DirectorySnapshot } from "../../src/review/directory";
import { DuploEmulator } from "../../src/sandbox/duplo-emulator";
import { OktaEmulator, type EmulatedUser } from "../../src/sandbox/okta-emulator";

/*
 * Import of an org whose console rules exclude people (GroupRule.conditions.people.users.exclude).
 * The org's access is what the Okta emulator's own rule evaluation gives (its memberships: rules
 * add whom they match, never whom they exclude, never people pending activation), not the
 * project's evaluator; the file's access is what the written file gives. For everyone who can sign
 * in they are the same.
 */

const OKTA_TOKEN = "okta-read-only-token-never-shown";
const DUPLO_TOKEN = "duplo-token-never-shown";
const TODAY = "2026-12-02";
const PORTAL_HOST = "acme.duplocloud.net";
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

const user = (id: string, login: string, status: string, department: string, title = ""): EmulatedUser => ({
  id,
  status,
  profile: { login, email: login, department, title, firstName: "F", lastName: "L" },
});
const PEOPLE = [
  user("00u000000000000ada01", "Ada.Lovelace@Acme.example", "ACTIVE", "Platform"),
  user("00u000000000000gra01", "grace@acme.example", "ACTIVE", "Platform"),
  user("00u0000000000000pam1", "Pam.Pay@Acme.example", "ACTIVE", "Payments"),
  // Excluded from the Payments rule of dev01, in dev01 through the auditors' rule.
  user("00u0000000000000eve1", "eve@acme.example", "ACTIVE", "Payments", "Auditor"),
  // Excluded from the Payments rule of dev01, and added to dev01 by hand.
  user("00u0000000000000max1", "max@acme.example", "ACTIVE", "Payments"),
  user("00u0000000000000sam1", "sam@acme.example", "SUSPENDED", "Payments"),
  // A new hire the rules match, not activated yet: Okta's rules leave them out.
  user("00u000000000000stan1", "stan@acme.example", "STAGED", "Payments"),
];
const GROUP = {
  admins: "00g0000000000admins1",
  readOnly: "00g00000000readonly1",
  dev01: "00g00000000000dev01w",
  everyone: "00g0000000everyone01",
};
const department = (name: string) => (person: EmulatedUser) => person.profile.department === name;

function loadOrg(): void {
  okta.users.push(...PEOPLE);
  okta.groups.push(
    { id: GROUP.admins, name: "duplo-administrators", members: ["00u000000000000ada01", "00u000000000000gra01"] },
    { id: GROUP.readOnly, name: "duplo-readonly", members: [] },
    { id: GROUP.dev01, name: "duploservices-dev01", members: ["00u0000000000000max1"] },
    { id: GROUP.everyone, name: "Everyone", members: PEOPLE.map((person) => person.id), type: "BUILT_IN" },
  );
  okta.groupRules.push(
    {
      id: "0pr00000000payments1",
      name: "Payments to dev01",
      status: "ACTIVE",
      expression: 'user.department == "Payments"',
      groupIds: [GROUP.dev01],
      excludedUserIds: ["00u0000000000000eve1", "00u0000000000000max1"],
      matches: department("Payments"),
    },
    {
      id: "0pr000000000audit001",
      name: "Auditors to dev01",
      status: "ACTIVE",
      expression: 'user.title == "Auditor"',
      groupIds: [GROUP.dev01],
      matches: (person) => person.profile.title === "Auditor",
    },
    {
      id: "0pr0000000payread001",
      name: "Payments read the platform",
      status: "ACTIVE",
      expression: 'user.department == "Payments"',
      groupIds: [GROUP.readOnly],
      excludedUserIds: ["00u0000000000000pam1"],
      matches: department("Payments"),
    },
  );
  okta.lists.set("/api/v1/apps", () => [
    {
      id: "0oa000000000duplo001",
      label: "DuploCloud",
      settings: { oauthClient: { redirect_uris: [`https://${PORTAL_HOST}/app/signin-okta`], grant_types: ["authorization_code"] } },
      credentials: { oauthClient: { client_id: "0oa000000000duplo001", token_endpoint_auth_method: "client_secret_basic" } },
    },
  ]);
  okta.lists.set("/api/v1/apps/0oa000000000duplo001/groups", () => [GROUP.admins, GROUP.readOnly, GROUP.dev01].map((id) => ({ id })));
  okta.lists.set("/api/v1/api-tokens", () => []);
  duplo.tenants.set("t-dev01", "dev01");
}

async function importOrg(): Promise<ImportResult> {
  const portal = await readPortal(new DuploClient({ host: duplo.url, token: DUPLO_TOKEN }, { baseDelayMs: 1 }), `https://${PORTAL_HOST}`, () => {});
  const options = { today: TODAY };
  const reader = new OktaReader({ orgUrl: okta.url, authorization: `SSWS ${OKTA_TOKEN}`, maxWaitMs: 1_500 });
  const org = await readOktaOrg(reader, `https://${PORTAL_HOST}/app/signin-okta`, groupSelectionFor(portal, options), () => {});
  return buildAccessFile(org, portal, options);
}

/** What the org gives today, from the emulator's memberships: per role and tenant, the lower-cased logins of people who can sign in. */
function orgAccess(): Map<AudienceKey, string[]> {
  const meaning: Array<[string, AudienceKey]> = [
    [GROUP.admins, "platform role administrators"],
    [GROUP.readOnly, "platform role readOnly"],
    [GROUP.dev01, "tenant dev01 read-write"],
  ];
  const access = new Map<AudienceKey, string[]>();
  for (const [groupId, key] of meaning) {
    const members = new Set(okta.membersOf(groupId));
    const logins = PEOPLE.filter((person) => members.has(person.id) && CAN_SIGN_IN.has(person.status)).map((person) => String(person.profile.login).toLowerCase());
    if (logins.length > 0) access.set(key, logins.sort());
  }
  return new Map([...access].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The same people as a directory snapshot: what the written file's rules are evaluated on. */
const snapshot = (): DirectorySnapshot => ({
  version: 1,
  takenAt: "2026-12-02T00:00:00Z",
  source: "okta-api",
  attributes: ["department", "login", "title"],
  users: PEOPLE.map((person) => ({
    login: String(person.profile.login).toLowerCase(),
    status: person.status,
    profile: { department: person.profile.department as string, login: person.profile.login as string, title: person.profile.title as string },
  })),
});

test("import of an org whose rules exclude people: the file says except, and gives everyone who can sign in the access the org gives", async () => {
  loadOrg();
  const result = await importOrg();
  const validation = validateAccessFile("access/imported.yaml", { text: result.text, expiry: { today: TODAY } });
  assert.deepEqual(validation.ok ? [] : validation.problems, []);
  const written = parse(result.text) as { teams: unknown[]; roles: { readOnly: unknown } };
  assert.deepEqual(written.teams, [
    { name: "payments-to-dev01", rule: 'user.department == "Payments"', except: ["eve@acme.example", "max@acme.example"], access: [{ tenant: "dev01", level: "read-write" }] },
    { name: "auditors-to-dev01", rule: 'user.title == "Auditor"', access: [{ tenant: "dev01", level: "read-write" }] },
    // Max is excluded from the rule, so he is in dev01 by hand: the file names him.
    { name: "dev01-rw-members", members: ["max@acme.example"], access: [{ tenant: "dev01", level: "read-write" }] },
  ]);
  assert.deepEqual(written.roles.readOnly, {
    importId: GROUP.readOnly,
    description: "duplo-readonly group",
    rule: 'user.department == "Payments"',
    except: ["pam.pay@acme.example"],
  });

  // Stan, not activated yet, whom the Payments rule matches: information on the team's line, never a to-do.
  assert.deepEqual(
    result.created.find((line) => line.what.startsWith("team payments-to-dev01")),
    {
      what: 'team payments-to-dev01: Okta group duplo-team-payments-to-dev01, filled by the expression of rule "Payments to dev01", except eve@acme.example, max@acme.example as the rule excludes them',
      note: "not activated yet, so Okta's rules skip them; they get this access once activated, as today: stan@acme.example",
    },
  );
  assert.deepEqual(
    [...result.todo, ...result.outside.map((line) => `${line.what} ${line.note ?? ""}`)].filter((line) => line.includes("stan")),
    [],
  );

  // The org's access, from the emulator's own rule evaluation: the excluded and the not yet activated are out.
  const expected = new Map<AudienceKey, string[]>([
    ["platform role administrators", ["ada.lovelace@acme.example", "grace@acme.example"]],
    ["platform role readOnly", ["eve@acme.example", "max@acme.example"]],
    ["tenant dev01 read-write", ["eve@acme.example", "max@acme.example", "pam.pay@acme.example"]],
  ]);
  assert.deepEqual(orgAccess(), expected);
  assert.ok(validation.ok);
  assert.deepEqual(audienceOf(validation.model, snapshot()).people, expected);
});

test("the same org imported without its exclusions would widen access: the exclusions are what keeps the two equal", async () => {
  loadOrg();
  const result = await importOrg();
  const withoutExcept = result.text.replace(/^\s*except:.*\n(\s+- .*\n)*/gm, "");
  assert.doesNotMatch(withoutExcept, /except/);
  const validation = validateAccessFile("access/imported.yaml", { text: withoutExcept, expiry: { today: TODAY } });
  assert.ok(validation.ok);
  const people = audienceOf(validation.model, snapshot()).people;
  assert.deepEqual(people.get("platform role readOnly"), ["eve@acme.example", "max@acme.example", "pam.pay@acme.example"]);
  assert.notDeepEqual(people, orgAccess());
});
