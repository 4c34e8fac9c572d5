import type * as pulumi from "@pulumi/pulumi";
import type { DuploRole, DuploUser } from "../client";
import { clientFor, GONE, refuseMove, waitUntil, type ConnectionInputs } from "./connection";

/** An explicit DuploCloud user: break-glass administrators and service users that do not come from Okta. */
export interface DuploUserInputs {
  readonly connection: ConnectionInputs;
  /** The user's email (DuploCloud identifies people by email). */
  readonly username: string;
  readonly roles: DuploRole[];
  readonly readOnly: boolean;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const sortedRoles = (roles: readonly string[]) => [...roles].sort() as DuploRole[];

/** Same roles (in any order) and the same read-only flag: nothing to write. */
function sameAccess(a: { roles: readonly string[]; readOnly: boolean }, b: { roles: readonly string[]; readOnly: boolean }): boolean {
  return JSON.stringify(sortedRoles(a.roles)) === JSON.stringify(sortedRoles(b.roles)) && a.readOnly === b.readOnly;
}

function matches(user: DuploUser, wanted: DuploUserInputs): boolean {
  return sameAccess({ roles: user.Roles ?? [], readOnly: Boolean(user.IsReadOnly) }, wanted);
}

async function findUser(inputs: DuploUserInputs): Promise<DuploUser | undefined> {
  const users = await clientFor(inputs.connection).listUsers();
  return users.find((user) => sameName(user.Username, inputs.username));
}

/** Saves the user, then waits until the portal lists it as saved. */
async function save(inputs: DuploUserInputs, update: boolean): Promise<void> {
  await clientFor(inputs.connection).saveUser({ Username: inputs.username, Roles: sortedRoles(inputs.roles), IsReadOnly: inputs.readOnly }, update);
  await waitUntil(inputs.connection, `user ${inputs.username} with roles ${sortedRoles(inputs.roles).join(", ")}${inputs.readOnly ? " (read-only)" : ""}`, async () => {
    const listed = await findUser(inputs);
    return listed !== undefined && matches(listed, inputs);
  });
}

export const duploUserProvider: pulumi.dynamic.ResourceProvider<DuploUserInputs, DuploUserInputs> = {
  /** Idempotent: a user that already exists as wanted is adopted; one that differs is updated. */
  async create(inputs) {
    const existing = await findUser(inputs);
    if (!existing || !matches(existing, inputs)) await save(inputs, existing !== undefined);
    return { id: inputs.username, outs: { ...inputs, roles: sortedRoles(inputs.roles) } };
  },

  /** Reports the portal's view, so `pulumi refresh` shows roles or flags changed by hand, or a deleted user. */
  async read(id, props) {
    const existing = await findUser(props!);
    if (!existing) return GONE;
    return { id, props: { ...props!, roles: sortedRoles(existing.Roles ?? []), readOnly: Boolean(existing.IsReadOnly) } };
  },

  async diff(_id, olds, news) {
    refuseMove(olds, news, `DuploCloud user ${olds.username}`);
    const replaces = !sameName(olds.username, news.username) ? ["username"] : [];
    const changes = replaces.length > 0 || !sameAccess(olds, news) || olds.connection.token !== news.connection.token;
    return { changes, replaces, deleteBeforeReplace: true };
  },

  async update(_id, olds, news) {
    if (!sameAccess(olds, news)) await save(news, true);
    return { outs: { ...news, roles: sortedRoles(news.roles) } };
  },

  /** A user already gone counts as deleted. */
  async delete(_id, props) {
    await clientFor(props.connection).deleteUser(props.username);
  },
};
