import type * as pulumi from "@pulumi/pulumi";
import type { DuploClient, DuploRole, DuploUser } from "../client";
import { findPortalUser } from "../usernames";
import { clientFor, GONE, refuseMove, waitUntil, waitUntilGone, type ConnectionInputs } from "./connection";

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

/** Thrown at create for a user the portal already has when the entry does not say adopt: true. */
export class ExistingUserError extends Error {
  override readonly name = "ExistingUserError";
}

export interface DuploUserOutputs extends DuploUserInputs {
  /**
   * The name as the portal spells it: every call after the first look-up uses it, because DuploCloud
   * compares names exactly (usernames.ts). Differs from `username` only in case, and then shows in
   * the state and in `npm run doctor`; it is never rewritten. Absent in state written before it existed.
   */
  readonly portalUsername?: string;
  /**
   * True when create found the user already there (adopt: true): delete then leaves it. Absent in
   * state written before adoption existed, when create silently took over existing users: such a
   * user is deleted as before (which of them existed beforehand was never recorded).
   */
  readonly adopted?: boolean;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const sortedRoles = (roles: readonly string[]) => [...roles].sort() as DuploRole[];
/** Roles compared ignoring order and case: a portal that stores "administrator" holds the Administrator role. */
const roleSet = (roles: readonly string[]) => JSON.stringify(roles.map((role) => role.toLowerCase()).sort());

/** Same roles (in any order or case) and the same read-only flag: nothing to write. */
function sameAccess(a: { roles: readonly string[]; readOnly: boolean }, b: { roles: readonly string[]; readOnly: boolean }): boolean {
  return roleSet(a.roles) === roleSet(b.roles) && a.readOnly === b.readOnly;
}

function matches(user: DuploUser, wanted: DuploUserInputs): boolean {
  return sameAccess({ roles: user.Roles, readOnly: Boolean(user.IsReadOnly) }, wanted);
}

async function findUser(client: DuploClient, username: string): Promise<DuploUser | undefined> {
  return findPortalUser(await client.listUsers(), username);
}

/** Saves the user under `portalName`, then waits until the portal lists that exact name (presence only). */
async function save(inputs: DuploUserInputs, portalName: string, update: boolean): Promise<void> {
  const client = clientFor(inputs.connection);
  await client.saveUser({ Username: portalName, Roles: sortedRoles(inputs.roles), IsReadOnly: inputs.readOnly }, update);
  await waitUntil(inputs.connection, `user ${portalName}`, async () => (await client.listUsers()).some((user) => user.Username === portalName));
}

const outputsOf = (inputs: DuploUserInputs, portalUsername: string, adopted: boolean): DuploUserOutputs => ({
  ...inputs,
  roles: sortedRoles(inputs.roles),
  portalUsername,
  adopted,
});

/*
 * DuploCloud's own Terraform provider (terraform-provider-duplocloud, duplocloud/resource_duplo_user.go)
 * creates with POST admin/UpdateUserRole without looking first, so an existing user is silently
 * overwritten, and its delete always deletes (an imported user too). Here a user the portal already
 * has is taken over only when the entry says so (adopt: true, critical in the review), and delete
 * removes only a user the stack created: an adopted one is left as it is.
 */
export const duploUserProvider: pulumi.dynamic.ResourceProvider<DuploUserInputs, DuploUserOutputs> = {
  /**
   * A new user is created; an existing one (found ignoring case) is refused unless adopt is set, then
   * updated only if it differs, under the portal's spelling.
   */
  async create(inputs) {
    const existing = await findUser(clientFor(inputs.connection), inputs.username);
    if (existing && !inputs.adopt) {
      throw new ExistingUserError(
        `DuploCloud user ${existing.Username} already exists in the portal (roles ${sortedRoles(existing.Roles ?? []).join(", ") || "none"}${existing.IsReadOnly ? ", read-only" : ""}); ` +
          "the stack creates only new users. To manage this user, add adopt: true to its entry under duplocloud.users (reviewers see it as critical), or remove the entry. " +
          "If an earlier up created it and failed before saving its state, adopt it the same way.",
      );
    }
    const portalName = existing?.Username ?? inputs.username;
    if (!existing || !matches(existing, inputs)) await save(inputs, portalName, existing !== undefined);
    return { id: inputs.username, outs: outputsOf(inputs, portalName, existing !== undefined) };
  },

  /** Reports the portal's view, so `pulumi refresh` shows roles or flags changed by hand, or a deleted user. */
  async read(id, props) {
    const existing = await findUser(clientFor(props!.connection), props!.portalUsername ?? props!.username);
    if (!existing) return GONE;
    return { id, props: { ...props!, roles: sortedRoles(existing.Roles), readOnly: Boolean(existing.IsReadOnly), portalUsername: existing.Username } };
  },

  async diff(_id, olds, news) {
    refuseMove(olds, news, `DuploCloud user ${olds.username}`);
    const replaces = !sameName(olds.username, news.username) ? ["username"] : [];
    const changes = replaces.length > 0 || !sameAccess(olds, news) || olds.connection.token !== news.connection.token;
    return { changes, replaces, deleteBeforeReplace: true };
  },

  /** Whether the user was adopted is decided once, at create, and kept. */
  async update(_id, olds, news) {
    let portalName = olds.portalUsername ?? news.username;
    if (!sameAccess(olds, news)) {
      const existing = await findUser(clientFor(news.connection), portalName);
      portalName = existing?.Username ?? news.username;
      await save(news, portalName, existing !== undefined);
    }
    return { outs: outputsOf(news, portalName, olds.adopted === true) };
  },

  /**
   * Deletes the user under the portal's spelling and waits until it is gone; a user already gone
   * counts as deleted; an adopted user is left in the portal as it is.
   */
  async delete(_id, props) {
    if (props.adopted === true) return;
    const client = clientFor(props.connection);
    const existing = await findUser(client, props.portalUsername ?? props.username);
    if (!existing) return;
    await client.deleteUser(existing.Username);
    await waitUntilGone(props.connection, `user ${existing.Username} gone`, async () => (await client.listUsers()).some((user) => user.Username === existing.Username));
  },
};
