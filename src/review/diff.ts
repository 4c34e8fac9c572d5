import type { AccessModel } from "../access/model";
import { accessFacts, type AccessFact } from "./access-facts";

/*
 * The access diff between two versions of an access file: every change of effective access, each
 * classed as widening, narrowing or to be read (a rule, whose effect depends on Okta profiles).
 * Sorted, so the same change always reads the same.
 */

export type Direction = "widens" | "narrows" | "changes";

export interface AccessChange {
  readonly direction: Direction;
  /** Administrator, security admin, *.manage scope, Okta admin role, MFA. */
  readonly critical: boolean;
  readonly subject: string;
  /** A sentence: "gains tenant dev01: read-write", "rule changes". */
  readonly summary: string;
  readonly before?: string;
  readonly after?: string;
  readonly owners: readonly string[];
}

export interface AccessDiff {
  readonly changes: readonly AccessChange[];
  /** Owners of every team and role the change touches, who should approve it. */
  readonly approvers: readonly string[];
}

const LEVEL_RANK: Record<string, number> = { "read-only": 1, "read-write": 2 };
/** Stronger sign-in is narrower access. */
const MFA_STRENGTH: Record<string, number> = { "not-required": 0, required: 1, "phishing-resistant": 2 };

function describeValue(fact: AccessFact): string {
  return fact.value && fact.kind !== "rule" && fact.kind !== "token-network" ? `${fact.what}: ${fact.value}` : fact.what;
}

function gained(fact: AccessFact): AccessChange {
  if (fact.kind === "token-revoke") return { direction: "narrows", critical: true, subject: fact.subject, summary: "will be revoked in Okta once its entry is removed (revoke: true)", owners: fact.owners };
  if (fact.kind === "expiry") return { direction: "narrows", critical: false, subject: fact.subject, summary: `gets an expiry: ${fact.what.replace(/^expiry of /, "")} until ${fact.value}`, after: fact.value, owners: fact.owners };
  if (fact.kind === "mfa" || fact.kind === "reauthentication" || fact.kind === "duplocloud-readonly" || fact.kind === "token-network") {
    return { direction: "changes", critical: fact.critical, subject: fact.subject, summary: `${fact.what} set`, after: fact.value, owners: fact.owners };
  }
  if (fact.kind === "rule") return { direction: "widens", critical: fact.critical, subject: fact.subject, summary: "is now also filled by a rule", after: fact.value, owners: fact.owners };
  return { direction: "widens", critical: fact.critical, subject: fact.subject, summary: `gains ${describeValue(fact)}`, owners: fact.owners };
}

function lost(fact: AccessFact): AccessChange {
  if (fact.kind === "token-revoke") return { direction: "changes", critical: true, subject: fact.subject, summary: "will no longer be revoked when its entry is removed", owners: fact.owners };
  if (fact.kind === "expiry") return { direction: "widens", critical: false, subject: fact.subject, summary: `loses its expiry: ${fact.what.replace(/^expiry of /, "")} no longer ends on ${fact.value}`, before: fact.value, owners: fact.owners };
  if (fact.kind === "rule") return { direction: "narrows", critical: fact.critical, subject: fact.subject, summary: "is no longer filled by a rule", before: fact.value, owners: fact.owners };
  if (fact.kind === "mfa" || fact.kind === "reauthentication" || fact.kind === "duplocloud-readonly" || fact.kind === "token-network") {
    return { direction: "changes", critical: fact.critical, subject: fact.subject, summary: `${fact.what} removed`, before: fact.value, owners: fact.owners };
  }
  return { direction: "narrows", critical: fact.critical, subject: fact.subject, summary: `loses ${describeValue(fact)}`, owners: fact.owners };
}

function changed(before: AccessFact, after: AccessFact): AccessChange {
  const owners = [...new Set([...before.owners, ...after.owners])].sort();
  const base = { critical: before.critical || after.critical, subject: after.subject, before: before.value, after: after.value, owners };
  switch (after.kind) {
    case "tenant": {
      const widens = (LEVEL_RANK[after.value] ?? 0) > (LEVEL_RANK[before.value] ?? 0);
      return { ...base, direction: widens ? "widens" : "narrows", summary: `${after.what}: ${before.value} becomes ${after.value}` };
    }
    case "expiry":
      return { ...base, direction: after.value > before.value ? "widens" : "narrows", summary: `${after.what.replace(/^expiry of /, "")}: expiry moves from ${before.value} to ${after.value}` };
    case "mfa":
      return { ...base, direction: (MFA_STRENGTH[after.value] ?? 0) > (MFA_STRENGTH[before.value] ?? 0) ? "narrows" : "widens", summary: `MFA at sign-in: ${before.value} becomes ${after.value}` };
    case "duplocloud-readonly":
      return { ...base, direction: after.value === "true" ? "narrows" : "widens", summary: `read-only: ${before.value} becomes ${after.value}` };
    case "rule":
      return { ...base, direction: "changes", summary: "membership rule changes" };
    default:
      return { ...base, direction: "changes", summary: `${after.what}: ${before.value} becomes ${after.value}` };
  }
}

const DIRECTION_ORDER: Record<Direction, number> = { widens: 0, changes: 1, narrows: 2 };

export function compareChanges(a: AccessChange, b: AccessChange): number {
  return (
    DIRECTION_ORDER[a.direction] - DIRECTION_ORDER[b.direction] ||
    Number(b.critical) - Number(a.critical) ||
    a.subject.localeCompare(b.subject) ||
    a.summary.localeCompare(b.summary)
  );
}

/** Compares two models; `undefined` stands for a file that does not exist on that side. */
export function diffAccess(base: AccessModel | undefined, head: AccessModel | undefined): AccessDiff {
  const before = base ? accessFacts(base) : new Map<string, AccessFact>();
  const after = head ? accessFacts(head) : new Map<string, AccessFact>();
  const changes: AccessChange[] = [];
  // An expiry that comes or goes with its grant is part of that grant's change, not one of its own.
  const grantKeyOf = (fact: AccessFact) => (fact.kind === "expiry" ? fact.key.replace(/\|expires$/, "") : undefined);
  for (const [key, fact] of after) {
    const old = before.get(key);
    if (old) {
      if (old.value !== fact.value) changes.push(changed(old, fact));
      continue;
    }
    const grantKey = grantKeyOf(fact);
    if (grantKey && !before.has(grantKey)) continue;
    const expiry = after.get(`${key}|expires`);
    const change = gained(fact);
    changes.push(expiry && !before.has(key) ? { ...change, summary: `${change.summary} until ${expiry.value}` } : change);
  }
  for (const [key, fact] of before) {
    if (after.has(key)) continue;
    const grantKey = grantKeyOf(fact);
    if (grantKey && !after.has(grantKey)) continue;
    changes.push(lost(fact));
  }
  // Who approves is decided by the base version: a pull request that adds an owner (or changes one)
  // must not make that person an approver of their own change. Only what is new on both counts (a
  // new team) is approved by the owners the pull request names.
  const baseOwners = new Map<string, readonly string[]>();
  for (const fact of before.values()) if (fact.owners.length > 0 && !baseOwners.has(fact.subject)) baseOwners.set(fact.subject, fact.owners);
  const approved = changes.map((change) => (baseOwners.has(change.subject) ? { ...change, owners: baseOwners.get(change.subject)! } : change));
  approved.sort(compareChanges);
  const approvers = [...new Set(approved.flatMap((change) => change.owners))].sort();
  return { changes: approved, approvers };
}
