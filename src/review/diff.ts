import type { AccessModel } from "../access/model";
import { accessFacts, administratorsOwners, type AccessFact, type FactKind } from "./access-facts";
import type { ConfigValues } from "../config/config-values";
import { stackSettingFacts } from "./stack-facts";
import { byText } from "../access/text-order";
import { durationSeconds } from "../access/reauthentication";
import { endOf, endSaid } from "../access/dates";
import { reachNarrows, reachWidens } from "./admin-role-reach";
import { accountChanged, accountGained, accountLost, isAccountKind } from "./account-changes";

/*
 * The access diff between two versions of an access file: every change of effective access, each
 * classed as widening, narrowing or to be read (a rule, whose effect depends on Okta profiles).
 * Sorted, so the same change always reads the same.
 */

export type Direction = "widens" | "narrows" | "changes";

export interface AccessChange {
  readonly direction: Direction;
  /** What kind of fact changed; the renderer decides by it, never by the wording. */
  readonly kind: FactKind;
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

/** Facts that hold a setting: their coming and going is "set" and "removed", not a gain or a loss. */
const SETTING_KINDS = new Set<FactKind>(["mfa", "reauthentication", "duplocloud-readonly", "token-network", "service-app-key", "stack-setting"]);
/**
 * Facts that exist on both sides whenever their subject does (names, prefixes, the portal, an
 * account's status): only a change of value says something; their subject's own facts show it coming or going.
 */
const ONLY_CHANGES_COUNT = new Set<FactKind>(["group-name", "group-prefix", "portal", "account-status"]);
const ADOPTED_OBJECT: Readonly<Record<string, string>> = {
  "adopted Okta group": "Okta group",
  "adopted Okta app": "Okta app",
  "adopted Okta user": "Okta user",
  "adopted DuploCloud user": "DuploCloud user",
};
/** What adopting brings along, which a reviewer cannot see in the file. */
const ADOPTION_EFFECT: Readonly<Record<string, string>> = {
  "adopted Okta group": ": whoever is in it today stays in it",
  "adopted Okta app": ": the stack takes it over as it is",
  "adopted Okta user": ": the stack takes over that account's profile",
  "adopted DuploCloud user":
    ": the stack takes over the portal user of that name (its roles and read-only flag become the entry's), and leaves it in the portal when the entry goes",
};
/**
 * What ending an adoption does: the group is then the stack's own, so its memberships track every
 * user (whoever the file does not name is removed on the next up) and it is no longer retained.
 */
const ADOPTION_END_EFFECT: Readonly<Record<string, string>> = {
  "adopted DuploCloud user":
    ": a user already taken over stays so (adoption is decided when the stack first manages it); a user not yet managed that the portal has is then refused",
  "adopted Okta group": ": the stack then owns it, so a group of explicit members loses whoever the file does not name on the next up, and dropping its entry deletes it",
};
const RULE_BREADTH_WORDS = {
  everyone: "matches everyone",
  "nearly-everyone": "matches nearly everyone (it only excludes)",
  unproven: "is not proven narrow (no term selects by an attribute equal to a value or by a named group other than Everyone)",
} as const;

function describeValue(fact: AccessFact): string {
  return fact.value && fact.kind !== "rule" && fact.kind !== "token-network" ? `${fact.what}: ${fact.value}` : fact.what;
}

/** "temporary tenant dev01 (read-write) until 2026-12-07 21:20 UTC, requested by ada@…, for: <reason>". */
const temporaryWords = (fact: AccessFact) =>
  `${fact.what} until ${endSaid(fact.value)}${fact.requestedBy !== undefined ? `, requested by ${fact.requestedBy}` : ""}, for: ${fact.reason ?? ""}`;

const ruleWords = (fact: AccessFact) => (fact.breadth ? `a rule that ${RULE_BREADTH_WORDS[fact.breadth]}` : "a rule");

/** A change before its approvers are decided (diffAccess does that, from the base version). */
export type UnapprovedChange = Omit<AccessChange, "owners">;

/**
 * VPN access for new Okta users: enabling it widens access and is critical, whatever it was before;
 * dropping it from the file only stops managing it (the portal keeps its value).
 */
function oktaUsersVpnChange(before: AccessFact | undefined, after: AccessFact | undefined): UnapprovedChange {
  const fact = (after ?? before)!;
  const base = { kind: fact.kind, subject: fact.subject, ...(before ? { before: before.value } : {}), ...(after ? { after: after.value } : {}) };
  if (!after) return { ...base, critical: false, direction: "changes", summary: `${fact.what} no longer managed by the file; the portal keeps ${before!.value}` };
  const enables = after.value === "enabled";
  const summary = before ? `${fact.what}: ${before.value} becomes ${after.value}` : `${fact.what}: ${after.value} (now managed by the file)`;
  return { ...base, critical: enables, direction: enables ? "widens" : "narrows", summary };
}

function gained(fact: AccessFact): UnapprovedChange | undefined {
  if (isAccountKind(fact.kind)) return accountGained(fact);
  const base = { kind: fact.kind, critical: fact.critical, subject: fact.subject };
  if (ONLY_CHANGES_COUNT.has(fact.kind)) return undefined;
  if (fact.kind === "okta-users-vpn") return oktaUsersVpnChange(undefined, fact);
  if (fact.kind === "token-revoke") return { ...base, direction: "narrows", summary: "will be revoked in Okta once its entry is removed (revoke: true)" };
  if (fact.kind === "expiry") return { ...base, direction: "narrows", summary: `gets an expiry: tenant ${fact.tenant} until ${fact.value}`, after: fact.value };
  if (fact.kind === "temporary") return { ...base, direction: "widens", summary: `gains ${temporaryWords(fact)}`, after: fact.value };
  if (fact.kind === "adoption")
    return {
      ...base,
      direction: "widens",
      summary: `adopts the existing ${ADOPTED_OBJECT[fact.what] ?? fact.what} ${fact.value}${ADOPTION_EFFECT[fact.what] ?? ""}`,
      after: fact.value,
    };
  // A stack setting shows its value (a secret by fingerprint, stack-facts.ts): the reviewer judges where it points.
  if (fact.kind === "stack-setting") return { ...base, direction: "changes", summary: `${fact.what} set to ${fact.value}`, after: fact.value };
  if (SETTING_KINDS.has(fact.kind)) return { ...base, direction: "changes", summary: `${fact.what} set`, after: fact.value };
  if (fact.kind === "rule") return { ...base, direction: "widens", summary: `is now also filled by ${ruleWords(fact)}`, after: fact.value };
  return { ...base, direction: "widens", summary: `gains ${describeValue(fact)}` };
}

function lost(fact: AccessFact): UnapprovedChange | undefined {
  if (isAccountKind(fact.kind)) return accountLost(fact);
  const base = { kind: fact.kind, critical: fact.critical, subject: fact.subject };
  if (ONLY_CHANGES_COUNT.has(fact.kind)) return undefined;
  if (fact.kind === "okta-users-vpn") return oktaUsersVpnChange(fact, undefined);
  if (fact.kind === "token-revoke") return { ...base, direction: "changes", summary: "will no longer be revoked when its entry is removed" };
  if (fact.kind === "expiry") return { ...base, direction: "widens", summary: `loses its expiry: tenant ${fact.tenant} no longer ends on ${fact.value}`, before: fact.value };
  if (fact.kind === "temporary") return { ...base, direction: "narrows", summary: `loses ${fact.what} (it was until ${endSaid(fact.value)})`, before: fact.value };
  if (fact.kind === "adoption")
    return {
      ...base,
      direction: "changes",
      summary: `no longer adopts the existing ${ADOPTED_OBJECT[fact.what] ?? fact.what} ${fact.value}${ADOPTION_END_EFFECT[fact.what] ?? ""}`,
      before: fact.value,
    };
  if (fact.kind === "rule") return { ...base, direction: "narrows", summary: `is no longer filled by ${ruleWords(fact)}`, before: fact.value };
  if (fact.kind === "stack-setting") return { ...base, direction: "changes", summary: `${fact.what} removed (was ${fact.value})`, before: fact.value };
  if (SETTING_KINDS.has(fact.kind)) return { ...base, direction: "changes", summary: `${fact.what} removed`, before: fact.value };
  return { ...base, direction: "narrows", summary: `loses ${describeValue(fact)}` };
}

function tokenNetworkDirection(before: string, after: string): Direction {
  const connection = (value: string) => (JSON.parse(value) as { connection: string }).connection;
  if (connection(before) === connection(after)) return "changes";
  return connection(after) === "ANYWHERE" ? "widens" : "narrows";
}

function changed(before: AccessFact, after: AccessFact): UnapprovedChange {
  if (isAccountKind(after.kind)) return accountChanged(before, after);
  const base = { kind: after.kind, critical: before.critical || after.critical, subject: after.subject, before: before.value, after: after.value };
  switch (after.kind) {
    case "okta-users-vpn":
      return oktaUsersVpnChange(before, after);
    case "tenant": {
      const widens = (LEVEL_RANK[after.value] ?? 0) > (LEVEL_RANK[before.value] ?? 0);
      return { ...base, direction: widens ? "widens" : "narrows", summary: `${after.what}: ${before.value} becomes ${after.value}` };
    }
    case "expiry":
      return { ...base, direction: after.value > before.value ? "widens" : "narrows", summary: `tenant ${after.tenant}: expiry moves from ${before.value} to ${after.value}` };
    case "temporary":
      return {
        ...base,
        direction: endOf(after.value) > endOf(before.value) ? "widens" : "narrows",
        summary: `${after.what}: the end moves from ${endSaid(before.value)} to ${temporaryWords(after)}`,
      };
    case "mfa":
      return {
        ...base,
        direction: (MFA_STRENGTH[after.value] ?? 0) > (MFA_STRENGTH[before.value] ?? 0) ? "narrows" : "widens",
        summary: `MFA at sign-in: ${before.value} becomes ${after.value}`,
      };
    case "reauthentication":
      return {
        ...base,
        direction: (durationSeconds(after.value) ?? 0) > (durationSeconds(before.value) ?? 0) ? "widens" : "narrows",
        summary: `re-authentication period: ${before.value} becomes ${after.value}`,
      };
    case "duplocloud-readonly":
      return { ...base, direction: after.value === "true" ? "narrows" : "widens", summary: `read-only: ${before.value} becomes ${after.value}` };
    case "account-status":
      return {
        ...base,
        direction: after.value === "ACTIVE" ? "widens" : before.value === "ACTIVE" ? "narrows" : "changes",
        summary: `account status: ${before.value} becomes ${after.value}`,
      };
    case "token-network":
      return { ...base, direction: tokenNetworkDirection(before.value, after.value), summary: "network restriction changes" };
    case "okta-admin-role": {
      // A role whose targets move: wider when it reaches anything new, narrower when it only loses reach.
      const [from, to] = [before.reach, after.reach];
      const direction = from && to && reachWidens(from, to) ? "widens" : from && to && reachNarrows(from, to) ? "narrows" : "changes";
      return { ...base, direction, summary: `${after.what}: ${before.value || "not scoped"} becomes ${after.value || "not scoped"}` };
    }
    case "rule":
      if (after.breadth && !before.breadth) return { ...base, direction: "widens", summary: `membership rule changes to ${ruleWords(after)}` };
      return { ...base, direction: "changes", summary: "membership rule changes" };
    default:
      return { ...base, direction: "changes", summary: `${after.what}: ${before.value} becomes ${after.value}` };
  }
}

const DIRECTION_ORDER: Record<Direction, number> = { widens: 0, changes: 1, narrows: 2 };

export function compareChanges(a: AccessChange, b: AccessChange): number {
  return DIRECTION_ORDER[a.direction] - DIRECTION_ORDER[b.direction] || Number(b.critical) - Number(a.critical) || byText(a.subject, b.subject) || byText(a.summary, b.summary);
}

/** A side's stack config: its values (project defaults included) and which are secrets. */
export type StackConfigOfSide = Pick<ConfigValues, "values" | "secretKeys">;

/** The facts of one side: the access file's, and the stack file's settings when they were read. */
function factsOf(model: AccessModel | undefined, settings: StackConfigOfSide | undefined): Map<string, AccessFact> {
  const facts = model ? accessFacts(model) : new Map<string, AccessFact>();
  for (const fact of settings ? stackSettingFacts(settings) : []) facts.set(fact.key, fact);
  return facts;
}

/**
 * Compares two versions; `undefined` stands for a file that does not exist on that side. The
 * stack files' settings are compared when given.
 */
export function diffAccess(base: AccessModel | undefined, head: AccessModel | undefined, settings: { base?: StackConfigOfSide; head?: StackConfigOfSide } = {}): AccessDiff {
  const before = factsOf(base, settings.base);
  const after = factsOf(head, settings.head);
  // Who approves is decided by the base version alone: a pull request that adds an owner (or a new
  // team with owners) must not make those people approvers of their own change. A subject the base
  // knows with owners is approved by them; anything else (a new team and its first grants, a
  // subject whose base has no owners) by the base's administrators' owners.
  const baseOwners = new Map<string, readonly string[]>();
  for (const fact of before.values()) if (!baseOwners.get(fact.subject)?.length) baseOwners.set(fact.subject, fact.owners);
  const fallbackOwners = base ? administratorsOwners(base) : [];
  const approved: AccessChange[] = [];
  const add = (change: UnapprovedChange) => {
    const owners = baseOwners.get(change.subject);
    approved.push({ ...change, owners: owners?.length ? owners : fallbackOwners });
  };
  // An expiry that comes or goes with its grant is part of that grant's change, not one of its own.
  for (const [key, fact] of after) {
    const old = before.get(key);
    if (old) {
      if (old.value !== fact.value) add(changed(old, fact));
      continue;
    }
    if (fact.grantKey && !before.has(fact.grantKey)) continue;
    const expiry = fact.expiryKey ? after.get(fact.expiryKey) : undefined;
    const change = gained(fact);
    if (change) add(expiry ? { ...change, summary: `${change.summary} until ${expiry.value}` } : change);
  }
  for (const [key, fact] of before) {
    if (after.has(key)) continue;
    if (fact.grantKey && !after.has(fact.grantKey)) continue;
    const change = lost(fact);
    if (change) add(change);
  }
  approved.sort(compareChanges);
  const approvers = [...new Set(approved.flatMap((change) => change.owners))].sort();
  return { changes: approved, approvers };
}
