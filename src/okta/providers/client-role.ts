import type * as pulumi from "@pulumi/pulumi";
import { authorizationFor, oktaRequest, type OktaWriteAccess } from "../write-access";

/*
 * A service app's admin role scoped to groups or apps, as a dynamic resource. pulumi-okta 7.0.0's
 * `okta.Oauth2V1ClientsRole*` resources take a client ID and a role type only, so a role given
 * through them acts on the whole org; Okta's API scopes a client's role like a group's
 * (okta-management-openapi-spec, dist/current/management-minimal.yaml, tags RoleAssignmentClient and
 * RoleBTargetClient: `assignRoleToClient`, `assignGroupTargetRoleForClient`,
 * `assignAppTargetInstanceRoleForClient`, `removeGroupTargetRoleFromClient`,
 * `removeAppTargetInstanceRoleForClient`, `retrieveClientRole`, `deleteRoleFromClient`, the target
 * lists). A role is given with no target and acts on the whole org until its first target is added,
 * so a create whose target fails removes the role again before it fails; an update adds the new
 * targets before it removes the old ones, since the last group target of a client's role cannot be
 * removed ("If you need a role assignment that applies to all groups, delete the role assignment
 * ... and create another one", removeGroupTargetRoleFromClient). Only roles with targets use this
 * resource (api-access.ts); it is replaced delete-first, as Okta refuses a role type twice.
 */

export interface ClientRoleInputs {
  readonly access: OktaWriteAccess;
  /** The service app's client_id. */
  readonly clientId: string;
  readonly roleType: string;
  /** Group IDs (GROUP_MEMBERSHIP_ADMIN, HELP_DESK_ADMIN, USER_ADMIN), sorted. */
  readonly targetGroupIds: readonly string[];
  /** App instances `<app name>.<app ID>` (APP_ADMIN), sorted. */
  readonly targetApps: readonly string[];
}

export type ClientRoleOutputs = ClientRoleInputs;

/** A request function with one credential for the whole operation (write-access.ts, oktaRequest). */
type Send = (method: string, path: string, body?: unknown, accepted?: readonly number[]) => Promise<Response>;

function sender(access: OktaWriteAccess): Send {
  let authorization: Promise<string> | undefined;
  return async (method, path, body, accepted) => oktaRequest(access.orgUrl, await (authorization ??= authorizationFor(access)), method, path, body, accepted);
}

const rolePath = (clientId: string, roleId?: string) => `/oauth2/v1/clients/${encodeURIComponent(clientId)}/roles${roleId === undefined ? "" : `/${encodeURIComponent(roleId)}`}`;
const groupTargetPath = (clientId: string, roleId: string, groupId: string) => `${rolePath(clientId, roleId)}/targets/groups/${encodeURIComponent(groupId)}`;
const appTargetPath = (clientId: string, roleId: string, app: string) => {
  const [name, id] = app.split(".");
  return `${rolePath(clientId, roleId)}/targets/catalog/apps/${encodeURIComponent(name!)}/${encodeURIComponent(id!)}`;
};

/** Adds each target (groups, then apps) to the assignment. */
async function addTargets(send: Send, inputs: ClientRoleInputs, roleId: string, groups: readonly string[], apps: readonly string[]): Promise<void> {
  for (const group of groups) await send("PUT", groupTargetPath(inputs.clientId, roleId, group));
  for (const app of apps) await send("PUT", appTargetPath(inputs.clientId, roleId, app));
}

/**
 * Every page of a target list (`Link: <...>; rel="next"`, followed on the org's own origin only).
 * Not read-api.ts's reader: Pulumi serialises a dynamic provider with what it captures, and that
 * module's reader (an async generator) does not survive the serialisation.
 */
async function listAll(send: Send, access: OktaWriteAccess, path: string): Promise<Array<{ id?: string; name?: string }>> {
  const items: Array<{ id?: string; name?: string }> = [];
  let next: string | undefined = `${path}?limit=200`;
  while (next !== undefined) {
    const response = await send("GET", next);
    items.push(...((await response.json()) as Array<{ id?: string; name?: string }>));
    const link = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
    next = link !== undefined && new URL(link).origin === new URL(access.orgUrl).origin ? link.slice(new URL(link).origin.length) : undefined;
  }
  return items;
}

export const clientRoleProvider: pulumi.dynamic.ResourceProvider<ClientRoleInputs, ClientRoleOutputs> = {
  /** Gives the role, then its targets; a target that fails takes the role back first (never left org-wide). */
  async create(inputs) {
    const send = sender(inputs.access);
    const assigned = await send("POST", rolePath(inputs.clientId), { type: inputs.roleType });
    const roleId = ((await assigned.json()) as { id: string }).id;
    try {
      await addTargets(send, inputs, roleId, inputs.targetGroupIds, inputs.targetApps);
    } catch (error) {
      const cause = (error as Error).message;
      try {
        await send("DELETE", rolePath(inputs.clientId, roleId), undefined, [204, 404]);
      } catch (removal) {
        throw new Error(
          `${inputs.roleType} of service app ${inputs.clientId} acts on the whole org: a target failed (${cause}) and taking the role back failed too (${(removal as Error).message}). Remove it now in the Admin Console (the app's Admin roles tab) or with DELETE ${inputs.access.orgUrl}${rolePath(inputs.clientId, roleId)}; then run \`pulumi up\` again.`,
        );
      }
      throw new Error(
        `${inputs.roleType} of service app ${inputs.clientId} could not be scoped (${cause}); the role was taken back, so the app holds no org-wide role. Fix the cause and run \`pulumi up\` again.`,
      );
    }
    return { id: roleId, outs: inputs };
  },

  /** The role and its targets as Okta has them; gone when Okta no longer has the assignment. */
  async read(id, props) {
    const current = props!;
    const send = sender(current.access);
    const found = await send("GET", rolePath(current.clientId, id), undefined, [200, 404]);
    if (found.status === 404) return { id: "" };
    const role = (await found.json()) as { type: string };
    const groups = role.type === "APP_ADMIN" ? [] : (await listAll(send, current.access, `${rolePath(current.clientId, id)}/targets/groups`)).map((group) => group.id!);
    const apps =
      role.type === "APP_ADMIN"
        ? (await listAll(send, current.access, `${rolePath(current.clientId, id)}/targets/catalog/apps`)).map((app) => (app.id ? `${app.name}.${app.id}` : app.name!))
        : [];
    return { id, props: { ...current, roleType: role.type, targetGroupIds: groups.sort(), targetApps: apps.sort() } };
  },

  async diff(_id, olds, news) {
    // State written by the provider's Oauth2V1ClientsRole* resource (the role had no targets; the
    // alias in api-access.ts makes this the same resource): replaced, delete-first, since Okta refuses
    // the role type twice. Its state has `type`, not this resource's roleType and access.
    if ((olds as Partial<ClientRoleOutputs>).roleType === undefined || (olds as Partial<ClientRoleOutputs>).access === undefined)
      return { changes: true, replaces: ["roleType"], deleteBeforeReplace: true };
    const replaces = [
      ...(olds.clientId !== news.clientId ? ["clientId"] : []),
      ...(olds.roleType !== news.roleType ? ["roleType"] : []),
      ...(olds.access.orgUrl !== news.access.orgUrl ? ["access"] : []),
    ];
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, index) => item === b[index]);
    const changes =
      replaces.length > 0 ||
      !same([...olds.targetGroupIds].sort(), [...news.targetGroupIds].sort()) ||
      !same([...olds.targetApps].sort(), [...news.targetApps].sort()) ||
      JSON.stringify(olds.access) !== JSON.stringify(news.access);
    return { changes, replaces, deleteBeforeReplace: true };
  },

  /** New targets first, then the old ones out: the role never loses its last target, so never acts on the whole org. */
  async update(id, olds, news) {
    const send = sender(news.access);
    await addTargets(
      send,
      news,
      id,
      news.targetGroupIds.filter((group) => !olds.targetGroupIds.includes(group)),
      news.targetApps.filter((app) => !olds.targetApps.includes(app)),
    );
    for (const group of olds.targetGroupIds.filter((old) => !news.targetGroupIds.includes(old)))
      await send("DELETE", groupTargetPath(news.clientId, id, group), undefined, [204, 404]);
    for (const app of olds.targetApps.filter((old) => !news.targetApps.includes(old))) await send("DELETE", appTargetPath(news.clientId, id, app), undefined, [204, 404]);
    return { outs: news };
  },

  /** Takes the role back; an assignment already gone counts as taken back. */
  async delete(id, props) {
    await sender(props.access)("DELETE", rolePath(props.clientId, id), undefined, [204, 404]);
  },
};
