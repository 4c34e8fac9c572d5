import { parseGroupRuleExpression } from "../access/expression";
import { groupReferencesOf, referenceMatches } from "../access/membership-references";
import { OktaReadError, type OktaReader } from "../okta/read-api";
import {
  accessPolicyIdOf,
  DEPROVISIONED_USER_LISTING,
  groupMembersPath,
  isDuploCloudApp,
  PAGE,
  readAll as all,
  readApiTokens,
  readAppGroups,
  readApps,
  readGroupRules,
  readSignOnRules,
  USER_LISTING,
  type GroupRule,
  type OktaApplication,
  type OktaUserObject,
} from "./okta-reads";
import { countOf } from "../access/plural";

/*
 * Reads, with read-only scopes (okta.apps.read, okta.groups.read, okta.users.read,
 * okta.policies.read, okta.roles.read, okta.apiTokens.read), what `npm run import` turns into an
 * access file: the org as DuploCloud support set it up. Shapes follow Okta's management API
 * (okta-management-openapi-spec): Application, Group, GroupRule, GroupOwner, Role, OAuth2ScopeConsentGrant,
 * ApiToken, and the ACCESS_POLICY rules of the app's sign-on policy. API token values are never read
 * (the API does not return them); only metadata. Only the reads that matter: every user (in pages),
 * every group's name (in pages), and then members, owners and roles of the groups DuploCloud reads
 * (groupsThatMatter), the members of the groups their rules test, and nothing per user.
 */

export interface OrgUser {
  readonly id: string;
  readonly login: string;
  readonly status: string;
  readonly profile: Readonly<Record<string, unknown>>;
}

export interface OrgGroup {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /**
   * OKTA_GROUP, APP_GROUP (from a directory such as AD or LDAP, or an app) or BUILT_IN (Everyone):
   * okta-management-openapi-spec, Group.type. Only OKTA_GROUP members and profiles can be changed
   * (assignUserToGroup, replaceGroup). Absent when the answer had none (taken as OKTA_GROUP).
   */
  readonly type?: string;
  /** Logins of every member, lower-cased (rule-added and deactivated ones included: Okta lists both). */
  readonly members: readonly string[];
  readonly owners: readonly string[];
  readonly adminRoles: readonly string[];
  /** `whole`: a group DuploCloud reads (members, owners, roles); `members`: only tested by a rule, its members read. */
  readonly read: "whole" | "members";
}

export type OrgRule = GroupRule;

export interface OrgSignOnRule {
  readonly name: string;
  readonly access: string;
  readonly factorMode: string;
  readonly reauthenticateIn?: string;
  readonly constraints: readonly unknown[];
}

export interface OrgApp {
  readonly id: string;
  readonly label: string;
  readonly redirectUris: readonly string[];
  readonly grantTypes: readonly string[];
  readonly clientId: string;
  readonly tokenEndpointAuthMethod?: string;
  readonly jwksUri?: string;
  readonly jwks: readonly Record<string, unknown>[];
  /** The app's sign-on (access) policy ID, from `_links.accessPolicy`. */
  readonly accessPolicyId?: string;
}

export interface OrgServiceApp extends OrgApp {
  readonly scopes: readonly string[];
  readonly adminRoles: readonly string[];
}

export interface OrgApiToken {
  readonly id: string;
  readonly name: string;
  readonly userId: string;
  readonly network: { readonly connection: string; readonly include: readonly string[]; readonly exclude: readonly string[] };
}

export interface OktaOrg {
  /** Every user, DEPROVISIONED ones included. */
  readonly users: readonly OrgUser[];
  /** The groups that matter to DuploCloud and the groups their rules test membership of; no others. */
  readonly groups: readonly OrgGroup[];
  /** Why group owners were not read, when Okta refused the owner API. */
  readonly ownersRefused?: string;
  readonly rules: readonly OrgRule[];
  /** The DuploCloud OIDC app, found by its redirect URI, with the groups assigned to it and its sign-on rules. */
  readonly duploCloudApp?: OrgApp & { readonly groupIds: readonly string[]; readonly signOnRules: readonly OrgSignOnRule[] };
  readonly serviceApps: readonly OrgServiceApp[];
  readonly apiTokens: readonly OrgApiToken[];
}

function toApp(app: OktaApplication): OrgApp {
  const client = app.settings?.oauthClient ?? {};
  const policyId = accessPolicyIdOf(app);
  return {
    id: app.id,
    label: app.label,
    redirectUris: client.redirect_uris ?? [],
    grantTypes: client.grant_types ?? [],
    clientId: app.credentials?.oauthClient?.client_id ?? app.id,
    ...(app.credentials?.oauthClient?.token_endpoint_auth_method ? { tokenEndpointAuthMethod: app.credentials.oauthClient.token_endpoint_auth_method } : {}),
    ...(client.jwks_uri ? { jwksUri: client.jwks_uri } : {}),
    jwks: client.jwks?.keys ?? [],
    ...(policyId ? { accessPolicyId: policyId } : {}),
  };
}

/**
 * The groups DuploCloud reads, the ones whose members, owners and roles the import needs: by ID
 * (role groups named in the portal's settings), by name (role groups by their names) and by name
 * prefix (tenant groups). Names and prefixes are compared without regard to case.
 */
export interface GroupSelection {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly prefixes: readonly string[];
}

const toUser = (u: OktaUserObject): OrgUser => ({ id: u.id, login: String(u.profile.login ?? "").toLowerCase(), status: u.status, profile: u.profile });

/** Statuses Okta's owner API answers with when the org lacks the product or the credential the right (any other is an error). */
const REFUSED = new Set([400, 401, 403, 404, 405]);

export async function readOktaOrg(reader: OktaReader, signInRedirectUri: string, selection: GroupSelection, progress: (message: string) => void): Promise<OktaOrg> {
  // Both listings (okta-reads.ts): Okta keeps DEPROVISIONED users in their groups, so the import names every member.
  const userById = new Map<string, OrgUser>();
  for (const listing of [USER_LISTING, DEPROVISIONED_USER_LISTING]) {
    for await (const page of reader.pages<OktaUserObject>(listing)) for (const user of page) userById.set(user.id, toUser(user));
  }
  progress(`${countOf(userById.size, "user")} read`);

  const allGroups = (await all<{ id: string; type?: string; profile: { name: string; description?: string } }>(reader, `/api/v1/groups?${PAGE}`)).map((g) => ({
    id: g.id,
    name: g.profile.name,
    description: g.profile.description ?? "",
    ...(g.type ? { type: g.type } : {}),
  }));
  const rules = await readGroupRules(reader);
  progress(`${countOf(allGroups.length, "group")} and ${countOf(rules.length, "group rule")} read`);

  const oktaApps = await readApps(reader);
  const apps = oktaApps.map(toApp);
  const duploIndex = oktaApps.findIndex((app) => isDuploCloudApp(app, signInRedirectUri));
  const duplo = duploIndex < 0 ? undefined : apps[duploIndex];
  let duploCloudApp: OktaOrg["duploCloudApp"];
  if (duplo) {
    const assigned = await readAppGroups(reader, duplo.id);
    const signOnRules = duplo.accessPolicyId
      ? (await readSignOnRules(reader, duplo.accessPolicyId)).map((rule) => ({
          name: rule.name,
          access: rule.actions?.appSignOn?.access ?? "ALLOW",
          factorMode: rule.actions?.appSignOn?.verificationMethod?.factorMode ?? "1FA",
          ...(rule.actions?.appSignOn?.verificationMethod?.reauthenticateIn ? { reauthenticateIn: rule.actions.appSignOn.verificationMethod.reauthenticateIn } : {}),
          constraints: rule.actions?.appSignOn?.verificationMethod?.constraints ?? [],
        }))
      : [];
    duploCloudApp = { ...duplo, groupIds: assigned.map((g) => g.id), signOnRules };
  }

  const { relevant, referenced } = groupsThatMatter(allGroups, rules, selection, duploCloudApp?.groupIds ?? []);
  progress(`${relevant.length} groups matter to DuploCloud, and ${referenced.length} more that their rules test membership of`);

  /**
   * A member or owner by ID: from the listings, else from the member object itself (listGroupUsers,
   * "List all member users", answers users: okta-sdk-dotnet docs/GroupApi.md, terraform-provider-okta
   * okta/group.go reads `user.Id` from it), else read once by ID (someone created during the import).
   */
  const userOf = async (id: string, listed?: OktaUserObject): Promise<OrgUser> => {
    let user = userById.get(id) ?? (listed?.profile && typeof listed.profile.login === "string" ? toUser(listed) : undefined);
    user ??= toUser(await reader.one<OktaUserObject>(`/api/v1/users/${encodeURIComponent(id)}`));
    userById.set(id, user);
    return user;
  };
  const membersOf = async (groupId: string) => {
    const logins: string[] = [];
    for await (const page of reader.pages<OktaUserObject>(groupMembersPath(groupId))) {
      for (const member of page) logins.push((await userOf(member.id, member)).login);
    }
    return logins.sort();
  };

  let ownersRefused: string | undefined;
  const groups: OrgGroup[] = [];
  for (const group of relevant) {
    const members = await membersOf(group.id);
    let owners: string[] = [];
    if (!ownersRefused) {
      try {
        const listed = await all<{ id: string; type: string }>(reader, `/api/v1/groups/${encodeURIComponent(group.id)}/owners?${PAGE}`);
        for (const owner of listed.filter((o) => o.type === "USER")) owners.push((await userOf(owner.id)).login);
        owners = owners.sort();
      } catch (error) {
        // The group-owner API exists only with Okta Identity Governance (spec tag GroupOwner): without
        // it Okta refuses, and the import goes on without owners rather than failing.
        if (!(error instanceof OktaReadError && error.status !== undefined && REFUSED.has(error.status))) throw error;
        ownersRefused = `Okta answered ${error.status} to GET /api/v1/groups/${group.id}/owners`;
        progress(`group owners are not read: ${ownersRefused} (the org may not have Okta Identity Governance)`);
      }
    }
    const roles = await all<{ type: string }>(reader, `/api/v1/groups/${encodeURIComponent(group.id)}/roles`);
    groups.push({ ...group, members, owners, adminRoles: roles.map((r) => r.type).sort(), read: "whole" });
  }
  for (const group of referenced) groups.push({ ...group, members: await membersOf(group.id), owners: [], adminRoles: [], read: "members" });
  progress(`the members of ${countOf(groups.length, "group")} read`);

  const serviceApps: OrgServiceApp[] = [];
  for (const app of apps.filter((a) => a.grantTypes.includes("client_credentials"))) {
    const grants = await all<{ scopeId: string; status?: string }>(reader, `/api/v1/apps/${app.id}/grants`);
    const roles = await all<{ type: string }>(reader, `/oauth2/v1/clients/${app.clientId}/roles`);
    serviceApps.push({
      ...app,
      scopes: grants
        .filter((g) => g.status !== "REVOKED")
        .map((g) => g.scopeId)
        .sort(),
      adminRoles: roles.map((r) => r.type).sort(),
    });
  }
  const tokens = await readApiTokens(reader);
  progress(`${countOf(apps.length, "app")}, ${countOf(serviceApps.length, "service app")} and ${countOf(tokens.length, "API token")} read`);
  return {
    users: [...userById.values()],
    groups,
    rules,
    ...(ownersRefused ? { ownersRefused } : {}),
    ...(duploCloudApp ? { duploCloudApp } : {}),
    serviceApps,
    apiTokens: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      userId: t.userId,
      network: { connection: t.network?.connection ?? "ANYWHERE", include: t.network?.include ?? [], exclude: t.network?.exclude ?? [] },
    })),
  };
}

/**
 * The groups whose members the import needs: those the selection names (role groups, tenant
 * prefixes) and those assigned to the DuploCloud app; then the groups that the rules filling them
 * test membership of (by ID, name, prefix or part of the name), so each rule can be evaluated.
 */
export function groupsThatMatter<G extends { readonly id: string; readonly name: string }>(
  groups: readonly G[],
  rules: readonly OrgRule[],
  selection: GroupSelection,
  appGroupIds: readonly string[],
): { relevant: G[]; referenced: G[] } {
  const ids = new Set([...selection.ids, ...appGroupIds]);
  const names = new Set(selection.names.map((name) => name.toLowerCase()));
  const prefixes = selection.prefixes.map((prefix) => prefix.toLowerCase());
  const relevant = groups.filter((g) => ids.has(g.id) || names.has(g.name.toLowerCase()) || prefixes.some((prefix) => g.name.toLowerCase().startsWith(prefix)));
  const relevantIds = new Set(relevant.map((g) => g.id));
  const references = rules
    .filter((rule) => rule.groupIds.some((id) => relevantIds.has(id)))
    .flatMap((rule) => {
      const tree = parseGroupRuleExpression(rule.expression).tree;
      return tree ? groupReferencesOf(tree) : [];
    });
  const referenced = groups.filter((g) => !relevantIds.has(g.id) && references.some((reference) => referenceMatches(reference, g)));
  return { relevant, referenced };
}
