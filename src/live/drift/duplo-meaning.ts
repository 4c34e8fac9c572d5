import type { AccessModel, GroupSpec } from "../../access/model";
import type { AccessLevel, PlatformRoleName } from "../../access/schema";
import { PLATFORM_ROLE_LABELS } from "../../access/naming";

/** What DuploCloud reads from a group: a platform role (by the stack's role group) or a tenant level (by prefix). */
export type DuploMeaning = { readonly kind: "role"; readonly role: PlatformRoleName } | { readonly kind: "tenant"; readonly tenant: string; readonly level: AccessLevel };

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

export function targetOf(meaning: DuploMeaning): { target: string; level: string } {
  return meaning.kind === "role" ? { target: `role ${meaning.role}`, level: PLATFORM_ROLE_LABELS[meaning.role] } : { target: `tenant ${meaning.tenant}`, level: meaning.level };
}

/** Whether a member outside the file widens access where it matters most (administrators, read-write tenants, a team's group). */
export function widens(spec: GroupSpec, meaning: DuploMeaning | undefined): boolean {
  if (meaning?.kind === "role") return meaning.role === "administrators";
  if (meaning?.kind === "tenant") return meaning.level === "read-write";
  // A team's group matters here only when it holds admin roles or fills tenant groups.
  return spec.kind === "team";
}
