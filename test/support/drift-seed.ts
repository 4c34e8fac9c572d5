import { after } from "node:test";
import { validateAccessFile } from "../../src/access/validate";
import { checkDrift, fileSideOf, type FileSide } from "../../src/live/drift/check";
import { OktaDriftReader } from "../../src/live/drift/read-okta";
import { PortalDriftReader } from "../../src/live/drift/read-portal";
import { DuploClient } from "../../src/duplocloud/client";
import { OktaReader } from "../../src/okta/read-api";
import { runProgram } from "./mock-program";
import { seedOrgFromPlan, type SeedPerson, type SeededOrg } from "./drift-org";

/*
 * The dev stack's access file, its plan, and the directory of people the seeded org holds: people
 * each rule matches, people it does not, the owners the file names, and the owner of the API token.
 */

export const OKTA_TOKEN = "okta-drift-token-never-shown";
export const DUPLO_TOKEN = "duplo-drift-token-never-shown";
export const TODAY = "2026-12-02";

export const SEED_PEOPLE: readonly SeedPerson[] = [
  { login: "ada.lovelace@acme.example", firstName: "Ada", lastName: "Lovelace", profile: { department: "Engineering", title: "Staff Engineer", userType: "employee" } },
  { login: "grace.hopper@acme.example", firstName: "Grace", lastName: "Hopper", profile: { department: "Platform", title: "Principal Engineer" } },
  { login: "alan.turing@acme.example", firstName: "Alan", lastName: "Turing", profile: { department: "Security", title: "Security Engineer" } },
  { login: "katherine.johnson@acme.example", firstName: "Katherine", lastName: "Johnson", profile: { department: "Research", title: "Mathematician" } },
  { login: "ciso@acme.example", firstName: "Chief", lastName: "Security", profile: { department: "Security", title: "CISO" } },
  { login: "lead.payments@acme.example", firstName: "Lea", lastName: "Payne", profile: { department: "Payments", title: "Engineering Manager" } },
  { login: "lead.data@acme.example", firstName: "Dana", lastName: "Lead", profile: { department: "Research", title: "Data Lead" } },
  { login: "Bob.Marley@Acme.example", firstName: "Bob", lastName: "Marley", profile: { department: "Payments", title: "Engineer" } },
  { login: "erin.contractor@acme.example", firstName: "Erin", lastName: "Contractor", profile: { department: "Engineering", title: "Engineer", userType: "contractor" } },
  { login: "dan.eng@acme.example", firstName: "Dan", lastName: "Eng", profile: { department: "Engineering", title: "Engineer", userType: "employee" } },
  { login: "frank.analytics@acme.example", firstName: "Frank", lastName: "Analytics", profile: { department: "Analytics", title: "Analyst" } },
  { login: "hank.hr@acme.example", firstName: "Hank", lastName: "Human", profile: { department: "HR", title: "Recruiter" } },
  { login: "svc-duplo-sync@acme.example", firstName: "DuploCloud", lastName: "Sync", id: "00u1abcdEFGH2345ijk7", profile: { department: "IT", title: "Service account" } },
];

let plan: Awaited<ReturnType<typeof runProgram>> | undefined;

export async function devFileSide(): Promise<{ side: FileSide; file: string }> {
  const file = "access/dev.yaml";
  const validation = validateAccessFile(file, { expiry: { today: TODAY } });
  if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
  return { side: fileSideOf(validation.model, validation.source), file };
}

/** The org and portal as the dev stack leaves them after `up`. */
export async function seedDevOrg(): Promise<SeededOrg> {
  const { side } = await devFileSide();
  plan ??= await runProgram(side.model);
  const org = await seedOrgFromPlan(side.model, plan.resources, SEED_PEOPLE, { okta: OKTA_TOKEN, duplo: DUPLO_TOKEN });
  // The token's owner holds the read-only admin role the sync needs, given to the user directly.
  org.userRoles.set("00u1abcdEFGH2345ijk7", [{ type: "READ_ONLY_ADMIN", assignmentType: "USER" }]);
  org.refreshRoles();
  return org;
}

/**
 * Seeding for one test file: each call seeds the dev org (seedDevOrg), and every org it seeded is
 * stopped once the file's tests are done. Call it once, at the top of the file.
 */
export function seedsStoppedAfterTests(): () => Promise<SeededOrg> {
  const started: SeededOrg[] = [];
  after(async () => {
    for (const org of started) {
      await org.okta.stop();
      await org.duplo.stop();
    }
  });
  return async () => {
    const org = await seedDevOrg();
    started.push(org);
    return org;
  };
}

/** The check as the tests run it: the portal read, and the app's one-by-one assignments too (--app-users), unless told otherwise. */
export async function driftOf(org: SeededOrg, options: { portal?: boolean; appUsers?: boolean } = {}) {
  const { side } = await devFileSide();
  return checkDrift({
    file: side,
    stack: "dev",
    orgUrl: "https://acme-dev.oktapreview.com",
    okta: new OktaDriftReader(new OktaReader({ orgUrl: org.okta.url, authorization: `SSWS ${OKTA_TOKEN}` })),
    ...(options.portal === false ? {} : { portal: new PortalDriftReader(new DuploClient({ host: org.duplo.url, token: DUPLO_TOKEN }, { baseDelayMs: 1 })) }),
    directAppAssignments: options.appUsers ?? true,
    progress: () => {},
  });
}
