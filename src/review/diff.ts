import type { AccessModel } from "../access/model";
import { groupLabel } from "../access/naming";
import { accessFacts, administratorsOwners, type AccessFact, type FactKind } from "./access-facts";
import type { ConfigValues } from "../config/config-values";
import { stackSettingFacts } from "./stack-facts";
import { byText } from "../access/text-order";
import { durationSeconds } from "../access/reauthentication";
import { newlyReached, reachNarrows, reachWidens, roleTypeDirection, type AdminRoleReach } from "./admin-role-reach";
import { tokenNetworkDirection, tokenNetworkWords, tokenUsableAnywhere } from "./token-network";
import { nameReadsWider, prefixTakesHigherLevel, tenantReadFrom, type TenantPrefixes } from "./name-reads";
import { endOf, endSaid } from "../access/dates";
import { accountChanged, accountGained, accountLost, isAccountKind } from "./account-changes";
import type { AccessChange, AccessDiff, Direction, UnapprovedChange } from "./change-types";
import { teamRenames, underNewNames } from "./team-renames";
import { leftInGroups } from "./rule-collapse";

/*
 * The access diff between two versions of an access file: every change of effective access, each
 * classed as widening, narrowing or to be read (a rule, whose effect depends on Okta profiles).
 * Sorted, so the same change always reads the same.
 */

export type { AccessChange, AccessDiff, Direction, UnapprovedChange } from "./change-types";

const LEVEL_RANK: Record<string, number> = { "read-only": 1, "read-write": 2 };
/** Stronger sign-in is narrower access. */
const MFA_STRENGTH: Record<string, number> = { "not-required": 0, required: 1, "phishing-resistant": 2 };

/** Facts that hold a setting: their coming and going is "set" and "removed", not a gain or a loss. */
const SETTING_KINDS = new Set<FactKind>(["mfa", "reauthentication", "duplocloud-readonly", "service-app-key", "stack-setting"]);
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
  return fact.value && fact.kind !== "rule" ? `${fact.what}: ${fact.value}` : fact.what;
}

/**
 * A service app's admin role acts on the whole org: pulumi-okta 7.0.0's Oauth2V1ClientsRole*
 * resources take only `clientId` and `type` (node_modules/@pulumi/okta/oauth2V1ClientsRole*.d.ts),
 * and its one targets resource, AdminRoleTargets, scopes a user's role, never a client's.
 */
/** What a service app's role reaches, from its fact: its targets, or the whole org. */
const clientRoleReach = (fact: AccessFact) => fact.reach?.text ?? "over the whole org";
/** Whoever holds the private key of a service app's public key signs in as the app. */
const KEY_HOLDER = "whoever holds its private key acts as the app";
/** "temporary tenant dev01 (read-write) until 2026-12-07 21:20 UTC, requested by ada@…, for: <reason>". */
const temporaryWords = (fact: AccessFact) =>
  `${fact.what} until ${endSaid(fact.value)}${fact.requestedBy !== undefined ? `, requested by ${fact.requestedBy}` : ""}, for: ${fact.reason ?? ""}`;

const ruleWords = (fact: AccessFact) => (fact.breadth ? `a rule that ${RULE_BREADTH_WORDS[fact.breadth]}` : "a rule");

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

/**
 * A group a directory masters (source: directory) gives its access to whoever the directory puts in
 * it (Okta lets only the directory change its members: okta-management-openapi-spec,
 * assignUserToGroup): referencing one, or another one, widens, and is critical (access-facts.ts).
 */
const DIRECTORY_GROUP_EFFECT = ": whoever the directory puts in it gets this access, and the file cannot narrow who that is";
/** Dropping the reference writes nothing: the group stays as the directory keeps it. */
const DIRECTORY_GROUP_END_EFFECT = ": the stack stops referencing it, and the group keeps the members the directory gives it (DuploCloud still reads a tenant group by its name)";

function gained(fact: AccessFact): UnapprovedChange | undefined {
  if (isAccountKind(fact.kind)) return accountGained(fact);
  const base = { kind: fact.kind, critical: fact.critical, subject: fact.subject };
  if (ONLY_CHANGES_COUNT.has(fact.kind)) return undefined;
  if (fact.kind === "okta-users-vpn") return oktaUsersVpnChange(undefined, fact);
  // A token newly managed keeps the network it is given; ANYWHERE (the schema's default) lets it in from any network.
  if (fact.kind === "token-network") {
    const anywhere = tokenUsableAnywhere(fact.value);
    return { ...base, direction: anywhere ? "widens" : "changes", summary: `${fact.what} set: ${tokenNetworkWords(fact.value)}`, after: fact.value };
  }
  if (fact.kind === "service-app-key") return { ...base, direction: "widens", summary: `${fact.what} set to ${fact.value} (${KEY_HOLDER})`, after: fact.value };
  if (fact.kind === "service-app-role") return { ...base, direction: "widens", summary: `gains ${fact.what} ${fact.value}, ${clientRoleReach(fact)}` };
  // Its role is there already (else the role's own gain says it all): targets scope it down.
  if (fact.kind === "service-app-targets")
    return { ...base, direction: "narrows", summary: `${fact.what} is scoped: ${fact.value} (it acted over the whole org)`, after: fact.value };
  if (fact.kind === "token-revoke") return { ...base, direction: "narrows", summary: "will be revoked in Okta once its entry is removed (revoke: true)" };
  if (fact.kind === "expiry") return { ...base, direction: "narrows", summary: `gets an expiry: tenant ${fact.tenant} until ${fact.value}`, after: fact.value };
  if (fact.kind === "temporary") return { ...base, direction: "widens", summary: `gains ${temporaryWords(fact)}`, after: fact.value };
  if (fact.kind === "directory-group")
    return { ...base, direction: "widens", summary: `references the existing ${fact.what} ${fact.value}${DIRECTORY_GROUP_EFFECT}`, after: fact.value };
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
  if (fact.kind === "rule-exception") return { ...base, direction: "narrows", summary: `its rule now leaves out ${fact.person}` };
  return { ...base, direction: "widens", summary: `gains ${describeValue(fact)}` };
}

function lost(fact: AccessFact): UnapprovedChange | undefined {
  if (isAccountKind(fact.kind)) return accountLost(fact);
  const base = { kind: fact.kind, critical: fact.critical, subject: fact.subject };
  if (ONLY_CHANGES_COUNT.has(fact.kind)) return undefined;
  if (fact.kind === "okta-users-vpn") return oktaUsersVpnChange(fact, undefined);
  if (fact.kind === "token-revoke") return { ...base, direction: "changes", summary: "will no longer be revoked when its entry is removed" };
  if (fact.kind === "token-network") return { ...base, direction: "changes", summary: `${fact.what} no longer managed (was ${tokenNetworkWords(fact.value)})`, before: fact.value };
  if (fact.kind === "expiry") return { ...base, direction: "widens", summary: `loses its expiry: tenant ${fact.tenant} no longer ends on ${fact.value}`, before: fact.value };
  if (fact.kind === "temporary") return { ...base, direction: "narrows", summary: `loses ${fact.what} (it was until ${endSaid(fact.value)})`, before: fact.value };
  if (fact.kind === "directory-group")
    return { ...base, direction: "changes", summary: `no longer references the existing ${fact.what} ${fact.value}${DIRECTORY_GROUP_END_EFFECT}`, before: fact.value };
  if (fact.kind === "adoption")
    return {
      ...base,
      direction: "changes",
      summary: `no longer adopts the existing ${ADOPTED_OBJECT[fact.what] ?? fact.what} ${fact.value}${ADOPTION_END_EFFECT[fact.what] ?? ""}`,
      before: fact.value,
    };
  if (fact.kind === "rule") return { ...base, direction: "narrows", summary: `is no longer filled by ${ruleWords(fact)}`, before: fact.value };
  if (fact.kind === "rule-exception") return { ...base, direction: "widens", summary: `its rule no longer leaves out ${fact.person}` };
  if (fact.kind === "service-app-targets")
    return { ...base, direction: "widens", summary: `${fact.what} loses its targets: it acts over the whole org (it was ${fact.value})`, before: fact.value };
  if (fact.kind === "stack-setting") return { ...base, direction: "changes", summary: `${fact.what} removed (was ${fact.value})`, before: fact.value };
  if (SETTING_KINDS.has(fact.kind)) return { ...base, direction: "changes", summary: `${fact.what} removed`, before: fact.value };
  return { ...base, direction: "narrows", summary: `loses ${describeValue(fact)}` };
}

/** What the portal reads today (the base version's prefixes and tenants), to judge a group's new name by. */
interface PortalReading {
  readonly prefixes: TenantPrefixes;
  readonly tenants: ReadonlySet<string>;
}

function changed(before: AccessFact, after: AccessFact, reading: PortalReading): UnapprovedChange {
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
      return {
        ...base,
        direction: tokenNetworkDirection(before.value, after.value),
        summary: `${after.what}: ${tokenNetworkWords(before.value)} becomes ${tokenNetworkWords(after.value)}`,
      };
    case "service-app-role":
      return { ...base, direction: roleTypeDirection(before.value, after.value), summary: `${after.what}: ${before.value} becomes ${after.value}, ${clientRoleReach(after)}` };
    case "service-app-targets": {
      const [from, to] = [before.reach!, after.reach!];
      const direction = reachWidens(from, to) ? "widens" : reachNarrows(from, to) ? "narrows" : "changes";
      return { ...base, direction, summary: `${after.what}: ${before.value} becomes ${after.value}` };
    }
    // Who can act as the app, and where sign-in and the secrets go, change hands.
    case "service-app-key":
      return { ...base, direction: "widens", summary: `${after.what}: ${before.value} becomes ${after.value} (${KEY_HOLDER})` };
    case "portal":
      return { ...base, direction: "widens", summary: `${after.what}: ${before.value} becomes ${after.value} (sign-in, the DuploCloud token and the Okta secrets go there)` };
    case "group-name": {
      const read = tenantReadFrom(after.value, reading.prefixes, reading.tenants);
      if (!nameReadsWider(read, after)) break;
      return {
        ...base,
        direction: "widens",
        summary: `${after.what}: ${before.value} becomes ${after.value}, which DuploCloud reads today as tenant ${read!.tenant}: ${read!.level}`,
      };
    }
    case "group-prefix": {
      const level = prefixTakesHigherLevel(after.what, after.value, reading.prefixes);
      if (!level) break;
      return { ...base, direction: "widens", summary: `${after.what}: ${before.value} becomes ${after.value}, the prefix DuploCloud reads today as ${level}` };
    }
    case "okta-admin-role": {
      // A role whose targets move: wider when it reaches anything new, narrower when it only loses reach.
      const [from, to] = [before.reach, after.reach];
      const direction = from && to && reachWidens(from, to) ? "widens" : from && to && reachNarrows(from, to) ? "narrows" : "changes";
      return { ...base, direction, summary: `${after.what}: ${before.value || "not scoped"} becomes ${after.value || "not scoped"}` };
    }
    // Another directory group: its members, whom the file cannot see or narrow, get the access instead.
    case "directory-group":
      return { ...base, direction: "widens", summary: `now references the ${after.what} ${after.value} instead of ${before.value}${DIRECTORY_GROUP_EFFECT}` };
    case "rule":
      if (after.breadth && !before.breadth) return { ...base, direction: "widens", summary: `membership rule changes to ${ruleWords(after)}` };
      return { ...base, direction: "changes", summary: "membership rule changes" };
  }
  return { ...base, direction: "changes", summary: `${after.what}: ${before.value} becomes ${after.value}` };
}

const DIRECTION_ORDER: Record<Direction, number> = { widens: 0, changes: 1, narrows: 2 };

export function compareChanges(a: AccessChange, b: AccessChange): number {
  return DIRECTION_ORDER[a.direction] - DIRECTION_ORDER[b.direction] || Number(b.critical) - Number(a.critical) || byText(a.subject, b.subject) || byText(a.summary, b.summary);
}

/**
 * Approvers follow reach: an admin role's holder team approves it, and so do the owners (in the
 * base version) of every group it newly reaches. A new reach over the whole org, or over the
 * administrators or the security admins, or over an app, is approved by the administrators' owners;
 * so is a target group the base does not know (one the same pull request adds).
 */
function reachApprovers(base: AccessModel | undefined, administrators: readonly string[]) {
  const ownersByLabel = new Map((base?.groups ?? []).map((group) => [groupLabel(group), group.owners]));
  const overAdministrators = new Set(["platform role administrators", "platform role securityAdmins"]);
  return (before: AdminRoleReach | undefined, after: AdminRoleReach): string[] => {
    const reached = newlyReached(before, after);
    const groups = reached.targets.filter((target) => !target.startsWith("app "));
    const owners = groups.flatMap((label) => (ownersByLabel.get(label)?.length ? ownersByLabel.get(label)! : administrators));
    // An app (the DuploCloud app among them) is the administrators' owners' to approve, as changes to the app are.
    const needsAdministrators = reached.wholeOrg || groups.length < reached.targets.length || groups.some((label) => overAdministrators.has(label));
    return [...new Set([...owners, ...(needsAdministrators ? administrators : [])])];
  };
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
  // A renamed team (formerName) is compared under its new name: only what really changes shows.
  const renames = teamRenames(base, head);
  const before = underNewNames(factsOf(base, settings.base), renames);
  const after = factsOf(head, settings.head);
  // Who approves is decided by the base version alone: a pull request that adds an owner (or a new
  // team with owners) must not make those people approvers of their own change. A subject the base
  // knows with owners is approved by them; anything else (a new team and its first grants, a
  // subject whose base has no owners) by the base's administrators' owners.
  const baseOwners = new Map<string, readonly string[]>();
  for (const fact of before.values()) if (!baseOwners.get(fact.subject)?.length) baseOwners.set(fact.subject, fact.owners);
  const fallbackOwners = base ? administratorsOwners(base) : [];
  const reachOwners = reachApprovers(base, fallbackOwners);
  const reading: PortalReading = { prefixes: base?.groupNaming ?? {}, tenants: new Set(base?.tenants) };
  const approved: AccessChange[] = [];
  const add = (change: UnapprovedChange, old?: AccessFact, fact?: AccessFact) => {
    const subjectOwners = baseOwners.get(change.subject);
    const owners = subjectOwners?.length ? subjectOwners : fallbackOwners;
    const extra = fact?.reach ? reachOwners(old?.reach, fact.reach).filter((owner) => !owners.includes(owner)) : [];
    approved.push({ ...change, owners: [...owners, ...extra] });
  };
  for (const { from, to } of renames) {
    add({
      direction: "changes",
      kind: "team-rename",
      critical: false,
      subject: `team ${to}`,
      summary: `team ${from} renamed to ${to}: it keeps its Okta group, rule and memberships`,
      before: from,
      after: to,
    });
  }
  // An expiry that comes or goes with its grant is part of that grant's change, not one of its own.
  for (const [key, fact] of after) {
    const old = before.get(key);
    if (old) {
      if (old.value !== fact.value) add(changed(old, fact, reading), old, fact);
      continue;
    }
    if (fact.grantKey && !before.has(fact.grantKey)) continue;
    const expiry = fact.expiryKey ? after.get(fact.expiryKey) : undefined;
    const change = gained(fact);
    if (change) add(expiry ? { ...change, summary: `${change.summary} until ${expiry.value}` } : change, undefined, fact);
  }
  for (const [key, fact] of before) {
    if (after.has(key)) continue;
    if (fact.grantKey && !after.has(fact.grantKey)) continue;
    const change = lost(fact);
    if (change) add(change);
  }
  approved.sort(compareChanges);
  const approvers = [...new Set(approved.flatMap((change) => change.owners))].sort();
  const leftIn = leftInGroups(base, head);
  return { changes: approved, approvers, ...(leftIn.length > 0 ? { leftInGroups: leftIn } : {}) };
}
