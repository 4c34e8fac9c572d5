import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { validateAccessFile } from "../../src/access/validate";
import { checkDrift, fileSideOf } from "../../src/live/drift/check";
import { OktaDriftReader } from "../../src/live/drift/read-okta";
import { OktaReader } from "../../src/okta/read-api";
import { PROJECT_DIR } from "../../src/cli/common";
import { driftOf, DUPLO_TOKEN, OKTA_TOKEN, SEED_PEOPLE, seedsStoppedAfterTests, TODAY } from "../support/drift-seed";
import { seedOrgFromPlan } from "../support/drift-org";
import { runProgram } from "../support/mock-program";

/*
 * Drift against the Okta emulator when the file references a tenant group a directory masters
 * (source: directory, Okta type APP_GROUP): its members are read live and are neither "outside the
 * file" nor given a fix Okta would refuse (it changes members of OKTA_GROUP groups only): one
 * information finding naming the directory, and each member's path in the evidence.
 */

const seeded = seedsStoppedAfterTests();
const SANDBOX_RO = "00g000000sandboxroad";

/** Drift of the dev file that references duplo-ro-sandbox as an AD group, with that group live under `groupId` (none: Okta lacks it). */
async function driftWithDirectoryGroup(groupId: string | undefined) {
  const org = await seeded();
  if (groupId !== undefined)
    org.okta.groups.push({ id: groupId, name: "duplo-ro-sandbox", members: [org.userId("hank.hr@acme.example"), org.userId("bob.marley@acme.example")], type: "APP_GROUP" });
  const text = readFileSync(path.join(PROJECT_DIR, "access/dev.yaml"), "utf8").replace(
    "  tenants: [dev01, qa01, sandbox]\n",
    `  tenants: [dev01, qa01, sandbox]\n  tenantGroupImports:\n    - { tenant: sandbox, level: read-only, importId: ${SANDBOX_RO}, source: directory }\n`,
  );
  const validation = validateAccessFile("access/dev.yaml", { text, expiry: { today: TODAY } });
  assert.ok(validation.ok, validation.ok ? "" : JSON.stringify(validation.problems));
  return checkDrift({
    file: fileSideOf(validation.model, validation.source),
    stack: "dev",
    orgUrl: "https://acme-dev.oktapreview.com",
    okta: new OktaDriftReader(new OktaReader({ orgUrl: org.okta.url, authorization: `SSWS ${OKTA_TOKEN}` })),
    directAppAssignments: false,
    progress: () => {},
  });
}

const fromDirectory = (login: string) => [
  login,
  [{ target: "tenant sandbox", level: "read-only", path: "group duplo-ro-sandbox, from the directory (APP_GROUP)", declared: true, line: "access/dev.yaml:7", owners: [] }],
];

test("drift: the members of a directory tenant group, read live, are one information finding naming the directory, and in the evidence", async () => {
  const { result } = await driftWithDirectoryGroup(SANDBOX_RO);
  // Not "outside the file", and no fix Okta would refuse: the only finding of the run.
  assert.deepEqual(result.findings, [
    {
      kind: "directory-members",
      severity: "information",
      where: "group duplo-ro-sandbox",
      how: "2 members from the directory that masters it (APP_GROUP); the file references the group (access/dev.yaml:7) and does not list them",
      fix: "Nothing to change in the file: who is in duplo-ro-sandbox is the directory's to change (AD, LDAP or the app it comes from); Okta refuses to add or remove its members.",
    },
  ]);
  assert.deepEqual(
    result.people
      .filter((person) => person.access.some((access) => access.target === "tenant sandbox" && access.level === "read-only"))
      .map((person) => [person.login, person.access.filter((access) => access.target === "tenant sandbox" && access.level === "read-only")]),
    [fromDirectory("Bob.Marley@Acme.example"), fromDirectory("hank.hr@acme.example")],
  );
});

test("drift: a directory group whose live ID is not the file's importId is a warning that names both IDs and the line", async () => {
  const { result } = await driftWithDirectoryGroup("00g000000sandboxroX2");
  assert.deepEqual(result.findings, [
    {
      kind: "directory-members",
      severity: "warning",
      where: "group duplo-ro-sandbox",
      how: "2 members from the directory that masters it (APP_GROUP); the file references the group (access/dev.yaml:7) and does not list them",
      fix:
        "Nothing to change in the file: who is in duplo-ro-sandbox is the directory's to change (AD, LDAP or the app it comes from); Okta refuses to add or remove its members. " +
        `The file references ${SANDBOX_RO}, and Okta's group of that name is 00g000000sandboxroX2: check the importId at access/dev.yaml:7.`,
    },
  ]);
});

test("drift: an AD group with a DuploCloud prefix the file does not reference: per member, the fix references it as the directory's, and never removes members by hand", async () => {
  const org = await seeded();
  const hank = org.userId("hank.hr@acme.example");
  org.okta.groups.push({ id: SANDBOX_RO, name: "duplo-ro-sandbox", members: [hank], type: "APP_GROUP" });
  const { result } = await driftOf(org, { portal: false, appUsers: false });
  assert.deepEqual(result.findings, [
    {
      kind: "undeclared-duplo-group",
      severity: "warning",
      who: { login: "hank.hr@acme.example", name: "Hank Human", status: "ACTIVE" },
      where: "group duplo-ro-sandbox",
      how: "added directly (by hand or the API), not by a rule",
      fix:
        `To keep: reference it under duplocloud.tenantGroupImports ({ tenant: sandbox, level: read-only, importId: ${SANDBOX_RO}, source: directory }, access/dev.yaml:4): a directory masters it (APP_GROUP). ` +
        "To undo: ask the directory's administrators to empty or remove duplo-ro-sandbox; Okta refuses to change its members",
    },
  ]);
});

test("drift: a group the file manages that Okta says a directory masters: one warning with the form to reference it, no member outside the file or missing", async () => {
  const org = await seeded();
  const index = org.okta.groups.findIndex((group) => group.name === "duplo-ro-qa01");
  const group = org.okta.groups[index]!;
  // Someone the file does not put there, and nobody of the file's rule: neither is a finding of its own.
  org.okta.groups[index] = { ...group, members: [org.userId("hank.hr@acme.example")], type: "APP_GROUP" };
  const { result } = await driftOf(org, { portal: false, appUsers: false });
  assert.deepEqual(result.findings, [
    {
      kind: "directory-members",
      severity: "warning",
      where: "group duplo-ro-qa01",
      how: "1 member from the directory that masters it (APP_GROUP); the file manages the group (access/dev.yaml:73), and Okta refuses the stack's writes to it",
      fix:
        `Reference it instead of managing it: { tenant: qa01, level: read-only, importId: ${group.id}, source: directory } under duplocloud.tenantGroupImports, with no team or temporary grant of qa01 read-only; ` +
        "who is in duplo-ro-qa01 is the directory's to change (AD, LDAP or the app it comes from); Okta refuses to add or remove its members.",
    },
  ]);
});

test("drift: a directory group the file references that Okta does not have is a warning naming the line and the ID", async () => {
  const { result } = await driftWithDirectoryGroup(undefined);
  assert.deepEqual(result.findings, [
    {
      kind: "directory-members",
      severity: "warning",
      where: "group duplo-ro-sandbox",
      how: "the file references it as a directory's group (access/dev.yaml:7), and Okta has no group of that name",
      fix: `Check importId ${SANDBOX_RO} at access/dev.yaml:7 and the group's name in the directory (AD, LDAP or the app it comes from): DuploCloud reads duplo-ro-sandbox by its name, so nobody gets its access through it until it exists`,
    },
  ]);
});

test("the org seeded from the plan of a file with a directory group holds that group as an APP_GROUP, and drift finds only its information line", async () => {
  const text = readFileSync(path.join(PROJECT_DIR, "access/dev.yaml"), "utf8").replace(
    "  tenants: [dev01, qa01, sandbox]\n",
    `  tenants: [dev01, qa01, sandbox]\n  tenantGroupImports:\n    - { tenant: sandbox, level: read-only, importId: ${SANDBOX_RO}, source: directory }\n`,
  );
  const validation = validateAccessFile("access/dev.yaml", { text, expiry: { today: TODAY } });
  assert.ok(validation.ok);
  const plan = await runProgram(validation.model);
  const org = await seedOrgFromPlan(validation.model, plan.resources, SEED_PEOPLE, { okta: OKTA_TOKEN, duplo: DUPLO_TOKEN });
  try {
    assert.deepEqual(
      org.okta.groups.filter((group) => group.name === "duplo-ro-sandbox"),
      [{ id: SANDBOX_RO, name: "duplo-ro-sandbox", members: [], type: "APP_GROUP" }],
    );
    const { result } = await checkDrift({
      file: fileSideOf(validation.model, validation.source),
      stack: "dev",
      orgUrl: "https://acme-dev.oktapreview.com",
      okta: new OktaDriftReader(new OktaReader({ orgUrl: org.okta.url, authorization: `SSWS ${OKTA_TOKEN}` })),
      directAppAssignments: false,
      progress: () => {},
    });
    assert.deepEqual(result.findings, [
      {
        kind: "directory-members",
        severity: "information",
        where: "group duplo-ro-sandbox",
        how: "0 members from the directory that masters it (APP_GROUP); the file references the group (access/dev.yaml:7) and does not list them",
        fix: "Nothing to change in the file: who is in duplo-ro-sandbox is the directory's to change (AD, LDAP or the app it comes from); Okta refuses to add or remove its members.",
      },
    ]);
  } finally {
    await org.okta.stop();
    await org.duplo.stop();
  }
});
