import { test, after } from "node:test";
import assert from "node:assert/strict";
import { stringify } from "yaml";
import { validateAccessFile } from "../../src/access/validate";
import { checkDrift, fileSideOf } from "../../src/live/drift/check";
import { OktaDriftReader } from "../../src/live/drift/read-okta";
import { OktaReader } from "../../src/okta/read-api";
import { seedOrgFromPlan, type SeededOrg, type SeedPerson } from "../../src/sandbox/seed-from-plan";
import { runProgram } from "../support/mock-program";

/*
 * What drift reports after a split tenant group fits one rule again in the step that removes one of
 * its teams (docs/rule-design.md; the diff's warning, src/review/rule-collapse.ts): the home rules
 * are deleted with their people left in, so the removed team's people are still in the group as
 * members no rule manages. Drift lists each as a member outside the file, with the removal that works.
 */

const TOKEN = "okta-collapse-token-never-shown";
const TODAY = "2026-12-02";

const team = (name: string, pad: number) => ({
  name,
  rule: `user.department == "${name}" AND user.title != "${"x".repeat(pad)}"`,
  access: [{ tenant: "dev01", level: "read-write" }],
});
const TEAMS = [team("billing", 300), team("ledger", 150), team("search", 130), team("growth", 150), team("web", 150)];
const fileOf = (teams: readonly ReturnType<typeof team>[]) =>
  stringify({
    duplocloud: { portal: "https://acme.duplocloud.net", tenants: ["dev01"] },
    roles: { administrators: { members: ["ada@acme.example", "grace@acme.example"] } },
    teams,
    users: [
      { email: "ada@acme.example", firstName: "Ada", lastName: "Lovelace" },
      { email: "grace@acme.example", firstName: "Grace", lastName: "Hopper" },
    ],
  });

const PEOPLE: readonly SeedPerson[] = [
  { login: "Lena@Acme.example", firstName: "Lena", lastName: "Ledger", profile: { department: "ledger", title: "Clerk" } },
  { login: "sam@acme.example", firstName: "Sam", lastName: "Search", profile: { department: "search", title: "Clerk" } },
];

const orgs: SeededOrg[] = [];
after(async () => {
  for (const org of orgs) {
    await org.okta.stop();
    await org.duplo.stop();
  }
});

/** The org as the stack leaves it after `up` of this file. */
async function orgAfterUp(text: string) {
  const validation = validateAccessFile("access/dev.yaml", { text, expiry: { today: TODAY } });
  if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
  const plan = await runProgram(validation.model);
  const org = await seedOrgFromPlan(validation.model, plan.resources, PEOPLE, { okta: TOKEN, duplo: "duplo-collapse-token-never-shown" });
  orgs.push(org);
  return { org, side: fileSideOf(validation.model, validation.source) };
}

test("drift after a collapse: the removed team's person the deleted home rule left in is a member outside the file, with the removal that works", async () => {
  const base = await orgAfterUp(fileOf(TEAMS));
  const head = await orgAfterUp(fileOf(TEAMS.filter((t) => t.name !== "ledger")));
  const dev01 = (org: SeededOrg) => org.okta.groups.find((group) => group.name === "duploservices-dev01")!.members;
  const lena = base.org.userId("lena@acme.example");
  // Before: ledger's home rule put Lena in. After the up: the home rules are deleted with removeUsers=false,
  // so Okta leaves her in as a member no rule manages; the head's own rules do not put her there.
  assert.equal(dev01(base.org).includes(lena), true);
  assert.equal(dev01(head.org).includes(head.org.userId("lena@acme.example")), false);
  head.org.addMember("duploservices-dev01", "Lena@Acme.example");
  const { result } = await checkDrift({
    file: head.side,
    stack: "dev",
    orgUrl: "https://acme-dev.oktapreview.com",
    okta: new OktaDriftReader(new OktaReader({ orgUrl: head.org.okta.url, authorization: `SSWS ${TOKEN}` })),
    directAppAssignments: false,
    progress: () => {},
  });
  assert.deepEqual(result.findings, [
    {
      kind: "member-outside-file",
      severity: "critical",
      who: { login: "Lena@Acme.example", name: "Lena Ledger", status: "ACTIVE" },
      where: "group duploservices-dev01",
      // True after the up: no rule of the group manages her any more.
      how: "added directly (by hand or the API), not by a rule",
      fix:
        "To keep: add Lena@Acme.example to the members of a team granted dev01 read-write (billing, growth, search, web), e.g. team billing at access/dev.yaml:11. " +
        "To undo: Okta console, Directory > Groups > duploservices-dev01 > People, remove Lena@Acme.example (if a rule outside the file put them there, deactivate that rule first)",
    },
  ]);
});
