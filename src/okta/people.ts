import * as pulumi from "@pulumi/pulumi";
import * as okta from "@pulumi/okta";

/*
 * People are referenced, never owned: the file names them by Okta login, and the program looks
 * them up at deploy time with the provider's okta_users data source. Owning them as okta.user.User
 * would PUT their whole profile (wiping attributes a directory masters, or failing with 403 for
 * AD/LDAP/HR-mastered profiles) and make a refresh undo suspensions other admins made.
 */

/** Searches per look-up: one okta.user.getUsers call ORs this many `profile.login eq` searches. */
export const LOGINS_PER_LOOKUP = 50;

/** The data source's token, for mocks and the engine harness. */
export const GET_USERS_TOKEN = "okta:user/getUsers:getUsers";

export interface PeopleLookupArgs {
  /** Lower-cased logins to resolve. */
  readonly logins: readonly string[];
  /** Where each login is written in the access file, for the error when Okta does not know it. */
  readonly namedAt: ReadonlyMap<string, string>;
  /** Accounts the stack creates or adopts, by lower-cased email: never looked up. */
  readonly managed: ReadonlyMap<string, pulumi.Output<string>>;
}

/** Okta user IDs of the people the file names, resolved in about N/50 look-ups. */
export class PeopleIds {
  /** Every ID the lists need, by login, resolved once: each group's list is one apply on it. */
  private readonly allIds: pulumi.Output<Readonly<Record<string, string>>>;

  constructor(args: PeopleLookupArgs, opts: pulumi.InvokeOutputOptions) {
    const logins = [...new Set(args.logins)].filter((login) => !args.managed.has(login)).sort();
    const batches: pulumi.Output<Readonly<Record<string, string>>>[] = [];
    for (let start = 0; start < logins.length; start += LOGINS_PER_LOOKUP) {
      const batch = logins.slice(start, start + LOGINS_PER_LOOKUP);
      batches.push(
        okta.user
          .getUsersOutput({ searches: batch.map((login) => ({ name: "profile.login", value: login, comparison: "eq" })), compoundSearchOperator: "or" }, opts)
          .users.apply((users) => byLogin(batch, users, args.namedAt)),
      );
    }
    const managed = [...args.managed.keys()];
    // Plain records, not Maps: Pulumi rebuilds Output values as plain data.
    this.allIds = pulumi
      .all([pulumi.all(batches), pulumi.all(managed.map((login) => args.managed.get(login)!))])
      .apply(([found, managedIds]): Record<string, string> => Object.assign({}, ...found, Object.fromEntries(managed.map((login, i) => [login, managedIds[i]!]))));
  }

  /** The IDs of `logins`, in order: one Output for the whole list, whatever its length. */
  idsOf(logins: readonly string[]): pulumi.Output<string[]> {
    return this.allIds.apply((ids) => logins.map((login) => ids[login]!));
  }
}

/**
 * One look-up's answer by login. Logins Okta does not know fail the preview, each with where the
 * file writes it; as a RunError, which Pulumi shows without a stack trace.
 */
function byLogin(batch: readonly string[], users: ReadonlyArray<{ id: string; login: string }>, namedAt: ReadonlyMap<string, string>): Readonly<Record<string, string>> {
  const ids: Record<string, string> = Object.fromEntries(users.map((user) => [user.login.toLowerCase(), user.id]));
  const unknown = batch.filter((login) => !Object.hasOwn(ids, login));
  if (unknown.length > 0) {
    throw new pulumi.RunError(
      unknown
        .map(
          (login) =>
            `${namedAt.get(login) ?? "the access file"}: ${login} is not an Okta user (no user has this login); fix the login, or list the account under users for the stack to create it`,
        )
        .join("\n"),
    );
  }
  return ids;
}
