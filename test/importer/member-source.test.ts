import { test } from "node:test";
import assert from "node:assert/strict";
import { parseGroupRuleExpression } from "../../src/access/expression";
import { memberSource } from "../../src/importer/member-source";
import { TeamNames } from "../../src/importer/team-names";
import { person } from "./org-fixtures";

const payments = parseGroupRuleExpression('user.department == "Payments"');
const marketing = parseGroupRuleExpression('isMemberOfGroupName("marketing")');
const title = parseGroupRuleExpression('user.title == "Auditor"');

test("how a member came to be in a group: by a rule that holds for them, else by hand; undecided when a rule cannot be evaluated for them and none holds", () => {
  const pam = person("pam@acme.example", "Payments");
  const dee = person("dee@acme.example", "QA");
  const rita = person("rita@acme.example", "payments");
  const withObject = { ...dee, profile: { ...dee.profile, title: { text: "Auditor" } } };
  const marketingGroup = [{ id: "00g000000marketing01", name: "marketing" }];
  assert.deepEqual(
    [
      memberSource(pam, [payments], []),
      memberSource(dee, [payments], []),
      memberSource(dee, [payments, marketing], marketingGroup),
      memberSource(rita, [payments], []),
      memberSource(rita, [payments, marketing], marketingGroup),
      // Not listed by Okta (read as a member only): named by hand.
      memberSource(undefined, [payments], []),
      // An attribute that is not a plain value is absent, so null: the rule does not hold.
      memberSource(withObject, [title], []),
      memberSource(dee, [], []),
      memberSource(pam, [parseGroupRuleExpression("user.department ==")], []),
    ],
    ["rule", "explicit", "rule", "undecided", "rule", "explicit", "explicit", "explicit", "explicit"],
  );
});

test("team names: lower-case letters, digits and '-', at most 36 characters before a suffix, numbered when taken, 'team' when nothing is left", () => {
  const names = new TeamNames();
  assert.deepEqual(
    ["Payments to DuploCloud!", "payments to duplocloud", "--Payments  to   DuploCloud--", "***", "", "A".repeat(50), "a".repeat(36)].map((text) => names.take(text)),
    ["payments-to-duplocloud", "payments-to-duplocloud-2", "payments-to-duplocloud-3", "team", "team-2", "a".repeat(36), `${"a".repeat(36)}-2`],
  );
});
