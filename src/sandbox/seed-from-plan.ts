import { createHash } from "node:crypto";
import { parseGroupRuleExpression } from "../access/expression";
import { evaluateRule } from "../access/expression-eval";
import type { AccessModel } from "../access/model";
import type { PlannedResource } from "../plan/offline";
import { DuploEmulator } from "./duplo-emulator";
import { OktaEmulator, type EmulatedUser } from "./okta-emulator";

/*
 * An Okta org and a DuploCloud portal as the stack leaves them after `pulumi up`, built from the
 * offline plan (the real program under the mock engine): its groups, memberships, group rules
 * (their rendered expressions evaluated on each person's profile the way Okta fills groups: rules
 * see memberships made by the API, not those other rules make), admin roles, app and its
 * assignments, sign-on policy (the catch-all denying, as `catchAll: false` makes it) and API token,
 * and the portal's explicit users and grants from the model. Everything is served over HTTP by the
 * emulators; the tests then change one thing at a time, as someone in the console would.
 */

/** A person of the seeded directory: login and profile; the ID is derived from the login. */
export interface SeedPerson {
  readonly login: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly status?: string;
  readonly id?: string;
  readonly profile?: Record<string, string>;
}

/** A 20-character Okta-style ID with the given 3-character prefix, stable for a key. */
export function oktaId(prefix: string, key: string): string {
  return `${prefix}${createHash("sha256").update(key).digest("hex").slice(0, 17)}`;
}

export interface SeededOrg {
  readonly okta: OktaEmulator;
  readonly duplo: DuploEmulator;
  /** Okta IDs by the plan's mock IDs (`role-administrators-id`) and by login. */
  readonly ids: ReadonlyMap<string, string>;
  readonly appId: string;
  readonly policyId: string;
  /** Adds a person to a group by group name (as someone in the console would). */
  addMember(groupName: string, login: string): void;
  groupId(name: string): string;
  userId(login: string): string;
  /** Admin roles by user ID, served through /api/v1/iam/assignees/users and /api/v1/users/{id}/roles. */
  readonly userRoles: Map<string, Array<{ type: string; assignmentType: "USER" | "GROUP"; groupId?: string }>>;
  /** Admin role types by group ID (okta.group.Role). */
  readonly groupRoles: Map<string, string[]>;
  /** Group targets of a group's scoped role, by `<group ID> <role type>` (okta.group.Role targetGroupLists); none: the whole org. */
  readonly groupRoleTargets: Map<string, string[]>;
  /** Recomputes the role-holder answers after userRoles, groupRoles or memberships changed. */
  refreshRoles(): void;
  /** People assigned to the app one by one (scope USER). */
  readonly directAppUsers: string[];
}

const inputsOf = (resources: readonly PlannedResource[], type: string) => resources.filter((resource) => resource.type === type);

export async function seedOrgFromPlan(
  model: AccessModel,
  resources: readonly PlannedResource[],
  seedPeople: readonly SeedPerson[],
  tokens: { okta: string; duplo: string },
): Promise<SeededOrg> {
  const okta = await new OktaEmulator(tokens.okta).start();
  okta.identityGovernance = true;
  const ids = new Map<string, string>();
  const users: EmulatedUser[] = okta.users;
  const addUser = (person: SeedPerson, planId?: string) => {
    const id = person.id ?? oktaId("00u", person.login);
    users.push({
      id,
      status: person.status ?? "ACTIVE",
      profile: { login: person.login, email: person.login, firstName: person.firstName, lastName: person.lastName, ...person.profile },
    });
    ids.set(person.login.toLowerCase(), id);
    ids.set(`00u-${person.login.toLowerCase()}`, id);
    if (planId) ids.set(planId, id);
  };
  for (const person of seedPeople) addUser(person);
  for (const user of inputsOf(resources, "okta:user/user:User")) {
    const login = String(user.inputs.login);
    addUser({ login, firstName: String(user.inputs.firstName), lastName: String(user.inputs.lastName) }, `${user.name}-id`);
  }

  const groupMembers = new Map<string, Set<string>>();
  const groupNames = new Map<string, string>();
  for (const group of inputsOf(resources, "okta:group/group:Group")) {
    const id = oktaId("00g", String(group.inputs.name));
    ids.set(`${group.name}-id`, id);
    groupNames.set(id, String(group.inputs.name));
    groupMembers.set(id, new Set());
  }
  const mapId = (planId: string) => ids.get(planId) ?? planId;
  for (const membership of inputsOf(resources, "okta:index/groupMemberships:GroupMemberships")) {
    const members = groupMembers.get(mapId(String(membership.inputs.groupId)))!;
    for (const user of membership.inputs.users as string[]) members.add(mapId(user));
  }
  // Rules see the memberships the API made, not those other rules make: evaluate against a copy.
  const apiMemberships = new Map([...groupMembers].map(([id, members]) => [id, new Set(members)]));
  const rules = inputsOf(resources, "okta:group/rule:Rule").map((rule) => {
    const expression = String(rule.inputs.expressionValue).replace(/"([^"]+-id)"/g, (_, planId: string) => `"${mapId(planId)}"`);
    return { id: oktaId("0pr", rule.name), name: String(rule.inputs.name), expression, groupIds: (rule.inputs.groupAssignments as string[]).map(mapId) };
  });
  const apiGroupsOf = new Map<string, Array<{ id: string; name: string }>>();
  for (const [id, members] of apiMemberships) for (const member of members) apiGroupsOf.set(member, [...(apiGroupsOf.get(member) ?? []), { id, name: groupNames.get(id)! }]);
  const active = users.filter((u) => u.status === "ACTIVE");
  // A rule that tests no membership answers alike for people with the same values of what it reads: one evaluation per set of values.
  const alike = (attributes: readonly string[]) => {
    const byValues = new Map<string, EmulatedUser[]>();
    for (const user of active) {
      const key = JSON.stringify(attributes.map((attribute) => user.profile[attribute] ?? null));
      const batch = byValues.get(key);
      if (batch) batch.push(user);
      else byValues.set(key, [user]);
    }
    return [...byValues.values()];
  };
  for (const rule of rules) {
    const parsed = parseGroupRuleExpression(rule.expression);
    const known = new Set(parsed.attributes);
    const batches = parsed.groupReferences.length > 0 ? active.map((user) => [user]) : alike([...known]);
    for (const batch of batches) {
      const outcome = evaluateRule(parsed.tree!, { profile: batch[0]!.profile as Record<string, string>, known, groups: apiGroupsOf.get(batch[0]!.id) ?? [] });
      if (outcome.decided && outcome.value) for (const user of batch) for (const target of rule.groupIds) groupMembers.get(target)!.add(user.id);
    }
  }
  for (const [id, members] of groupMembers) okta.groups.push({ id, name: groupNames.get(id)!, members: [...members] });
  // A group the file references as a directory's (source: directory) existed before the stack, an
  // APP_GROUP the plan never writes (okta-management-openapi-spec, Group.type): it is there, empty
  // until a test or the sandbox's console changes put the directory's people in it.
  for (const group of model.groups) {
    if (group.source === "directory" && group.importId !== undefined && !okta.groups.some((existing) => existing.id === group.importId))
      okta.groups.push({ id: group.importId, name: group.name, members: [], type: "APP_GROUP" });
  }
  okta.lists.set("/api/v1/groups/rules", () =>
    rules.map((rule) => ({
      id: rule.id,
      name: rule.name,
      status: "ACTIVE",
      type: "group_rule",
      conditions: { expression: { value: rule.expression, type: "urn:okta:expression:1.0" } },
      actions: { assignUserToGroups: { groupIds: rule.groupIds } },
    })),
  );

  const groupRoles = new Map<string, string[]>();
  for (const role of inputsOf(resources, "okta:group/role:Role")) {
    const groupId = mapId(String(role.inputs.groupId));
    groupRoles.set(groupId, [...(groupRoles.get(groupId) ?? []), String(role.inputs.roleType)]);
  }
  const groupRoleTargets = new Map<string, string[]>();
  for (const role of inputsOf(resources, "okta:group/role:Role")) {
    const targets = (role.inputs.targetGroupLists as string[] | undefined) ?? [];
    if (targets.length > 0) groupRoleTargets.set(`${mapId(String(role.inputs.groupId))} ${String(role.inputs.roleType)}`, targets.map(mapId));
  }
  // A role's targets as Okta lists them (listGroupTargetsForGroupRole, listGroupTargetsForRole:
  // Group objects; "If the role isn't scoped to specific group targets, Okta returns an empty
  // array", okta-management-openapi-spec), app targets none (listApplicationTargetsFor...: []).
  const serveTargets = (assignment: string, groupIds: readonly string[]) => {
    okta.lists.set(`${assignment}/targets/groups`, () => groupIds.map((id) => ({ id, profile: { name: okta.groups.find((group) => group.id === id)?.name ?? "" } })));
    okta.lists.set(`${assignment}/targets/catalog/apps`, () => []);
  };
  const userRoles = new Map<string, Array<{ type: string; assignmentType: "USER" | "GROUP"; groupId?: string }>>();
  const refreshRoles = () => {
    const all = new Map<string, Array<{ type: string; assignmentType: "USER" | "GROUP"; groupId?: string }>>();
    for (const [userId, roles] of userRoles) all.set(userId, [...roles]);
    for (const [groupId, roles] of groupRoles) {
      okta.lists.set(`/api/v1/groups/${groupId}/roles`, () => roles.map((type) => ({ id: oktaId("ra", `${groupId}${type}`), type, assignmentType: "GROUP" })));
      for (const type of roles) serveTargets(`/api/v1/groups/${groupId}/roles/${oktaId("ra", `${groupId}${type}`)}`, groupRoleTargets.get(`${groupId} ${type}`) ?? []);
      for (const member of okta.groups.find((group) => group.id === groupId)!.members) {
        all.set(member, [...(all.get(member) ?? []), ...roles.map((type) => ({ type, assignmentType: "GROUP" as const, groupId }))]);
      }
    }
    okta.objects.set("/api/v1/iam/assignees/users", () => ({ value: [...all.keys()].sort().map((id) => ({ id, orn: `orn:okta:directory:org:users:${id}` })), _links: {} }));
    for (const [userId, roles] of all) {
      for (const role of roles) if (role.assignmentType === "USER") serveTargets(`/api/v1/users/${userId}/roles/${oktaId("ra", `${userId}${role.type}`)}`, []);
      okta.lists.set(`/api/v1/users/${userId}/roles`, () =>
        roles.map((role) => ({
          id: oktaId("ra", `${userId}${role.type}${role.groupId ?? ""}`),
          type: role.type,
          assignmentType: role.assignmentType,
          status: "ACTIVE",
          ...(role.groupId ? { _links: { assignee: { href: `${okta.url}/api/v1/groups/${role.groupId}` } } } : {}),
        })),
      );
    }
  };

  const appResource = inputsOf(resources, "okta:app/oAuth:OAuth").find((app) => app.name === "duplocloud-app")!;
  const appId = oktaId("0oa", appResource.name);
  const policyResource = inputsOf(resources, "okta:index/appSignonPolicy:AppSignonPolicy")[0]!;
  const policyId = oktaId("rst", policyResource.name);
  ids.set(`${appResource.name}-id`, appId);
  ids.set(`${policyResource.name}-id`, policyId);
  // An OIDC app's client_id is its app ID (Okta's Application.credentials.oauthClient.client_id; the
  // provider's okta_app_oauth `client_id` is the resource ID): the plan's mock client IDs map to it.
  for (const app of inputsOf(resources, "okta:app/oAuth:OAuth")) {
    ids.set(`${app.name}-id`, oktaId("0oa", app.name));
    ids.set(`${app.name}-client-id`, oktaId("0oa", app.name));
  }
  const apps = inputsOf(resources, "okta:app/oAuth:OAuth").map((app) => ({
    id: oktaId("0oa", app.name),
    label: app.inputs.label,
    settings: {
      oauthClient: {
        redirect_uris: app.inputs.redirectUris ?? [],
        grant_types: app.inputs.grantTypes,
        ...(app.inputs.jwksUri ? { jwks_uri: app.inputs.jwksUri } : {}),
      },
    },
    credentials: { oauthClient: { client_id: oktaId("0oa", app.name), token_endpoint_auth_method: app.inputs.tokenEndpointAuthMethod ?? "client_secret_basic" } },
    ...(app.name === appResource.name ? { _links: { accessPolicy: { href: `${okta.url}/api/v1/policies/${policyId}` } } } : {}),
  }));
  // The scopes granted to a service app (listScopeConsentGrants, GET /api/v1/apps/{appId}/grants:
  // OAuth2ScopeConsentGrant objects, okta-management-openapi-spec) and its admin roles
  // (listRolesForClient, GET /oauth2/v1/clients/{clientId}/roles: StandardRole objects).
  for (const grant of inputsOf(resources, "okta:index/appOauthApiScope:AppOauthApiScope")) {
    const appId = mapId(String(grant.inputs.appId));
    okta.lists.set(`/api/v1/apps/${appId}/grants`, () =>
      (grant.inputs.scopes as string[]).map((scopeId) => ({
        id: oktaId("oag", `${appId}${scopeId}`),
        issuer: grant.inputs.issuer,
        scopeId,
        clientId: appId,
        source: "ADMIN",
        status: "ACTIVE",
      })),
    );
  }
  for (const role of resources.filter((resource) => resource.type.startsWith("okta:index/oauth2V1ClientsRole"))) {
    const clientId = mapId(String(role.inputs.clientId));
    okta.lists.set(`/oauth2/v1/clients/${clientId}/roles`, () => [
      { id: oktaId("ra", `${clientId}${String(role.inputs.type)}`), type: role.inputs.type, assignmentType: "CLIENT", status: "ACTIVE", label: String(role.inputs.type) },
    ]);
  }
  okta.lists.set("/api/v1/apps", () => apps);
  const assignedGroups = inputsOf(resources, "okta:app/groupAssignment:GroupAssignment").map((assignment) => mapId(String(assignment.inputs.groupId)));
  const appGroups = assignedGroups.map((id) => ({ id, priority: 0, _embedded: { group: { id, profile: { name: groupNames.get(id) } } } }));
  okta.lists.set(`/api/v1/apps/${appId}/groups`, () => appGroups);
  // listApplicationUsers lists everyone assigned, through a group (scope GROUP) or one by one (USER).
  const directUsers: string[] = [];
  okta.lists.set(`/api/v1/apps/${appId}/users`, () => {
    const viaGroups = new Set(okta.groups.filter((group) => appGroups.some((g) => g.id === group.id)).flatMap((group) => group.members));
    return [...[...viaGroups].filter((id) => !directUsers.includes(id)).map((id) => ({ id, scope: "GROUP" })), ...directUsers.map((id) => ({ id, scope: "USER" }))];
  });

  const ruleResource = inputsOf(resources, "okta:index/appSignonPolicyRule:AppSignonPolicyRule")[0]!;
  const signOnRules = [
    {
      id: oktaId("rul", ruleResource.name),
      name: ruleResource.inputs.name,
      priority: ruleResource.inputs.priority,
      status: "ACTIVE",
      system: false,
      type: "ACCESS_POLICY",
      actions: {
        appSignOn: {
          access: ruleResource.inputs.access,
          verificationMethod: {
            type: "ASSURANCE",
            factorMode: ruleResource.inputs.factorMode,
            reauthenticateIn: ruleResource.inputs.reAuthenticationFrequency,
            constraints: ((ruleResource.inputs.constraints as string[] | undefined) ?? []).map((text) => JSON.parse(text) as unknown),
          },
        },
      },
    },
    {
      id: oktaId("rul", "catch-all"),
      name: "Catch-all Rule",
      priority: 99,
      status: "ACTIVE",
      system: true,
      type: "ACCESS_POLICY",
      actions: {
        appSignOn: { access: policyResource.inputs.catchAll === false ? "DENY" : "ALLOW", verificationMethod: { type: "ASSURANCE", factorMode: "1FA", constraints: [] } },
      },
    },
  ];
  okta.objects.set(`/api/v1/policies/${policyId}`, () => ({ id: policyId, name: policyResource.inputs.name, type: "ACCESS_POLICY", status: "ACTIVE", system: false }));
  okta.lists.set(`/api/v1/policies/${policyId}/rules`, () => signOnRules);

  // An API token's network condition as Okta's ApiToken object carries it (`network.connection`,
  // `include`, `exclude`: okta-management-openapi-spec, ApiToken.network); the provider's inputs say `includes`/`excludes`.
  const apiTokens = inputsOf(resources, "okta:index/apiToken:ApiToken").map((token) => {
    const network = token.inputs.network as { connection?: string; includes?: string[]; excludes?: string[] } | undefined;
    return {
      id: token.inputs.idProperty,
      name: token.inputs.name,
      userId: token.inputs.userId,
      ...(network ? { network: { connection: network.connection ?? "ANYWHERE", include: network.includes ?? [], exclude: network.excludes ?? [] } } : {}),
    };
  });
  okta.lists.set("/api/v1/api-tokens", () => apiTokens);

  const tenantIds = Object.fromEntries(model.tenants.map((tenant) => [`t-${tenant}`, tenant]));
  const duplo = await new DuploEmulator(tokens.duplo, tenantIds).start();
  // The portal's users and tenant grants as the stack's dynamic resources write them (src/duplocloud/resources.ts).
  for (const user of inputsOf(resources, "pulumi-nodejs:dynamic/duplocloud:User")) {
    const username = String(user.inputs.username);
    duplo.users.set(username, { Username: username, Roles: [...(user.inputs.roles as string[])], IsReadOnly: Boolean(user.inputs.readOnly) });
  }
  for (const grant of inputsOf(resources, "pulumi-nodejs:dynamic/duplocloud:TenantGrant")) {
    const username = String(grant.inputs.username);
    duplo.access.set(username, (duplo.access.get(username) ?? new Map<string, boolean>()).set(`t-${String(grant.inputs.tenant)}`, Boolean(grant.inputs.readOnly)));
  }

  const groupIdOf = (name: string) => {
    const group = okta.groups.find((g) => g.name === name);
    if (!group) throw new Error(`no group ${name}`);
    return group.id;
  };
  const org: SeededOrg = {
    okta,
    duplo,
    ids,
    appId,
    policyId,
    groupId: groupIdOf,
    userId: (login) =>
      ids.get(login.toLowerCase()) ??
      (() => {
        throw new Error(`no user ${login}`);
      })(),
    addMember: (groupName, login) => {
      const group = okta.groups.find((g) => g.name === groupName)!;
      (group.members as string[]).push(org.userId(login));
    },
    userRoles,
    groupRoles,
    groupRoleTargets,
    refreshRoles,
    directAppUsers: directUsers,
  };
  refreshRoles();
  return org;
}
