import { test } from "node:test";
import assert from "node:assert/strict";
import { daysBetween, expiringGrants } from "../../src/review/expiring";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

const FILE = VALID_ACCESS_FILE.replace("        level: read-write\n  - name: oncall", '        level: read-write\n        expires: "2026-06-20"\n  - name: oncall');

test("daysBetween counts whole UTC days", () => {
  assert.equal(daysBetween("2026-06-15", "2026-06-20"), 5);
  assert.equal(daysBetween("2026-06-15", "2026-06-15"), 0);
  assert.equal(daysBetween("2026-03-01", "2026-02-28"), -1);
});

test("expiring: lists grants ending within the window, soonest first", () => {
  const file = modelOf(FILE);
  assert.deepEqual(
    expiringGrants(file, { today: "2026-06-15" }, 14).map((g) => [g.holder, g.what, g.daysLeft]),
    [["team payments", "tenant dev01 (read-write)", 5]],
  );
  assert.deepEqual(
    expiringGrants(file, { today: "2026-06-15" }, 365).map((g) => g.what),
    ["tenant dev01 (read-write)", "tenant qa01 (read-only)"],
  );
  assert.deepEqual(expiringGrants(file, { today: "2026-06-15" }, 2), []);
});

test("expiring (exact): the window includes its last day; past grants are listed with negative days; ties by holder, then tenant", () => {
  const datedGrants = [
    { team: "zeta", tenant: "dev01", level: "read-write" as const, expires: "2026-06-29" },
    { team: "alpha", tenant: "qa01", level: "read-only" as const, expires: "2026-06-29" },
    { team: "alpha", tenant: "dev01", level: "read-only" as const, expires: "2026-06-29" },
    { team: "beta", tenant: "prod01", level: "read-write" as const, expires: "2026-06-10" },
    { team: "gamma", tenant: "dev01", level: "read-write" as const, expires: "2026-06-30" },
  ];
  assert.deepEqual(expiringGrants({ datedGrants, temporaryGrants: [] }, { today: "2026-06-15" }, 14), [
    { holder: "team beta", what: "tenant prod01 (read-write)", expires: "2026-06-10", daysLeft: -5, ended: true },
    { holder: "team alpha", what: "tenant dev01 (read-only)", expires: "2026-06-29", daysLeft: 14, ended: false },
    { holder: "team alpha", what: "tenant qa01 (read-only)", expires: "2026-06-29", daysLeft: 14, ended: false },
    { holder: "team zeta", what: "tenant dev01 (read-write)", expires: "2026-06-29", daysLeft: 14, ended: false },
  ]);
});

test("expiring (exact): a temporary grant ends at its minute; a day ends after its last day", () => {
  const temporaryGrants = [
    { person: "grace@acme.example", target: { kind: "tenant" as const, tenant: "dev01", level: "read-write" as const }, expires: "2026-06-15T18:00Z", reason: "incident INC-1" },
    { person: "alan@acme.example", target: { kind: "role" as const, role: "administrators" as const }, expires: "2026-06-15T17:00Z", reason: "release R-2" },
  ];
  const datedGrants = [{ team: "beta", tenant: "qa01", level: "read-only" as const, expires: "2026-06-15" }];
  assert.deepEqual(expiringGrants({ datedGrants, temporaryGrants }, { now: "2026-06-15T17:59:00Z" }, 0), [
    { holder: "alan@acme.example", what: "temporary role administrators", expires: "2026-06-15T17:00Z", daysLeft: 0, ended: true },
    { holder: "grace@acme.example", what: "temporary tenant dev01 (read-write)", expires: "2026-06-15T18:00Z", daysLeft: 0, ended: false },
    { holder: "team beta", what: "tenant qa01 (read-only)", expires: "2026-06-15", daysLeft: 0, ended: false },
  ]);
  assert.deepEqual(
    expiringGrants({ datedGrants, temporaryGrants }, { now: "2026-06-15T18:01:00Z" }, 0).map((grant) => grant.ended),
    [true, true, false],
  );
});
