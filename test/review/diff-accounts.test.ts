import { test } from "node:test";
import assert from "node:assert/strict";
import { diffAccess, type AccessChange } from "../../src/review/diff";
import { modelOf, VALID_ACCESS_FILE } from "../support/access-files";

/*
 * Accounts the stack creates are part of the directory the diff knows (issue 21): their creation and
 * the profile sent to Okta are facts, and every rule is evaluated on them, so a rule that lets such
 * an account in shows as the membership it is.
 */

const BASE = VALID_ACCESS_FILE;
const MALLORY = "  - email: mallory@evil.example\n    firstName: Mal\n    lastName: Lory\n    department: Payments\n";
const WITH_MALLORY = BASE + MALLORY;
const diff = (head: string, base = BASE) => diffAccess(modelOf(base), modelOf(head));
const change = (fields: Partial<AccessChange> & Pick<AccessChange, "direction" | "kind" | "subject" | "summary">): AccessChange => ({ critical: false, owners: [], ...fields });

test("accounts: a new account whose department the payments rule matches is a critical widening, with dev01 read-write by name", () => {
  assert.deepEqual(diff(WITH_MALLORY), {
    changes: [
      change({
        kind: "account",
        direction: "widens",
        critical: true,
        subject: "mallory@evil.example",
        summary: "is created as an ACTIVE Okta account (login mallory@evil.example, email mallory@evil.example, firstName Mal, lastName Lory, department Payments): it can sign in",
      }),
      change({ kind: "tenant", direction: "widens", subject: "mallory@evil.example", summary: "gains tenant dev01: read-write" }),
      change({ kind: "rule-match", direction: "widens", subject: "team payments", summary: "lets in account mallory@evil.example through its rule" }),
    ],
    approvers: [],
  });
});

test("accounts: the payments rule evaluated on the file's accounts, old and new; a rule change that lets an account in widens", () => {
  const rule = (expression: string) => WITH_MALLORY.replace('rule: user.department == "Payments"', `rule: ${expression}`);
  // Narrowed to another department: Mallory loses dev01 (the old rule was evaluated on her too).
  assert.deepEqual(diff(rule('user.department == "Risk"'), WITH_MALLORY).changes, [
    change({
      kind: "rule",
      direction: "changes",
      subject: "team payments",
      summary: "membership rule changes",
      before: 'user.department == "Payments"',
      after: 'user.department == "Risk"',
    }),
    change({ kind: "tenant", direction: "narrows", subject: "mallory@evil.example", summary: "loses tenant dev01: read-write" }),
    change({ kind: "rule-match", direction: "narrows", subject: "team payments", summary: "no longer lets in account mallory@evil.example through its rule" }),
  ]);
  // A rule reading an attribute the stack does not send: empty on an account the stack creates, so it does not match.
  assert.deepEqual(
    diff(rule('user.department == "Payments" AND user.costCenter == "42"'), WITH_MALLORY).changes.map((c) => [c.direction, c.kind, c.subject, c.summary]),
    [
      ["changes", "rule", "team payments", "membership rule changes"],
      ["narrows", "tenant", "mallory@evil.example", "loses tenant dev01: read-write"],
      ["narrows", "rule-match", "team payments", "no longer lets in account mallory@evil.example through its rule"],
    ],
  );
});

test("accounts: a profile attribute is a fact; a department that a critical role's rule reads makes the change critical", () => {
  const head = BASE.replace("    lastName: Lovelace\n", "    lastName: Lovelace\n    department: Engineering\n");
  assert.deepEqual(diff(head).changes, [
    change({ kind: "platform-role", direction: "widens", critical: true, subject: "ada@acme.example", summary: "gains DuploCloud read-only platform user" }),
    change({ kind: "rule-match", direction: "widens", critical: true, subject: "platform role readOnly", summary: "lets in account ada@acme.example through its rule" }),
    change({
      kind: "profile",
      direction: "changes",
      critical: true,
      subject: "ada@acme.example",
      summary: "profile department: (not set) becomes Engineering",
      before: "",
      after: "Engineering",
    }),
  ]);
});

test("accounts: a changed login hands the account over, so it is critical; removing an account says the Okta account stays", () => {
  const login = WITH_MALLORY.replace("    department: Payments\n", "    department: Payments\n    login: mallory.admin@evil.example\n");
  assert.deepEqual(diff(login, WITH_MALLORY).changes, [
    change({
      kind: "profile",
      direction: "changes",
      critical: true,
      subject: "mallory@evil.example",
      summary: "profile login: mallory@evil.example becomes mallory.admin@evil.example",
      before: "mallory@evil.example",
      after: "mallory.admin@evil.example",
    }),
  ]);
  assert.deepEqual(diff(BASE, WITH_MALLORY).changes, [
    change({
      kind: "account",
      direction: "changes",
      critical: true,
      subject: "mallory@evil.example",
      summary: "is no longer an account of the stack: the Okta account stays, ACTIVE unless someone deactivates it, and rules that match its profile keep letting it in",
    }),
    change({ kind: "tenant", direction: "narrows", subject: "mallory@evil.example", summary: "loses tenant dev01: read-write" }),
    change({ kind: "rule-match", direction: "narrows", subject: "team payments", summary: "no longer lets in account mallory@evil.example through its rule" }),
  ]);
});

test("accounts: an adopted account's attributes the stack does not send are unknown, so a rule reading one may let it in", () => {
  const adopted = `${BASE}  - email: lin@acme.example\n    firstName: Lin\n    lastName: Y\n    importId: 00u1abcdEFGH2345ijk7\n`;
  const head = adopted.replace('rule: user.department == "Payments"', 'rule: user.costCenter == "42"');
  assert.deepEqual(
    diff(head, adopted).changes.map((c) => [c.direction, c.kind, c.subject, c.summary]),
    [
      ["widens", "rule-match", "team payments", "may let in account lin@acme.example through its rule (the access file does not hold user.costCenter)"],
      ["changes", "rule", "team payments", "membership rule changes"],
    ],
  );
});
