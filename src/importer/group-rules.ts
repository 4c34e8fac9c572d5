import { z } from "zod";
import { teamGroupName } from "../access/naming";
import { exceptTest } from "../access/rules";
import { DEFAULT_GROUP_NAMING, type PlatformRoleName } from "../access/schema";
import type { OrgRule } from "../live/okta-org";
import type { OrgIndex } from "./org-index";
import type { TeamNames } from "./team-names";
import type { TenantOfGroup } from "./tenant-groups";
import type { Account, PlanLine, RuleFilledRole, RuleTeam } from "./types";

/** A rule of the org as the file writes it: its expression, and the people it leaves out by login. */
export interface ImportedRule {
  readonly expression: string;
  /** Logins (lower-cased, sorted) for `except`. */
  readonly except: readonly string[];
}

export interface RuleImport {
  /** One team for each rule that fills tenant groups, with the rule's expression and exceptions. */
  readonly teams: readonly RuleTeam[];
  /** The rules that fill each role group, in the org's order. */
  readonly roleRules: ReadonlyMap<RuleFilledRole, readonly ImportedRule[]>;
  readonly account: Account;
}

const isEmail = (login: string) => z.email().safeParse(login).success;

/**
 * A rule with its exclusion list as the file can write it. The list is Okta's
 * (GroupRule.conditions.people.users.exclude): dropping it would give the excluded people the
 * group's access at the first `up`. Logins that are email addresses go to `except`; any other login
 * (the file names people by email) is left out in the expression itself, which Okta evaluates the
 * same way: `(expression) AND String.toLowerCase(user.login) != "<login>"`.
 */
function importedRule(index: OrgIndex, rule: OrgRule): ImportedRule {
  const { logins } = index.excludedBy(rule);
  const inText = logins.filter((login) => !isEmail(login));
  const expression = inText.length === 0 ? rule.expression : [`(${rule.expression})`, ...inText.map(exceptTest)].join(" AND ");
  return { expression, except: logins.filter(isEmail) };
}

/**
 * The org's group rules that fill DuploCloud's groups: each is expressed as a team (tenant targets)
 * or a role's rule (role targets), or kept outside the stack with the reason; a rule that fills
 * none of DuploCloud's groups is none of the import's business.
 */
export function importRules(index: OrgIndex, roleOfGroup: ReadonlyMap<string, PlatformRoleName>, tenantOfGroup: TenantOfGroup, teamNames: TeamNames): RuleImport {
  const teams: RuleTeam[] = [];
  const roleRules = new Map<RuleFilledRole, ImportedRule[]>();
  const [created, outside, notExpressed]: [PlanLine[], PlanLine[], string[]] = [[], [], []];
  for (const rule of index.org.rules) {
    const targets = rule.groupIds.map((id) => ({ id, role: roleOfGroup.get(id), tenant: tenantOfGroup.get(id), group: index.group(id) }));
    const duploTargets = targets.filter((t) => t.role !== undefined || t.tenant !== undefined);
    if (duploTargets.length === 0) continue;
    const fate = fateOf(index, rule, targets);
    if ("keptOutside" in fate) {
      const reason = fate.keptOutside;
      outside.push({ what: `Okta group rule "${rule.name}" (${rule.id})`, note: `${reason}; it keeps working as it is, outside the stack` });
      notExpressed.push(
        `rule "${rule.name}" (${rule.id}), ${rule.status}: ${rule.expression.replace(/[\r\n]+/g, " ")} -> ${targets.map((t) => t.group?.name ?? t.id).join(", ")}: ${reason}`,
      );
      continue;
    }
    const imported = importedRule(index, rule);
    const { unknownIds } = index.excludedBy(rule);
    if (unknownIds.length > 0)
      outside.push({
        what: `people excluded from rule "${rule.name}" (${rule.id}) that no user listing returned: ${unknownIds.join(", ")}`,
        note: "not carried into the file (Okta lists every user, deactivated ones included, so they no longer exist)",
      });
    for (const role of fate.roles) roleRules.set(role, [...(roleRules.get(role) ?? []), imported]);
    const access = duploTargets.flatMap((t) => (t.tenant ? [t.tenant] : []));
    if (access.length > 0) {
      const name = teamNames.take(rule.name);
      teams.push({ name, rule: imported.expression, ...(imported.except.length > 0 ? { except: [...imported.except] } : {}), access });
      const leftOut = imported.except.length > 0 ? `, except ${imported.except.join(", ")} as the rule excludes them` : "";
      const pending = index.pendingMatchedBy(rule);
      created.push({
        what: `team ${name}: Okta group ${teamGroupName({ groupNaming: DEFAULT_GROUP_NAMING }, name)}, filled by the expression of rule "${rule.name}"${leftOut}`,
        // Information only: nothing to write or do, Okta adds them once they are activated, as the org's rule would.
        ...(pending.length > 0 ? { note: `not activated yet, so Okta's rules skip them; they get this access once activated, as today: ${pending.join(", ")}` } : {}),
      });
    }
    outside.push({
      what: `Okta group rule "${rule.name}" (${rule.id})`,
      note: `the stack's own rules now express it; after the first pulumi up, check the access report, then deactivate and delete this rule in Okta (Directory > Groups > Rules)`,
    });
  }
  return { teams, roleRules, account: { created, outside, notExpressed } };
}

type Target = { readonly id: string; readonly role?: PlatformRoleName; readonly tenant?: unknown; readonly group?: { readonly name: string; readonly type?: string } };

/** Whether the file can express a rule that fills DuploCloud's groups: the role groups it fills, or why it stays outside. */
function fateOf(index: OrgIndex, rule: OrgRule, targets: readonly Target[]): { readonly keptOutside: string } | { readonly roles: readonly RuleFilledRole[] } {
  if (rule.status !== "ACTIVE") return { keptOutside: "inactive" };
  const parsed = index.parsed(rule);
  if (parsed.errors.length > 0) return { keptOutside: `its expression is not one the stack can check (${parsed.errors[0]!.message})` };
  const roles = ruleFilledRoles(targets);
  if (roles === undefined) return { keptOutside: "it fills the administrators group, which the stack fills with named people only" };
  const directory = targets.filter((t) => t.group?.type === "APP_GROUP");
  if (directory.length > 0)
    return { keptOutside: `it fills ${directory.map((t) => t.group!.name).join(", ")}, which a directory masters (APP_GROUP): the stack never writes such a group` };
  const unmanaged = targets.filter((t) => t.role === undefined && t.tenant === undefined);
  if (unmanaged.length > 0) return { keptOutside: `it also fills ${unmanaged.map((t) => t.group?.name ?? t.id).join(", ")}, which the stack does not manage` };
  return { roles };
}

/** The role groups among a rule's targets, in their order; undefined when one is the administrators group, which no rule may fill. */
function ruleFilledRoles(targets: readonly Target[]): RuleFilledRole[] | undefined {
  const roles: RuleFilledRole[] = [];
  for (const { role } of targets) {
    if (role === "administrators") return undefined;
    if (role !== undefined) roles.push(role);
  }
  return roles;
}
