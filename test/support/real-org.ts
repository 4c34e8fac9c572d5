import type { AudienceKey } from "../../src/review/audience";
import { CAN_SIGN_IN, type DirectorySnapshot } from "../../src/review/directory";
import type { DuploEmulator } from "../../src/sandbox/duplo-emulator";
import type { OktaEmulator } from "../../src/sandbox/okta-emulator";

/*
 * An org with history, as support leaves it after years of hand work: people deactivated and
 * suspended but still in their groups, logins in the case they were created with, a console rule
 * that tests membership of tenant groups (isMemberOfGroupNameStartsWith) and one that tests an
 * unrelated group (isMemberOfGroupName), a tenant group filled by a rule and by hand,
 * a tenant group whose only members are deactivated, a portal user whose Okta account is
 * deactivated, and groups that have nothing to do with DuploCloud (Everyone among them). The rules'
 * memberships are computed here the way Okta applies them, independently of the code under test,
 * so `accessToday` is the ground truth the import must keep.
 */

export interface OrgPerson {
  readonly id: string;
  /** As created, case included. */
  readonly login: string;
  readonly status: string;
  readonly department: string;
}

export interface RealOrgSpec {
  readonly people: readonly OrgPerson[];
  /** Members added by hand, by group name (IDs of people). */
  readonly byHand: Readonly<Record<string, readonly string[]>>;
}

export const PORTAL_HOST = "acme.duplocloud.net";

/** Tenants of the portal, by TenantId. */
export const TENANTS: Readonly<Record<string, string>> = { "t-dev01": "dev01", "t-paya": "pay-a", "t-payb": "pay-b", "t-shop": "shop-prod", "t-legacy": "legacy" };

/** The org's groups: DuploCloud's (role and tenant groups) and others. */
export const GROUPS: ReadonlyArray<{ readonly id: string; readonly name: string }> = [
  { id: "00g0000000000admins1", name: "duplo-administrators" },
  { id: "00g00000000readonly1", name: "duplo-readonly" },
  { id: "00g00000000000dev01w", name: "duploservices-dev01" },
  { id: "00g00000000000payaw1", name: "duploservices-pay-a" },
  { id: "00g00000000000paybw1", name: "duploservices-pay-b" },
  { id: "00g0000000shopprodr1", name: "duplo-ro-shop-prod" },
  { id: "00g000000000legacyr1", name: "duplo-ro-legacy" },
  { id: "00g0000000everyone01", name: "Everyone" },
  { id: "00g000000marketing01", name: "marketing" },
];
const groupId = (name: string) => GROUPS.find((group) => group.name === name)!.id;

/** The console's rules, with how Okta applies each (who it adds, given the hand-made memberships). */
const RULES = [
  {
    id: "0pr00000000payments1",
    name: "Payments to dev01",
    expression: 'user.department == "Payments"',
    target: "duploservices-dev01",
    adds: (person: OrgPerson) => person.department === "Payments",
  },
  {
    id: "0pr00000000shopread1",
    name: "Pay teams read shop-prod",
    expression: 'isMemberOfGroupNameStartsWith("duploservices-pay")',
    target: "duplo-ro-shop-prod",
    adds: (person: OrgPerson, byHand: RealOrgSpec["byHand"]) => ["duploservices-pay-a", "duploservices-pay-b"].some((name) => (byHand[name] ?? []).includes(person.id)),
  },
  {
    id: "0pr0000000marketing1",
    name: "Marketing reads the platform",
    expression: 'isMemberOfGroupName("marketing")',
    target: "duplo-readonly",
    adds: (person: OrgPerson, byHand: RealOrgSpec["byHand"]) => (byHand.marketing ?? []).includes(person.id),
  },
] as const;

/** Every group's members (IDs): by hand, plus what the rules add, plus Everyone. */
export function membershipsOf(spec: RealOrgSpec): Map<string, string[]> {
  const members = new Map<string, string[]>(GROUPS.map((group) => [group.name, [...(spec.byHand[group.name] ?? [])]]));
  for (const rule of RULES) {
    for (const person of spec.people) if (rule.adds(person, spec.byHand) && !members.get(rule.target)!.includes(person.id)) members.get(rule.target)!.push(person.id);
  }
  members.set(
    "Everyone",
    spec.people.map((person) => person.id),
  );
  return members;
}

/** The deactivated person who is the only member of duplo-ro-legacy, and the offboarded portal user. */
export const FIXED_PEOPLE: readonly OrgPerson[] = [
  { id: "00u00000000000legacy", login: "Dora.Legacy@Acme.example", status: "DEPROVISIONED", department: "QA" },
  { id: "00u00000000offboard1", login: "Gone.User@Acme.example", status: "DEPROVISIONED", department: "Platform" },
  { id: "00u000000000000ada01", login: "Ada.Lovelace@Acme.example", status: "ACTIVE", department: "Platform" },
  { id: "00u000000000000gra01", login: "grace@acme.example", status: "ACTIVE", department: "Platform" },
];

/** Fills the emulators with the org and the portal (`portalHost`: the host in the app's sign-in redirect URI). */
export function loadRealOrg(okta: OktaEmulator, duplo: DuploEmulator, spec: RealOrgSpec, portalHost = PORTAL_HOST): void {
  for (const person of spec.people)
    okta.users.push({ id: person.id, status: person.status, profile: { login: person.login, email: person.login, department: person.department, firstName: "F", lastName: "L" } });
  const members = membershipsOf(spec);
  for (const group of GROUPS) okta.groups.push({ id: group.id, name: group.name, members: members.get(group.name)! });
  okta.lists.set("/api/v1/groups/rules", () =>
    RULES.map((rule) => ({
      id: rule.id,
      name: rule.name,
      status: "ACTIVE",
      type: "group_rule",
      conditions: { expression: { value: rule.expression, type: "urn:okta:expression:1.0" } },
      actions: { assignUserToGroups: { groupIds: [groupId(rule.target)] } },
    })),
  );
  okta.lists.set("/api/v1/apps", () => [
    {
      id: "0oa000000000duplo001",
      label: "DuploCloud",
      settings: { oauthClient: { redirect_uris: [`https://${portalHost}/app/signin-okta`], grant_types: ["authorization_code"] } },
      credentials: { oauthClient: { client_id: "0oa000000000duplo001", token_endpoint_auth_method: "client_secret_basic" } },
    },
  ]);
  okta.lists.set("/api/v1/apps/0oa000000000duplo001/groups", () =>
    ["duplo-administrators", "duplo-readonly", "duploservices-dev01", "duplo-ro-shop-prod"].map((name) => ({ id: groupId(name) })),
  );
  okta.lists.set("/api/v1/api-tokens", () => []);
  okta.lists.set(`/api/v1/groups/${groupId("duplo-administrators")}/owners`, () => [
    { id: "00u000000000000ada01", type: "USER" },
    { id: "00u00000000offboard1", type: "USER" },
  ]);

  for (const [id, name] of Object.entries(TENANTS)) duplo.tenants.set(id, name);
  duplo.users.set("Ada.Lovelace@Acme.example", { Username: "Ada.Lovelace@Acme.example", Roles: ["Administrator"], IsReadOnly: false });
  duplo.users.set("breakglass@acme.example", { Username: "breakglass@acme.example", Roles: ["User"], IsReadOnly: false });
  duplo.access.set("breakglass@acme.example", new Map([["t-dev01", false]]));
  duplo.users.set("Gone.User@Acme.example", { Username: "Gone.User@Acme.example", Roles: ["User"], IsReadOnly: false });
  duplo.access.set("Gone.User@Acme.example", new Map([["t-shop", true]]));
}

const ROLE_GROUPS = { "duplo-administrators": "administrators", "duplo-readonly": "readOnly" } as const;
const TENANT_GROUPS: Readonly<Record<string, { tenant: string; level: "read-write" | "read-only" }>> = {
  "duploservices-dev01": { tenant: "dev01", level: "read-write" },
  "duploservices-pay-a": { tenant: "pay-a", level: "read-write" },
  "duploservices-pay-b": { tenant: "pay-b", level: "read-write" },
  "duplo-ro-shop-prod": { tenant: "shop-prod", level: "read-only" },
  "duplo-ro-legacy": { tenant: "legacy", level: "read-only" },
};

/** What the org gives today, as DuploCloud reads it: per role and per tenant (widest level), the logins of people who can sign in. */
export function accessToday(spec: RealOrgSpec): Map<AudienceKey, string[]> {
  const members = membershipsOf(spec);
  const canSignIn = spec.people.filter((person) => CAN_SIGN_IN.has(person.status));
  const access = new Map<AudienceKey, string[]>();
  const add = (key: AudienceKey, login: string) => access.set(key, [...(access.get(key) ?? []), login]);
  for (const person of canSignIn) {
    const login = person.login.toLowerCase();
    for (const [group, role] of Object.entries(ROLE_GROUPS)) if (members.get(group)!.includes(person.id)) add(`platform role ${role}`, login);
    const levels = new Map<string, "read-write" | "read-only">();
    for (const [group, { tenant, level }] of Object.entries(TENANT_GROUPS)) {
      if (members.get(group)!.includes(person.id) && levels.get(tenant) !== "read-write") levels.set(tenant, level);
    }
    for (const [tenant, level] of levels) add(`tenant ${tenant} ${level}`, login);
  }
  return new Map([...access].map(([key, logins]) => [key, logins.sort()] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The same org as a directory snapshot with every membership: what the project's evaluator reads. */
export function snapshotOf(spec: RealOrgSpec): DirectorySnapshot {
  const members = membershipsOf(spec);
  return {
    version: 1,
    takenAt: "2026-12-02T00:00:00Z",
    source: "okta-api",
    attributes: ["department", "login"],
    groups: GROUPS.map((group) => ({ ...group })),
    users: spec.people.map((person) => ({
      login: person.login.toLowerCase(),
      status: person.status,
      profile: { department: person.department, login: person.login },
      groups: GROUPS.filter((group) => members.get(group.name)!.includes(person.id)).map((group) => group.id),
    })),
  };
}
