import { test } from "node:test";
import assert from "node:assert/strict";
import { parseGroupRuleExpression } from "../../src/access/expression";
import { whatRulesRead } from "../../src/access/rule-reads";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

/*
 * The rules are parsed once, when the model is built, and carried in it: each distinct expression
 * once, whatever the number of groups that write it; what a directory snapshot must hold is read
 * from them.
 */

const ON_CALL_LEADS = 'user.title == "Lead" AND isMemberOfGroupName("oncall-admins")';
const FILE = VALID_ACCESS_FILE.replace(
  "users:\n",
  `  - name: refunds\n    rule: user.department == "Payments"\n  - name: leads\n    rule: ${JSON.stringify(ON_CALL_LEADS)}\nusers:\n`,
);

test("the model carries each distinct rule expression parsed once, as the parser gives it", () => {
  const model = modelOf(FILE);
  const texts = ['user.department == "Engineering"', 'user.department == "Payments"', ON_CALL_LEADS];
  assert.deepEqual([...model.parsedRules.keys()], texts);
  assert.deepEqual(
    [...model.parsedRules.values()],
    texts.map((text) => {
      const { tree, attributes, groupReferences } = parseGroupRuleExpression(text);
      return { tree, attributes, groupReferences };
    }),
  );
  // Two teams write the same rule: it is the one entry above, parsed once.
  const payments = model.groups.filter((group) => group.ruleExpression === 'user.department == "Payments"');
  assert.deepEqual(
    payments.map((group) => group.key),
    ["team-payments", "team-refunds"],
  );
});

test("what the rules read: every attribute once and sorted, and the groups their membership tests name", () => {
  assert.deepEqual(whatRulesRead(modelOf(FILE)), { attributes: ["department", "title"], groupReferences: [{ by: "name", value: "oncall-admins" }] });
});

test("a file without rules reads nothing from the directory", () => {
  const model = modelOf(VALID_ACCESS_FILE.replace('  readOnly:\n    rule: user.department == "Engineering"\n', "").replace('    rule: user.department == "Payments"\n', ""));
  assert.deepEqual(model.parsedRules.size, 0);
  assert.deepEqual(whatRulesRead(model), { attributes: [], groupReferences: [] });
});
