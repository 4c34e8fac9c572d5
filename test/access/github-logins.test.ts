import { test } from "node:test";
import assert from "node:assert/strict";
import { formatProblem } from "../../src/access/problems";
import { modelOf, VALID_ACCESS_FILE, validateText } from "../support/access-files";

/* githubLogins: which GitHub account approves for which owner (access/github-logins.ts). */

const OWNED = VALID_ACCESS_FILE.replace("  administrators:\n", "  administrators:\n    owners: [CISO@acme.example]\n").replace(
  "  - name: payments\n",
  "  - name: payments\n    owners: [lead@acme.example, ciso@acme.example]\n",
);
const problemsOf = (text: string) => {
  const result = validateText(text);
  return result.ok ? [] : result.problems.map(formatProblem);
};

test("githubLogins: the model holds each owner's login, owners lower-cased; a file without the key has none", () => {
  const model = modelOf(`${OWNED}githubLogins:\n  lead@acme.example: Lead-GH\n  Ciso@Acme.example: acme-ciso\n`);
  assert.deepEqual(model.githubLogins, { "ciso@acme.example": "acme-ciso", "lead@acme.example": "Lead-GH" });
  assert.equal(modelOf(OWNED).githubLogins, undefined);
});

test("githubLogins: when present, an owner without a login is an error at the owner, located", () => {
  assert.deepEqual(problemsOf(`${OWNED}githubLogins:\n  ciso@acme.example: acme-ciso\n`), [
    'access/test.yaml:13:14: teams[0].owners[0]: owner lead@acme.example has no GitHub login under githubLogins; add "lead@acme.example: <their GitHub username>" there, or the deploy cannot count their approval',
  ]);
});

test("githubLogins: GitHub username syntax, an email as the key, and one login for one owner", () => {
  const logins = (lines: string) => problemsOf(`${OWNED}githubLogins:\n${lines}`);
  assert.deepEqual(logins("  ciso@acme.example: -ciso\n  lead@acme.example: lead--gh\n"), [
    "access/test.yaml:32:22: githubLogins.ciso@acme.example: must be a GitHub username: letters, digits and single hyphens, not starting or ending with one, at most 39 characters (a managed user: then _ and the short code)",
    "access/test.yaml:33:22: githubLogins.lead@acme.example: must be a GitHub username: letters, digits and single hyphens, not starting or ending with one, at most 39 characters (a managed user: then _ and the short code)",
  ]);
  assert.deepEqual(logins(`  ciso@acme.example: ${"a".repeat(40)}\n  lead@acme.example: lead_acme\n`).length, 1, "40 characters is one too many; a managed user's _shortcode is fine");
  assert.deepEqual(logins("  ciso@acme.example: acme-ciso\n  lead@acme.example: lead-gh\n  lead-gh: lead-gh2\n"), [
    "access/test.yaml:34:12: githubLogins.lead-gh: must be an owner's email address as written in owners, e.g. ada@example.com",
  ]);
  assert.deepEqual(logins("  ciso@acme.example: acme-ciso\n  lead@acme.example: ACME-CISO\n"), [
    "access/test.yaml:33:22: githubLogins.lead@acme.example: GitHub login ACME-CISO is also ciso@acme.example's; one GitHub account approves for one owner only",
  ]);
});
