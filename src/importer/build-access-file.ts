import { Document } from "yaml";
import { evaluateRule, type Membership } from "../access/expression-eval";
import { parseGroupRuleExpression, type ParsedExpression } from "../access/expression";
import { PLATFORM_ROLES, type AccessLevel, type PlatformRoleName } from "../access/schema";
import { OKTA_ADMIN_ROLE_TYPES, ORG_CONTROL_ADMIN_ROLE_TYPES, SERVICE_APP_ADMIN_ROLE_TYPES, type OktaAdminRoleType } from "../access/okta-catalog";
import { adminRoleScope } from "../access/admin-role-checks";
import { DEFAULT_ROLE_GROUP_NAMES } from "../access/naming";
import type { GroupSelection, OktaOrg, OrgGroup, OrgUser } from "../live/okta-org";
import type { PortalState } from "../live/portal";
import { CAN_SIGN_IN } from "../review/directory";
import { leftOutsideLine, people } from "./wording";

/*
 * Turns an org set up by hand (the way DuploCloud support does it) into an access file, faithfully:
 * every existing DuploCloud group and the app are adopted (importId), people are named by login,
 * and whatever the file cannot express is kept as a comment and listed, never dropped. Pure: the
 * readers (live/okta-org.ts, live/portal.ts) do the I/O.
 */

export interface ImportOptions {
  /** Role group names when the portal's settings do not say (default: the stack's default names). */
  readonly roleGroupNames?: Partial<Record<PlatformRoleName, string>>;
  /** YYYY-MM-DD, written into the reasons and justifications the importer cannot know. */
  readonly today: string;
}

/** One line of the import's account of what the first `pulumi up` will do. */
export interface PlanLine {
  readonly what: string;
  readonly note?: string;
}

export interface ImportResult {
  readonly text: string;
  readonly adopted: readonly PlanLine[];
  readonly created: readonly PlanLine[];
  /** Existing objects the stack leaves alone: never changed, never deleted. With what to do about each. */
  readonly outside: readonly PlanLine[];
  /** What the person running the import should write or check before the first `pulumi up`. */
  readonly todo: readonly string[];
}

/** The portal's legacy setting keys of each role group's ID (okta-settings-catalog.ts). */
const ROLE_SETTING_KEYS: Readonly<Record<PlatformRoleName, readonly string[]>> = {
  administrators: ["OktaAdminGroupId"],
  readOnly: ["OktaReadOnlyGroupId"],
  securityAdmins: ["OktaSecurityGroupId"],
  signupUsers: ["OktaSignupGroupId", "OktaSignUpGroupId"],
};
const LEVEL_SHORT: Readonly<Record<AccessLevel, string>> = { "read-write": "rw", "read-only": "ro" };

/** A name the schema accepts for a team: 1-40 lower-case letters, digits and '-'. */
function slug(text: string, taken: Set<string>): string {
  const base =
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 36) || "team";
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}

/** DuploCloud's tenant-group prefixes: the portal's settings where readable, else DuploCloud's defaults. */
function tenantPrefixes(portal: PortalState) {
  return {
    tenantReadWritePrefix: portal.oktaSettings.OktaTenantGroupPrefix ?? "duploservices-",
    tenantReadOnlyPrefix: portal.oktaSettings.OktaTenantRoGroupPrefix ?? "duplo-ro-",
  };
}

/** The groups DuploCloud reads, for the org reader: role groups by the portal's settings and by name, tenant groups by prefix. */
export function groupSelectionFor(portal: PortalState, options: ImportOptions): GroupSelection {
  const prefixes = tenantPrefixes(portal);
  return {
    ids: PLATFORM_ROLES.flatMap((role) => ROLE_SETTING_KEYS[role].map((key) => portal.oktaSettings[key]).filter((id): id is string => Boolean(id))),
    names: PLATFORM_ROLES.map((role) => options.roleGroupNames?.[role] ?? DEFAULT_ROLE_GROUP_NAMES[role]),
    prefixes: [prefixes.tenantReadWritePrefix, prefixes.tenantReadOnlyPrefix],
  };
}

/**
 * Whether a member of a rule-targeted group is there by a rule (then not an explicit member),
 * evaluated with the person's memberships of the groups read (every group the rules test is read,
 * live/okta-org.ts groupsThatMatter), so isMemberOf* rules are decided too.
 */
function addedByRule(user: OrgUser | undefined, rules: readonly ParsedExpression[], groups: readonly Membership[]): "rule" | "explicit" | "undecided" {
  if (!user) return "explicit";
  const profile = Object.fromEntries(
    Object.entries(user.profile).filter(([, v]) => v === null || ["string", "number", "boolean"].includes(typeof v) || Array.isArray(v)),
  ) as Record<string, never>;
  let undecided = false;
  for (const { tree, attributes } of rules) {
    if (!tree) continue;
    // Okta's users API leaves out attributes that are not set: for a read profile, absent is null.
    const outcome = evaluateRule(tree, { profile, known: new Set([...Object.keys(profile), ...attributes]), groups });
    if (outcome.decided && outcome.value) return "rule";
    if (!outcome.decided) undecided = true;
  }
  return undecided ? "undecided" : "explicit";
}

export function buildAccessFile(org: OktaOrg, portal: PortalState, options: ImportOptions): ImportResult {
  const adopted: PlanLine[] = [];
  const created: PlanLine[] = [];
  const outside: PlanLine[] = [];
  const todo: string[] = [];
  const notExpressed: string[] = [];
  const userByLogin = new Map(org.users.map((u) => [u.login, u]));
  // Who is in which group read: what isMemberOf* tests.
  const membershipsOf = new Map<string, Membership[]>();
  for (const group of org.groups) for (const login of group.members) membershipsOf.set(login, [...(membershipsOf.get(login) ?? []), { id: group.id, name: group.name }]);
  const ruleSource = (login: string, rules: readonly ParsedExpression[]) => addedByRule(userByLogin.get(login), rules, membershipsOf.get(login) ?? []);
  // People who cannot sign in (deactivated, suspended, not yet activated) are never written to the file.
  const statusOf = (login: string) => userByLogin.get(login)?.status ?? "ACTIVE";
  const canSignIn = (login: string) => CAN_SIGN_IN.has(statusOf(login));
  const leaveOutside = (group: OrgGroup, logins: readonly string[], as: "member" | "owner") => {
    for (const login of logins.filter((l) => !canSignIn(l))) outside.push(leftOutsideLine(login, statusOf(login), group.name, as));
  };
  const groupById = new Map(org.groups.map((g) => [g.id, g]));
  const groupByName = new Map(org.groups.map((g) => [g.name.toLowerCase(), g]));
  const activeRules = org.rules.filter((rule) => rule.status === "ACTIVE");
  // Each rule is parsed once; members of a group are then judged against the rules that target it.
  const parsedRules = new Map(org.rules.map((rule) => [rule.id, parseGroupRuleExpression(rule.expression)]));
  const rulesTargeting = (group: OrgGroup) => activeRules.filter((rule) => rule.groupIds.includes(group.id)).map((rule) => parsedRules.get(rule.id)!);

  const prefixes = { ...tenantPrefixes(portal), teamPrefix: "duplo-team-" };

  // Platform role groups: by the portal's settings where readable, else by name.
  const roleOfGroup = new Map<string, PlatformRoleName>();
  const roles: Record<string, Record<string, unknown>> = {};
  for (const role of PLATFORM_ROLES) {
    const idFromPortal = ROLE_SETTING_KEYS[role].map((key) => portal.oktaSettings[key]).find(Boolean);
    const name = options.roleGroupNames?.[role] ?? DEFAULT_ROLE_GROUP_NAMES[role];
    const group = (idFromPortal && groupById.get(idFromPortal)) || groupByName.get(name.toLowerCase());
    const entry: Record<string, unknown> = {};
    if (!group) {
      if (role === "administrators")
        todo.push(`No administrators group was found (portal setting or name ${name}): name at least two administrators under roles.administrators.members.`);
      created.push({ what: `Okta group ${name} (platform role ${role})` });
      roles[role] = entry;
      continue;
    }
    roleOfGroup.set(group.id, role);
    if (group.name !== DEFAULT_ROLE_GROUP_NAMES[role]) entry.name = group.name;
    entry.importId = group.id;
    adopted.push({ what: `Okta group ${group.name} (platform role ${role})`, note: people(group.members.length, "member") });
    const owners = group.owners.filter(canSignIn);
    if (owners.length > 0) entry.owners = owners;
    leaveOutside(group, group.owners, "owner");
    leaveOutside(group, group.members, "member");
    const targeting = rulesTargeting(group);
    const explicit: string[] = [];
    for (const login of group.members.filter(canSignIn)) {
      const source = role === "administrators" ? "explicit" : ruleSource(login, targeting);
      if (source !== "rule") explicit.push(login);
      if (source === "undecided")
        todo.push(`${login} is in ${group.name}, and the rule filling it cannot be evaluated for them: check whether they belong under roles.${role}.members.`);
    }
    if (explicit.length > 0) entry.members = explicit;
    roles[role] = entry;
  }

  // Tenant groups, by DuploCloud's prefixes and the portal's tenants.
  const tenantOfGroup = new Map<string, { tenant: string; level: AccessLevel }>();
  for (const tenant of portal.tenants) {
    for (const level of ["read-write", "read-only"] as const) {
      const prefix = level === "read-write" ? prefixes.tenantReadWritePrefix : prefixes.tenantReadOnlyPrefix;
      const group = groupByName.get(`${prefix}${tenant}`.toLowerCase());
      if (group) tenantOfGroup.set(group.id, { tenant, level });
    }
  }

  const teams: Array<Record<string, unknown> & { name: string; access: Array<{ tenant: string; level: AccessLevel }> }> = [];
  const teamNames = new Set<string>();
  const roleRules = new Map<PlatformRoleName, string[]>();

  // Each rule: expressed as a team (tenant targets) or a role's rule (role targets), or kept outside.
  for (const rule of org.rules) {
    const targets = rule.groupIds.map((id) => ({ id, role: roleOfGroup.get(id), tenant: tenantOfGroup.get(id), group: groupById.get(id) }));
    const duploTargets = targets.filter((t) => t.role !== undefined || t.tenant !== undefined);
    if (duploTargets.length === 0) continue; // a rule of the org that has nothing to do with DuploCloud
    const why = (reason: string) => {
      outside.push({ what: `Okta group rule "${rule.name}" (${rule.id})`, note: `${reason}; it keeps working as it is, outside the stack` });
      notExpressed.push(
        `rule "${rule.name}" (${rule.id}), ${rule.status}: ${rule.expression.replace(/[\r\n]+/g, " ")} -> ${targets.map((t) => t.group?.name ?? t.id).join(", ")}: ${reason}`,
      );
    };
    if (rule.status !== "ACTIVE") {
      why("inactive");
      continue;
    }
    const parsed = parsedRules.get(rule.id)!;
    if (parsed.errors.length > 0) {
      why(`its expression is not one the stack can check (${parsed.errors[0]!.message})`);
      continue;
    }
    if (targets.some((t) => t.role === "administrators")) {
      why("it fills the administrators group, which the stack fills with named people only");
      continue;
    }
    if (targets.some((t) => t.role === undefined && t.tenant === undefined)) {
      why(
        `it also fills ${targets
          .filter((t) => !t.role && !t.tenant)
          .map((t) => t.group?.name ?? t.id)
          .join(", ")}, which the stack does not manage`,
      );
      continue;
    }
    for (const target of duploTargets.filter((t) => t.role)) roleRules.set(target.role!, [...(roleRules.get(target.role!) ?? []), rule.expression]);
    const access = duploTargets.filter((t) => t.tenant).map((t) => t.tenant!);
    if (access.length > 0) {
      const name = slug(rule.name, teamNames);
      teams.push({ name, rule: rule.expression, access });
      created.push({ what: `team ${name}: Okta group ${prefixes.teamPrefix}${name}, filled by the expression of rule "${rule.name}"` });
    }
    outside.push({
      what: `Okta group rule "${rule.name}" (${rule.id})`,
      note: `the stack's own rules now express it; after the first pulumi up, check the access report, then deactivate and delete this rule in Okta (Directory > Groups > Rules)`,
    });
  }
  for (const [role, expressions] of roleRules) {
    roles[role]!.rule = expressions.length === 1 ? expressions[0] : expressions.map((e) => `(${e})`).join(" OR ");
  }

  // Tenant groups: adopted; members added by hand become a team of their own, so nobody loses access.
  const tenantGroupImports: Array<{ tenant: string; level: AccessLevel; importId: string }> = [];
  for (const [groupId, { tenant, level }] of tenantOfGroup) {
    const group = groupById.get(groupId)!;
    const targeting = rulesTargeting(group);
    leaveOutside(group, group.members, "member");
    const byHand: string[] = [];
    for (const login of group.members.filter(canSignIn)) {
      const source = ruleSource(login, targeting);
      if (source !== "rule") byHand.push(login);
      if (source === "undecided") todo.push(`${login} is in ${group.name}, and the rule filling it cannot be evaluated for them: check whether the team that lists them should.`);
    }
    if (byHand.length > 0) {
      const name = slug(`${tenant}-${LEVEL_SHORT[level]}-members`, teamNames);
      teams.push({ name, members: byHand, access: [{ tenant, level }] });
      created.push({ what: `team ${name}: Okta group ${prefixes.teamPrefix}${name}, with the ${people(byHand.length, "person")} added to ${group.name} by hand` });
      const filledByRule = teams.some((team) => team.rule !== undefined && team.access.some((grant) => grant.tenant === tenant && grant.level === level));
      todo.push(
        filledByRule
          ? `${group.name}: ${people(byHand.length, "member")} added by hand ${byHand.length === 1 ? "is" : "are"} now team ${name} too; once the stack's rule has filled the group, remove them from the group by hand if you want the team to be the only path.`
          : `${group.name}: ${people(byHand.length, "member")} added by hand ${byHand.length === 1 ? "is" : "are"} now team ${name} too; after the first pulumi up, remove them from the group by hand if you want the team to be the only path.`,
      );
    }
    const granted = teams.some((team) => team.access.some((grant) => grant.tenant === tenant && grant.level === level));
    if (!granted) {
      outside.push({
        what: `Okta group ${group.name} (${groupId})`,
        note: `nobody who can sign in is in it and no rule fills it; the stack makes no ${level} group for ${tenant}, so it stays as it is (delete it in Okta if unused)`,
      });
      continue;
    }
    tenantGroupImports.push({ tenant, level, importId: groupId });
    adopted.push({ what: `Okta group ${group.name} (tenant ${tenant} ${level})`, note: people(group.members.length, "member") });
    leaveOutside(group, group.owners, "owner");
    const tenantOwners = group.owners.filter(canSignIn);
    if (tenantOwners.length > 0)
      outside.push({
        what: `owners of ${group.name}`,
        note: `${tenantOwners.join(", ")} stay owners; the stack sets Okta owners only on team and role groups, and only with oktaGroupOwners on`,
      });
    if (group.adminRoles.length > 0)
      outside.push({ what: `Okta admin roles of ${group.name}`, note: `${group.adminRoles.join(", ")} stay; give them to a team in the file to manage them` });
  }

  // Groups assigned to the app that give nothing in DuploCloud.
  const app = org.duploCloudApp;
  for (const id of app?.groupIds ?? []) {
    if (roleOfGroup.has(id) || tenantOfGroup.has(id)) continue;
    const group = groupById.get(id);
    outside.push({ what: `assignment of ${group?.name ?? id} to the DuploCloud app`, note: "stays: the stack adds its own assignments and never removes others" });
  }

  // Okta admin roles of role groups.
  // Only roles the file can hold as they are: a role Okta scopes needs its targets (the reader does
  // not read them), SUPER_ADMIN and ORG_ADMIN a reason, and a type outside the catalogue (MOBILE_ADMIN,
  // CUSTOM) cannot be written. Those stay as they are, outside the stack, and the account says so.
  const oktaAdminRoles: Array<Record<string, string>> = [];
  if (org.ownersRefused)
    todo.push(`Group owners were not read (${org.ownersRefused}; the owner API needs Okta Identity Governance): add owners to the file by hand if the org has them.`);
  for (const [groupId, role] of roleOfGroup) {
    const group = groupById.get(groupId)!;
    const kept = group.adminRoles.filter((type) => !importableAdminRole(type));
    for (const type of group.adminRoles.filter(importableAdminRole)) oktaAdminRoles.push({ role: type, platformRole: role });
    if (kept.length > 0)
      outside.push({
        what: `Okta admin roles ${kept.join(", ")} of ${group.name}`,
        note: "stay as they are, outside the stack; to manage one, add it to oktaAdminRoles with its targets or reason (see the README)",
      });
  }

  // The app and its sign-on policy.
  let okta: Record<string, unknown> | undefined;
  if (app) {
    const allow = app.signOnRules.filter((rule) => rule.access !== "DENY");
    const oneFactor = allow.some((rule) => rule.factorMode !== "2FA");
    const phishingResistant = allow.length > 0 && allow.every((rule) => rule.constraints.some((c) => JSON.stringify(c).includes('"phishingResistant":"REQUIRED"')));
    const mfa = oneFactor ? "not-required" : phishingResistant ? "phishing-resistant" : "required";
    const reauth = allow.find((rule) => rule.reauthenticateIn)?.reauthenticateIn;
    okta = { app: { label: app.label, importId: app.id, signOn: { mfa, ...(reauth ? { reauthenticateEvery: reauth } : {}) } } };
    adopted.push({ what: `the DuploCloud OIDC app "${app.label}" (${app.id})`, note: "it moves to the stack's own sign-on policy" });
    created.push({ what: "the app's sign-on policy and rule", note: `mfa: ${mfa}, as the app's current policy has it` });
    if (oneFactor)
      todo.push("The app's current sign-on policy lets people in with one factor; the file says so (mfa: not-required), and the policy pack will refuse it: set mfa: required.");
    if (app.accessPolicyId)
      outside.push({ what: `the app's current sign-on policy (${app.accessPolicyId})`, note: "stays in Okta, no longer attached to the app; delete it once nothing uses it" });
  } else {
    created.push({ what: "the DuploCloud OIDC app and its sign-on policy", note: `no app with the redirect URI ${portal.url.replace(/\/+$/, "")}/app/signin-okta was found` });
  }

  // Service apps: kept outside (the file cannot adopt a service app yet), shown as a comment.
  for (const service of org.serviceApps) {
    outside.push({
      what: `service app "${service.label}" (${service.id})`,
      note: `scopes ${service.scopes.join(", ") || "none"}; admin roles ${service.adminRoles.join(", ") || "none"}; the access file cannot adopt a service app yet, so it stays as it is`,
    });
    const unsupported = service.adminRoles.filter((role) => !(SERVICE_APP_ADMIN_ROLE_TYPES as readonly string[]).includes(role));
    notExpressed.push(
      `service app "${service.label}" (${service.id}): scopes ${service.scopes.join(", ")}; roles ${service.adminRoles.join(", ")}${unsupported.length > 0 ? ` (${unsupported.join(", ")} is more than a service app may hold here)` : ""}`,
    );
  }

  // API tokens: imported as they are (metadata only; tokens are never created or revealed).
  const apiTokens = org.apiTokens.map((token) => ({
    name: token.name,
    id: token.id,
    userId: token.userId,
    network: {
      connection: token.network.connection,
      ...(token.network.include.length ? { includes: [...token.network.include] } : {}),
      ...(token.network.exclude.length ? { excludes: [...token.network.exclude] } : {}),
    },
  }));
  for (const token of org.apiTokens) adopted.push({ what: `API token "${token.name}" (${token.id})`, note: "metadata only; protected: removing the entry never revokes it" });

  // DuploCloud users that Okta does not have: explicit users of the portal. One whose Okta account
  // is deactivated was offboarded in Okta and is still in the portal: never carried into the file.
  for (const user of portal.users) {
    const account = userByLogin.get(user.username.toLowerCase());
    if (account && !CAN_SIGN_IN.has(account.status))
      outside.push({
        what: `DuploCloud user ${user.username}: offboarded, still in the portal`,
        note: `the Okta account is ${account.status}; the file does not carry the user (${user.roles.join(", ") || "no roles"}); remove the user in the portal (Administrator > Users)`,
      });
  }
  const duplocloudUsers = portal.users
    .filter((user) => !userByLogin.has(user.username.toLowerCase()))
    .map((user) => ({
      username: user.username.toLowerCase(),
      roles: [...user.roles],
      ...(user.readOnly ? { readOnly: true } : {}),
      ...(user.tenants.length > 0 && !user.roles.includes("Administrator") ? { tenants: user.tenants.map((t) => ({ tenant: t.tenant, level: t.level })) } : {}),
      reason: `Imported from the portal on ${options.today}; say why this user exists outside Okta.`,
      // The user exists already: without adopt, up refuses it (providers/user.ts).
      adopt: true,
    }));
  for (const user of duplocloudUsers) {
    adopted.push({ what: `DuploCloud user ${user.username}`, note: `${user.roles.join(", ")}; not in Okta` });
    todo.push(`duplocloud.users ${user.username}: write the real reason this user exists outside Okta.`);
  }

  const file: Record<string, unknown> = {
    duplocloud: {
      portal: portal.url.replace(/\/+$/, ""),
      tenants: [...portal.tenants],
      ...(duplocloudUsers.length > 0 ? { users: duplocloudUsers } : {}),
      ...(tenantGroupImports.length > 0 ? { tenantGroupImports } : {}),
    },
    ...(okta ? { okta } : {}),
    ...(prefixes.tenantReadWritePrefix !== "duploservices-" || prefixes.tenantReadOnlyPrefix !== "duplo-ro-"
      ? { groupNaming: { tenantReadWritePrefix: prefixes.tenantReadWritePrefix, tenantReadOnlyPrefix: prefixes.tenantReadOnlyPrefix } }
      : {}),
    roles,
    ...(teams.length > 0 ? { teams } : {}),
    ...(oktaAdminRoles.length > 0 ? { oktaAdminRoles } : {}),
    ...(apiTokens.length > 0 ? { apiAccess: { apiTokens } } : {}),
  };
  const document = new Document(file);
  document.commentBefore = ` Written by npm run import on ${options.today} from ${portal.url.replace(/\/+$/, "")} and its Okta org.\n Review it, then run npm run plan and pulumi preview before the first pulumi up.`;
  if (notExpressed.length > 0) {
    document.comment = ` Left outside the stack (the file cannot express them; they keep working as they are):\n${notExpressed.map((line) => ` - ${line}`).join("\n")}`;
  }
  return { text: document.toString({ lineWidth: 0 }), adopted, created, outside, todo };
}

/** An admin role the access file can hold with no more than its type: in the catalogue, not scoped by Okta, and needing no reason. */
function importableAdminRole(type: string): type is OktaAdminRoleType {
  const known = (OKTA_ADMIN_ROLE_TYPES as readonly string[]).includes(type);
  return known && adminRoleScope(type as OktaAdminRoleType) === "none" && !ORG_CONTROL_ADMIN_ROLE_TYPES.includes(type as OktaAdminRoleType);
}
