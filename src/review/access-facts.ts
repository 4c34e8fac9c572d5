import { parsedRuleOf, type AccessModel, type GroupSpec } from "../access/model";
import { groupLabel } from "../access/naming";
import { approversOf, targetSaid } from "../access/temporary-access";
import { ruleBreadth, type RuleBreadth } from "../access/rule-breadth";
import { describeEntitlement, entitlementKey, peopleAccess } from "./effective-access";
import { adminRoleReach, serviceAppReach, type AdminRoleReach } from "./admin-role-reach";
import { accountMatches } from "./account-matches";
import { accountProfile, SENT_PROFILE_ATTRIBUTES, type AccountProfile } from "../access/account-profile";

/*
 * An access file flattened into facts ("team payments has tenant dev01: read-write"), each under a
 * stable key. Two versions of the file are compared fact by fact (diff.ts): a key only on the new
 * side is a gain, only on the old side a loss, and a key on both sides with another value a change.
 */

export type FactKind =
  | "tenant" // value: read-write | read-only
  | "expiry" // value: YYYY-MM-DD
  | "temporary" // a person's temporary grant (temporaryAccess); value: its end as written
  | "platform-role"
  | "okta-admin-role"
  | "member" // explicit group membership
  | "owner" // a real Okta group owner (okta.group.Owners), who may manage the group in Okta
  | "rule" // value: the expression
  | "rule-exception" // a person the group's rule leaves out (`except`); presence is all that counts
  | "scope"
  | "service-app-role" // value: the role; reach: its targets, when it has any
  | "service-app-targets" // value: what the app's role is scoped to (present only with targets); reach
  | "duplocloud-role"
  | "duplocloud-readonly" // value: true | false
  | "mfa" // value: required | not-required
  | "reauthentication" // value: ISO-8601 duration
  | "token-network" // value: JSON of the restriction
  | "token-revoke" // present while the token is set to be revoked when its entry is removed
  | "portal" // value: the portal URL the file names
  | "group-name" // value: the Okta group name (DuploCloud matches tenant and role groups by name)
  | "group-prefix" // value: a prefix of groupNaming
  | "adoption" // value: the importId of an existing Okta object the stack adopts
  | "directory-group" // value: the importId of a group a directory masters (source: directory), which the stack references and never writes
  | "service-app-key" // value: the jwksUri or the JWK the app signs with
  | "account-status" // value: ACTIVE | SUSPENDED | DEPROVISIONED of an account under `users`
  | "account" // an Okta account the stack creates (`users:` without importId); what: its profile
  | "profile" // value: a profile attribute the stack sends for an account ("" when not sent)
  | "rule-match" // a group's rule lets in an account of the file; value: "" or "undecided: <reason>"
  | "stack-setting" // value: a setting of Pulumi.<stack>.yaml
  | "okta-users-vpn" // value: enabled | disabled (DuploCloud's DisableOktaUsersVpnSync)
  | "team-rename"; // never a fact of one side: the diff's own change for a team renamed with formerName

export interface AccessFact {
  readonly key: string;
  readonly kind: FactKind;
  /** Who or what holds it: `team payments`, `ada@acme.example`, `service app sync`. */
  readonly subject: string;
  /** What is held, in words, without the value: `tenant dev01`, `Okta admin role SUPER_ADMIN`. */
  readonly what: string;
  /** Compared between versions: a level, a date, an expression; "" when presence is all that counts. */
  readonly value: string;
  /** Administrator, security admin, *.manage scopes, Okta admin roles, MFA: always flagged. */
  readonly critical: boolean;
  /** Owners who should approve a change to it. */
  readonly owners: readonly string[];
  /** For rules: whom the rule matches whatever the profiles, when the expression alone tells. */
  readonly breadth?: RuleBreadth;
  /** For Okta admin roles: what the role may act on, so a diff can tell a wider reach from a narrower one. */
  readonly reach?: AdminRoleReach;
  /** For expiries: the tenant the grant is on; for a tenant group's name: the group's tenant. */
  readonly tenant?: string;
  /** For a tenant group's name: the level the group gives, which DuploCloud reads from the name. */
  readonly level?: string;
  /** For expiries: the key of the grant the expiry belongs to; for a service app's targets, its role's key. */
  readonly grantKey?: string;
  /** For rule exceptions: the person the rule leaves out. */
  readonly person?: string;
  /** For grants: the key of their expiry fact, when they have one. */
  readonly expiryKey?: string;
  /** For temporary grants: why, and who asked. */
  readonly reason?: string;
  readonly requestedBy?: string;
}

/** Every change to these roles is critical: all tenants, security settings, or a view of everything. */
const CRITICAL_ROLES = new Set(["administrators", "securityAdmins", "readOnly"]);

/** Whom a group's rule matches whatever the profiles, from the rule the model parsed. */
function breadthOf(model: AccessModel, group: GroupSpec): RuleBreadth | undefined {
  const tree = parsedRuleOf(model, group)?.tree;
  return tree ? ruleBreadth(tree) : undefined;
}

/** The administrators' owners: they approve changes to the app, the portal and group naming, and whatever has no owner of its own. */
export function administratorsOwners(model: AccessModel): string[] {
  return [...model.groups.find((group) => group.kind === "platform-role" && group.platformRole === "administrators")!.owners];
}

/** `login mallory@evil.example, firstName Mal, lastName Lory, department Payments`: what Okta will hold. */
function describeProfile(profile: AccountProfile): string {
  return SENT_PROFILE_ATTRIBUTES.filter((attribute) => profile[attribute] !== undefined)
    .map((attribute) => `${attribute} ${profile[attribute]}`)
    .join(", ");
}

export function accessFacts(model: AccessModel): Map<string, AccessFact> {
  const facts = new Map<string, AccessFact>();
  const add = (fact: AccessFact) => facts.set(fact.key, fact);
  const teamOwners = new Map(model.groups.filter((group) => group.kind === "team").map((group) => [group.team!, [...group.owners]]));
  const adminOwners = administratorsOwners(model);
  const app = model.app;
  add({ key: "app|mfa", kind: "mfa", subject: "the DuploCloud app", what: "MFA at sign-in", value: app.signOn.mfa, critical: true, owners: adminOwners });
  add({
    key: "app|reauth",
    kind: "reauthentication",
    subject: "the DuploCloud app",
    what: "re-authentication period",
    value: app.signOn.reauthenticateEvery,
    critical: true,
    owners: adminOwners,
  });
  if (app.importId)
    add({ key: "app|importId", kind: "adoption", subject: "the DuploCloud app", what: "adopted Okta app", value: app.importId, critical: true, owners: adminOwners });
  // Where sign-in, the DuploCloud token and the Okta secrets go.
  add({ key: "duplocloud|portal", kind: "portal", subject: "the DuploCloud portal", what: "portal", value: model.portal.url, critical: true, owners: adminOwners });
  // VPN access for every new Okta user: enabling it is critical (diff.ts).
  if (model.oktaUsersVpn) {
    const value = model.oktaUsersVpn;
    add({
      key: "duplocloud|okta-users-vpn",
      kind: "okta-users-vpn",
      subject: "new Okta users",
      what: "DuploCloud VPN access",
      value,
      critical: value === "enabled",
      owners: adminOwners,
    });
  }
  for (const [prefix, value] of Object.entries(model.groupNaming)) {
    add({ key: `naming|${prefix}`, kind: "group-prefix", subject: "group naming", what: prefix, value, critical: true, owners: adminOwners });
  }

  for (const grant of model.grants) {
    const owners = teamOwners.get(grant.team) ?? [];
    const grantKey = `team:${grant.team}|tenant:${grant.tenant}`;
    const expiryKey = `${grantKey}|expires`;
    add({
      key: grantKey,
      kind: "tenant",
      subject: `team ${grant.team}`,
      what: `tenant ${grant.tenant}`,
      value: grant.level,
      critical: false,
      owners,
      ...(grant.expires ? { expiryKey } : {}),
    });
    if (grant.expires)
      add({
        key: expiryKey,
        grantKey,
        kind: "expiry",
        subject: `team ${grant.team}`,
        what: `expiry of tenant ${grant.tenant}`,
        value: grant.expires,
        critical: false,
        owners,
        tenant: grant.tenant,
      });
  }
  // Temporary access: the person, until when and why. Its subject is the group it puts them in, so
  // the base version's owners of that group approve it (diff.ts decides approvers from the base).
  for (const grant of model.temporaryGrants) {
    const target = grant.target;
    const subject =
      target.kind === "tenant"
        ? groupLabel({ kind: "tenant", tenant: target.tenant, level: target.level } as GroupSpec)
        : groupLabel({ kind: "platform-role", platformRole: target.role } as GroupSpec);
    add({
      key: `temporary:${grant.person}|${targetSaid(target)}`,
      kind: "temporary",
      subject,
      what: `temporary member ${grant.person}`,
      value: grant.expires,
      critical: grant.target.kind === "role" && CRITICAL_ROLES.has(grant.target.role),
      owners: approversOf(model, grant.target),
      reason: grant.reason,
      ...(grant.requestedBy !== undefined ? { requestedBy: grant.requestedBy } : {}),
    });
  }
  for (const group of model.groups) {
    const subject = groupLabel(group);
    const owners = [...group.owners];
    // DuploCloud reads access from group names; adopting a group keeps the members it has.
    const tenantLevel = group.kind === "tenant" ? { tenant: group.tenant, level: group.level } : {};
    add({ key: `${group.key}|name`, kind: "group-name", subject, what: "Okta group name", value: group.name, critical: true, owners, ...tenantLevel });
    // A directory's group (source: directory) gives its access to whoever the directory puts in it: a
    // fact of its own, so turning a managed group into a directory's one shows as a change of hands.
    if (group.importId)
      add(
        group.source === "directory"
          ? {
              key: `${group.key}|directory`,
              kind: "directory-group",
              subject,
              what: "Okta group mastered by a directory (APP_GROUP)",
              value: group.importId,
              critical: true,
              owners,
            }
          : { key: `${group.key}|importId`, kind: "adoption", subject, what: "adopted Okta group", value: group.importId, critical: true, owners },
      );
    if (group.kind === "tenant") continue;
    const critical = group.kind === "platform-role" && CRITICAL_ROLES.has(group.platformRole);
    for (const member of group.explicitMembers) {
      add({ key: `${group.key}|member:${member}`, kind: "member", subject, what: `member ${member}`, value: "", critical, owners });
    }
    // An Okta group owner can manage the group in Okta: owning a critical role's group is critical.
    for (const owner of group.owners) {
      add({ key: `${group.key}|owner:${owner}`, kind: "owner", subject, what: `Okta group owner ${owner}`, value: "", critical, owners });
    }
    if (group.ruleExpression) {
      const breadth = breadthOf(model, group);
      add({
        key: `${group.key}|rule`,
        kind: "rule",
        subject,
        what: "membership rule",
        value: group.ruleExpression,
        critical: critical || breadth !== undefined,
        owners,
        ...(breadth ? { breadth } : {}),
      });
      // Each exception by name: adding one narrows the rule, removing one widens it.
      for (const person of group.ruleExceptions ?? []) {
        add({ key: `${group.key}|except:${person}`, kind: "rule-exception", subject, what: `rule exception ${person}`, value: "", critical, owners, person });
      }
    }
  }
  const groupsByKey = new Map(model.groups.map((group) => [group.key, group]));
  for (const role of model.groupAdminRoles) {
    const group = groupsByKey.get(role.groupKey)!;
    // Every admin role is critical; its value says what it reaches, so a change of targets shows.
    const reach = adminRoleReach(role, (key) => groupLabel(groupsByKey.get(key)!));
    add({
      key: `${role.groupKey}|okta-admin-role:${role.roleType}`,
      kind: "okta-admin-role",
      subject: groupLabel(group),
      what: `Okta admin role ${role.roleType}`,
      value: reach.text,
      critical: true,
      owners: [...group.owners],
      reach,
    });
  }
  // Rules evaluated on the file's own accounts: a match is a membership, as an explicit one is.
  const matches = accountMatches(model);
  for (const match of matches) {
    const group = model.groups.find((g) => g.key === match.groupKey)!;
    const subject = groupLabel(group);
    const critical = group.kind === "platform-role" && CRITICAL_ROLES.has(group.platformRole);
    const value = match.undecided === undefined ? "" : `undecided: ${match.undecided}`;
    add({ key: `${group.key}|account:${match.email}`, kind: "rule-match", subject, what: `account ${match.email}`, value, critical, owners: [...group.owners] });
  }
  // People: what each named person gets, through whatever path, in one place.
  const people = peopleAccess(
    model,
    matches.filter((match) => match.undecided === undefined),
  );
  for (const [email, granted] of people) {
    const byKey = new Map<string, AccessFact>();
    for (const { entitlement } of granted) {
      const key = `person:${email}|${entitlementKey(entitlement)}`;
      if (entitlement.kind === "tenant") {
        // Several paths to one tenant: the person gets the widest level. Expiry is the team's fact.
        const level = byKey.get(key)?.value === "read-write" ? "read-write" : entitlement.level;
        byKey.set(key, { key, kind: "tenant", subject: email, what: `tenant ${entitlement.tenant}`, value: level, critical: false, owners: [] });
      } else {
        const critical = entitlement.kind === "okta-admin-role" || CRITICAL_ROLES.has(entitlement.role);
        byKey.set(key, { key, kind: entitlement.kind, subject: email, what: describeEntitlement(entitlement), value: "", critical, owners: [] });
      }
    }
    for (const fact of byKey.values()) add(fact);
  }
  // An account the stack makes or adopts signs in only while ACTIVE: its status is access.
  for (const user of model.users) {
    const subject = user.email;
    const holdsCritical = [...(people.get(user.email) ?? [])].some(
      ({ entitlement }) => entitlement.kind === "okta-admin-role" || (entitlement.kind === "platform-role" && CRITICAL_ROLES.has(entitlement.role)),
    );
    add({ key: `user:${user.email}|status`, kind: "account-status", subject, what: "account status", value: user.status, critical: holdsCritical, owners: [] });
    const profile = accountProfile(user);
    // A new identity that can sign in (created ACTIVE; Okta sends the activation to its email): always critical.
    if (!user.importId)
      add({ key: `user:${user.email}|account`, kind: "account", subject, what: `Okta account (${describeProfile(profile)})`, value: "", critical: true, owners: [] });
    // Login and email say who signs in as the account and where its recovery goes: changing them hands it over.
    for (const attribute of SENT_PROFILE_ATTRIBUTES)
      add({
        key: `user:${user.email}|profile:${attribute}`,
        kind: "profile",
        subject,
        what: `profile ${attribute}`,
        value: profile[attribute] ?? "",
        critical: attribute === "login" || attribute === "email" || holdsCritical,
        owners: [],
      });
    if (user.importId) add({ key: `user:${user.email}|importId`, kind: "adoption", subject, what: "adopted Okta user", value: user.importId, critical: true, owners: [] });
  }
  for (const app of model.serviceApps) {
    const subject = `service app ${app.name}`;
    // Scopes, role and key together say what the app may do and who can act as it.
    for (const scope of app.scopes) add({ key: `service-app:${app.name}|scope:${scope}`, kind: "scope", subject, what: `scope ${scope}`, value: "", critical: true, owners: [] });
    const reach = serviceAppReach(app, (key) => groupLabel(groupsByKey.get(key)!));
    add({ key: `service-app:${app.name}|role`, kind: "service-app-role", subject, what: "admin role", value: app.adminRole, critical: true, owners: [], reach });
    // The targets on their own: scoping the role narrows it, dropping them widens it to the whole org;
    // with the app's role itself new or gone, the role's change says it (grantKey).
    if (reach.targets.length > 0)
      add({
        key: `service-app:${app.name}|role-targets`,
        kind: "service-app-targets",
        subject,
        what: `admin role ${app.adminRole}`,
        value: reach.text,
        critical: true,
        owners: [],
        reach,
        grantKey: `service-app:${app.name}|role`,
      });
    const key = app.publicKey.jwksUri ?? JSON.stringify(app.publicKey.jwk ?? null);
    add({ key: `service-app:${app.name}|key`, kind: "service-app-key", subject, what: "public key", value: key, critical: true, owners: [] });
  }
  for (const token of model.apiTokens) {
    add({
      key: `api-token:${token.id}|network`,
      kind: "token-network",
      subject: `API token ${token.name}`,
      what: "network restriction",
      value: JSON.stringify(token.network),
      critical: true,
      owners: [],
    });
    if (token.revoke)
      add({ key: `api-token:${token.id}|revoke`, kind: "token-revoke", subject: `API token ${token.name}`, what: "revocation", value: "", critical: true, owners: [] });
  }
  for (const user of model.duplocloudUsers) {
    const subject = `DuploCloud user ${user.username}`;
    for (const role of user.roles)
      add({
        key: `duplo-user:${user.username}|role:${role}`,
        kind: "duplocloud-role",
        subject,
        what: `DuploCloud role ${role}`,
        value: "",
        critical: role === "Administrator" || role === "SecurityAdmin",
        owners: [],
      });
    add({ key: `duplo-user:${user.username}|readonly`, kind: "duplocloud-readonly", subject, what: "read-only flag", value: String(user.readOnly), critical: true, owners: [] });
    // Taking over a portal user (an Okta-synced administrator, say) rewrites its roles: always critical.
    if (user.adopt) add({ key: `duplo-user:${user.username}|adopt`, kind: "adoption", subject, what: "adopted DuploCloud user", value: user.username, critical: true, owners: [] });
    for (const grant of user.tenants)
      add({ key: `duplo-user:${user.username}|tenant:${grant.tenant}`, kind: "tenant", subject, what: `tenant ${grant.tenant}`, value: grant.level, critical: false, owners: [] });
  }
  return facts;
}
