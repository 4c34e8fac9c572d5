import { createHash, timingSafeEqual } from "node:crypto";
import type { AccessModel } from "../access/model";
import type { DuploClient, DuploUser } from "./client";
import { isDuploApiError, type DuploErrorKind } from "./errors";
import { findPortalUser, spellingNote } from "./usernames";
import { OKTA_USERS_VPN_KEY, oktaUsersVpnOf, oktaUsersVpnValue, type OktaUsersVpn } from "./okta-users-vpn";
import { expectedSettingValue, OKTA_SETTINGS, type SecretSetting } from "./okta-settings-catalog";
import type { ExpectedValues } from "./expected";
import { byText } from "../access/text-order";

/*
 * `npm run doctor`: a read-only comparison of a live portal with what the stack would set, for the
 * engineer who wonders why access is not what the file says. It only reads; secrets are compared
 * by digest and never printed.
 */

export interface DoctorCheck {
  readonly check: string;
  /**
   * "ok", "differs", "skipped" (not enough information to compare), or "unconfirmed": the portal
   * holds what the stack wrote, but DuploCloud is not confirmed to read it there, so it proves nothing.
   */
  readonly status: "ok" | "differs" | "skipped" | "unconfirmed";
  readonly detail: string;
}

export interface DoctorExpectations {
  readonly model: AccessModel;
  /** The stack's duplocloudSettings: only "experimental" wrote System Config rows worth reading back. */
  readonly settingsWrite: "off" | "experimental";
  readonly settings: ExpectedValues;
  /** Secret values to compare, when the caller has them (never printed). */
  readonly secrets: Partial<Record<SecretSetting, string>>;
}

const digest = (value: string) => createHash("sha256").update(value).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/** Failures that mean the portal was not reached at all. */
const UNREACHABLE: readonly DuploErrorKind[] = ["network", "tls", "timeout"];

export async function runDoctor(client: DuploClient, expected: DoctorExpectations): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  let tenants: Awaited<ReturnType<DuploClient["listTenants"]>>;
  try {
    tenants = await client.listTenants();
    checks.push({ check: "token", status: "ok", detail: "the DuploCloud token works" });
  } catch (error) {
    // A portal that cannot be reached is no difference from the stack: the command fails (exit 3).
    if (isDuploApiError(error) && UNREACHABLE.includes(error.kind)) throw error;
    // Nothing else can be read: the first call's failure (a bad token, most often) is the finding.
    checks.push({ check: "token", status: "differs", detail: (error as Error).message });
    return checks;
  }

  const byName = new Map(tenants.map((t) => [t.AccountName.toLowerCase(), t]));
  for (const tenant of expected.model.tenants) {
    checks.push(
      byName.has(tenant)
        ? { check: `tenant ${tenant}`, status: "ok", detail: "exists" }
        : { check: `tenant ${tenant}`, status: "differs", detail: `missing from the portal (it has: ${[...byName.keys()].sort().join(", ") || "none"})` },
    );
  }

  if (expected.settingsWrite === "experimental") checks.push(...(await readOrFinding("Okta settings", () => settingsChecks(client, expected))));
  else {
    checks.push({
      check: "Okta settings",
      status: "skipped",
      detail: "handed over (npm run handoff), not written through the API: DuploCloud publishes no API to read them, so check the portal's Okta Settings pane",
    });
  }

  const vpn = expected.model.oktaUsersVpn;
  if (vpn) checks.push(...(await readOrFinding(VPN_CHECK, async () => [await oktaUsersVpnCheck(client, vpn)])));

  let users: DuploUser[];
  try {
    users = await client.listUsers();
  } catch (error) {
    checks.push(findingOf("users", error));
    return checks;
  }
  const tenantNames = new Map(tenants.map((t) => [t.TenantId, t.AccountName]));
  for (const user of expected.model.duplocloudUsers) checks.push(...(await readOrFinding(`user ${user.username}`, () => userChecks(client, users, tenantNames, user))));
  return checks;
}

type FileUser = AccessModel["duplocloudUsers"][number];

/** A portal that cannot be read, or answers what DuploCloud does not document, is a finding; the check goes on. */
function findingOf(check: string, error: unknown): DoctorCheck {
  return { check, status: "differs", detail: `could not be checked: ${(error as Error).message}` };
}

async function readOrFinding(check: string, read: () => Promise<DoctorCheck[]>): Promise<DoctorCheck[]> {
  try {
    return await read();
  } catch (error) {
    return [findingOf(check, error)];
  }
}

/** Roles as a set, ignoring order and case (a portal may store "administrator"). */
const roleList = (roles: readonly string[]) => [...roles].sort((a, b) => byText(a.toLowerCase(), b.toLowerCase()) || byText(a, b)).join(", ");

/**
 * One user of the file against the portal: found ignoring case, then read under the portal's own
 * spelling (DuploCloud compares names exactly, usernames.ts); a difference only in case is shown,
 * never a finding. Administrators reach every tenant and hold no tenant access to read (the import
 * skips them too): their grants are not read.
 */
async function userChecks(client: DuploClient, users: readonly DuploUser[], tenantNames: ReadonlyMap<string, string>, user: FileUser): Promise<DoctorCheck[]> {
  const check = `user ${user.username}`;
  const actual = findPortalUser(users, user.username);
  if (!actual) return [{ check, status: "differs", detail: "missing from the portal" }, ...user.tenants.map((grant) => grantNotRead(user, grant.tenant, "the user is missing"))];
  const spelling = spellingNote(user.username, actual.Username);
  const sameRoles = roleList(actual.Roles).toLowerCase() === roleList(user.roles).toLowerCase() && Boolean(actual.IsReadOnly) === user.readOnly;
  const checks: DoctorCheck[] = [
    {
      check,
      status: sameRoles ? "ok" : "differs",
      detail: [
        sameRoles
          ? `roles ${roleList(user.roles)}`
          : `portal has roles ${roleList(actual.Roles) || "none"}${actual.IsReadOnly ? " (read-only)" : ""}, the file says ${roleList(user.roles)}${user.readOnly ? " (read-only)" : ""}`,
        spelling,
      ]
        .filter(Boolean)
        .join("; "),
    },
  ];
  if (actual.Roles.some((role) => role.toLowerCase() === "administrator")) {
    for (const grant of user.tenants)
      checks.push({ check: `grant ${user.username} -> ${grant.tenant}`, status: "skipped", detail: "an Administrator reaches every tenant; tenant access not read" });
    return checks;
  }
  let access: Awaited<ReturnType<DuploClient["userTenantAccess"]>>;
  try {
    access = await client.userTenantAccess(actual.Username);
  } catch (error) {
    return [...checks, findingOf(`grants of ${user.username}`, error)];
  }
  const actualGrants = new Map(access.map((a) => [(tenantNames.get(a.TenantId) ?? a.AccountName ?? a.TenantId).toLowerCase(), a.Policy.IsReadOnly ? "read-only" : "read-write"]));
  for (const grant of user.tenants) {
    const level = actualGrants.get(grant.tenant);
    checks.push({
      check: `grant ${user.username} -> ${grant.tenant}`,
      status: level === grant.level ? "ok" : "differs",
      detail: level === grant.level ? grant.level : level ? `portal has ${level}, the file says ${grant.level}` : "missing from the portal",
    });
    actualGrants.delete(grant.tenant);
  }
  for (const [tenant, level] of actualGrants) {
    checks.push({ check: `grant ${user.username} -> ${tenant}`, status: "differs", detail: `the portal grants ${level}, the file grants nothing` });
  }
  return checks;
}

function grantNotRead(user: FileUser, tenant: string, why: string): DoctorCheck {
  return { check: `grant ${user.username} -> ${tenant}`, status: "differs", detail: `missing from the portal (${why})` };
}

const VPN_CHECK = `VPN for Okta users (${OKTA_USERS_VPN_KEY})`;

/** The documented System Config key, read back: the portal's value against the file's word. */
async function oktaUsersVpnCheck(client: DuploClient, wanted: OktaUsersVpn): Promise<DoctorCheck> {
  const row = (await client.listSettings()).find((setting) => setting.Key === OKTA_USERS_VPN_KEY);
  const file = `the file says ${wanted} (${oktaUsersVpnValue(wanted)})`;
  if (!row) return { check: VPN_CHECK, status: "differs", detail: `not set in the portal; ${file}` };
  const actual = oktaUsersVpnOf(row.Value);
  if (actual === wanted) return { check: VPN_CHECK, status: "ok", detail: `${wanted} (${row.Value})` };
  return {
    check: VPN_CHECK,
    status: "differs",
    detail: actual ? `portal has ${actual} (${row.Value}), ${file}` : `portal holds ${JSON.stringify(row.Value.slice(0, 40))}, which DuploCloud does not document; ${file}`,
  };
}

const UNCONFIRMED = "written, not confirmed to be read by DuploCloud (System Config rows under the documented legacy key); check the Okta Settings pane";

/** The experimental System Config rows, read back. A match is "unconfirmed", never "ok". */
async function settingsChecks(client: DuploClient, expected: DoctorExpectations): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const portalSettings = new Map((await client.listSettings()).map((s) => [s.Key, s.Value]));
  for (const spec of OKTA_SETTINGS) {
    for (const key of spec.legacyKeys) {
      const check = `setting ${key} (${spec.label})`;
      const actual = portalSettings.get(key);
      if ("secret" in spec.source) {
        const wanted = expected.secrets[spec.source.secret];
        if (wanted === undefined)
          checks.push({
            check,
            status: "skipped",
            detail: actual === undefined ? "not set in the portal; no expected value given" : "set in the portal; no expected value given to compare",
          });
        else if (actual === undefined) checks.push({ check, status: "differs", detail: "not set in the portal" });
        else if (sameSecret(actual, wanted)) checks.push({ check, status: "unconfirmed", detail: `matches (secret, compared by digest); ${UNCONFIRMED}` });
        else checks.push({ check, status: "differs", detail: "differs (secret, not shown)" });
        continue;
      }
      const wanted = expectedSettingValue(spec, expected.settings);
      if (wanted === undefined)
        checks.push({ check, status: "skipped", detail: `unknown until pulumi up; pass --outputs to compare (portal has ${JSON.stringify(actual ?? null)})` });
      else if (actual === wanted) checks.push({ check, status: "unconfirmed", detail: `${JSON.stringify(wanted)}; ${UNCONFIRMED}` });
      else checks.push({ check, status: "differs", detail: `portal has ${JSON.stringify(actual ?? null)}, the stack sets ${JSON.stringify(wanted)}` });
    }
  }
  return checks;
}
