import { OktaReadError, type OktaReader } from "./read-api";

/*
 * Reads, with read-only scopes (okta.apps.read, okta.groups.read, okta.users.read,
 * okta.policies.read, okta.roles.read, okta.apiTokens.read), what `npm run import` turns into an
 * access file: the org as DuploCloud support set it up. Shapes follow Okta's management API
 * (okta-management-openapi-spec): Application, Group, GroupRule, GroupOwner, Role, OAuth2ScopeConsentGrant,
 * ApiToken, and the ACCESS_POLICY rules of the app's sign-on policy. API token values are never read
 * (the API does not return them); only metadata.
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
  /** Logins of every member (rule-added ones included: Okta does not tell them apart). */
  readonly members: readonly string[];
  readonly owners: readonly string[];
  readonly adminRoles: readonly string[];
}

export interface OrgRule {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly expression: string;
  readonly groupIds: readonly string[];
}

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
  readonly users: readonly OrgUser[];
  readonly groups: readonly OrgGroup[];
  readonly rules: readonly OrgRule[];
  /** The DuploCloud OIDC app, found by its redirect URI, with the groups assigned to it and its sign-on rules. */
  readonly duploCloudApp?: OrgApp & { readonly groupIds: readonly string[]; readonly signOnRules: readonly OrgSignOnRule[] };
  readonly serviceApps: readonly OrgServiceApp[];
  readonly apiTokens: readonly OrgApiToken[];
}

interface OktaApplication {
  id: string;
  label: string;
  settings?: { oauthClient?: { redirect_uris?: string[]; grant_types?: string[]; jwks_uri?: string; jwks?: { keys?: Record<string, unknown>[] } } };
  credentials?: { oauthClient?: { client_id?: string; token_endpoint_auth_method?: string } };
  _links?: { accessPolicy?: { href?: string } };
}

async function all<T>(reader: OktaReader, path: string): Promise<T[]> {
  const items: T[] = [];
  for await (const page of reader.pages<T>(path)) items.push(...page);
  return items;
}

function toApp(app: OktaApplication): OrgApp {
  const client = app.settings?.oauthClient ?? {};
  const policyHref = app._links?.accessPolicy?.href;
  return {
    id: app.id,
    label: app.label,
    redirectUris: client.redirect_uris ?? [],
    grantTypes: client.grant_types ?? [],
    clientId: app.credentials?.oauthClient?.client_id ?? app.id,
    ...(app.credentials?.oauthClient?.token_endpoint_auth_method ? { tokenEndpointAuthMethod: app.credentials.oauthClient.token_endpoint_auth_method } : {}),
    ...(client.jwks_uri ? { jwksUri: client.jwks_uri } : {}),
    jwks: client.jwks?.keys ?? [],
    ...(policyHref ? { accessPolicyId: policyHref.split("/").pop()! } : {}),
  };
}

const PAGE = "limit=200";

/**
 * A group's owners, or undefined when Okta refuses the group-owner API (401 or 403): it exists only
 * on orgs subscribed to Okta Identity Governance (okta-management-openapi-spec, tag GroupOwner), and
 * an org without it must still be importable.
 */
async function groupOwners(reader: OktaReader, groupId: string): Promise<Array<{ id: string; type: string }> | undefined> {
  try {
    return await all<{ id: string; type: string }>(reader, `/api/v1/groups/${groupId}/owners?${PAGE}`);
  } catch (error) {
    if (error instanceof OktaReadError && (error.status === 401 || error.status === 403)) return undefined;
    throw error;
  }
}

export async function readOktaOrg(reader: OktaReader, signInRedirectUri: string, progress: (message: string) => void): Promise<OktaOrg> {
  const rawUsers = await all<{ id: string; status: string; profile: Record<string, unknown> }>(reader, `/api/v1/users?${PAGE}`);
  const users = rawUsers.map((u) => ({ id: u.id, login: String(u.profile.login ?? "").toLowerCase(), status: u.status, profile: u.profile }));
  const loginOf = new Map(users.map((u) => [u.id, u.login]));
  progress(`${users.length} users read`);

  const rawGroups = await all<{ id: string; profile: { name: string; description?: string } }>(reader, `/api/v1/groups?${PAGE}`);
  const groups: OrgGroup[] = [];
  let ownersReadable = true;
  for (const group of rawGroups) {
    const members = await all<{ id: string }>(reader, `/api/v1/groups/${group.id}/users?${PAGE}`);
    const owners = ownersReadable ? await groupOwners(reader, group.id) : [];
    if (owners === undefined) {
      ownersReadable = false;
      progress("group owners not read: Okta refused the group-owner API, which needs Okta Identity Governance; the file names no owners (add them by hand for review)");
    }
    const roles = await all<{ type: string }>(reader, `/api/v1/groups/${group.id}/roles`);
    groups.push({
      id: group.id,
      name: group.profile.name,
      description: group.profile.description ?? "",
      members: members.map((m) => loginOf.get(m.id) ?? m.id).sort(),
      owners: (owners ?? [])
        .filter((o) => o.type === "USER")
        .map((o) => loginOf.get(o.id) ?? o.id)
        .sort(),
      adminRoles: roles.map((r) => r.type).sort(),
    });
    if (groups.length % 50 === 0 || groups.length === rawGroups.length) progress(`${groups.length} of ${rawGroups.length} groups read`);
  }

  const rawRules = await all<{
    id: string;
    name: string;
    status: string;
    conditions?: { expression?: { value?: string } };
    actions?: { assignUserToGroups?: { groupIds?: string[] } };
  }>(reader, `/api/v1/groups/rules?${PAGE}`);
  const rules = rawRules.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    expression: r.conditions?.expression?.value ?? "",
    groupIds: r.actions?.assignUserToGroups?.groupIds ?? [],
  }));
  progress(`${rules.length} group rules read`);

  const apps = (await all<OktaApplication>(reader, `/api/v1/apps?${PAGE}`)).map(toApp);
  const duplo = apps.find((app) => app.redirectUris.includes(signInRedirectUri));
  let duploCloudApp: OktaOrg["duploCloudApp"];
  if (duplo) {
    const assigned = await all<{ id: string }>(reader, `/api/v1/apps/${duplo.id}/groups?${PAGE}`);
    const signOnRules = duplo.accessPolicyId
      ? (
          await all<{
            name: string;
            actions?: { appSignOn?: { access?: string; verificationMethod?: { factorMode?: string; reauthenticateIn?: string; constraints?: unknown[] } } };
          }>(reader, `/api/v1/policies/${duplo.accessPolicyId}/rules`)
        ).map((rule) => ({
          name: rule.name,
          access: rule.actions?.appSignOn?.access ?? "ALLOW",
          factorMode: rule.actions?.appSignOn?.verificationMethod?.factorMode ?? "1FA",
          ...(rule.actions?.appSignOn?.verificationMethod?.reauthenticateIn ? { reauthenticateIn: rule.actions.appSignOn.verificationMethod.reauthenticateIn } : {}),
          constraints: rule.actions?.appSignOn?.verificationMethod?.constraints ?? [],
        }))
      : [];
    duploCloudApp = { ...duplo, groupIds: assigned.map((g) => g.id), signOnRules };
  }

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
  const tokens = await all<{ id: string; name: string; userId: string; network?: { connection?: string; include?: string[]; exclude?: string[] } }>(reader, `/api/v1/api-tokens`);
  progress(`${apps.length} apps, ${serviceApps.length} service apps and ${tokens.length} API tokens read`);
  return {
    users,
    groups,
    rules,
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
