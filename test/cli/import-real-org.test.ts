import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { parse } from "yaml";
import { DuploClient } from "../../src/duplocloud/client";
import { readPortal } from "../../src/live/portal";
import { buildAccessFile, groupSelectionFor, type ImportResult } from "../../src/importer/build-access-file";
import { readOktaOrg } from "../../src/live/okta-org";
import { OktaReader } from "../../src/okta/read-api";
import { validateAccessFile } from "../../src/access/validate";
import { audienceOf } from "../../src/review/audience";
import { PROJECT_DIR } from "../../src/cli/common";
import { DuploEmulator } from "../support/duplo-emulator";
import { OktaEmulator } from "../support/okta-emulator";
import { runProgram } from "../support/mock-program";
import { runCliAsync } from "../support/run-cli";
import { tempDir } from "../support/temp-dir";
import { accessToday, FIXED_PEOPLE, GROUPS, loadRealOrg, PORTAL_HOST, snapshotOf, type OrgPerson, type RealOrgSpec } from "../support/real-org";

/*
 * Import of an org with history (test/support/real-org.ts): deactivated and suspended members,
 * mixed-case logins, a console rule that tests membership, a group filled by a rule and by hand, a
 * group whose only member is deactivated, an offboarded portal user, groups that are none of
 * DuploCloud's business. Nobody who can sign in gains or loses access through the written file,
 * and nobody who cannot is carried into it.
 */

const OKTA_TOKEN = "okta-read-only-token-never-shown";
const DUPLO_TOKEN = "duplo-token-never-shown";
const TODAY = "2026-12-02";
let okta: OktaEmulator;
let duplo: DuploEmulator;

beforeEach(async () => {
  okta = await new OktaEmulator(OKTA_TOKEN).start();
  // An org with Okta Identity Governance, so group owners are read (one test turns it off).
  okta.identityGovernance = true;
  duplo = await new DuploEmulator(DUPLO_TOKEN, {}).start();
});
afterEach(async () => {
  await okta.stop();
  await duplo.stop();
});

const person = (id: string, login: string, status: string, department: string): OrgPerson => ({ id, login, status, department });
const EXAMPLE: RealOrgSpec = {
  people: [
    ...FIXED_PEOPLE,
    person("00u0000000000000pam1", "Pam.Pay@Acme.example", "ACTIVE", "Payments"),
    person("00u0000000000000pia1", "pia@acme.example", "ACTIVE", "QA"),
    person("00u0000000000000sue1", "sue@acme.example", "SUSPENDED", "Payments"),
    person("00u000000000shophand", "Shop.Hand@acme.example", "ACTIVE", "QA"),
    person("00u0000000000000dee1", "dee@acme.example", "ACTIVE", "QA"),
    person("00u000000000000olaf1", "olaf@acme.example", "DEPROVISIONED", "Platform"),
    person("00u0000000000000bob1", "bob@acme.example", "ACTIVE", "Payments"),
  ],
  byHand: {
    "duplo-administrators": ["00u000000000000ada01", "00u000000000000gra01", "00u000000000000olaf1"],
    "duplo-readonly": ["00u0000000000000dee1"],
    "duploservices-pay-a": ["00u0000000000000pam1", "00u0000000000000sue1"],
    "duploservices-pay-b": ["00u0000000000000pia1"],
    // Pam is here by hand too, and the rule explains her: she is not listed by hand in the file.
    "duplo-ro-shop-prod": ["00u000000000shophand", "00u0000000000000pam1"],
    "duploservices-dev01": ["00u0000000000000dee1"],
    "duplo-ro-legacy": ["00u00000000000legacy"],
    marketing: ["00u0000000000000bob1"],
  },
};

async function importOrg(): Promise<ImportResult> {
  const portal = await readPortal(new DuploClient({ host: duplo.url, token: DUPLO_TOKEN }, { baseDelayMs: 1 }), `https://${PORTAL_HOST}`, () => {});
  const options = { today: TODAY };
  const reader = new OktaReader({ orgUrl: okta.url, authorization: `SSWS ${OKTA_TOKEN}`, maxWaitMs: 1_500 });
  const org = await readOktaOrg(reader, `https://${PORTAL_HOST}/app/signin-okta`, groupSelectionFor(portal, options), () => {});
  return buildAccessFile(org, portal, options);
}

const ADVICE_DEACTIVATED =
  "deactivated (DEPROVISIONED): cannot sign in, so the file does not name them and the group keeps them as it is; Okta keeps deactivated people in their groups; remove them from the group in Okta, or reactivate them and name them in the file if they return";
const ADVICE_SUSPENDED =
  "suspended (SUSPENDED): cannot sign in, so the file does not name them and the group keeps them as it is; if they are unsuspended and still need this access, name them in the file; otherwise remove them from the group in Okta";

test("import of an org with history: members named by login, nobody who cannot sign in written, a rule's members never listed by hand", async () => {
  loadRealOrg(okta, duplo, EXAMPLE);
  const result = await importOrg();
  const validation = validateAccessFile("access/imported.yaml", { text: result.text, expiry: { today: TODAY } });
  assert.deepEqual(validation.ok ? [] : validation.problems, []);
  const tenant = (name: string, level: string) => ({ tenant: name, level });
  assert.deepEqual(parse(result.text), {
    duplocloud: {
      portal: `https://${PORTAL_HOST}`,
      tenants: ["dev01", "legacy", "pay-a", "pay-b", "shop-prod"],
      users: [
        {
          username: "breakglass@acme.example",
          roles: ["User"],
          tenants: [tenant("dev01", "read-write")],
          reason: `Imported from the portal on ${TODAY}; say why this user exists outside Okta.`,
          adopt: true,
        },
      ],
      tenantGroupImports: [
        { tenant: "dev01", level: "read-write", importId: "00g00000000000dev01w", description: "duploservices-dev01 group" },
        { tenant: "pay-a", level: "read-write", importId: "00g00000000000payaw1", description: "duploservices-pay-a group" },
        { tenant: "pay-b", level: "read-write", importId: "00g00000000000paybw1", description: "duploservices-pay-b group" },
        { tenant: "shop-prod", level: "read-only", importId: "00g0000000shopprodr1", description: "duplo-ro-shop-prod group" },
      ],
    },
    okta: { app: { label: "DuploCloud", importId: "0oa000000000duplo001", signOn: { mfa: "required" } } },
    roles: {
      administrators: {
        importId: "00g0000000000admins1",
        description: "duplo-administrators group",
        owners: ["ada.lovelace@acme.example"],
        members: ["ada.lovelace@acme.example", "grace@acme.example"],
      },
      // Bob is in readOnly by the rule testing marketing's members, not by hand: not listed.
      readOnly: { importId: "00g00000000readonly1", description: "duplo-readonly group", members: ["dee@acme.example"], rule: 'isMemberOfGroupName("marketing")' },
      securityAdmins: {},
      signupUsers: {},
    },
    teams: [
      { name: "payments-to-dev01", rule: 'user.department == "Payments"', access: [tenant("dev01", "read-write")] },
      { name: "pay-teams-read-shop-prod", rule: 'isMemberOfGroupNameStartsWith("duploservices-pay")', access: [tenant("shop-prod", "read-only")] },
      { name: "dev01-rw-members", members: ["dee@acme.example"], access: [tenant("dev01", "read-write")] },
      { name: "pay-a-rw-members", members: ["pam.pay@acme.example"], access: [tenant("pay-a", "read-write")] },
      { name: "pay-b-rw-members", members: ["pia@acme.example"], access: [tenant("pay-b", "read-write")] },
      { name: "shop-prod-ro-members", members: ["shop.hand@acme.example"], access: [tenant("shop-prod", "read-only")] },
    ],
  });
  assert.deepEqual(
    result.outside.filter((line) => !line.what.startsWith("Okta group rule")),
    [
      { what: "gone.user@acme.example, owner of duplo-administrators", note: ADVICE_DEACTIVATED },
      { what: "olaf@acme.example, member of duplo-administrators", note: ADVICE_DEACTIVATED },
      { what: "sue@acme.example, member of duploservices-dev01", note: ADVICE_SUSPENDED },
      { what: "dora.legacy@acme.example, member of duplo-ro-legacy", note: ADVICE_DEACTIVATED },
      {
        what: "Okta group duplo-ro-legacy (00g000000000legacyr1)",
        note: "nobody who can sign in is in it and no rule fills it; the stack makes no read-only group for legacy, so it stays as it is (delete it in Okta if unused)",
      },
      { what: "sue@acme.example, member of duploservices-pay-a", note: ADVICE_SUSPENDED },
      { what: "sue@acme.example, member of duplo-ro-shop-prod", note: ADVICE_SUSPENDED },
      {
        what: "DuploCloud user Gone.User@Acme.example: offboarded, still in the portal",
        note: "the Okta account is DEPROVISIONED; the file does not carry the user (User); remove the user in the portal (Administrator > Users)",
      },
    ],
  );
  assert.deepEqual(result.todo, [
    "duploservices-dev01: 1 member added by hand is now team dev01-rw-members too; once the stack's rule has filled the group, remove them from the group by hand if you want the team to be the only path.",
    "duploservices-pay-a: 1 member added by hand is now team pay-a-rw-members too; after the first pulumi up, remove them from the group by hand if you want the team to be the only path.",
    "duploservices-pay-b: 1 member added by hand is now team pay-b-rw-members too; after the first pulumi up, remove them from the group by hand if you want the team to be the only path.",
    "duplo-ro-shop-prod: 1 member added by hand is now team shop-prod-ro-members too; once the stack's rule has filled the group, remove them from the group by hand if you want the team to be the only path.",
    "duplocloud.users breakglass@acme.example: write the real reason this user exists outside Okta.",
  ]);
});

test("import reads only what matters: the user pages, the group list, and members, owners and roles of DuploCloud's groups; never Everyone or a group no rule of theirs tests; portal grants in one request", async () => {
  loadRealOrg(okta, duplo, EXAMPLE);
  await importOrg();
  const duploGroups = GROUPS.filter((group) => group.name.startsWith("duplo")).map((group) => group.id);
  assert.deepEqual(
    okta.requests.map((request) => request.url),
    [
      "/api/v1/users?limit=200",
      "/api/v1/users?filter=status%20eq%20%22DEPROVISIONED%22&limit=200",
      "/api/v1/groups?limit=200",
      "/api/v1/groups/rules?limit=200",
      "/api/v1/apps?limit=200",
      "/api/v1/apps/0oa000000000duplo001/groups?expand=group&limit=200",
      ...duploGroups.flatMap((id) => [`/api/v1/groups/${id}/users?limit=200`, `/api/v1/groups/${id}/owners?limit=200`, `/api/v1/groups/${id}/roles`]),
      // A rule filling duplo-readonly tests marketing: its members are read, nothing else of it.
      "/api/v1/groups/00g000000marketing01/users?limit=200",
      "/api/v1/api-tokens",
    ],
  );
  assert.deepEqual(
    duplo.requests.map((request) => `${request.method} ${request.path}`),
    ["GET /admin/GetTenantsForUser", "GET /admin/GetAllUserRoles", "GET /admin/GetAllTenantAuthInfo", "GET /v3/admin/systemSettings/config"],
  );
});

test("import on an org without Okta Identity Governance: the owner API refuses once, owners are skipped with a note, the rest is imported", async () => {
  loadRealOrg(okta, duplo, EXAMPLE);
  okta.identityGovernance = false;
  const result = await importOrg();
  const file = parse(result.text) as { roles: Record<string, unknown> };
  assert.deepEqual(file.roles.administrators, {
    importId: "00g0000000000admins1",
    description: "duplo-administrators group",
    members: ["ada.lovelace@acme.example", "grace@acme.example"],
  });
  assert.deepEqual(
    okta.requests.filter((request) => request.url.includes("/owners")).map((request) => request.url),
    ["/api/v1/groups/00g0000000000admins1/owners?limit=200"],
  );
  assert.deepEqual(
    result.todo.filter((line) => line.startsWith("Group owners")),
    [
      "Group owners were not read (Okta answered 401 to GET /api/v1/groups/00g0000000000admins1/owners; the owner API needs Okta Identity Governance): add owners to the file by hand if the org has them.",
    ],
  );
});

test("npm run import on an org with history: exits 0, writes access/<stack>.yaml of the project it was pointed at, which validates and plans", async () => {
  loadRealOrg(okta, duplo, EXAMPLE, new URL(duplo.url).host);
  const root = tempDir("import-real-org-");
  cpSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(root, "Pulumi.yaml"));
  writeFileSync(path.join(root, "Pulumi.prod.yaml"), "config:\n  okta:orgName: acme\n");
  const env = { ACCESS_PROJECT_DIR: root, OKTA_API_TOKEN: OKTA_TOKEN, DUPLO_TOKEN: DUPLO_TOKEN };
  const badShare = await runCliAsync("import", ["--stack", "prod", "--portal", duplo.url, "--org-url", okta.url, "--rate-limit-share", "2"], env);
  assert.deepEqual([badShare.status, badShare.stderr], [2, '--rate-limit-share takes a share of each Okta rate-limit bucket above 0 and at most 1, e.g. 0.5 (got "2")\n']);
  const result = await runCliAsync("import", ["--stack", "prod", "--portal", duplo.url, "--org-url", okta.url], env);
  const written = path.join(root, "access", "prod.yaml");
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  assert.equal(result.stdout.split("\n")[0], `wrote ${written}`);
  assert.equal(existsSync(path.join(PROJECT_DIR, "access", "prod.yaml")), false);
  assert.match(result.stdout, /\n {2}- olaf@acme\.example, member of duplo-administrators: deactivated \(DEPROVISIONED\): cannot sign in/);
  const validation = validateAccessFile(written, { text: readFileSync(written, "utf8"), expiry: { today: TODAY } });
  assert.ok(validation.ok, JSON.stringify(!validation.ok && validation.problems));
  const run = await runProgram(validation.model);
  const imported = run.resources.filter((r) => run.options.get(r.name)?.import).map((r) => [r.name, run.options.get(r.name)!.import]);
  assert.deepEqual(Object.fromEntries(imported), {
    "role-administrators": "00g0000000000admins1",
    "role-readOnly": "00g00000000readonly1",
    "tenant-dev01-read-write": "00g00000000000dev01w",
    "tenant-pay-a-read-write": "00g00000000000payaw1",
    "tenant-pay-b-read-write": "00g00000000000paybw1",
    "tenant-shop-prod-read-only": "00g0000000shopprodr1",
    "duplocloud-app": "0oa000000000duplo001",
  });
});

const HAND_GROUPS = ["duplo-administrators", "duplo-readonly", "duploservices-dev01", "duploservices-pay-a", "duploservices-pay-b", "duplo-ro-shop-prod", "marketing"];
/** What every generated org has besides its random people: the history the issue names, at least once. */
const BASE: RealOrgSpec = {
  people: [
    ...FIXED_PEOPLE,
    person("00u0000000000000sue1", "Sue.Suspended@Acme.example", "SUSPENDED", "Payments"),
    person("00u000000000000olaf1", "olaf@acme.example", "DEPROVISIONED", "Platform"),
    person("00u000000000shophand", "Shop.Hand@acme.example", "ACTIVE", "QA"),
    person("00u0000000000000dee1", "dee@acme.example", "ACTIVE", "QA"),
  ],
  byHand: {
    "duplo-administrators": ["00u000000000000ada01", "00u000000000000gra01", "00u000000000000olaf1"],
    "duploservices-pay-a": ["00u0000000000000sue1"],
    "duplo-ro-shop-prod": ["00u000000000shophand"],
    "duploservices-dev01": ["00u0000000000000dee1"],
    "duplo-ro-legacy": ["00u00000000000legacy"],
  },
};

const randomPerson = fc.record({
  status: fc.constantFrom("ACTIVE", "ACTIVE", "ACTIVE", "PASSWORD_EXPIRED", "SUSPENDED", "DEPROVISIONED", "STAGED"),
  department: fc.constantFrom("Payments", "QA", "Platform"),
  mixedCase: fc.boolean(),
  groups: fc.subarray(HAND_GROUPS),
});

function specWith(extras: ReadonlyArray<{ status: string; department: string; mixedCase: boolean; groups: string[] }>): RealOrgSpec {
  const byHand: Record<string, string[]> = Object.fromEntries(Object.entries(BASE.byHand).map(([name, ids]) => [name, [...ids]]));
  const people = extras.map((extra, index) => {
    const id = `00u00000000random${String(index).padStart(2, "0")}`;
    for (const group of extra.groups) byHand[group] = [...(byHand[group] ?? []), id];
    return person(id, extra.mixedCase ? `Person.${index}@Acme.Example` : `person.${index}@acme.example`, extra.status, extra.department);
  });
  return { people: [...BASE.people, ...people], byHand };
}

test("round trip (property): for every person who can sign in, the access the written file gives equals the access the org gives today; the file validates and plans", async () => {
  // Each run has emulators of its own: the ones beforeEach started would otherwise keep listening.
  await okta.stop();
  await duplo.stop();
  await fc.assert(
    fc.asyncProperty(fc.array(randomPerson, { minLength: 1, maxLength: 8 }), async (extras) => {
      const spec = specWith(extras);
      const runOkta = await new OktaEmulator(OKTA_TOKEN).start();
      runOkta.identityGovernance = true;
      const runDuplo = await new DuploEmulator(DUPLO_TOKEN, {}).start();
      [okta, duplo] = [runOkta, runDuplo];
      try {
        runOkta.pageSize = 3;
        loadRealOrg(runOkta, runDuplo, spec);
        const result = await importOrg();
        const validation = validateAccessFile("access/imported.yaml", { text: result.text, expiry: { today: TODAY } });
        assert.deepEqual(validation.ok ? [] : validation.problems, []);
        if (!validation.ok) return;
        // Evaluated with the project's evaluator on the same org, every membership known.
        const audience = audienceOf(validation.model, snapshotOf(spec));
        assert.deepEqual(audience.people, accessToday(spec));
        assert.deepEqual(audience.undecided, new Map());
        // Nobody who cannot sign in is written anywhere in the file.
        const cannot = spec.people.filter((p) => !["ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT", "RECOVERY"].includes(p.status)).map((p) => p.login.toLowerCase());
        assert.deepEqual(
          cannot.filter((login) => result.text.toLowerCase().includes(login)),
          [],
        );
        await runProgram(validation.model);
      } finally {
        await runOkta.stop();
        await runDuplo.stop();
      }
    }),
    { numRuns: 12 },
  );
});

test("import: an owner neither user listing returned (created while the import ran) is read once by ID and named by login", async () => {
  loadRealOrg(okta, duplo, EXAMPLE);
  okta.lists.set("/api/v1/groups/00g00000000readonly1/owners", () => {
    if (!okta.users.some((user) => user.id === "00u0000000000newbie1"))
      okta.users.push({ id: "00u0000000000newbie1", status: "ACTIVE", profile: { login: "New.Bie@Acme.example", email: "New.Bie@Acme.example", department: "QA" } });
    return [{ id: "00u0000000000newbie1", type: "USER" }];
  });
  const result = await importOrg();
  assert.deepEqual((parse(result.text) as { roles: { readOnly: { owners: string[] } } }).roles.readOnly.owners, ["new.bie@acme.example"]);
  assert.deepEqual(
    okta.requests.map((request) => request.url).filter((url) => url.startsWith("/api/v1/users/")),
    ["/api/v1/users/00u0000000000newbie1"],
  );
});
