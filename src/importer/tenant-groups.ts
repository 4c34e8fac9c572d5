import { DEFAULT_GROUP_NAMING, ACCESS_LEVELS } from "../access/schema";
import { teamGroupName, tenantGroupName } from "../access/naming";
import { LEVEL_SHORT } from "../access/vocabulary";
import type { OrgIndex } from "./org-index";
import type { OrgGroup } from "../live/okta-org";
import type { TeamNames } from "./team-names";
import type { TenantPrefixes } from "../access/naming";
import type { Account, PlanLine, RuleTeam, TeamInput, TenantGrantInput, TenantGroupImportInput } from "./types";
import { people } from "./wording";

/** The tenant and level of each tenant group found, by group ID. */
export type TenantOfGroup = ReadonlyMap<string, TenantGrantInput>;

/** Tenant groups: the groups named with DuploCloud's prefixes after a tenant of the portal. */
export function findTenantGroups(index: OrgIndex, tenants: readonly string[], prefixes: TenantPrefixes): TenantOfGroup {
  const tenantOfGroup = new Map<string, TenantGrantInput>();
  for (const tenant of tenants) {
    for (const level of ACCESS_LEVELS) {
      const group = index.groupNamed(tenantGroupName({ groupNaming: prefixes }, tenant, level));
      if (group) tenantOfGroup.set(group.id, { tenant, level });
    }
  }
  return tenantOfGroup;
}

export interface TenantGroupAdoption {
  /** One team for each group with members added by hand, so nobody loses access. */
  readonly teams: readonly TeamInput[];
  readonly imports: readonly TenantGroupImportInput[];
  readonly account: Account;
}

/**
 * Tenant groups: adopted when the file grants them (a team filled by a rule, or the team of its
 * members added by hand); a group that nobody who can sign in is in and no rule fills is left as it is.
 */
export function adoptTenantGroups(index: OrgIndex, tenantOfGroup: TenantOfGroup, ruleTeams: readonly RuleTeam[], teamNames: TeamNames): TenantGroupAdoption {
  const teams: TeamInput[] = [];
  const imports: TenantGroupImportInput[] = [];
  const [adopted, created, outside, todo]: [PlanLine[], PlanLine[], PlanLine[], string[]] = [[], [], [], []];
  for (const [groupId, { tenant, level }] of tenantOfGroup) {
    const group = index.group(groupId)!;
    if (group.type === "APP_GROUP") {
      // Mastered by a directory or an app (e.g. an AD group support made with the tenant prefix):
      // Okta lets nobody else change its members or profile (okta-management-openapi-spec,
      // assignUserToGroup and replaceGroup act on OKTA_GROUP only), so no team is made of its
      // members and no rule of the stack fills it: the file references it, and its members stay the directory's.
      imports.push({ tenant, level, importId: groupId, source: "directory" });
      adopted.push({
        what: `Okta group ${group.name} (tenant ${tenant} ${level})`,
        note: `${people(group.members.length, "member")}; a directory masters it (APP_GROUP), so the file references it (source: directory) and the stack never writes it: Okta changes members and profiles of OKTA_GROUP groups only; its members stay the directory's`,
      });
      outside.push(...ownersAndRolesKept(index, group));
      continue;
    }
    outside.push(...index.leftOutside(group, group.members, "member"));
    const byHand: string[] = [];
    for (const login of group.members.filter(index.canSignIn)) {
      const source = index.sourceOf(login, group);
      if (source !== "rule") byHand.push(login);
      if (source === "undecided") todo.push(`${login} is in ${group.name}, and the rule filling it cannot be evaluated for them: check whether the team that lists them should.`);
    }
    const grants = (team: RuleTeam) => team.access.some((grant) => grant.tenant === tenant && grant.level === level);
    if (byHand.length > 0) {
      const name = teamNames.take(`${tenant}-${LEVEL_SHORT[level]}-members`);
      teams.push({ name, members: byHand, access: [{ tenant, level }] });
      created.push({
        what: `team ${name}: Okta group ${teamGroupName({ groupNaming: DEFAULT_GROUP_NAMING }, name)}, with the ${people(byHand.length, "person")} added to ${group.name} by hand`,
      });
      const added = `${group.name}: ${people(byHand.length, "member")} added by hand ${byHand.length === 1 ? "is" : "are"} now team ${name} too`;
      todo.push(
        ruleTeams.some(grants)
          ? `${added}; once the stack's rule has filled the group, remove them from the group by hand if you want the team to be the only path.`
          : `${added}; after the first pulumi up, remove them from the group by hand if you want the team to be the only path.`,
      );
    }
    if (byHand.length === 0 && !ruleTeams.some(grants)) {
      outside.push({
        what: `Okta group ${group.name} (${groupId})`,
        note: `nobody who can sign in is in it and no rule fills it; the stack makes no ${level} group for ${tenant}, so it stays as it is (delete it in Okta if unused)`,
      });
      continue;
    }
    // The description kept as Okta has it: adopting the group must not rewrite it.
    imports.push({ tenant, level, importId: groupId, description: group.description });
    adopted.push({ what: `Okta group ${group.name} (tenant ${tenant} ${level})`, note: people(group.members.length, "member") });
    outside.push(...ownersAndRolesKept(index, group));
  }
  return { teams, imports, account: { adopted, created, outside, todo } };
}

/** What an adopted tenant group keeps outside the file: its owners and its Okta admin roles. */
function ownersAndRolesKept(index: OrgIndex, group: OrgGroup): PlanLine[] {
  const outside = index.leftOutside(group, group.owners, "owner");
  const owners = group.owners.filter(index.canSignIn);
  if (owners.length > 0)
    outside.push({
      what: `owners of ${group.name}`,
      note: `${owners.join(", ")} stay owners; the stack sets Okta owners only on team and role groups, and only with oktaGroupOwners on`,
    });
  if (group.adminRoles.length > 0)
    outside.push({ what: `Okta admin roles of ${group.name}`, note: `${group.adminRoles.join(", ")} stay; give them to a team in the file to manage them` });
  return outside;
}
