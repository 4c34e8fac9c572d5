import { afterEach, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { OktaEmulator } from "../support/okta-emulator";

/*
 * The Okta emulator follows Okta's documented defaults (each cited in okta-emulator.ts), so the
 * clients tested against it meet what a real org answers: the plain user listing omits people who
 * left, a search finds every status and ignores case, group member lists still name deactivated
 * people, and the group-owner API is refused without Okta Identity Governance.
 */

const TOKEN = "emulator-token";
let okta: OktaEmulator;

beforeEach(async () => {
  okta = await new OktaEmulator(TOKEN).start();
  const person = (id: string, login: string, status: string) => okta.users.push({ id, status, profile: { login, email: login } });
  person("00u1", "Maria.Garcia@Northwind.example", "ACTIVE");
  person("00u2", "gone@northwind.example", "DEPROVISIONED");
  person("00u3", "away@northwind.example", "SUSPENDED");
  okta.groups.push({ id: "00g1", name: "payments", members: ["00u1", "00u2"] });
});
afterEach(() => okta.stop());

async function get(pathAndQuery: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${okta.url}${pathAndQuery}`, { headers: { Authorization: `SSWS ${TOKEN}` } });
  return { status: response.status, body: await response.json() };
}
const logins = (body: unknown) => (body as Array<{ profile: { login: string } }>).map((user) => user.profile.login);

test("emulator: listing users without search or filter omits DEPROVISIONED people", async () => {
  assert.deepEqual(logins((await get("/api/v1/users")).body), ["Maria.Garcia@Northwind.example", "away@northwind.example"]);
});

test("emulator: a search returns every status and ignores case in values; a filter keeps case; what it cannot evaluate is refused", async () => {
  const search = (expression: string) => get(`/api/v1/users?search=${encodeURIComponent(expression)}`);
  assert.deepEqual(logins((await search('profile.login eq "maria.garcia@northwind.example" or profile.login eq "GONE@northwind.example"')).body), [
    "Maria.Garcia@Northwind.example",
    "gone@northwind.example",
  ]);
  assert.deepEqual(logins((await search('status eq "DEPROVISIONED"')).body), ["gone@northwind.example"]);
  assert.deepEqual(logins((await get(`/api/v1/users?filter=${encodeURIComponent('profile.login eq "maria.garcia@northwind.example"')}`)).body), []);
  assert.deepEqual(await search('profile.login sw "maria"'), { status: 400, body: { errorCode: "E0000001", errorSummary: "Api validation failed: search" } });
});

test("emulator: a group's member list names deactivated people", async () => {
  assert.deepEqual(logins((await get("/api/v1/groups/00g1/users")).body), ["Maria.Garcia@Northwind.example", "gone@northwind.example"]);
});

test("emulator: the group-owner API is refused on an org without Okta Identity Governance, and answers with it", async () => {
  assert.deepEqual(await get("/api/v1/groups/00g1/owners"), {
    status: 401,
    body: { errorCode: "E0000015", errorSummary: "You do not have permission to access the feature you are requesting", errorLink: "E0000015", errorCauses: [] },
  });
  okta.identityGovernance = true;
  assert.deepEqual(await get("/api/v1/groups/00g1/owners"), { status: 200, body: [] });
});
