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
  /** Take over a user the portal already has (`adopt: true` in the access file). Default false: such a user is refused. */
  readonly adopt?: boolean;
}

/** What the state holds: the inputs, and whether the user existed before the stack took it over. */
export interface DuploUserOutputs extends DuploUserInputs {
  /**
   * True when create found the user already there (adopt: true): delete then leaves it. Absent in
   * state written before adoption existed, when create silently took over existing users: such a
   * user is deleted as before (which of them existed beforehand was never recorded).
   */
  readonly adopted?: boolean;
}

/** Thrown at create for a user the portal already has when the entry does not say adopt: true. */
export class ExistingUserError extends Error {
  override readonly name = "ExistingUserError";
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

/*
 * DuploCloud's own Terraform provider (terraform-provider-duplocloud, duplocloud/resource_duplo_user.go)
 * creates with POST admin/UpdateUserRole without looking first, so an existing user is silently
 * overwritten, and its delete always deletes (an imported user too). Here a user the portal already
 * has is taken over only when the entry says so (adopt: true, critical in the review), and delete
 * removes only a user the stack created: an adopted one is left as it is.
 */
export const duploUserProvider: pulumi.dynamic.ResourceProvider<DuploUserInputs, DuploUserOutputs> = {
  /** A new user is created; an existing one is refused unless adopt is set, then updated only if it differs. */
  async create(inputs) {
    const existing = await findUser(inputs);
    if (existing && !inputs.adopt) {
      throw new ExistingUserError(
        `DuploCloud user ${existing.Username} already exists in the portal (roles ${sortedRoles(existing.Roles ?? []).join(", ") || "none"}${existing.IsReadOnly ? ", read-only" : ""}); ` +
          "the stack creates only new users. To manage this user, add adopt: true to its entry under duplocloud.users (reviewers see it as critical), or remove the entry. " +
          "If an earlier up created it and failed before saving its state, adopt it the same way.",
      );
    }
    if (!existing || !matches(existing, inputs)) await save(inputs, existing !== undefined);
    return { id: inputs.username, outs: { ...inputs, roles: sortedRoles(inputs.roles), adopted: existing !== undefined } };
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

  /** Whether the user was adopted is decided once, at create, and kept. */
  async update(_id, olds, news) {
    if (!sameAccess(olds, news)) await save(news, true);
    return { outs: { ...news, roles: sortedRoles(news.roles), adopted: olds.adopted === true } };
  },

  /** A user already gone counts as deleted; an adopted user is left in the portal as it is. */
  async delete(_id, props) {
    if (props.adopted === true) return;
    await clientFor(props.connection).deleteUser(props.username);
  },
};
