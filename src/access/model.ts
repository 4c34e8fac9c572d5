import { githubLoginsOf } from "./github-logins";
import type { AccessFile, AccessLevel } from "./schema";
import { PLATFORM_ROLES } from "./schema";
import { planRules } from "./rules";
import { adminRoleJustification, roleGroupKey, teamGroupKey, tenantGroupKey } from "./keys";
import { byText } from "./text-order";
import { portalOf } from "../config/portal-url";
import { endOf, isGrantActive, type Expiry } from "./dates";
import { targetSaid, temporaryNote, type TemporaryGrant } from "./temporary-access";
import { everyPlaceNamed } from "./named-places";
import type { AccessSource } from "./source";
import { PLATFORM_ROLE_LABELS, roleGroupName, teamGroupName, tenantGroupName } from "./naming";
import type { AccessModel, GroupAdminRole, GroupSpec, ParsedRule, TeamGrant } from "./model-types";
import type { ParsedExpression } from "./expression";
import { validRules } from "./rule-parsing";

/*
 * The access model: plain data derived from a validated access file, with nothing of Pulumi in it.
 * Every list is sorted by a stable key so that reordering the file changes nothing downstream.
 */

export type { AccessModel, GroupAdminRole, GroupKind, GroupSpec, ParsedRule, TeamGrant } from "./model-types";

const byKey = <T extends { key: string }>(a: T, b: T) => byText(a.key, b.key);
const sortedUnique = (values: Iterable<string>) => [...new Set(values)].sort();
/** Logins and emails are compared once, lower-cased: `Ada@` and `ada@` are one person everywhere. */
const people = (values: Iterable<string>) => sortedUnique([...values].map((value) => value.toLowerCase()));

/**
 * Derives the model from a schema-valid file (`source` is where it was read: where each person is
 * named). It does not check: validate.ts runs the checks first and only calls this for files
 * without errors (plus rule limits, which need the derived rules). Grants past their date under
 * `expiry` are left out. `parsedRules` are the file's rules as validation parsed them
 * (rule-parsing.ts): the model carries them, so they are parsed once.
 */
export function buildModel(source: AccessSource, file: AccessFile, expiry: Expiry, parsedRules: ReadonlyMap<string, ParsedExpression>): AccessModel {
  const grants: TeamGrant[] = file.teams
    .flatMap((team) =>
      team.access
        .filter((grant) => isGrantActive(grant.expires, expiry))
        .map((grant) => ({ team: team.name, tenant: grant.tenant, level: grant.level, ...(grant.expires ? { expires: grant.expires } : {}) })),
    )
    .sort((a, b) => byText(a.tenant, b.tenant) || byText(a.level, b.level) || byText(a.team, b.team));

  const temporaryGrants = temporaryGrantsOf(file);
  const runningTemporary = temporaryGrants.filter((grant) => isGrantActive(grant.expires, expiry));

  const groups: GroupSpec[] = [];
  for (const role of PLATFORM_ROLES) {
    const spec = file.roles[role];
    groups.push({
      key: roleGroupKey(role),
      name: roleGroupName(file, role),
      description: spec.description ?? `${PLATFORM_ROLE_LABELS[role]}. Managed by Pulumi from the access file.`,
      kind: "platform-role",
      platformRole: role,
      owners: people(spec.owners),
      // A temporary holder of the role is one more explicit member while the grant runs (a login
      // test in the role's rule, or an API membership of a group no rule fills: removing that one
      // later puts nobody on an exclusion list).
      explicitMembers: people([...spec.members, ...runningTemporary.flatMap((grant) => (grant.target.kind === "role" && grant.target.role === role ? [grant.person] : []))]),
      ...("rule" in spec && spec.rule ? { ruleExpression: spec.rule } : {}),
      ...("except" in spec && spec.rule && (spec.except?.length ?? 0) > 0 ? { ruleExceptions: people(spec.except!) } : {}),
      ...(spec.importId ? { importId: spec.importId } : {}),
      ...(spec.source ? { source: spec.source } : {}),
      grantsDuploAccess: true,
    });
  }
  const ownersByTeam = new Map(file.teams.map((team) => [team.name, team.owners]));
  const usedTenantGroups = new Map<string, { tenant: string; level: AccessLevel; owners: Set<string> }>();
  for (const grant of grants) {
    const key = tenantGroupKey(grant.tenant, grant.level);
    const entry = usedTenantGroups.get(key) ?? { tenant: grant.tenant, level: grant.level, owners: new Set<string>() };
    for (const owner of ownersByTeam.get(grant.team) ?? []) entry.owners.add(owner);
    usedTenantGroups.set(key, entry);
  }
  for (const grant of runningTemporary) {
    if (grant.target.kind !== "tenant") continue;
    const key = tenantGroupKey(grant.target.tenant, grant.target.level);
    if (!usedTenantGroups.has(key)) usedTenantGroups.set(key, { tenant: grant.target.tenant, level: grant.target.level, owners: new Set<string>() });
  }
  const tenantImports = new Map(file.duplocloud.tenantGroupImports.map((entry) => [tenantGroupKey(entry.tenant, entry.level), entry]));
  // A tenant group a directory masters gives its tenant to whoever the directory puts in it, with no
  // team granting it (validation refuses one): the model carries it, so the review and drift read its members.
  for (const entry of file.duplocloud.tenantGroupImports) {
    const key = tenantGroupKey(entry.tenant, entry.level);
    if (entry.source === "directory" && !usedTenantGroups.has(key)) usedTenantGroups.set(key, { tenant: entry.tenant, level: entry.level, owners: new Set<string>() });
  }
  for (const [key, { tenant, level, owners }] of usedTenantGroups) {
    const adopted = tenantImports.get(key);
    const importId = adopted?.importId;
    groups.push({
      key,
      name: tenantGroupName(file, tenant, level),
      // An adopted group keeps the description it has in Okta when the file copies it (npm run import does).
      description:
        adopted?.source === "directory"
          ? `DuploCloud tenant ${tenant}, ${level}. Mastered by a directory (APP_GROUP): referenced, never written by Pulumi.`
          : (adopted?.description ?? `DuploCloud tenant ${tenant}, ${level}. Filled by rules from the teams granted it; managed by Pulumi.`),
      kind: "tenant",
      tenant,
      level,
      owners: people(owners),
      explicitMembers: [],
      ...(importId ? { importId } : {}),
      ...(adopted?.source ? { source: adopted.source } : {}),
      grantsDuploAccess: true,
    });
  }
  for (const team of file.teams) {
    groups.push({
      key: teamGroupKey(team.name),
      name: teamGroupName(file, team.name),
      description: team.description ?? `Team ${team.name}. Managed by Pulumi from the access file.`,
      kind: "team",
      team: team.name,
      owners: people(team.owners),
      explicitMembers: people(team.members),
      ...(team.rule ? { ruleExpression: team.rule } : {}),
      ...(team.rule && (team.except?.length ?? 0) > 0 ? { ruleExceptions: people(team.except!) } : {}),
      ...(team.importId ? { importId: team.importId } : {}),
      ...(team.formerName ? { formerName: team.formerName } : {}),
      grantsDuploAccess: false,
    });
  }
  groups.sort(byKey);

  const groupAdminRoles = adminRolesOf(file);
  const namedLines = everyPlaceNamed(source, file);
  // Okta shows a group's description to its admins: why the group holds a powerful role is said there too.
  const withReasons = groups.map((group) => {
    const reasons = groupAdminRoles.filter((role) => role.groupKey === group.key && role.reason !== undefined);
    return reasons.length === 0 ? group : { ...group, description: [group.description, ...reasons.map((role) => `${adminRoleJustification(role.roleType)} ${role.reason}`)].filter((part) => part !== "").join(" ") };
  });
  // And who holds it for a while, until when (temporary-access.ts, temporaryNote).
  for (const [index, group] of withReasons.entries()) {
    const notes = runningTemporary
      .filter((grant) => (grant.target.kind === "tenant" ? tenantGroupKey(grant.target.tenant, grant.target.level) : roleGroupKey(grant.target.role)) === group.key)
      .map((grant) => temporaryNote(grant.person, grant.expires));
    if (notes.length > 0) withReasons[index] = { ...group, description: [group.description, ...notes].filter((part) => part !== "").join(" ") };
  }

  return {
    app: file.okta.app,
    groupNaming: file.groupNaming,
    datedGrants: file.teams.flatMap((team) => team.access.flatMap((grant) => (grant.expires ? [{ team: team.name, tenant: grant.tenant, level: grant.level, expires: grant.expires }] : []))),
    portal: portalOf(file.duplocloud.portal, "duplocloud.portal"),
    tenants: sortedUnique(file.duplocloud.tenants),
    groups: withReasons,
    rules: planRules(file, withReasons, grants, runningTemporary),
    parsedRules: validRules(parsedRules),
    grants,
    users: file.users.map((user) => ({ ...user, email: user.email.toLowerCase() })).sort((a, b) => byText(a.email, b.email)),
    namedPeople: people([...withReasons.flatMap((group) => [...group.explicitMembers, ...group.owners, ...(group.ruleExceptions ?? [])]), ...runningTemporary.map((grant) => grant.person)]),
    namedAt: new Map([...namedLines].map(([person, places]) => [person, places[0]!])),
    namedLines,
    groupAdminRoles,
    serviceApps: [...file.apiAccess.serviceApps].sort((a, b) => byText(a.name, b.name)),
    apiTokens: [...file.apiAccess.apiTokens].sort((a, b) => byText(a.id, b.id)),
    temporaryGrants,
    duplocloudUsers: [...file.duplocloud.users]
      .map((user) => ({ ...user, username: user.username.toLowerCase(), roles: [...user.roles].sort(), tenants: [...user.tenants].sort((a, b) => byText(a.tenant, b.tenant)) }))
      .sort((a, b) => byText(a.username, b.username)),
    ...(file.duplocloud.oktaUsersVpn ? { oktaUsersVpn: file.duplocloud.oktaUsersVpn } : {}),
    ...(file.githubLogins ? { githubLogins: githubLoginsOf(file)! } : {}),
  };
}

/** A group's rule as the model parsed it; undefined for a group without one. */
export function parsedRuleOf(model: Pick<AccessModel, "parsedRules">, group: Pick<GroupSpec, "ruleExpression">): ParsedRule | undefined {
  return group.ruleExpression === undefined ? undefined : model.parsedRules.get(group.ruleExpression);
}

/** The Okta admin roles of the stack's groups, with their targets as group keys; validation has refused roles given to a user. */
function adminRolesOf(file: AccessFile): GroupAdminRole[] {
  const roles = file.oktaAdminRoles.flatMap((grant): GroupAdminRole[] => {
    if (grant.user) return [];
    const groupKey = grant.team ? teamGroupKey(grant.team) : roleGroupKey(grant.platformRole!);
    const targets = grant.targets ?? { teams: [], roles: [], apps: [] };
    return [
      {
        key: `${groupKey}-${grant.role}`,
        groupKey,
        roleType: grant.role,
        targetGroupKeys: sortedUnique([...targets.teams.map(teamGroupKey), ...targets.roles.map(roleGroupKey)]),
        targetApps: sortedUnique(targets.apps),
        orgWide: grant.orgWide,
        ...(grant.reason !== undefined ? { reason: grant.reason } : {}),
      },
    ];
  });
  return roles.sort(byKey);
}

/** The file's temporary grants, people lower-cased, by end then person then what they give. */
function temporaryGrantsOf(file: AccessFile): TemporaryGrant[] {
  return file.temporaryAccess
    .map(
      (entry): TemporaryGrant => ({
        person: entry.person.toLowerCase(),
        // Validation has refused an entry without exactly one of tenant and level, or role.
        target: entry.role !== undefined ? { kind: "role", role: entry.role } : { kind: "tenant", tenant: entry.tenant!, level: entry.level! },
        expires: entry.expires,
        reason: entry.reason,
        ...(entry.requestedBy !== undefined ? { requestedBy: entry.requestedBy } : {}),
      }),
    )
    .sort((a, b) => endOf(a.expires) - endOf(b.expires) || byText(a.person, b.person) || byText(targetSaid(a.target), targetSaid(b.target)));
}
