import { test } from "node:test";
import assert from "node:assert/strict";
import { renderRuleExpression } from "../../src/access/rules";
import { parseGroupRuleExpression } from "../../src/access/expression";
import { evaluateRule } from "../../src/access/expression-eval";
import { diffAccess } from "../../src/review/diff";
import { audienceOf, diffAudience } from "../../src/review/audience";
import type { DirectorySnapshot } from "../../src/review/directory";
import { modelOf, validateText, VALID_ACCESS_FILE } from "../support/access-files";
import { resourceNamed, runProgram } from "../support/mock-program";

/*
 * `except` on a team's or a role's rule: validated, sent as the rule's excluded users when the rule
 * fills the group alone, written into the excepted team's own term when a tenant rule holds several
 * teams, and honoured by the report's audience and the diff, as one file and from one file to the next.
 */

const idOf = (key: string) => `ID(${key})`;

/** Two rule teams on dev01 read-write (payments and platform), and the explicit team oncall on qa01. */
const TWO_TEAMS = VALID_ACCESS_FILE.replace(
  "  - name: oncall\n",
  `  - name: platform
    rule: user.department == "Platform"
    access:
      - tenant: dev01
        level: read-write
  - name: oncall
`,
);
const exceptOnPayments = (list: string, text = TWO_TEAMS) => text.replace('    rule: user.department == "Payments"\n', `    rule: user.department == "Payments"\n    except: ${list}\n`);

const problemsOf = (text: string) => {
  const result = validateText(text);
  return result.ok ? [] : result.problems.map((p) => `${p.line}:${p.column} ${p.key}: ${p.message}`);
};

test("except (validation): only beside a rule; logins; once whatever the case; never also a member; at most 100", () => {
  const onOncall = TWO_TEAMS.replace("  - name: oncall\n", "  - name: oncall\n    except: [pam@acme.example]\n");
  assert.deepEqual(problemsOf(onOncall), [
    "22:5 teams[2].except: team oncall has no rule, so there is nothing to leave people out of; remove except, or add the rule it narrows",
  ]);
  assert.deepEqual(problemsOf(exceptOnPayments("[Pam@Acme.example, pam@acme.example]")), [
    "13:32 teams[0].except[1]: pam@acme.example is listed twice (first at except[0]); logins name one person whatever their case: keep one",
  ]);
  assert.deepEqual(problemsOf(exceptOnPayments("[pam]")), ["13:14 teams[0].except[0]: must be an email address such as ada@example.com"]);
  const member = exceptOnPayments("[grace@acme.example]").replace("    except:", "    members: [Grace@acme.example]\n    except:");
  assert.deepEqual(problemsOf(member), [
    "14:14 teams[0].except[0]: grace@acme.example is also an explicit member of team payments, whom the rule's login test lets in anyway; remove them from members or from except",
  ]);
  const many = `[${Array.from({ length: 101 }, (_, i) => `p${i}@acme.example`).join(", ")}]`;
  assert.deepEqual(problemsOf(exceptOnPayments(many)), ["13:13 teams[0].except: must list at most 100 people: Okta excludes at most 100 users per group rule"]);
  // A team's exceptions are copied into tenant rules as login tests: they count in the rule's length budget.
  const hundred = `[${Array.from({ length: 100 }, (_, i) => `p${i}@acme.example`).join(", ")}]`;
  assert.deepEqual(problemsOf(exceptOnPayments(hundred)), [
    "13:13 teams[0].except: team payments's condition (its rule, plus a login test per explicit member and per exception, as the tenant rules copy it) is 5721 characters, more than the 1024 one rule allows; shorten the rule, or narrow it by an attribute instead of listing so many exceptions",
  ]);
  // A role's rule fills its group alone: Okta's exclusion list takes all 100.
  assert.deepEqual(problemsOf(TWO_TEAMS.replace('    rule: user.department == "Engineering"\n', `    rule: user.department == "Engineering"\n    except: ${hundred}\n`)), []);
  const role = TWO_TEAMS.replace('    rule: user.department == "Engineering"\n', "    except: [pam@acme.example]\n");
  assert.deepEqual(problemsOf(role), ["9:5 roles.readOnly.except: roles.readOnly has no rule, so there is nothing to leave people out of; remove except, or add the rule it narrows"]);
});

test("except (rules): the team's own rule sends them as excluded users and keeps its text; the tenant rule leaves them out of that team's term only", () => {
  const model = modelOf(exceptOnPayments("[Pam@Acme.example, bob@acme.example]"));
  const own = model.rules.find((rule) => rule.key === "rule-team-payments")!;
  assert.deepEqual(own.excludedPeople, ["bob@acme.example", "pam@acme.example"]);
  assert.equal(renderRuleExpression(own, idOf), 'user.department == "Payments"');
  const tenant = model.rules.find((rule) => rule.key === "rule-tenant-dev01-read-write")!;
  assert.equal(tenant.excludedPeople, undefined);
  const text = renderRuleExpression(tenant, idOf);
  assert.equal(
    text,
    '((user.department == "Payments") AND String.toLowerCase(user.login) != "bob@acme.example" AND String.toLowerCase(user.login) != "pam@acme.example") OR (user.department == "Platform")',
  );
  // The expression Okta gets, evaluated: Pam is out through payments, still in through platform.
  const tree = parseGroupRuleExpression(text).tree!;
  const person = (login: string, department: string) => ({ profile: { login: login, department }, known: new Set(["login", "department"]) });
  assert.deepEqual(evaluateRule(tree, person("Pam@Acme.example", "Payments")), { decided: true, value: false });
  assert.deepEqual(evaluateRule(tree, person("Pam@Acme.example", "Platform")), { decided: true, value: true });
  assert.deepEqual(evaluateRule(tree, person("sam@acme.example", "Payments")), { decided: true, value: true });
  // A role's rule fills its group alone: Okta's exclusion list.
  const roleModel = modelOf(TWO_TEAMS.replace('    rule: user.department == "Engineering"\n', '    rule: user.department == "Engineering"\n    except: [Eve@acme.example]\n'));
  assert.deepEqual(roleModel.rules.find((rule) => rule.key === "rule-role-readOnly")!.excludedPeople, ["eve@acme.example"]);
  assert.ok(roleModel.namedPeople.includes("eve@acme.example"), "an excepted person is looked up for their ID");
});

test("except (program): the own rule's usersExcluded are the looked-up IDs; a file without except sends none", async () => {
  const run = await runProgram(modelOf(exceptOnPayments("[pam@acme.example]")));
  const own = resourceNamed(run, "rule-team-payments").inputs;
  assert.deepEqual(own.usersExcluded, ["00u-pam@acme.example"]);
  assert.equal(resourceNamed(run, "rule-tenant-dev01-read-write").inputs.usersExcluded, undefined);
  const without = await runProgram(modelOf(TWO_TEAMS));
  assert.equal(Object.hasOwn(resourceNamed(without, "rule-team-payments").inputs, "usersExcluded"), false);
});

const SNAPSHOT: DirectorySnapshot = {
  version: 1,
  takenAt: "2026-11-28T00:00:00.000Z",
  source: "okta-api",
  attributes: ["department", "login"],
  users: [
    { login: "Pam@Acme.example", status: "ACTIVE", profile: { department: "Payments", login: "Pam@Acme.example" } },
    { login: "sam@acme.example", status: "ACTIVE", profile: { department: "Payments", login: "sam@acme.example" } },
  ],
};

test("except (step): adding an exception narrows by name, removing it widens by name, in the diff and in the audience", () => {
  const [before, after] = [modelOf(TWO_TEAMS), modelOf(exceptOnPayments("[pam@acme.example]"))];
  assert.deepEqual(audienceOf(before, SNAPSHOT).people.get("tenant dev01 read-write"), ["pam@acme.example", "sam@acme.example"]);
  assert.deepEqual(audienceOf(after, SNAPSHOT).people.get("tenant dev01 read-write"), ["sam@acme.example"]);
  assert.deepEqual(diffAudience(audienceOf(before, SNAPSHOT), audienceOf(after, SNAPSHOT)), [{ key: "tenant dev01 read-write", gained: [], lost: ["pam@acme.example"], undecided: [] }]);
  assert.deepEqual(diffAudience(audienceOf(after, SNAPSHOT), audienceOf(before, SNAPSHOT)), [{ key: "tenant dev01 read-write", gained: ["pam@acme.example"], lost: [], undecided: [] }]);
  assert.deepEqual(diffAccess(before, after), {
    changes: [{ kind: "rule-exception", direction: "narrows", critical: false, subject: "team payments", summary: "its rule now leaves out pam@acme.example", owners: [] }],
    approvers: [],
  });
  assert.deepEqual(diffAccess(after, before), {
    changes: [{ kind: "rule-exception", direction: "widens", critical: false, subject: "team payments", summary: "its rule no longer leaves out pam@acme.example", owners: [] }],
    approvers: [],
  });
});

test("except (step): a person excepted from one team keeps the tenant through another team of the same rule", () => {
  const model = modelOf(exceptOnPayments("[pam@acme.example]"));
  const snapshot: DirectorySnapshot = {
    ...SNAPSHOT,
    users: [{ login: "Pam@Acme.example", status: "ACTIVE", profile: { department: "Platform", login: "Pam@Acme.example" } }],
  };
  assert.deepEqual(audienceOf(model, snapshot).people.get("tenant dev01 read-write"), ["pam@acme.example"]);
});
