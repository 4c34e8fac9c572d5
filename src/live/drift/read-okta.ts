import type { OktaReader } from "../../okta/read-api";
import type { ProfileValue } from "../../access/expression-eval";
import { parseGroupRuleExpression } from "../../access/expression";
import { RoleTargetsReader } from "./read-role-targets";
import type { LiveAdminRole, LiveGroup, LiveOrgReader, LivePerson, LiveRule, LiveSignOnRule, LiveState, ReadScope } from "./live-state";
import {
  accessPolicyIdOf,
  groupMembersPath,
  isDuploCloudApp,
  PAGE,
  readAll,
  readApiTokens,
  readAppGroups,
  readApps,
  readGroupRules,
  readSignOnRules,
  USER_LISTING,
  type OktaUserObject as OktaUser,
  type SignOnRuleObject as OktaSignOnRule,
} from "../okta-reads";
import { countOf } from "../../access/plural";

/*
 * Reads the live Okta org for the drift check, GET only, through the project's read-only client
 * (read-api.ts: pages by Link header, Okta's rate-limit headers honoured), with the import's reads
 * where both read the same things (../okta-reads.ts). It reads only what DuploCloud and the file
 * care about, and never one request per person:
 * - users by page (GET /api/v1/users; it omits DEPROVISIONED people, who come in through the
 *   group member lists below, which Okta does not clean: okta.md);
 * - the groups DuploCloud reads, found with one `search` (listGroups `search`, operators sw and eq
 *   on profile.name, okta-management-openapi-spec), the groups assigned to the app, and the groups
 *   rules into those groups test by ID; then each one's members;
 * - group rules (GET /api/v1/groups/rules), kept when they assign a group read;
 * - admin role holders: GET /api/v1/iam/assignees/users (listUsersWithRoleAssignments, okta.roles.read),
 *   then each holder's roles (listAssignedRolesForUser, `assignmentType` USER or GROUP): roles held
 *   through any group, read or not, reach the people who hold them; the targets of scoped roles
 *   (read-role-targets.ts), once per group that holds them;
 * - the DuploCloud app (by its redirect URI), its group assignments (listApplicationGroupAssignments
 *   with expand=group), its sign-on policy and rules (`_links.accessPolicy`; ACCESS_POLICY rules,
 *   `actions.appSignOn`);
 * - only when asked (ReadScope.directAppAssignments), the people assigned to the app one by one:
 *   listApplicationUsers has no parameter to list only those (okta-management-openapi-spec
 *   `/api/v1/apps/{appId}/users`: after, limit, q, expand), it lists everyone assigned, through a
 *   group (AppUser `scope` GROUP) or directly (USER): one page per 200 people who can sign in,
 *   as many as the user pages again. The legacy v1 spec names a `query_scope` parameter, with no
 *   description: not relied on;
 * - API token metadata (GET /api/v1/api-tokens; the API never returns token values).
 */

function profileValue(value: unknown): ProfileValue {
  if (Array.isArray(value)) return value.map((item) => (["string", "number", "boolean"].includes(typeof item) ? (item as string) : null));
  return ["string", "number", "boolean"].includes(typeof value) ? (value as string) : null;
}

export function personOf(user: OktaUser): LivePerson {
  const profile = Object.fromEntries(Object.entries(user.profile).map(([key, value]) => [key, profileValue(value)]));
  const name = [user.profile.firstName, user.profile.lastName].filter((part) => typeof part === "string" && part).join(" ");
  return { id: user.id, login: String(user.profile.login ?? ""), name, status: user.status, profile };
}

/** A search string value in double quotes, with `"` and `\` escaped as Okta's filter syntax asks. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, "\\$&")}"`;

export class OktaDriftReader implements LiveOrgReader {
  constructor(private readonly reader: OktaReader) {}

  private all<T>(path: string): Promise<T[]> {
    return readAll<T>(this.reader, path);
  }

  private async one<T>(path: string): Promise<T> {
    for await (const page of this.reader.pages<T>(path)) return page as unknown as T;
    throw new Error(`GET ${path} gave no answer`);
  }

  async read(scope: ReadScope, progress: (message: string) => void): Promise<Omit<LiveState, "portal">> {
    const people = new Map<string, LivePerson>();
    for await (const page of this.reader.pages<OktaUser>(USER_LISTING)) {
      for (const user of page) people.set(user.id, personOf(user));
      progress(`${countOf(people.size, "user")} read`);
    }

    const search = [...scope.tenantPrefixes.map((prefix) => `profile.name sw ${quoted(prefix)}`), ...scope.groupNames.map((name) => `profile.name eq ${quoted(name)}`)].join(
      " or ",
    );
    const found = await this.all<{ id: string; type?: string; profile: { name: string } }>(`/api/v1/groups?search=${encodeURIComponent(search)}&${PAGE}`);
    const names = new Map(found.map((group) => [group.id, group.profile.name]));
    // A group a directory masters: its members are the directory's (group-members.ts).
    const directoryMastered = new Set(found.filter((group) => group.type === "APP_GROUP").map((group) => group.id));

    const duplo = (await readApps(this.reader)).find((candidate) => isDuploCloudApp(candidate, scope.signInRedirectUri));
    let app: LiveState["app"];
    if (duplo) {
      const assigned = await readAppGroups(this.reader, duplo.id);
      for (const group of assigned) if (!names.has(group.id)) names.set(group.id, group.name);
      const policyId = accessPolicyIdOf(duplo);
      app = {
        id: duplo.id,
        label: duplo.label,
        groups: assigned.map((group) => ({ id: group.id, name: names.get(group.id) ?? "" })),
        ...(scope.directAppAssignments ? { directUserIds: await this.directAppUsers(duplo.id) } : {}),
        ...(policyId ? { policy: await this.policy(policyId) } : {}),
      };
    }

    const rules: LiveRule[] = (await readGroupRules(this.reader)).filter((rule) => rule.groupIds.some((id) => names.has(id)));
    // Groups those rules test by ID (isMemberOfGroup, isMemberOfAnyGroup) are read too, so that "how" can evaluate the rule.
    for (const rule of rules) {
      for (const reference of parseGroupRuleExpression(rule.expression).groupReferences) if (OKTA_GROUP_ID.test(reference) && !names.has(reference)) names.set(reference, "");
    }
    progress(`${countOf(names.size, "group")} and ${countOf(rules.length, "rule")} that matter read`);

    const groups: LiveGroup[] = [];
    for (const [id, name] of names) {
      const members = await this.all<OktaUser>(groupMembersPath(id));
      for (const member of members) if (!people.has(member.id)) people.set(member.id, personOf(member));
      groups.push({ id, name, memberIds: members.map((member) => member.id), ...(directoryMastered.has(id) ? { type: "APP_GROUP" } : {}) });
    }
    progress(`members of ${countOf(groups.length, "group")} read`);

    const adminRoles = await this.adminRoles(people);
    const tokens = await readApiTokens(this.reader);
    progress(`${countOf(adminRoles.length, "admin role assignment")} and ${countOf(tokens.length, "API token")} read`);
    return {
      orgUrl: "",
      readAt: new Date().toISOString(),
      people: [...people.values()],
      groups,
      rules,
      adminRoles,
      ...(app ? { app } : {}),
      apiTokens: tokens.map((token) => ({ id: token.id, name: token.name, userId: token.userId })),
    };
  }

  private async policy(policyId: string): Promise<NonNullable<NonNullable<LiveState["app"]>["policy"]>> {
    const policy = await this.one<{ id: string; name: string }>(`/api/v1/policies/${encodeURIComponent(policyId)}`);
    const rules = await readSignOnRules(this.reader, policyId);
    // An inactive rule lets nobody in; only active ones count.
    return { id: policy.id, name: policy.name, rules: rules.filter((rule) => rule.status !== "INACTIVE").map(signOnRuleOf) };
  }

  /** People assigned to the app one by one (AppUser `scope` USER), from the listing of everyone assigned. */
  private async directAppUsers(appId: string): Promise<string[]> {
    const users = await this.all<{ id: string; scope?: string }>(`/api/v1/apps/${encodeURIComponent(appId)}/users?${PAGE}`);
    return users.filter((user) => user.scope === "USER").map((user) => user.id);
  }

  /** Every admin role of every holder; people not met yet (a holder outside the user listing) are fetched one by one. */
  private async adminRoles(people: Map<string, LivePerson>): Promise<LiveAdminRole[]> {
    const holders: string[] = [];
    let path: string | undefined = `/api/v1/iam/assignees/users?limit=100`;
    while (path) {
      const page: { value?: Array<{ id: string }>; _links?: { next?: { href?: string } } } = await this.one(path);
      holders.push(...(page.value ?? []).map((holder) => holder.id));
      const next = page._links?.next?.href;
      path = next ? `${new URL(next, "http://origin.invalid").pathname}${new URL(next, "http://origin.invalid").search}` : undefined;
    }
    const roles: LiveAdminRole[] = [];
    const targetsOf = new RoleTargetsReader(this.reader);
    for (const userId of holders) {
      if (!people.has(userId)) people.set(userId, personOf(await this.one<OktaUser>(`/api/v1/users/${encodeURIComponent(userId)}`)));
      for (const role of await this.all<OktaRole>(`/api/v1/users/${encodeURIComponent(userId)}/roles`)) {
        const assignee = role._links?.assignee?.href?.split("/").pop();
        const groupId = role.assignmentType === "GROUP" ? assignee : undefined;
        const targets = role.assignmentType === "GROUP" ? (groupId ? await targetsOf.ofGroupRole(groupId, role.type) : undefined) : await targetsOf.ofUserRole(userId, role);
        roles.push({
          userId,
          roleType: role.type,
          assignmentType: role.assignmentType === "GROUP" ? "GROUP" : "USER",
          ...(groupId ? { groupId } : {}),
          ...(targets ? { targets } : {}),
        });
      }
    }
    return roles;
  }
}

/** Okta group IDs: 20 letters and digits starting 00g (a name in isMemberOfGroupName is not one). */
const OKTA_GROUP_ID = /^00g[0-9A-Za-z]{17}$/;

interface OktaRole {
  id: string;
  type: string;
  assignmentType?: string;
  _links?: { assignee?: { href?: string } };
}

function signOnRuleOf(rule: OktaSignOnRule): LiveSignOnRule {
  const method = rule.actions?.appSignOn?.verificationMethod;
  return {
    id: rule.id,
    name: rule.name,
    priority: rule.priority ?? 0,
    catchAll: rule.system === true,
    access: rule.actions?.appSignOn?.access ?? "ALLOW",
    factorMode: method?.factorMode ?? "1FA",
    ...(method?.reauthenticateIn ? { reauthenticateIn: method.reauthenticateIn } : {}),
    constraints: method?.constraints ?? [],
  };
}
