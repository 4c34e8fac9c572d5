import type { AccessModel, GroupSpec } from "../access/model";
import { parsedRuleOf } from "../access/model";
import { byText } from "../access/text-order";
import { administratorsOwners } from "./access-facts";
import { SnapshotRules } from "./audience";
import type { DirectorySnapshot } from "./directory";
import { describeEntitlement, describeGroupGrant, roleEntitlements, teamEntitlements } from "./effective-access";
import { directoryMembersOf, snapshotGroupMembers, type DirectoryMembers } from "./directory-members";

/*
 * The access review (certification): each owner confirms or removes, person by person, who holds
 * access through the groups they own. The people are the group's named members and, with a
 * directory snapshot (or a live read), the people its rule lets in; a group without owners goes to
 * the administrators' owners, who approve whatever has no owner of its own. Pure: the model and the
 * snapshot in, the reviews out; rendering and reading the Markdown are in certify-markdown.ts, the
 * change to the access file in certify-edit.ts.
 */

/** How the file gives a person the group: by name, by its rule, or both (a name, and the rule matches too). */
export type Admission = "named" | "rule" | "named+rule";

export interface ReviewLine {
  /** The group's model key (`team-payments`, `role-administrators`). */
  readonly groupKey: string;
  /** Lower-cased, as the file or the snapshot writes it. */
  readonly login: string;
  readonly admission: Admission;
  /** Where in the file: `teams[payments].members`, `roles.readOnly.rule`. */
  readonly path: string;
}

export interface ReviewedGroup {
  readonly group: GroupSpec;
  /** `team payments`, `role administrators`. */
  readonly title: string;
  /** What a member gets, in words. */
  readonly access: readonly string[];
  /** Path of the group in the access file: ["teams", 1] or ["roles", "readOnly"]. */
  readonly filePath: readonly (string | number)[];
  readonly lines: readonly ReviewLine[];
  /** The group's owners, or the administrators' owners when it has none (then `inherited`). */
  readonly owners: readonly string[];
  readonly ownersInherited: boolean;
  /**
   * A group a directory masters (source: directory): its members, listed for the owner to see but
   * not decided here (no lines): only the directory can take someone out (Okta refuses to change the
   * members of an APP_GROUP group).
   */
  readonly directory?: DirectoryMembers;
}

export interface OwnerReview {
  readonly owner: string;
  readonly groups: readonly ReviewedGroup[];
}

/** People the snapshot says a rule lets in, as SnapshotRules decides them (only people who can sign in). */
function ruleAdmits(model: AccessModel, group: GroupSpec, rules: SnapshotRules | undefined): Set<string> {
  if (!rules || !group.ruleExpression) return new Set();
  return new Set(rules.audienceOfRule(group.ruleExpression, parsedRuleOf(model, group)).matched);
}

/** The people the file lets in already leaves out of the rule (`except`, read as written: its validation is the schema's). */
export function exceptionsOf(data: unknown, filePath: readonly (string | number)[]): Set<string> {
  let node: unknown = data;
  for (const part of filePath) node = node && typeof node === "object" ? (node as Record<string | number, unknown>)[part] : undefined;
  const except = node && typeof node === "object" ? (node as { except?: unknown }).except : undefined;
  return new Set(Array.isArray(except) ? except.filter((item): item is string => typeof item === "string").map((login) => login.toLowerCase()) : []);
}

export function filePathOf(group: GroupSpec, data: unknown): (string | number)[] {
  if (group.kind === "platform-role") return ["roles", group.platformRole];
  const teams = (data as { teams?: Array<{ name?: unknown }> }).teams ?? [];
  return ["teams", teams.findIndex((team) => team.name === (group.kind === "team" ? group.team : ""))];
}

/**
 * One review per owner. `data`: the access file as parsed (for `except`, which the model may not
 * carry); `snapshot`: who rules let in, absent for named members only.
 */
export function buildReviews(model: AccessModel, data: unknown, snapshot?: DirectorySnapshot): OwnerReview[] {
  const rules = snapshot ? new SnapshotRules(snapshot) : undefined;
  const fallbackOwners = administratorsOwners(model);
  const byOwner = new Map<string, ReviewedGroup[]>();
  const directoryMembers = snapshot && snapshotGroupMembers(snapshot);
  for (const group of model.groups) {
    if (group.source === "directory" && group.importId !== undefined) {
      // Listed for the owner to see who holds the access, from the directory; nothing to tick.
      const owners = group.owners.length > 0 ? group.owners : fallbackOwners;
      const reviewed: ReviewedGroup = {
        group,
        title: group.kind === "tenant" ? `tenant ${group.tenant} ${group.level}` : group.kind === "team" ? `team ${group.team}` : `role ${group.platformRole}`,
        access: [describeGroupGrant(group, model)],
        filePath: directoryFilePath(group, data),
        lines: [],
        owners,
        ownersInherited: group.owners.length === 0,
        directory: directoryMembersOf(group.importId, directoryMembers),
      };
      for (const owner of owners.length > 0 ? owners : [""]) byOwner.set(owner, [...(byOwner.get(owner) ?? []), reviewed]);
      continue;
    }
    if (group.kind === "tenant") continue;
    const filePath = filePathOf(group, data);
    const named = new Set(group.explicitMembers.map((login) => login.toLowerCase()));
    const except = exceptionsOf(data, filePath);
    const admitted = new Set([...ruleAdmits(model, group, rules)].filter((login) => !except.has(login)));
    const where = group.kind === "team" ? `teams[${group.team}]` : `roles.${group.platformRole}`;
    const lines: ReviewLine[] = [...new Set([...named, ...admitted])].sort(byText).map((login) => {
      const admission: Admission = named.has(login) ? (admitted.has(login) ? "named+rule" : "named") : "rule";
      return { groupKey: group.key, login, admission, path: admission === "rule" ? `${where}.rule` : `${where}.members` };
    });
    if (lines.length === 0) continue;
    const owners = group.owners.length > 0 ? group.owners : fallbackOwners;
    const access = (group.kind === "platform-role" ? roleEntitlements(model, group.platformRole) : teamEntitlements(model, group.team)).map(describeEntitlement);
    const reviewed: ReviewedGroup = {
      group,
      title: group.kind === "team" ? `team ${group.team}` : `role ${group.platformRole}`,
      access: access.length > 0 ? access : ["no DuploCloud access of its own"],
      filePath,
      lines,
      owners,
      ownersInherited: group.owners.length === 0,
    };
    for (const owner of owners.length > 0 ? owners : [""]) byOwner.set(owner, [...(byOwner.get(owner) ?? []), reviewed]);
  }
  return [...byOwner].sort(([a], [b]) => byText(a, b)).map(([owner, groups]) => ({ owner, groups: groups.sort((a, b) => byText(a.title, b.title)) }));
}

/** Where the file references a directory group: its role, or its entry under duplocloud.tenantGroupImports. */
function directoryFilePath(group: GroupSpec, data: unknown): (string | number)[] {
  if (group.kind !== "tenant") return filePathOf(group, data);
  const imports = (data as { duplocloud?: { tenantGroupImports?: Array<{ tenant?: unknown; level?: unknown }> } }).duplocloud?.tenantGroupImports ?? [];
  return ["duplocloud", "tenantGroupImports", imports.findIndex((entry) => entry.tenant === group.tenant && entry.level === group.level)];
}

/** The review file of an owner: their login, with anything outside letters, digits, `@._+-` as `_` (never a path). */
export function reviewFileName(owner: string): string {
  if (owner === "") return "no-owner.md";
  return `${owner.replace(/[^A-Za-z0-9@._+-]/g, "_").replace(/^\.+/, "_")}.md`;
}
