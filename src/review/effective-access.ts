import type { AccessModel, GroupSpec } from "../access/model";
import { roleGroupKey, teamGroupKey } from "../access/keys";
import { PLATFORM_ROLE_LABELS } from "../access/naming";
import type { AccessLevel, PlatformRoleName } from "../access/schema";
import { byText } from "../access/text-order";

/*
 * Effective access: what each group, team and explicitly named person may do in DuploCloud and
 * Okta. Pure, sorted, and shared by the report (who gets what) and the diff (what changes).
 */

export type Entitlement =
  | { readonly kind: "platform-role"; readonly role: PlatformRoleName }
  | { readonly kind: "tenant"; readonly tenant: string; readonly level: AccessLevel; readonly expires?: string }
  | { readonly kind: "okta-admin-role"; readonly role: string };

export interface GrantedEntitlement {
  readonly entitlement: Entitlement;
  /** How it is given: `group duplo-administrators`, `team payments`, `directly`. */
  readonly via: string;
}

export function describeEntitlement(entitlement: Entitlement): string {
  switch (entitlement.kind) {
    case "platform-role":
      return PLATFORM_ROLE_LABELS[entitlement.role];
    case "tenant":
      return `tenant ${entitlement.tenant}: ${entitlement.level}${entitlement.expires ? ` (until ${entitlement.expires})` : ""}`;
    case "okta-admin-role":
      return `Okta admin role ${entitlement.role}`;
  }
}

/** Stable identity of an entitlement, ignoring expiry (so a moved expiry is a change, not a swap). */
export function entitlementKey(entitlement: Entitlement): string {
  switch (entitlement.kind) {
    case "platform-role":
      return `platform-role:${entitlement.role}`;
    case "tenant":
      return `tenant:${entitlement.tenant}`;
    case "okta-admin-role":
      return `okta-admin-role:${entitlement.role}`;
  }
}

/** What membership of a group grants in DuploCloud, in words. */
export function describeGroupGrant(group: GroupSpec, model: AccessModel): string {
  if (group.kind === "platform-role") return PLATFORM_ROLE_LABELS[group.platformRole];
  if (group.kind === "tenant") return `tenant ${group.tenant}: ${group.level}`;
  const tenants = model.grants.filter((grant) => grant.team === group.team).map((grant) => `${grant.tenant} (${grant.level})`);
  return tenants.length > 0 ? `team; its members get tenants ${tenants.join(", ")}` : "team; no DuploCloud access of its own";
}

/** The entitlements of one team: its tenant grants and the Okta admin roles of its group. */
export function teamEntitlements(model: AccessModel, team: string): Entitlement[] {
  const tenants: Entitlement[] = model.grants
    .filter((grant) => grant.team === team)
    .map((grant) => ({ kind: "tenant", tenant: grant.tenant, level: grant.level, ...(grant.expires ? { expires: grant.expires } : {}) }));
  const adminRoles: Entitlement[] = model.groupAdminRoles.filter((role) => role.groupKey === teamGroupKey(team)).map((role) => ({ kind: "okta-admin-role", role: role.roleType }));
  return sortEntitlements([...tenants, ...adminRoles]);
}

/** The entitlements of a platform-role group: the role itself and the Okta admin roles of its group. */
export function roleEntitlements(model: AccessModel, role: PlatformRoleName): Entitlement[] {
  const adminRoles: Entitlement[] = model.groupAdminRoles
    .filter((grant) => grant.groupKey === roleGroupKey(role))
    .map((grant) => ({ kind: "okta-admin-role", role: grant.roleType }));
  return sortEntitlements([{ kind: "platform-role", role }, ...adminRoles]);
}

/**
 * Every person named in the file (managed users and explicit members) with what they get through
 * explicit membership, and, when given, through rules that let in the file's own accounts
 * (account-matches.ts). Other access through rules depends on Okta profiles and is reported per rule.
 */
export function peopleAccess(model: AccessModel, ruleMembers: ReadonlyArray<{ readonly groupKey: string; readonly email: string }> = []): Map<string, GrantedEntitlement[]> {
  const people = new Map<string, GrantedEntitlement[]>();
  const add = (email: string, granted: GrantedEntitlement) => {
    const key = email.toLowerCase();
    const list = people.get(key);
    if (list) list.push(granted);
    else people.set(key, [granted]);
  };
  for (const user of model.users) people.set(user.email.toLowerCase(), []);
  for (const group of model.groups) {
    if (group.kind === "tenant" || group.explicitMembers.length === 0) continue;
    // Once per group, not once per member: large teams would otherwise rescan every grant per person.
    const entitlements = group.kind === "platform-role" ? roleEntitlements(model, group.platformRole) : teamEntitlements(model, group.team);
    const via = group.kind === "platform-role" ? `group ${group.name}` : `team ${group.team}`;
    for (const member of group.explicitMembers) {
      for (const entitlement of entitlements) add(member, { entitlement, via });
    }
  }
  for (const { groupKey, email } of ruleMembers) {
    const group = model.groups.find((g) => g.key === groupKey)!;
    if (group.kind === "tenant") continue;
    const entitlements = group.kind === "platform-role" ? roleEntitlements(model, group.platformRole) : teamEntitlements(model, group.team);
    const via = group.kind === "platform-role" ? `rule of group ${group.name}` : `rule of team ${group.team}`;
    for (const entitlement of entitlements) add(email, { entitlement, via });
  }
  for (const [email, granted] of people) {
    people.set(
      email,
      granted.sort((a, b) => byText(entitlementKey(a.entitlement), entitlementKey(b.entitlement)) || byText(a.via, b.via)),
    );
  }
  return new Map([...people].sort(([a], [b]) => byText(a, b)));
}

export function sortEntitlements(entitlements: Entitlement[]): Entitlement[] {
  return entitlements.sort((a, b) => byText(entitlementKey(a), entitlementKey(b)));
}
