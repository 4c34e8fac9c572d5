import { test } from "node:test";
import assert from "node:assert/strict";
import { parseGroupRuleExpression } from "../../src/access/expression";
import { groupReferencesOf } from "../../src/access/membership-references";
import { groupsThatMatter } from "../../src/live/okta-org";

// Which groups the import reads: DuploCloud's, the app's, and those their rules test; no others.

const GROUPS = [
  { id: "00gadmins", name: "duplo-administrators" },
  { id: "00gdev01", name: "duploservices-dev01" },
  { id: "00gshopro", name: "Duplo-RO-shop" },
  { id: "00gappgrp", name: "contractors" },
  { id: "00gpay", name: "payments-team" },
  { id: "00gops", name: "ops-oncall" },
  { id: "00gsec", name: "security-leads" },
  { id: "00gmkt", name: "marketing" },
  { id: "00gevery", name: "Everyone" },
];
const rule = (id: string, expression: string, groupIds: string[]) => ({ id, name: id, status: "ACTIVE", expression, groupIds });

test("groupReferencesOf: every isMemberOf* form, in the order written, also inside NOT and comparisons", () => {
  const tree = parseGroupRuleExpression(
    '!isMemberOfAnyGroup("00ga", "00gb") AND (isMemberOfGroupName("x") OR isMemberOfGroupNameStartsWith("p-") OR isMemberOfGroupNameContains("ops") OR isMemberOfGroupNameRegex("s.*") OR isMemberOfGroup("00gc"))',
  ).tree!;
  assert.deepEqual(groupReferencesOf(tree), [
    { by: "id", value: "00ga" },
    { by: "id", value: "00gb" },
    { by: "name", value: "x" },
    { by: "prefix", value: "p-" },
    { by: "contains", value: "ops" },
    { by: "regex", value: "s.*" },
    { by: "id", value: "00gc" },
  ]);
});

test("groupsThatMatter: role and tenant groups (names and prefixes without case), the app's groups, then the groups their rules test; never Everyone or unrelated groups", () => {
  const rules = [
    // Fills a tenant group and tests groups by name, prefix and fragment: those are read.
    rule("r1", 'isMemberOfGroupName("payments-team") OR isMemberOfGroupNameStartsWith("ops-") OR isMemberOfGroupNameContains("dev01")', ["00gdev01"]),
    // A regular expression is not matched: the rule stays undecided rather than decided on unread memberships.
    rule("r2", 'isMemberOfGroupNameRegex("secur.*")', ["00gshopro"]),
    // A rule of the org that fills no group DuploCloud reads: what it tests is not read.
    rule("r3", 'isMemberOfGroup("00gmkt")', ["00gevery"]),
  ];
  const { relevant, referenced } = groupsThatMatter(GROUPS, rules, { ids: [], names: ["DUPLO-administrators"], prefixes: ["duploservices-", "duplo-ro-"] }, ["00gappgrp"]);
  assert.deepEqual(
    relevant.map((g) => g.id),
    ["00gadmins", "00gdev01", "00gshopro", "00gappgrp"],
  );
  assert.deepEqual(
    referenced.map((g) => g.id),
    ["00gpay", "00gops"],
  );
});
