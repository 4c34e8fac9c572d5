import { test } from "node:test";
import assert from "node:assert/strict";
import { diffAccess, type AccessChange } from "../../src/review/diff";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

/*
 * DuploCloud VPN access for new Okta users (duplocloud.oktaUsersVpn) in the access diff, each step
 * exact: enabling it widens and is critical whatever it was; disabling narrows; dropping it from the
 * file only stops managing it (the portal keeps its value).
 */

const withVpn = (value?: "enabled" | "disabled") =>
  value ? VALID_ACCESS_FILE.replace("  tenants: [dev01, qa01]\n", `  tenants: [dev01, qa01]\n  oktaUsersVpn: ${value}\n`) : VALID_ACCESS_FILE;
const step = (before?: "enabled" | "disabled", after?: "enabled" | "disabled") => diffAccess(modelOf(withVpn(before)), modelOf(withVpn(after))).changes;
const vpn = (fields: Pick<AccessChange, "direction" | "critical" | "summary"> & Partial<AccessChange>): AccessChange => ({
  kind: "okta-users-vpn",
  subject: "new Okta users",
  owners: [],
  ...fields,
});

test("diff (exact): VPN access for new Okta users, set, changed and no longer managed", () => {
  assert.deepEqual(step(undefined, "enabled"), [
    vpn({ direction: "widens", critical: true, summary: "DuploCloud VPN access: enabled (now managed by the file)", after: "enabled" }),
  ]);
  assert.deepEqual(step(undefined, "disabled"), [
    vpn({ direction: "narrows", critical: false, summary: "DuploCloud VPN access: disabled (now managed by the file)", after: "disabled" }),
  ]);
  assert.deepEqual(step("disabled", "enabled"), [
    vpn({ direction: "widens", critical: true, summary: "DuploCloud VPN access: disabled becomes enabled", before: "disabled", after: "enabled" }),
  ]);
  assert.deepEqual(step("enabled", "disabled"), [
    vpn({ direction: "narrows", critical: false, summary: "DuploCloud VPN access: enabled becomes disabled", before: "enabled", after: "disabled" }),
  ]);
  assert.deepEqual(step("enabled", undefined), [
    vpn({ direction: "changes", critical: false, summary: "DuploCloud VPN access no longer managed by the file; the portal keeps enabled", before: "enabled" }),
  ]);
});
