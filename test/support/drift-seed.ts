import { after } from "node:test";
import { validateAccessFile } from "../../src/access/validate";
import { checkDrift, fileSideOf, type FileSide } from "../../src/live/drift/check";
import { OktaDriftReader } from "../../src/live/drift/read-okta";
import { PortalDriftReader } from "../../src/live/drift/read-portal";
import { DuploClient } from "../../src/duplocloud/client";
import { OktaReader } from "../../src/okta/read-api";
import { runProgram } from "./mock-program";
import { seedOrgFromPlan, type SeedPerson, type SeededOrg } from "../../src/sandbox/seed-from-plan";
import { DEV_DIRECTORY } from "../../src/sandbox/dev-directory";

/*
 * The dev stack's access file, its plan, and the directory of people the seeded org holds: people
 * each rule matches, people it does not, the owners the file names, and the owner of the API token.
 */

export const OKTA_TOKEN = "okta-drift-token-never-shown";
export const DUPLO_TOKEN = "duplo-drift-token-never-shown";
export const TODAY = "2026-12-02";

/** The sandbox's directory (src/sandbox/dev-directory.ts): the drift tests seed the same people. */
export const SEED_PEOPLE: readonly SeedPerson[] = DEV_DIRECTORY;

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

/** The check as the tests run it: the portal read, and the app's one-by-one assignments too (as drift does unless --skip-app-users), unless told otherwise. */
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
