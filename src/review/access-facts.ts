import type { AccessModel } from "../access/model";
import { isManageScope } from "../access/okta-catalog";
import { PLATFORM_ROLES } from "../access/schema";
import { describeEntitlement, entitlementKey, peopleAccess } from "./effective-access";

/*
 * An access file flattened into facts ("team payments has tenant dev01: read-write"), each under a
 * stable key. Two versions of the file are compared fact by fact (diff.ts): a key only on the new
 * side is a gain, only on the old side a loss, and a key on both sides with another value a change.
 */

export type FactKind =
  | "tenant" // value: read-write | read-only
  | "expiry" // value: YYYY-MM-DD
  | "platform-role"
  | "okta-admin-role"
  | "member" // explicit group membership
  | "owner" // a real Okta group owner (okta.group.Owners), who may manage the group in Okta
  | "rule" // value: the expression
  | "scope"
  | "service-app-role" // value: the role
  | "duplocloud-role"
  | "duplocloud-readonly" // value: true | false
  | "mfa" // value: required | not-required
  | "reauthentication" // value: ISO-8601 duration
  | "token-network" // value: JSON of the restriction
  | "token-revoke"; // present while the token is set to be revoked when its entry is removed

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
}

const ROLE_SUBJECT = (role: string) => `platform role ${role}`;
const CRITICAL_ROLES = new Set(["administrators", "securityAdmins"]);

export function accessFacts(model: AccessModel): Map<string, AccessFact> {
  const facts = new Map<string, AccessFact>();
  const add = (fact: AccessFact) => facts.set(fact.key, fact);
  const teamOwners = new Map(model.file.teams.map((team) => [team.name, [...team.owners].sort()]));
  const roleOwners = (role: (typeof PLATFORM_ROLES)[number]) => [...model.file.roles[role].owners].sort();

  add({ key: "app|mfa", kind: "mfa", subject: "the DuploCloud app", what: "MFA at sign-in", value: model.file.okta.app.signOn.mfa, critical: true, owners: roleOwners("administrators") });
  add({ key: "app|reauth", kind: "reauthentication", subject: "the DuploCloud app", what: "re-authentication period", value: model.file.okta.app.signOn.reauthenticateEvery, critical: false, owners: roleOwners("administrators") });

  for (const grant of model.grants) {
    const owners = teamOwners.get(grant.team) ?? [];
    add({ key: `team:${grant.team}|tenant:${grant.tenant}`, kind: "tenant", subject: `team ${grant.team}`, what: `tenant ${grant.tenant}`, value: grant.level, critical: false, owners });
    if (grant.expires) add({ key: `team:${grant.team}|tenant:${grant.tenant}|expires`, kind: "expiry", subject: `team ${grant.team}`, what: `expiry of tenant ${grant.tenant}`, value: grant.expires, critical: false, owners });
  }
  for (const group of model.groups) {
    const subject = group.kind === "team" ? `team ${group.team}` : group.kind === "platform-role" ? ROLE_SUBJECT(group.platformRole!) : undefined;
    if (!subject) continue;
    const owners = [...group.owners];
    const critical = group.kind === "platform-role" && CRITICAL_ROLES.has(group.platformRole!);
    for (const member of group.explicitMembers) {
      add({ key: `${group.key}|member:${member}`, kind: "member", subject, what: `member ${member}`, value: "", critical, owners });
    }
    // An Okta group owner can manage the group in Okta: owning a critical role's group is critical.
    for (const owner of group.owners) {
      add({ key: `${group.key}|owner:${owner}`, kind: "owner", subject, what: `Okta group owner ${owner}`, value: "", critical, owners });
    }
    if (group.ruleExpression) add({ key: `${group.key}|rule`, kind: "rule", subject, what: "membership rule", value: group.ruleExpression, critical, owners });
  }
  for (const role of model.groupAdminRoles) {
    const group = model.groups.find((g) => g.key === role.groupKey)!;
    const subject = group.kind === "team" ? `team ${group.team}` : ROLE_SUBJECT(group.platformRole!);
    add({ key: `${role.groupKey}|okta-admin-role:${role.roleType}`, kind: "okta-admin-role", subject, what: `Okta admin role ${role.roleType}`, value: "", critical: true, owners: [...group.owners] });
  }
  // People: what each named person gets, through whatever path, in one place.
  for (const [email, granted] of peopleAccess(model)) {
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
  for (const app of model.serviceApps) {
    const subject = `service app ${app.name}`;
    for (const scope of app.scopes) add({ key: `service-app:${app.name}|scope:${scope}`, kind: "scope", subject, what: `scope ${scope}`, value: "", critical: isManageScope(scope), owners: [] });
    add({ key: `service-app:${app.name}|role`, kind: "service-app-role", subject, what: "admin role", value: app.adminRole, critical: true, owners: [] });
  }
  for (const token of model.apiTokens) {
    add({ key: `api-token:${token.id}|network`, kind: "token-network", subject: `API token ${token.name}`, what: "network restriction", value: JSON.stringify(token.network), critical: false, owners: [] });
    if (token.revoke) add({ key: `api-token:${token.id}|revoke`, kind: "token-revoke", subject: `API token ${token.name}`, what: "revocation", value: "", critical: true, owners: [] });
  }
  for (const user of model.duplocloudUsers) {
    const subject = `DuploCloud user ${user.username}`;
    for (const role of user.roles) add({ key: `duplo-user:${user.username}|role:${role}`, kind: "duplocloud-role", subject, what: `DuploCloud role ${role}`, value: "", critical: role === "Administrator" || role === "SecurityAdmin", owners: [] });
    add({ key: `duplo-user:${user.username}|readonly`, kind: "duplocloud-readonly", subject, what: "read-only flag", value: String(user.readOnly), critical: false, owners: [] });
    for (const grant of user.tenants) add({ key: `duplo-user:${user.username}|tenant:${grant.tenant}`, kind: "tenant", subject, what: `tenant ${grant.tenant}`, value: grant.level, critical: false, owners: [] });
  }
  return facts;
}
