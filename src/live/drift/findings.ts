import type { AccessModel, GroupSpec } from "../../access/model";
import type { AccessLevel, PlatformRoleName } from "../../access/schema";
import { PLATFORM_ROLE_LABELS, signInRedirectUri } from "../../access/naming";
import { byText } from "../../access/text-order";
import type { FileLines } from "./file-lines";
import { intendedMembers, readMembershipsOf, ruleEvaluator, type Intent } from "./intended";
import type { LiveGroup, LivePerson, LiveState } from "./live-state";
import { roleTargetFindings, targetsText } from "./role-targets";
import { signOnWeaknesses } from "./sign-on";

/*
 * The finding engine: the access the file intends (intended.ts) against the live org and portal
 * (live-state.ts), one finding per person and access path, and the evidence of who holds what.
 * Pure: plain data in, plain data out. Okta does not say how someone got into a group; "how" is
 * the group's live rule that matches the person's profile, else "added by hand".
 */

export const FINDING_KINDS = [
  "member-outside-file",
  "member-missing",
  "undeclared-duplo-group",
  "rule-outside-file",
  "admin-role-outside-file",
  "admin-role-targets-differ",
  "app-assignment-outside-file",
  "app-missing",
  "sign-on-weaker",
  "api-token-outside-file",
  "portal-user-outside-file",
  "portal-grant-outside-file",
  "deactivated-member",
  "rule-undecidable",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** critical: access wider than the file where it matters most (admin roles, administrators, read-write tenants, sign-on). */
export type Severity = "critical" | "warning" | "information";

export interface Who {
  readonly login: string;
  readonly name: string;
  readonly status: string;
}

export interface Finding {
  readonly kind: FindingKind;
  readonly severity: Severity;
  /** The person, when the finding is about one. */
  readonly who?: Who;
  /** The group, rule, role, app, policy, token or portal object. */
  readonly where: string;
  /** How Okta (or the portal) says the access came about: a rule's ID, by hand, directly. */
  readonly how: string;
  /** The line to add to the file to keep it, and the console step to undo it. */
  readonly fix: string;
}

/** One person's access by one path: a row of the evidence. */
export interface AccessPath {
  /** `tenant dev01`, `role administrators`, `Okta admin role HELP_DESK_ADMIN`, `app DuploCloud (dev)`. */
  readonly target: string;
  /** read-write, read-only, the platform role, the admin role type. */
  readonly level: string;
  /** How the person holds it: `group duploservices-dev01, rule 0pr… (duplo rw dev01)`. */
  readonly path: string;
  readonly declared: boolean;
  /** `access/dev.yaml:42` where the file grants it; empty when it does not. */
  readonly line: string;
  /** Who approves the access in the file (the group's owners). */
  readonly owners: readonly string[];
}

export interface PersonAccess extends Who {
  readonly access: readonly AccessPath[];
}

export interface DriftResult {
  readonly findings: readonly Finding[];
  readonly people: readonly PersonAccess[];
}

export interface DriftInput {
  readonly model: AccessModel;
  readonly lines: FileLines;
  readonly stack: string;
  readonly live: LiveState;
}

/** What DuploCloud reads from a group: a platform role (by the stack's role group) or a tenant level (by prefix). */
type DuploMeaning = { readonly kind: "role"; readonly role: PlatformRoleName } | { readonly kind: "tenant"; readonly tenant: string; readonly level: AccessLevel };

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { critical: 0, warning: 1, information: 2 };
const ROLES_ALWAYS_LISTED = new Set(["SUPER_ADMIN", "ORG_ADMIN"]);
/** The one role the owner of a declared API token may hold directly. */
const TOKEN_OWNER_ROLE = "READ_ONLY_ADMIN";

export function findDrift(input: DriftInput): DriftResult {
  const { model, lines, live } = input;
  const findings: Finding[] = [];
  const paths = new Map<string, { who: Who; access: AccessPath[] }>();
  const people = new Map(live.people.map((person) => [person.id, person]));
  const whoOf = (person: LivePerson): Who => ({ login: person.login, name: person.name, status: person.status });
  const addPath = (person: LivePerson, path: AccessPath) => {
    const entry = paths.get(person.id) ?? { who: whoOf(person), access: [] };
    entry.access.push(path);
    paths.set(person.id, entry);
  };
  const stackGroups = new Map(model.groups.map((group) => [group.name, group]));
  const memberships = readMembershipsOf(live.groups);
  const intended = intendedMembers(model, live.people, lines, memberships);
  const meaningOf = duploMeaningOf(model);
  const liveGroupsById = new Map(live.groups.map((group) => [group.id, group]));
  const how = howOkta(live, memberships);

  for (const group of live.groups) {
    const spec = group.name ? stackGroups.get(group.name) : undefined;
    const meaning = group.name ? meaningOf(group.name) : undefined;
    if (!spec && !meaning) continue;
    const intents = spec ? (intended.get(spec.key) ?? new Map<string, Intent>()) : new Map<string, Intent>();
    const members = new Set(group.memberIds);
    if (!spec && meaning?.kind === "tenant" && group.memberIds.length === 0) {
      findings.push({
        kind: "undeclared-duplo-group",
        severity: meaning.level === "read-write" ? "critical" : "warning",
        where: `group ${group.name}`,
        how: "created outside the stack",
        fix: undeclaredGroupFix(group, meaning, lines),
      });
    }
    for (const personId of group.memberIds) {
      const person = people.get(personId);
      if (!person) continue;
      const intent = intents.get(person.id);
      const via = how(group, person);
      if (meaning)
        addPath(person, { ...targetOf(meaning), path: `group ${group.name}, ${via}`, declared: intent?.kind === "intended", line: intent?.line ?? "", owners: spec?.owners ?? [] });
      if (person.status === "DEPROVISIONED") {
        if (meaning)
          findings.push({
            kind: "deactivated-member",
            severity: "information",
            who: whoOf(person),
            where: `group ${group.name}`,
            how: via,
            fix: deactivatedFix(group, person, intent),
          });
        continue;
      }
      if (!spec) {
        findings.push({
          kind: "undeclared-duplo-group",
          severity: meaning?.kind === "tenant" && meaning.level === "read-write" ? "critical" : "warning",
          who: whoOf(person),
          where: `group ${group.name}`,
          how: via,
          fix: undeclaredGroupFix(group, meaning!, lines),
        });
        continue;
      }
      if (intent?.kind === "intended") continue;
      if (intent?.kind === "undecided") {
        findings.push({
          kind: "rule-undecidable",
          severity: "warning",
          who: whoOf(person),
          where: `group ${group.name}`,
          how: `${via}; the file's rule cannot be decided: ${intent.reason}`,
          fix: `Check by hand whether the rule at ${intent.line} is meant to match ${person.login}, or rewrite it so that it can be evaluated`,
        });
        continue;
      }
      findings.push({
        kind: "member-outside-file",
        severity: widens(spec, meaning) ? "critical" : "warning",
        who: whoOf(person),
        where: `group ${group.name}`,
        how: via,
        fix: outsideMemberFix(spec, group, person, model, lines),
      });
    }
    if (!spec) continue;
    for (const [personId, intent] of intents) {
      const person = people.get(personId);
      if (!person || members.has(personId) || intent.kind !== "intended" || person.status === "DEPROVISIONED") continue;
      findings.push({
        kind: "member-missing",
        severity: "warning",
        who: whoOf(person),
        where: `group ${group.name}`,
        how: `the file puts them there (${intent.because})`,
        fix: missingMemberFix(spec, person, intent),
      });
    }
  }

  findings.push(...ruleFindings(model, live, meaningOf, stackGroups));
  findings.push(...adminRoleFindings(input, people, liveGroupsById, stackGroups, whoOf, addPath));
  findings.push(...roleTargetFindings(input, liveGroupsById, stackGroups));
  findings.push(...appFindings(input, people, stackGroups, whoOf, addPath));
  findings.push(...signOnWeaknesses(model, input.stack, live, lines));
  findings.push(...tokenFindings(input, people, whoOf));
  findings.push(...portalFindings(input, people, liveGroupsById, meaningOf, addPath));

  return {
    findings: findings.sort(byFinding),
    people: [...paths.values()]
      .map(({ who, access }) => ({ ...who, access: access.sort((a, b) => byText(a.target, b.target) || byText(a.path, b.path)) }))
      .sort((a, b) => byText(a.login.toLowerCase(), b.login.toLowerCase())),
  };
}

function byFinding(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    byText(a.kind, b.kind) ||
    byText(a.where, b.where) ||
    byText(a.who?.login.toLowerCase() ?? "", b.who?.login.toLowerCase() ?? "") ||
    byText(a.how, b.how)
  );
}

/** DuploCloud's reading of a group name: the stack's role groups by name, tenant groups by prefix (the longest that fits). */
export function duploMeaningOf(model: AccessModel): (name: string) => DuploMeaning | undefined {
  const roles = new Map(model.groups.flatMap((group) => (group.kind === "platform-role" ? [[group.name, group.platformRole] as const] : [])));
  const prefixes = [
    { prefix: model.groupNaming.tenantReadWritePrefix, level: "read-write" as const },
    { prefix: model.groupNaming.tenantReadOnlyPrefix, level: "read-only" as const },
  ].sort((a, b) => b.prefix.length - a.prefix.length);
  return (name) => {
    const role = roles.get(name);
    if (role) return { kind: "role", role };
    const match = prefixes.find(({ prefix }) => name.startsWith(prefix) && name.length > prefix.length);
    return match ? { kind: "tenant", tenant: name.slice(match.prefix.length), level: match.level } : undefined;
  };
}

function targetOf(meaning: DuploMeaning): { target: string; level: string } {
  return meaning.kind === "role" ? { target: `role ${meaning.role}`, level: PLATFORM_ROLE_LABELS[meaning.role] } : { target: `tenant ${meaning.tenant}`, level: meaning.level };
}

function widens(spec: GroupSpec, meaning: DuploMeaning | undefined): boolean {
  if (meaning?.kind === "role") return meaning.role === "administrators";
  if (meaning?.kind === "tenant") return meaning.level === "read-write";
  // A team's group matters here only when it holds admin roles or fills tenant groups.
  return spec.kind === "team";
}

/** How Okta put a person in a group: the first active live rule of the group that matches their profile, else by hand. */
function howOkta(live: LiveState, memberships: ReturnType<typeof readMembershipsOf>): (group: LiveGroup, person: LivePerson) => string {
  const byGroup = new Map<string, Array<{ rule: LiveState["rules"][number]; evaluate: ReturnType<typeof ruleEvaluator> }>>();
  for (const rule of live.rules.filter((r) => r.status === "ACTIVE")) {
    const evaluator = { rule, evaluate: ruleEvaluator(rule.expression, memberships) };
    for (const id of rule.groupIds) byGroup.set(id, [...(byGroup.get(id) ?? []), evaluator]);
  }
  return (group, person) => {
    const undecided: string[] = [];
    for (const { rule, evaluate } of byGroup.get(group.id) ?? []) {
      const outcome = evaluate(person);
      if (outcome.decided && outcome.value) return `rule ${rule.id} (${rule.name})`;
      if (!outcome.decided) undecided.push(`rule ${rule.id} (${rule.name}) undecided`);
    }
    return undecided.length > 0 ? `added directly or by ${undecided.join(", ")}` : "added directly (by hand or the API), not by a rule";
  };
}

function memberPathOf(spec: GroupSpec, lines: FileLines): string {
  if (spec.kind === "platform-role") return `roles.${spec.platformRole}.members (${lines.at(["roles", spec.platformRole, "members"])})`;
  if (spec.kind === "team") return `the members of team ${spec.team} (${lines.at(["teams", lines.teamIndex(spec.team) ?? 0, "members"])})`;
  return "";
}

function outsideMemberFix(spec: GroupSpec, group: LiveGroup, person: LivePerson, model: AccessModel, lines: FileLines): string {
  const undo = `To undo: Okta console, Directory > Groups > ${group.name} > People, remove ${person.login} (if a rule outside the file put them there, deactivate that rule first)`;
  if (spec.kind === "tenant") {
    const teams = model.grants.filter((grant) => grant.tenant === spec.tenant && grant.level === spec.level).map((grant) => grant.team);
    const first = teams[0]!;
    return `To keep: add ${person.login} to the members of a team granted ${spec.tenant} ${spec.level} (${teams.join(", ")}), e.g. team ${first} at ${lines.at(["teams", lines.teamIndex(first) ?? 0])}. ${undo}`;
  }
  return `To keep: add ${person.login} to ${memberPathOf(spec, lines)}. ${undo}`;
}

function missingMemberFix(spec: GroupSpec, person: LivePerson, intent: Extract<Intent, { kind: "intended" }>): string {
  if (intent.because === "named in the file" && spec.kind !== "tenant")
    return `Run pulumi up --refresh: the stack's memberships add ${person.login} back (file: ${intent.line}); if they should not have access, remove them from the file`;
  return `The file's rule matches ${person.login} (${intent.line}); check in the Okta console (Directory > Groups > Rules) that the group's rule is ACTIVE and does not exclude them: Okta excludes people removed by hand from a rule's group`;
}

function deactivatedFix(group: LiveGroup, person: LivePerson, intent: Intent | undefined): string {
  const file = intent?.kind === "intended" && intent.because === "named in the file" ? `, and remove them from the file (${intent.line})` : "";
  return `Okta keeps deactivated people in their groups: remove ${person.login} from ${group.name} in the Okta console (Directory > Groups > ${group.name} > People)${file}`;
}

function undeclaredGroupFix(group: LiveGroup, meaning: DuploMeaning, lines: FileLines): string {
  if (meaning.kind !== "tenant") return `Declare the group in the file or remove its members in the Okta console (Directory > Groups > ${group.name})`;
  return (
    `To keep: grant a team { tenant: ${meaning.tenant}, level: ${meaning.level} } under teams (${lines.at(["teams"])}) and adopt the group under duplocloud.tenantGroupImports ` +
    `({ tenant: ${meaning.tenant}, level: ${meaning.level}, importId: ${group.id} }, ${lines.at(["duplocloud"])}). To undo: Okta console, Directory > Groups > ${group.name}: remove its members, or delete the group`
  );
}

function ruleFindings(model: AccessModel, live: LiveState, meaningOf: (name: string) => DuploMeaning | undefined, stackGroups: ReadonlyMap<string, GroupSpec>): Finding[] {
  const stackRuleNames = new Set(model.rules.map((rule) => rule.name));
  const names = new Map(live.groups.map((group) => [group.id, group.name]));
  const findings: Finding[] = [];
  for (const rule of live.rules) {
    if (rule.status !== "ACTIVE" || stackRuleNames.has(rule.name)) continue;
    const targets = rule.groupIds.flatMap((id) => {
      const name = names.get(id);
      const meaning = name ? meaningOf(name) : undefined;
      return name && (meaning || stackGroups.get(name)?.kind === "platform-role") ? [{ name, meaning }] : [];
    });
    if (targets.length === 0) continue;
    const critical = targets.some(
      ({ meaning }) => (meaning?.kind === "role" && meaning.role === "administrators") || (meaning?.kind === "tenant" && meaning.level === "read-write"),
    );
    findings.push({
      kind: "rule-outside-file",
      severity: critical ? "critical" : "warning",
      where: `rule ${rule.id} (${rule.name}) into ${targets.map((target) => target.name).join(", ")}`,
      how: `created outside the stack: ${rule.expression}`,
      fix: `To keep: give the condition to a team with access to those tenants in the file (teams[].rule and access). To undo: Okta console, Directory > Groups > Rules > ${rule.name}: deactivate, then delete it`,
    });
  }
  return findings;
}

function adminRoleFindings(
  input: DriftInput,
  people: ReadonlyMap<string, LivePerson>,
  groups: ReadonlyMap<string, LiveGroup>,
  stackGroups: ReadonlyMap<string, GroupSpec>,
  whoOf: (person: LivePerson) => Who,
  addPath: (person: LivePerson, path: AccessPath) => void,
): Finding[] {
  const { model, lines, live } = input;
  const declared = new Map<string, Set<string>>();
  for (const role of model.groupAdminRoles) declared.set(role.groupKey, new Set([...(declared.get(role.groupKey) ?? []), role.roleType]));
  // The groups the person is in that the file gives this role to (when Okta's answer does not name the group).
  const declaringGroups = (person: LivePerson, roleType: string, groupId?: string) =>
    [...groups.values()].filter((group) => {
      const spec = stackGroups.get(group.name);
      return spec && declared.get(spec.key)?.has(roleType) && group.memberIds.includes(person.id) && (groupId === undefined || groupId === group.id);
    });
  // An SSWS token acts with its owner's roles, which the file cannot give to a user: the owner of a
  // token the file declares may hold READ_ONLY_ADMIN directly (all DuploCloud's sync needs); any other role is a finding.
  const tokenOwned = new Map(model.apiTokens.map((token, index) => [token.userId, index]));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const role of live.adminRoles) {
    const person = people.get(role.userId);
    if (!person) continue;
    const key = `${role.userId} ${role.roleType} ${role.assignmentType} ${role.groupId ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const holding =
      role.assignmentType === "USER" ? "assigned to the user directly" : `through group ${role.groupId ? (groups.get(role.groupId)?.name ?? role.groupId) : "(not named by Okta)"}`;
    const via = role.targets ? `${holding}, ${targetsText(role.targets)}` : holding;
    const declaring = role.assignmentType === "GROUP" ? declaringGroups(person, role.roleType, role.groupId) : [];
    const spec = declaring[0] ? stackGroups.get(declaring[0].name) : undefined;
    const token = role.assignmentType === "USER" && role.roleType === TOKEN_OWNER_ROLE ? tokenOwned.get(person.id) : undefined;
    const line = spec ? adminRoleLine(spec, role.roleType, lines) : token !== undefined ? lines.at(["apiAccess", "apiTokens"]) : "";
    addPath(person, {
      target: `Okta admin role ${role.roleType}`,
      level: role.roleType,
      path: token === undefined ? via : `${via}, owner of a declared API token`,
      declared: spec !== undefined || token !== undefined,
      line,
      owners: spec?.owners ?? [],
    });
    if (spec || token !== undefined) continue;
    const holder = role.groupId ? groups.get(role.groupId) : undefined;
    const holderSpec = holder ? stackGroups.get(holder.name) : undefined;
    const keep = holderSpec
      ? `To keep: add { role: ${role.roleType}, ${holderSpec.kind === "team" ? `team: ${holderSpec.team}` : holderSpec.kind === "platform-role" ? `platformRole: ${holderSpec.platformRole}` : `group: ${holderSpec.name}`} } under oktaAdminRoles (${lines.at(["oktaAdminRoles"])})`
      : `To keep: give the role to a team's group in the file (oktaAdminRoles, ${lines.at(["oktaAdminRoles"])})`;
    const undo =
      role.assignmentType === "USER"
        ? `To undo: Okta console, Security > Administrators > ${person.login}: remove ${role.roleType}`
        : `To undo: Okta console, Security > Administrators, the group ${holder?.name ?? role.groupId ?? ""}: remove ${role.roleType}`;
    findings.push({ kind: "admin-role-outside-file", severity: "critical", who: whoOf(person), where: `Okta admin role ${role.roleType}`, how: via, fix: `${keep}. ${undo}` });
  }
  return findings;
}

function adminRoleLine(spec: GroupSpec, roleType: string, lines: FileLines): string {
  const index = lines.adminRoleIndex(roleType, spec.kind === "team" ? { team: spec.team } : spec.kind === "platform-role" ? { platformRole: spec.platformRole } : {});
  return index === undefined ? lines.at(["oktaAdminRoles"]) : lines.at(["oktaAdminRoles", index]);
}

/** SUPER_ADMIN and ORG_ADMIN holders, whatever the file says: the Markdown always lists them. */
export function alwaysListedAdmins(result: DriftResult): Array<{ login: string; name: string; role: string; path: string; declared: boolean }> {
  return result.people.flatMap((person) =>
    person.access
      .filter((access) => access.target.startsWith("Okta admin role ") && ROLES_ALWAYS_LISTED.has(access.level))
      .map((access) => ({ login: person.login, name: person.name, role: access.level, path: access.path, declared: access.declared })),
  );
}

function appFindings(
  input: DriftInput,
  people: ReadonlyMap<string, LivePerson>,
  stackGroups: ReadonlyMap<string, GroupSpec>,
  whoOf: (person: LivePerson) => Who,
  addPath: (person: LivePerson, path: AccessPath) => void,
): Finding[] {
  const app = input.live.app;
  if (!app) return [appMissing(input)];
  const findings: Finding[] = [];
  for (const group of app.groups) {
    const spec = stackGroups.get(group.name);
    if (spec?.grantsDuploAccess) continue;
    findings.push({
      kind: "app-assignment-outside-file",
      severity: "warning",
      where: `app ${app.label}, group ${group.name || group.id}`,
      how: "assigned outside the stack",
      fix: `To keep: the stack assigns the app to the groups that grant DuploCloud access; grant the access in the file instead (teams[].access or a platform role). To undo: Okta console, Applications > ${app.label} > Assignments: remove ${group.name || group.id}`,
    });
  }
  for (const userId of app.directUserIds ?? []) {
    const person = people.get(userId);
    if (!person) continue;
    addPath(person, { target: `app ${app.label}`, level: "sign-in", path: "assigned one by one", declared: false, line: "", owners: [] });
    findings.push({
      kind: "app-assignment-outside-file",
      severity: "warning",
      who: whoOf(person),
      where: `app ${app.label}`,
      how: "assigned to the person directly",
      fix: `To keep: give ${person.login} access through a group in the file. To undo: Okta console, Applications > ${app.label} > Assignments: remove ${person.login}`,
    });
  }
  return findings;
}

/**
 * The app the file declares is not in the org: no app has the portal's sign-in redirect URI, the one
 * the drift check finds it by. Either the stack never made it (or someone deleted it) and nobody
 * signs in to DuploCloud through Okta, or its redirect URI was changed in the console; either way
 * its assignments and sign-on policy could not be checked, which the finding says.
 */
function appMissing(input: DriftInput): Finding {
  const { model, lines } = input;
  const uri = signInRedirectUri(model.portal.host);
  const adopted = model.app.importId ? ` (the file adopts app ${model.app.importId})` : "";
  return {
    kind: "app-missing",
    severity: "warning",
    where: `app ${model.app.label}`,
    how: `no app in the org has the sign-in redirect URI ${uri}${adopted}; its assignments and sign-on policy were not checked`,
    fix:
      `Run pulumi up --refresh: the stack makes the app (${lines.at(["okta", "app"])}). If the app exists with another sign-in redirect URI, ` +
      `Okta console, Applications > ${model.app.label} > General: set it back to ${uri} (a changed URI sends people's sign-in to another site)`,
  };
}

function tokenFindings(input: DriftInput, people: ReadonlyMap<string, LivePerson>, whoOf: (person: LivePerson) => Who): Finding[] {
  const declared = new Set(input.model.apiTokens.map((token) => token.id));
  return input.live.apiTokens
    .filter((token) => !declared.has(token.id))
    .map((token) => {
      const owner = people.get(token.userId);
      return {
        kind: "api-token-outside-file" as const,
        severity: "critical" as const,
        ...(owner ? { who: whoOf(owner) } : {}),
        where: `API token ${token.name} (${token.id})`,
        how: `created in the console by ${owner?.login ?? `user ${token.userId}`}; it acts with that admin's roles`,
        fix: `To keep: add { name: ${token.name}, id: ${token.id}, userId: ${token.userId} } under apiAccess.apiTokens (${input.lines.at(["apiAccess"])}). To undo: Okta console, Security > API > Tokens: revoke ${token.name} once its owner agrees`,
      };
    });
}

function portalFindings(
  input: DriftInput,
  people: ReadonlyMap<string, LivePerson>,
  groups: ReadonlyMap<string, LiveGroup>,
  meaningOf: (name: string) => DuploMeaning | undefined,
  addPath: (person: LivePerson, path: AccessPath) => void,
): Finding[] {
  const { model, lines, live } = input;
  if (!live.portal) return [];
  // People DuploCloud syncs from Okta: anyone in a group DuploCloud reads.
  const synced = new Set<string>();
  for (const group of groups.values()) {
    if (!meaningOf(group.name)) continue;
    for (const id of group.memberIds) {
      const person = people.get(id);
      if (person) synced.add(person.login.toLowerCase());
    }
  }
  const fileUsers = new Map(model.duplocloudUsers.map((user) => [user.username, user]));
  const findings: Finding[] = [];
  for (const user of live.portal.users) {
    const key = user.username.toLowerCase();
    const fileUser = fileUsers.get(key);
    const who: Who = { login: user.username, name: "", status: "portal user" };
    const portalPerson: LivePerson = { id: `portal:${user.username}`, login: user.username, name: "", status: "portal user", profile: {} };
    const index = lines.duploUserIndex(key);
    const line = index === undefined ? "" : lines.at(["duplocloud", "users", index]);
    for (const role of user.roles) {
      const declared = fileUser?.roles.includes(role as never) ?? false;
      if (fileUser || !synced.has(key))
        addPath(portalPerson, { target: `portal role ${role}`, level: role, path: "DuploCloud user", declared, line: declared ? line : "", owners: [] });
    }
    for (const grant of user.tenants) {
      const declared = fileUser?.tenants.some((t) => t.tenant === grant.tenant && t.level === grant.level) ?? false;
      if (fileUser || !synced.has(key))
        addPath(portalPerson, { target: `tenant ${grant.tenant}`, level: grant.level, path: "DuploCloud tenant grant", declared, line: declared ? line : "", owners: [] });
    }
    if (!fileUser) {
      if (synced.has(key)) continue;
      const critical = user.roles.includes("Administrator") || user.tenants.some((grant) => grant.level === "read-write");
      findings.push({
        kind: "portal-user-outside-file",
        severity: critical ? "critical" : "warning",
        who,
        where: `portal user ${user.username} (${[...user.roles].join(", ") || "no role"}${user.tenants.length > 0 ? `; ${user.tenants.map((t) => `${t.tenant} ${t.level}`).join(", ")}` : ""})`,
        how: "made in the portal, not through Okta or the stack",
        fix: `To keep: add the user under duplocloud.users with a reason (${lines.at(["duplocloud"])}). To undo: DuploCloud portal, Administrator > Users > ${user.username}: delete`,
      });
      continue;
    }
    for (const role of user.roles.filter((role) => !fileUser.roles.includes(role as never))) {
      findings.push({
        kind: "portal-user-outside-file",
        severity: role === "Administrator" ? "critical" : "warning",
        who,
        where: `portal role ${role}`,
        how: "given in the portal",
        fix: `To keep: add ${role} to the roles of ${user.username} (${line}). To undo: DuploCloud portal, Administrator > Users > ${user.username}: remove ${role}`,
      });
    }
    for (const grant of user.tenants.filter((grant) => !fileUser.tenants.some((t) => t.tenant === grant.tenant && t.level === grant.level))) {
      findings.push({
        kind: "portal-grant-outside-file",
        severity: grant.level === "read-write" ? "critical" : "warning",
        who,
        where: `portal tenant ${grant.tenant} ${grant.level}`,
        how: "granted in the portal",
        fix: `To keep: add { tenant: ${grant.tenant}, level: ${grant.level} } to the tenants of ${user.username} (${line}). To undo: DuploCloud portal, Administrator > Users > ${user.username} > Tenant access: remove ${grant.tenant}`,
      });
    }
  }
  return findings;
}
