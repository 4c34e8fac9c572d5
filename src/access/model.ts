import type {
  AccessFile,
  AccessLevel,
  ApiTokenImport,
  DuploCloudUser,
  ManagedUser,
  PlatformRoleName,
  ServiceApp,
} from "./schema";
import { PLATFORM_ROLES } from "./schema";
import { planRules, type RuleSpec } from "./rules";
import { roleGroupKey, SIGN_IN_PATH, teamGroupKey, tenantGroupKey } from "./keys";
import { byText } from "./text-order";

/*
 * The access model: plain data derived from a validated access file, with nothing of Pulumi in it.
 * Every list is sorted by a stable key so that reordering the file changes nothing downstream.
 */

export type GroupKind = "platform-role" | "tenant" | "team";

/** One Okta group the stack manages. */
export interface GroupSpec {
  /** Stable logical key, also the Pulumi logical name: `role-administrators`, `tenant-dev01-read-write`, `team-payments`. */
  readonly key: string;
  /** The Okta group name (DuploCloud matches tenant groups by exact name). */
  readonly name: string;
  readonly description: string;
  readonly kind: GroupKind;
  /** For platform-role groups: the DuploCloud role it maps to. */
  readonly platformRole?: PlatformRoleName;
  /** For tenant groups: the tenant and the level of access. */
  readonly tenant?: string;
  readonly level?: AccessLevel;
  /** For team groups: the team name. */
  readonly team?: string;
  /** People who approve changes to the group (review only; Okta does not store them here). */
  readonly owners: readonly string[];
  /** Emails of explicit members, sorted. */
  readonly explicitMembers: readonly string[];
  /** The group's own rule expression, if it is filled by attributes. */
  readonly ruleExpression?: string;
  /** Existing Okta group to adopt. */
  readonly importId?: string;
  /** Whether membership gives any DuploCloud access (and so needs the OIDC app assigned). */
  readonly grantsDuploAccess: boolean;
}

/** A team's grant on a tenant, after expiry filtering. */
export interface TeamGrant {
  readonly team: string;
  readonly tenant: string;
  readonly level: AccessLevel;
  readonly expires?: string;
}

export interface GroupAdminRole {
  readonly key: string;
  readonly groupKey: string;
  readonly roleType: string;
}

/** Everything the Pulumi program and the review tools need, derived once. */
export interface AccessModel {
  readonly file: AccessFile;
  readonly portalUrl: string;
  readonly portalHost: string;
  readonly tenants: readonly string[];
  readonly groups: readonly GroupSpec[];
  readonly rules: readonly RuleSpec[];
  readonly grants: readonly TeamGrant[];
  /** Accounts the stack creates or adopts (`users:` in the file), emails lower-cased, sorted. */
  readonly users: readonly ManagedUser[];
  /**
   * Every person the file names as a member or owner, lower-cased and sorted: existing Okta logins
   * the program looks up (except the accounts under `users`, which the stack makes).
   */
  readonly namedPeople: readonly string[];
  /** Where each named person is first written (`access/dev.yaml:12:14`), for errors about them. */
  readonly namedAt: ReadonlyMap<string, string>;
  readonly groupAdminRoles: readonly GroupAdminRole[];
  readonly serviceApps: readonly ServiceApp[];
  readonly apiTokens: readonly ApiTokenImport[];
  /** Explicit DuploCloud users (outside Okta), sorted by username, their tenant grants sorted by tenant. */
  readonly duplocloudUsers: readonly DuploCloudUser[];
}

export const PLATFORM_ROLE_LABELS: Readonly<Record<PlatformRoleName, string>> = {
  administrators: "DuploCloud Administrator (every tenant)",
  readOnly: "DuploCloud read-only platform user",
  securityAdmins: "DuploCloud SecurityAdmin",
  signupUsers: "DuploCloud SignupUser",
};

const DEFAULT_ROLE_GROUP_NAMES: Readonly<Record<PlatformRoleName, string>> = {
  administrators: "duplo-administrators",
  readOnly: "duplo-readonly",
  securityAdmins: "duplo-security-admins",
  signupUsers: "duplo-signup-users",
};

const byKey = <T extends { key: string }>(a: T, b: T) => byText(a.key, b.key);
const sortedUnique = (values: Iterable<string>) => [...new Set(values)].sort();
/** Logins and emails are compared once, lower-cased: `Ada@` and `ada@` are one person everywhere. */
const people = (values: Iterable<string>) => sortedUnique([...values].map((value) => value.toLowerCase()));

/** The URI DuploCloud's Okta sign-in comes back to; the app, the outputs and the checklist all name it. */
export function signInRedirectUri(portalHost: string): string {
  return `https://${portalHost}${SIGN_IN_PATH}`;
}

/** Okta group name of a tenant group, with DuploCloud's prefixes. */
export function tenantGroupName(file: AccessFile, tenant: string, level: AccessLevel): string {
  const prefix = level === "read-write" ? file.groupNaming.tenantReadWritePrefix : file.groupNaming.tenantReadOnlyPrefix;
  return `${prefix}${tenant}`;
}

export function roleGroupName(file: AccessFile, role: PlatformRoleName): string {
  return file.roles[role].name ?? DEFAULT_ROLE_GROUP_NAMES[role];
}

export function teamGroupName(file: AccessFile, team: string): string {
  return `${file.groupNaming.teamPrefix}${team}`;
}

/** True when a grant is still in force on `today` (YYYY-MM-DD, UTC): `expires` is the last day. */
export function isGrantActive(expires: string | undefined, today: string): boolean {
  return expires === undefined || expires >= today;
}

/** Today's date in UTC as YYYY-MM-DD; tests and reviews pass their own. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Derives the model from a schema-valid file. It does not check: validate.ts runs the checks first
 * and only calls this for files without errors (plus rule limits, which need the derived rules).
 */
export function buildModel(file: AccessFile, today: string): AccessModel {
  const grants: TeamGrant[] = file.teams
    .flatMap((team) =>
      team.access
        .filter((grant) => isGrantActive(grant.expires, today))
        .map((grant) => ({ team: team.name, tenant: grant.tenant, level: grant.level, ...(grant.expires ? { expires: grant.expires } : {}) })),
    )
    .sort((a, b) => byText(a.tenant, b.tenant) || byText(a.level, b.level) || byText(a.team, b.team));

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
      explicitMembers: people(spec.members),
      ...("rule" in spec && spec.rule ? { ruleExpression: spec.rule } : {}),
      ...(spec.importId ? { importId: spec.importId } : {}),
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
  const tenantImports = new Map(file.duplocloud.tenantGroupImports.map((entry) => [tenantGroupKey(entry.tenant, entry.level), entry.importId]));
  for (const [key, { tenant, level, owners }] of usedTenantGroups) {
    const importId = tenantImports.get(key);
    groups.push({
      key,
      name: tenantGroupName(file, tenant, level),
      description: `DuploCloud tenant ${tenant}, ${level}. Filled by rules from the teams granted it; managed by Pulumi.`,
      kind: "tenant",
      tenant,
      level,
      owners: people(owners),
      explicitMembers: [],
      ...(importId ? { importId } : {}),
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
      ...(team.importId ? { importId: team.importId } : {}),
      grantsDuploAccess: false,
    });
  }
  groups.sort(byKey);

  const groupAdminRoles: GroupAdminRole[] = [];
  for (const grant of file.oktaAdminRoles) {
    // Validation refuses roles given to a user directly.
    if (grant.user) continue;
    const groupKey = grant.team ? teamGroupKey(grant.team) : roleGroupKey(grant.platformRole!);
    groupAdminRoles.push({ key: `${groupKey}-${grant.role}`, groupKey, roleType: grant.role });
  }
  const uniqueGroupAdminRoles = [...new Map(groupAdminRoles.map((role) => [role.key, role])).values()].sort(byKey);

  return {
    file,
    portalUrl: file.duplocloud.portal,
    portalHost: new URL(file.duplocloud.portal).host,
    tenants: sortedUnique(file.duplocloud.tenants),
    groups,
    rules: planRules(file, groups, grants),
    grants,
    users: file.users.map((user) => ({ ...user, email: user.email.toLowerCase() })).sort((a, b) => byText(a.email, b.email)),
    namedPeople: people(groups.flatMap((group) => [...group.explicitMembers, ...group.owners])),
    namedAt: new Map(),
    groupAdminRoles: uniqueGroupAdminRoles,
    serviceApps: [...file.apiAccess.serviceApps].sort((a, b) => byText(a.name, b.name)),
    apiTokens: [...file.apiAccess.apiTokens].sort((a, b) => byText(a.id, b.id)),
    duplocloudUsers: [...file.duplocloud.users]
      .map((user) => ({ ...user, username: user.username.toLowerCase(), roles: [...user.roles].sort(), tenants: [...user.tenants].sort((a, b) => byText(a.tenant, b.tenant)) }))
      .sort((a, b) => byText(a.username, b.username)),
  };
}
