import { evaluateRule, type Subject } from "../access/expression-eval";
import type { ParsedRule } from "../access/model";
import { parsedRuleOf, type AccessModel, type GroupSpec } from "../access/model";
import type { AccessLevel, PlatformRoleName } from "../access/schema";
import { CAN_SIGN_IN, subjectOf, type DirectorySnapshot } from "./directory";
import { byText } from "../access/text-order";
import { PENDING_ACTIVATION } from "../access/rule-statuses";
import { snapshotGroupMembers } from "./directory-members";

/*
 * Who really gets in, given a directory snapshot: each team's and role's members (explicit members
 * plus the people its rule matches), then each tenant's people at the widest level any of their
 * teams gives. People a rule cannot be decided for are kept apart with the reason, never guessed.
 * Only people who can sign in (ACTIVE and the like) are counted.
 */

export type AudienceKey = `tenant ${string} ${AccessLevel}` | `platform role ${PlatformRoleName}`;

export interface Undecided {
  readonly login: string;
  readonly reason: string;
}

export interface Audience {
  /** Logins per tenant and level, and per platform role, sorted. */
  readonly people: ReadonlyMap<AudienceKey, readonly string[]>;
  /** People a rule could not be decided for, per tenant and level or role. */
  readonly undecided: ReadonlyMap<AudienceKey, readonly Undecided[]>;
  /**
   * People pending activation (STAGED, PROVISIONED) a rule matches: Okta's rules skip them until
   * they are activated (access/rule-statuses.ts), so they get the access then. Information; absent when none.
   */
  readonly pending?: ReadonlyMap<AudienceKey, readonly string[]>;
  /**
   * Tenant levels and roles given by a group a directory masters whose members the snapshot does not
   * hold: the group's name, so the review says who it cannot name. Absent when none.
   */
  readonly directoryUnknown?: ReadonlyMap<AudienceKey, string>;
}

/** Who one group lets in: its members for certain, and the people its rule cannot be decided for. */
export interface GroupAudience {
  readonly members: ReadonlySet<string>;
  readonly undecided: ReadonlyMap<string, string>;
  /** People pending activation the group's rule matches: in once activated. */
  readonly pending?: ReadonlySet<string>;
  /** A group a directory masters (source: directory): its members are the directory's; `known` false when the snapshot lacks them. */
  readonly directory?: { readonly known: boolean };
}

interface RuleAudience {
  readonly matched: readonly string[];
  readonly undecided: ReadonlyMap<string, string>;
  /** People pending activation the rule matches for certain. */
  readonly pending: readonly string[];
}

/**
 * Evaluates rules on a snapshot's people who can sign in, each distinct expression once however
 * many groups (and both sides of a diff) use it: at 50,000 people, each evaluation is the cost.
 */
export class SnapshotRules {
  private readonly cache = new Map<string, RuleAudience>();
  private readonly subjects: ReadonlyArray<{ readonly login: string; readonly subject: Subject }>;
  /** People pending activation: rules skip them until activated, so they are evaluated apart, as information. */
  private readonly pendingSubjects: ReadonlyArray<{ readonly login: string; readonly subject: Subject }>;
  /** Lower-cased login to status, for explicit members. */
  readonly status: ReadonlyMap<string, string>;
  /** Members of the groups the snapshot read, by group ID: the directory groups' members come from here. */
  readonly groupMembers: ReadonlyMap<string, readonly string[]>;

  constructor(snapshot: DirectorySnapshot) {
    this.groupMembers = new Map([...snapshotGroupMembers(snapshot)].map(([id, members]) => [id, members.map((member) => member.login)]));
    const groupsById = new Map((snapshot.groups ?? []).map((group) => [group.id, group]));
    this.status = new Map(snapshot.users.map((user) => [user.login.toLowerCase(), user.status]));
    this.subjects = snapshot.users
      .filter((user) => CAN_SIGN_IN.has(user.status))
      .map((user) => ({ login: user.login.toLowerCase(), subject: subjectOf(snapshot, user, groupsById) }));
    this.pendingSubjects = snapshot.users
      .filter((user) => PENDING_ACTIVATION.has(user.status))
      .map((user) => ({ login: user.login.toLowerCase(), subject: subjectOf(snapshot, user, groupsById) }));
  }

  /** Explicit members the snapshot shows as unable to sign in count nowhere; ones it does not know count. */
  canSignIn(login: string): boolean {
    const status = this.status.get(login);
    return status === undefined || CAN_SIGN_IN.has(status);
  }

  /** `rule`: the expression as the model parsed it; undefined matches nobody. */
  audienceOfRule(expression: string, rule: ParsedRule | undefined): RuleAudience {
    const cached = this.cache.get(expression);
    if (cached) return cached;
    const tree = rule?.tree;
    const matched: string[] = [];
    const undecided = new Map<string, string>();
    if (tree) {
      for (const { login, subject } of this.subjects) {
        const outcome = evaluateRule(tree, subject);
        if (!outcome.decided) undecided.set(login, outcome.reason);
        else if (outcome.value) matched.push(login);
      }
    }
    const matches = (subject: Subject) => {
      const outcome = tree ? evaluateRule(tree, subject) : undefined;
      return outcome?.decided === true && outcome.value;
    };
    const pending = this.pendingSubjects.filter(({ subject }) => matches(subject)).map(({ login }) => login);
    const audience = { matched, undecided, pending };
    this.cache.set(expression, audience);
    return audience;
  }
}

function groupAudience(model: AccessModel, group: GroupSpec, rules: SnapshotRules): GroupAudience {
  // A directory's group: whoever the directory put in it, as the snapshot read its members.
  if (group.source === "directory") {
    const logins = group.importId === undefined ? undefined : rules.groupMembers.get(group.importId);
    return { members: new Set((logins ?? []).filter((login) => rules.canSignIn(login))), undecided: new Map(), directory: { known: logins !== undefined } };
  }
  const members = new Set(group.explicitMembers.filter((login) => rules.canSignIn(login)));
  if (!group.ruleExpression) return { members, undecided: new Map() };
  const rule = rules.audienceOfRule(group.ruleExpression, parsedRuleOf(model, group));
  // The people the rule leaves out (`except`): Okta never adds them through it, whatever it matches.
  const excepted = new Set(group.ruleExceptions ?? []);
  for (const login of rule.matched) if (!excepted.has(login)) members.add(login);
  const undecided = new Map([...rule.undecided].filter(([login]) => !members.has(login) && !excepted.has(login)));
  const pending = new Set(rule.pending.filter((login) => !excepted.has(login) && !members.has(login)));
  return { members, undecided, ...(pending.size > 0 ? { pending } : {}) };
}

/** Each team's and role's audience, and each directory tenant group's, by group key. */
export function groupAudiences(model: AccessModel, rules: SnapshotRules): Map<string, GroupAudience> {
  return new Map(model.groups.filter((group) => group.kind !== "tenant" || group.source === "directory").map((group) => [group.key, groupAudience(model, group, rules)]));
}

const LEVEL_RANK: Readonly<Record<AccessLevel, number>> = { "read-only": 1, "read-write": 2 };

export function audienceOf(model: AccessModel, snapshot: DirectorySnapshot | SnapshotRules, groups?: ReadonlyMap<string, GroupAudience>): Audience {
  const byGroup = groups ?? groupAudiences(model, snapshot instanceof SnapshotRules ? snapshot : new SnapshotRules(snapshot));
  const people = new Map<AudienceKey, Set<string>>();
  const undecided = new Map<AudienceKey, Map<string, string>>();
  const add = <T>(map: Map<AudienceKey, T>, key: AudienceKey, empty: () => T) => map.get(key) ?? map.set(key, empty()).get(key)!;

  const pending = new Map<AudienceKey, Set<string>>();
  const directoryUnknown = new Map<AudienceKey, string>();
  for (const group of model.groups.filter((g) => g.kind === "platform-role")) {
    const key: AudienceKey = `platform role ${group.platformRole}`;
    const audience = byGroup.get(group.key)!;
    if (audience.directory?.known === false) directoryUnknown.set(key, group.name);
    for (const login of audience.pending ?? []) add(pending, key, () => new Set()).add(login);
    for (const login of audience.members) add(people, key, () => new Set()).add(login);
    for (const [login, reason] of audience.undecided) add(undecided, key, () => new Map()).set(login, reason);
  }
  // Per tenant, each person's widest level over all their teams.
  const levels = new Map<string, Map<string, AccessLevel>>();
  const maybe = new Map<string, Map<string, { level: AccessLevel; reason: string }>>();
  for (const grant of model.grants) {
    const team = byGroup.get(model.groups.find((g) => g.kind === "team" && g.team === grant.team)!.key)!;
    const tenantLevels = levels.get(grant.tenant) ?? levels.set(grant.tenant, new Map()).get(grant.tenant)!;
    for (const login of team.members) {
      const current = tenantLevels.get(login);
      if (!current || LEVEL_RANK[grant.level] > LEVEL_RANK[current]) tenantLevels.set(login, grant.level);
    }
    for (const login of team.pending ?? []) add(pending, `tenant ${grant.tenant} ${grant.level}`, () => new Set()).add(login);
    const tenantMaybe = maybe.get(grant.tenant) ?? maybe.set(grant.tenant, new Map()).get(grant.tenant)!;
    for (const [login, reason] of team.undecided) {
      const current = tenantMaybe.get(login);
      if (!current || LEVEL_RANK[grant.level] > LEVEL_RANK[current.level]) tenantMaybe.set(login, { level: grant.level, reason });
    }
  }
  // A tenant group a directory masters gives its level to every member the directory put in it.
  for (const group of model.groups) {
    if (group.kind !== "tenant" || group.source !== "directory") continue;
    const audience = byGroup.get(group.key)!;
    if (audience.directory?.known === false) directoryUnknown.set(`tenant ${group.tenant} ${group.level}`, group.name);
    const tenantLevels = levels.get(group.tenant) ?? levels.set(group.tenant, new Map()).get(group.tenant)!;
    for (const login of audience.members) {
      const current = tenantLevels.get(login);
      if (!current || LEVEL_RANK[group.level] > LEVEL_RANK[current]) tenantLevels.set(login, group.level);
    }
  }
  for (const [tenant, tenantLevels] of levels) {
    for (const [login, level] of tenantLevels) add(people, `tenant ${tenant} ${level}`, () => new Set()).add(login);
  }
  for (const [tenant, tenantMaybe] of maybe) {
    for (const [login, { level, reason }] of tenantMaybe) {
      // Someone who already has this level or wider for certain is not in doubt here.
      const known = levels.get(tenant)?.get(login);
      if (known && LEVEL_RANK[known] >= LEVEL_RANK[level]) continue;
      add(undecided, `tenant ${tenant} ${level}`, () => new Map()).set(login, reason);
    }
  }
  const sorted = <T>(map: Map<AudienceKey, T>) => new Map([...map].sort(([a], [b]) => byText(a, b)));
  return {
    people: sorted(new Map([...people].map(([key, logins]) => [key, [...logins].sort()]))),
    undecided: sorted(new Map([...undecided].map(([key, logins]) => [key, [...logins].sort(([a], [b]) => byText(a, b)).map(([login, reason]) => ({ login, reason }))]))),
    ...(pending.size > 0 ? { pending: sorted(new Map([...pending].map(([key, logins]) => [key, [...logins].sort()]))) } : {}),
    ...(directoryUnknown.size > 0 ? { directoryUnknown: sorted(directoryUnknown) } : {}),
  };
}

export interface AudienceChange {
  readonly key: AudienceKey;
  readonly gained: readonly string[];
  readonly lost: readonly string[];
  /** Undecided on either side: whether they gain or lose cannot be told. */
  readonly undecided: readonly Undecided[];
  /** A directory group gives the key on the head side (or the base's, when the head has none) and the snapshot lacks its members: its name. */
  readonly directoryUnknown?: string;
}

/** Who gains and who loses each tenant level and role between two versions, against one snapshot. */
export function diffAudience(base: Audience | undefined, head: Audience | undefined): AudienceChange[] {
  const keys = new Set<AudienceKey>([
    ...(base?.people.keys() ?? []),
    ...(head?.people.keys() ?? []),
    ...(base?.undecided.keys() ?? []),
    ...(head?.undecided.keys() ?? []),
    ...(base?.directoryUnknown?.keys() ?? []),
    ...(head?.directoryUnknown?.keys() ?? []),
  ]);
  const changes: AudienceChange[] = [];
  for (const key of [...keys].sort()) {
    const before = new Set(base?.people.get(key) ?? []);
    const after = new Set(head?.people.get(key) ?? []);
    const [doubtBefore, doubtAfter] = [base?.undecided.get(key) ?? [], head?.undecided.get(key) ?? []];
    // The same people, decided and undecided alike: nothing to tell about this key.
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((login, i) => login === b[i]);
    // Who is in a directory group the snapshot did not read cannot be told: said whenever the group changes hands.
    const [unknownBefore, unknownAfter] = [base?.directoryUnknown?.get(key), head?.directoryUnknown?.get(key)];
    const directoryUnknown = unknownBefore !== unknownAfter ? (unknownAfter ?? unknownBefore) : undefined;
    if (same([...before], [...after]) && JSON.stringify(doubtBefore) === JSON.stringify(doubtAfter) && directoryUnknown === undefined) continue;
    const doubt = new Map<string, string>();
    for (const { login, reason } of [...doubtAfter, ...doubtBefore]) if (!doubt.has(login)) doubt.set(login, reason);
    const gained = [...after].filter((login) => !before.has(login) && !doubt.has(login)).sort();
    const lost = [...before].filter((login) => !after.has(login) && !doubt.has(login)).sort();
    const undecided = [...doubt].sort(([a], [b]) => byText(a, b)).map(([login, reason]) => ({ login, reason }));
    changes.push({ key, gained, lost, undecided, ...(directoryUnknown !== undefined ? { directoryUnknown } : {}) });
  }
  return changes;
}
