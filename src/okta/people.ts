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
}

/**
 * Okta user IDs of `logins`, by lower-cased login, in about logins/50 look-ups. A login Okta does
 * not know fails the preview, naming the login and where the file writes it.
 */
export function lookUpPeople(args: PeopleLookupArgs, opts: pulumi.InvokeOutputOptions): Map<string, pulumi.Output<string>> {
  const ids = new Map<string, pulumi.Output<string>>();
  const logins = [...new Set(args.logins)].sort();
  for (let start = 0; start < logins.length; start += LOGINS_PER_LOOKUP) {
    const batch = logins.slice(start, start + LOGINS_PER_LOOKUP);
    const found = okta.user.getUsersOutput(
      { searches: batch.map((login) => ({ name: "profile.login", value: login, comparison: "eq" })), compoundSearchOperator: "or" },
      opts,
    );
    for (const login of batch) {
      ids.set(
        login,
        found.users.apply((users) => {
          const user = users.find((candidate) => candidate.login.toLowerCase() === login);
          if (!user) {
            const where = args.namedAt.get(login) ?? "the access file";
            // A RunError: Pulumi shows the message alone (the SDK would print the whole resource graph).
            throw new pulumi.RunError(`${where}: ${login} is not an Okta user (no user has this login); fix the login, or list the account under users for the stack to create it`);
          }
          return user.id;
        }),
      );
    }
  }
  return ids;
}
