import { test } from "node:test";
import assert from "node:assert/strict";
import { daysBetween, expiringGrants } from "../../src/review/expiring";
import { modelOf, VALID_ACCESS_FILE, writeTemp } from "../support/access-files";
import { runCli } from "../support/run-cli";

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

test("expiring command: exit 0 while grants are only ending soon", () => {
  const file = writeTemp("dev.yaml", FILE);
  const result = runCli("expiring", ["--today", "2026-06-15", file]);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, `${file}: team payments -> tenant dev01 (read-write) until 2026-06-20: ends in 5 day(s)\n`);
});

test("expiring command: exit 1 once a grant is past its date", () => {
  const file = writeTemp("dev.yaml", FILE);
  const result = runCli("expiring", ["--today", "2026-06-25", "--within", "7", file]);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /team payments -> tenant dev01 \(read-write\) until 2026-06-20: EXPIRED 5 day\(s\) ago/);
  assert.match(result.stdout, /1 grant\(s\) past their date: remove them/);
  const json = JSON.parse(runCli("expiring", ["--today", "2026-06-25", "--json", file]).stdout);
  assert.deepEqual(
    json.grants.map((g: { daysLeft: number }) => g.daysLeft),
    [-5],
  );
});

test("expiring command: a bad --within is a usage error", () => {
  assert.equal(runCli("expiring", ["--within", "soon"]).status, 2);
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
