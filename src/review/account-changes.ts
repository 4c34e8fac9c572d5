import type { AccessFact } from "./access-facts";
import type { UnapprovedChange } from "./change-types";

/*
 * How the file's own accounts read in the diff: an account the stack creates, the profile it is
 * sent, and the rules that let it in (account-matches.ts). Kept apart from diff.ts so the wording
 * of one concern stays in one place.
 */

const ACCOUNT_KINDS = new Set<AccessFact["kind"]>(["account", "profile", "rule-match"]);
export const isAccountKind = (kind: AccessFact["kind"]) => ACCOUNT_KINDS.has(kind);

const UNDECIDED = "undecided: ";
const shownValue = (value: string) => (value === "" ? "(not set)" : value);
/** A rule-match fact's value is "" (lets in) or "undecided: <reason>" (may let in). */
const reasonOf = (fact: AccessFact) => (fact.value.startsWith(UNDECIDED) ? fact.value.slice(UNDECIDED.length) : undefined);

function letsIn(fact: AccessFact): string {
  const reason = reasonOf(fact);
  return reason === undefined ? `lets in ${fact.what} through its rule` : `may let in ${fact.what} through its rule (${reason})`;
}

/** A fact of an account that appears; undefined when its coming is told by another fact. */
export function accountGained(fact: AccessFact): UnapprovedChange | undefined {
  const base = { kind: fact.kind, critical: fact.critical, subject: fact.subject };
  switch (fact.kind) {
    case "account":
      return { ...base, direction: "widens", summary: `is created as an ACTIVE ${fact.what}: it can sign in` };
    case "rule-match":
      return { ...base, direction: "widens", summary: letsIn(fact) };
    default:
      // A profile comes with its account (whose summary lists it) or with an adoption.
      return undefined;
  }
}

export function accountLost(fact: AccessFact): UnapprovedChange | undefined {
  const base = { kind: fact.kind, critical: fact.critical, subject: fact.subject };
  switch (fact.kind) {
    case "account":
      // The resource is retainOnDelete (src/okta/users.ts): the account itself stays in Okta.
      return {
        ...base,
        direction: "changes",
        summary: "is no longer an account of the stack: the Okta account stays, ACTIVE unless someone deactivates it, and rules that match its profile keep letting it in",
      };
    case "rule-match":
      return { ...base, direction: "narrows", summary: `no longer ${letsIn(fact)}` };
    default:
      return undefined;
  }
}

export function accountChanged(before: AccessFact, after: AccessFact): UnapprovedChange {
  const base = { kind: after.kind, critical: before.critical || after.critical, subject: after.subject, before: before.value, after: after.value };
  if (after.kind === "profile") return { ...base, direction: "changes", summary: `${after.what}: ${shownValue(before.value)} becomes ${shownValue(after.value)}` };
  // A rule-match that turns from certain to undecided or back: the rule may or may not let the account in.
  return { ...base, direction: "changes", summary: `${letsIn(before)} becomes: ${letsIn(after)}` };
}
