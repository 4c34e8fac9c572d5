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
    expiringGrants(file, "2026-06-15", 14).map((g) => [g.holder, g.tenant, g.daysLeft]),
    [["team payments", "dev01", 5]],
  );
  assert.deepEqual(
    expiringGrants(file, "2026-06-15", 365).map((g) => g.tenant),
    ["dev01", "qa01"],
  );
  assert.deepEqual(expiringGrants(file, "2026-06-15", 2), []);
});

test("expiring (exact): the window includes its last day; past grants are listed with negative days; ties by holder, then tenant", () => {
  const datedGrants = [
    { team: "zeta", tenant: "dev01", level: "read-write" as const, expires: "2026-06-29" },
    { team: "alpha", tenant: "qa01", level: "read-only" as const, expires: "2026-06-29" },
    { team: "alpha", tenant: "dev01", level: "read-only" as const, expires: "2026-06-29" },
    { team: "beta", tenant: "prod01", level: "read-write" as const, expires: "2026-06-10" },
    { team: "gamma", tenant: "dev01", level: "read-write" as const, expires: "2026-06-30" },
  ];
  assert.deepEqual(expiringGrants({ datedGrants }, "2026-06-15", 14), [
    { holder: "team beta", tenant: "prod01", level: "read-write", expires: "2026-06-10", daysLeft: -5 },
    { holder: "team alpha", tenant: "dev01", level: "read-only", expires: "2026-06-29", daysLeft: 14 },
    { holder: "team alpha", tenant: "qa01", level: "read-only", expires: "2026-06-29", daysLeft: 14 },
    { holder: "team zeta", tenant: "dev01", level: "read-write", expires: "2026-06-29", daysLeft: 14 },
  ]);
});
