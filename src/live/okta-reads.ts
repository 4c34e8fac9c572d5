import type { OktaReader } from "../okta/read-api";

/*
 * The Okta reads the import (okta-org.ts) and the drift check (drift/read-okta.ts) share, GET only,
 * through the read-only client (read-api.ts: pages by Link header, rate-limit headers honoured).
 * Shapes follow Okta's management API (okta-management-openapi-spec): User, GroupRule,
 * Application, ApplicationGroupAssignment, AccessPolicyRule, ApiToken. Each reader keeps what it
 * needs of them; the requests are the same for both.
 */

/** Okta's largest page for users, groups, members, rules and apps (listUsers and the others' `limit`). */
export const PAGE = "limit=200";

export interface OktaUserObject {
  readonly id: string;
  readonly status: string;
  readonly profile: Record<string, unknown>;
}

export async function readAll<T>(reader: OktaReader, path: string): Promise<T[]> {
  const items: T[] = [];
  for await (const page of reader.pages<T>(path)) items.push(...page);
  return items;
}

/**
 * The user listings by page. Okta's listUsers leaves DEPROVISIONED users out unless a status
 * filter asks for them (okta-management-openapi-spec, listUsers `filter`: "Doesn't include users
 * with a status of DEPROVISIONED"), yet keeps them in their groups.
 */
export const USER_LISTING = `/api/v1/users?${PAGE}`;
export const DEPROVISIONED_USER_LISTING = `/api/v1/users?filter=${encodeURIComponent('status eq "DEPROVISIONED"')}&${PAGE}`;

/** The members of a group by page (listGroupUsers): every member, deactivated ones included. */
export const groupMembersPath = (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}/users?${PAGE}`;

export interface GroupRule {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly expression: string;
  readonly groupIds: readonly string[];
  /**
   * IDs of the people the rule leaves out (GroupRule.conditions.people.users.exclude,
   * okta-management-openapi-spec; the provider's `users_excluded`). Absent or empty: nobody.
   */
  readonly excludedUserIds?: readonly string[];
}

/** Every group rule (listGroupRules), with its expression, the groups it assigns and the people it leaves out. */
export async function readGroupRules(reader: OktaReader): Promise<GroupRule[]> {
  const rules = await readAll<{
    id: string;
    name: string;
    status: string;
    conditions?: { expression?: { value?: string }; people?: { users?: { exclude?: string[] } } };
    actions?: { assignUserToGroups?: { groupIds?: string[] } };
  }>(reader, `/api/v1/groups/rules?${PAGE}`);
  return rules.map((rule) => ({
    id: rule.id,
    name: rule.name,
    status: rule.status,
    expression: rule.conditions?.expression?.value ?? "",
    groupIds: rule.actions?.assignUserToGroups?.groupIds ?? [],
    excludedUserIds: rule.conditions?.people?.users?.exclude ?? [],
  }));
}

export interface OktaApplication {
  readonly id: string;
  readonly label: string;
  readonly settings?: {
    readonly oauthClient?: { redirect_uris?: string[]; grant_types?: string[]; jwks_uri?: string; jwks?: { keys?: Record<string, unknown>[] } };
  };
  readonly credentials?: { readonly oauthClient?: { client_id?: string; token_endpoint_auth_method?: string } };
  readonly _links?: { readonly accessPolicy?: { readonly href?: string } };
}

/** Every app of the org (listApplications). */
export const readApps = (reader: OktaReader) => readAll<OktaApplication>(reader, `/api/v1/apps?${PAGE}`);

/** The DuploCloud OIDC app is the one whose sign-in redirect URIs hold the portal's (`https://<portal>/app/signin-okta`). */
export const isDuploCloudApp = (app: OktaApplication, signInRedirectUri: string) => app.settings?.oauthClient?.redirect_uris?.includes(signInRedirectUri) === true;

/** The app's sign-on (access) policy ID, from `_links.accessPolicy` (Application `_links`, okta-management-openapi-spec). */
export const accessPolicyIdOf = (app: OktaApplication) => app._links?.accessPolicy?.href?.split("/").pop();

/**
 * The groups assigned to an app (listApplicationGroupAssignments), with `expand=group` so that each
 * assignment embeds its group (`_embedded.group`, the spec's `expand` for this operation): names of
 * groups no other read met. Empty name when Okta did not embed it.
 */
export async function readAppGroups(reader: OktaReader, appId: string): Promise<Array<{ id: string; name: string }>> {
  const assigned = await readAll<{ id: string; _embedded?: { group?: { profile?: { name?: string } } } }>(
    reader,
    `/api/v1/apps/${encodeURIComponent(appId)}/groups?expand=group&${PAGE}`,
  );
  return assigned.map((group) => ({ id: group.id, name: group._embedded?.group?.profile?.name ?? "" }));
}

export interface SignOnRuleObject {
  readonly id: string;
  readonly name: string;
  readonly priority?: number;
  readonly status?: string;
  /** Okta created the rule (PolicyRule `system`, okta-management-openapi-spec): the policy's catch-all rule. */
  readonly system?: boolean;
  readonly actions?: { appSignOn?: { access?: string; verificationMethod?: { factorMode?: string; reauthenticateIn?: string; constraints?: unknown[] } } };
}

/** The rules of an app sign-on (ACCESS_POLICY) policy (listPolicyRules), inactive ones included. */
export const readSignOnRules = (reader: OktaReader, policyId: string) => readAll<SignOnRuleObject>(reader, `/api/v1/policies/${encodeURIComponent(policyId)}/rules`);

export interface ApiTokenObject {
  readonly id: string;
  readonly name: string;
  readonly userId: string;
  readonly network?: { connection?: string; include?: string[]; exclude?: string[] };
}

/** API token metadata (listApiTokens): the API never returns token values. */
export const readApiTokens = (reader: OktaReader) => readAll<ApiTokenObject>(reader, `/api/v1/api-tokens`);
