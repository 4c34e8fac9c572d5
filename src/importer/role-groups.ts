import { DEFAULT_ROLE_GROUP_NAMES } from "../access/naming";
import { PLATFORM_ROLES, type PlatformRoleName } from "../access/schema";
import type { OrgGroup } from "../live/okta-org";
import { roleGroupIdsOf, roleGroupNameOf } from "./duplocloud-groups";
import type { OrgIndex } from "./org-index";
import type { ImportedRule } from "./group-rules";
import { fillText } from "../access/rules";
import type { Account, ImportOptions, PlanLine, PortalState, RoleGroupInput, RolesInput, RuleFilledRole } from "./types";
import { people } from "./wording";

export interface RoleGroups {
  /** Each role's entry, without its rule (group-rules.ts finds those). */
  readonly entries: Readonly<Record<PlatformRoleName, RoleGroupInput>>;
  /** The role of each adopted group, in the order of the roles; a group found for two roles holds the last. */
  readonly roleOfGroup: ReadonlyMap<string, PlatformRoleName>;
  readonly account: Account;
}

/**
 * Platform role groups: found by the ID the portal's settings give where readable, else by name.
 * A group found is adopted with its owners and the members who can sign in and are not there by a
 * rule; one not found is created. Administrators are named one by one, never judged by a rule.
 */
export function findRoleGroups(index: OrgIndex, portal: PortalState, options: ImportOptions): RoleGroups {
  const roleOfGroup = new Map<string, PlatformRoleName>();
  const entries = {} as Record<PlatformRoleName, RoleGroupInput>;
  const [adopted, created, outside, todo]: [PlanLine[], PlanLine[], PlanLine[], string[]] = [[], [], [], []];
  for (const role of PLATFORM_ROLES) {
    const idFromPortal = roleGroupIdsOf(portal, role)[0];
    const name = roleGroupNameOf(options, role);
    const group = (idFromPortal && index.group(idFromPortal)) || index.groupNamed(name);
    if (!group) {
      if (role === "administrators")
        todo.push(`No administrators group was found (portal setting or name ${name}): name at least two administrators under roles.administrators.members.`);
      created.push({ what: `Okta group ${name} (platform role ${role})` });
      entries[role] = {};
      continue;
    }
    roleOfGroup.set(group.id, role);
    if (group.type === "APP_GROUP") {
      // Mastered by a directory or an app: Okta lets nobody else change its members or profile
      // (okta-management-openapi-spec, assignUserToGroup and replaceGroup act on OKTA_GROUP only).
      adopted.push({
        what: `Okta group ${group.name} (platform role ${role})`,
        note: `${people(group.members.length, "member")}; a directory masters it (APP_GROUP), so the file references it (source: directory) and the stack never writes it: Okta changes members and profiles of OKTA_GROUP groups only; its members stay the directory's`,
      });
      entries[role] = { ...(group.name !== DEFAULT_ROLE_GROUP_NAMES[role] ? { name: group.name } : {}), importId: group.id, source: "directory" };
      continue;
    }
    adopted.push({ what: `Okta group ${group.name} (platform role ${role})`, note: people(group.members.length, "member") });
    outside.push(...index.leftOutside(group, group.owners, "owner"), ...index.leftOutside(group, group.members, "member"));
    const { members, undecided } = explicitMembers(index, group, role);
    todo.push(
      ...undecided.map((login) => `${login} is in ${group.name}, and the rule filling it cannot be evaluated for them: check whether they belong under roles.${role}.members.`),
    );
    const owners = group.owners.filter(index.canSignIn);
    entries[role] = {
      ...(group.name !== DEFAULT_ROLE_GROUP_NAMES[role] ? { name: group.name } : {}),
      importId: group.id,
      // Kept as Okta has it: adopting the group must not rewrite its description.
      description: group.description,
      ...(owners.length > 0 ? { owners } : {}),
      ...(members.length > 0 ? { members } : {}),
    };
  }
  return { entries, roleOfGroup, account: { adopted, created, outside, todo } };
}

/** Members of a role group who can sign in and are not there by a rule; and those of them no rule could be decided for. */
function explicitMembers(index: OrgIndex, group: OrgGroup, role: PlatformRoleName): { members: string[]; undecided: string[] } {
  if (role === "administrators") return { members: group.members.filter(index.canSignIn), undecided: [] };
  const members: string[] = [];
  const undecided: string[] = [];
  for (const login of group.members.filter(index.canSignIn)) {
    const source = index.sourceOf(login, group);
    if (source !== "rule") members.push(login);
    if (source === "undecided") undecided.push(login);
  }
  return { members, undecided };
}

/**
 * The roles section: each role's entry, with the rule the org's rules give it (one, or several
 * joined by OR) and the people they leave out. The role's one rule sends `except` as its exclusion
 * list, which leaves a person out of every term: so `except` holds those every rule excludes, and
 * a person only some rules exclude is left out in those rules' terms (rules.ts, fillText).
 */
export function rolesWithRules(entries: Readonly<Record<PlatformRoleName, RoleGroupInput>>, rules: ReadonlyMap<RuleFilledRole, readonly ImportedRule[]>): RolesInput {
  const withRule = (role: RuleFilledRole) => {
    const found = rules.get(role) ?? [];
    // Okta's rules cannot fill a group a directory masters (the file refuses a rule there).
    if (found.length === 0 || entries[role].source === "directory") return entries[role];
    const everywhere = found[0]!.except.filter((login) => found.every((rule) => rule.except.includes(login)));
    const terms = found.map((rule) =>
      fillText(
        rule.expression,
        [],
        rule.except.filter((login) => !everywhere.includes(login)).map((login) => ({ person: login, login })),
      ),
    );
    return { ...entries[role], rule: terms.length === 1 ? terms[0] : terms.map((e) => `(${e})`).join(" OR "), ...(everywhere.length > 0 ? { except: everywhere } : {}) };
  };
  return { administrators: entries.administrators, readOnly: withRule("readOnly"), securityAdmins: withRule("securityAdmins"), signupUsers: withRule("signupUsers") };
}
