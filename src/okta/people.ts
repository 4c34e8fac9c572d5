import * as pulumi from "@pulumi/pulumi";
import * as okta from "@pulumi/okta";
import { isSentToOkta, statusWarnings } from "./people-status";

/*
 * People are referenced, never owned: the file names them by Okta login, and the program looks
 * them up at deploy time with the provider's okta_users data source. Owning them as okta.user.User
 * would PUT their whole profile (wiping attributes a directory masters, or failing with 403 for
 * AD/LDAP/HR-mastered profiles) and make a refresh undo suspensions other admins made.
 */

/** Searches per look-up: one okta.user.getUsers call ORs at most this many `profile.login eq` searches. */
export const LOGINS_PER_LOOKUP = 50;

/**
 * Longest URL-encoded `search` value of one look-up. Okta warns that "an overly complex or long
 * search query can result in an error" without a number (okta-management-openapi-spec,
 * management-minimal.yaml, `listUsers`, parameter `search`). This cap is ours, not Okta's: about
 * half the 8 KB request line many web servers and proxies accept by default. 50 logins of up to
 * about 50 characters fit in one look-up; longer logins take more look-ups.
 */
export const MAX_ENCODED_SEARCH_LENGTH = 4_000;

/** The data source's token, for mocks and the engine harness. */
export const GET_USERS_TOKEN = "okta:user/getUsers:getUsers";

const searchTerm = (login: string) => `profile.login eq "${login}"`;
const SEARCH_JOIN = " or ";

/**
 * The `search` the provider sends for a batch: each search as `<name> <comparison> "<value>"`, joined
 * with the compound operator (terraform-provider-okta, data_source_okta_user.go, getSearchCriteria).
 */
export const searchExpression = (logins: readonly string[]) => logins.map(searchTerm).join(SEARCH_JOIN);

/** Logins cut into look-ups of at most LOGINS_PER_LOOKUP, each search at most MAX_ENCODED_SEARCH_LENGTH once URL-encoded. */
export function lookupBatches(logins: readonly string[]): string[][] {
  // encodeURIComponent encodes each character on its own (ECMA-262, Encode), so a search's encoded
  // length is the sum of its terms' and joins': each login is encoded once, not its whole batch again.
  const joinLength = encodeURIComponent(SEARCH_JOIN).length;
  const batches: string[][] = [];
  let current: string[] = [];
  let currentLength = 0;
  for (const login of logins) {
    const termLength = encodeURIComponent(searchTerm(login)).length;
    const fits = current.length < LOGINS_PER_LOOKUP && currentLength + joinLength + termLength <= MAX_ENCODED_SEARCH_LENGTH;
    if (!fits && current.length > 0) {
      batches.push(current);
      current = [];
    }
    currentLength = current.length === 0 ? termLength : currentLength + joinLength + termLength;
    current.push(login);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export interface PeopleLookupArgs {
  /** Lower-cased logins to resolve. */
  readonly logins: readonly string[];
  /** Where each login is first written in the access file, for the error when Okta does not know it. */
  readonly namedAt: ReadonlyMap<string, string>;
  /** Every place each login is written, for the warnings about people who cannot sign in. */
  readonly namedLines: ReadonlyMap<string, readonly string[]>;
  /** Accounts the stack creates or adopts, by lower-cased email: never looked up. */
  readonly managed: ReadonlyMap<string, pulumi.Output<string>>;
}

/** What one look-up found for a login. */
interface FoundPerson {
  readonly id: string;
  readonly status: string;
}

/** Okta user IDs of the people the file names, resolved in about N/50 look-ups. */
export class PeopleIds {
  /** Every ID the lists need, by login, resolved once. */
  private readonly allIds: pulumi.Output<Readonly<Record<string, string>>>;
  /** The IDs of everyone sent to Okta (not DEPROVISIONED), by login: each group's list is one apply on it. */
  private readonly sentIds: pulumi.Output<Readonly<Record<string, string>>>;
  /** Looked-up logins Okta has deactivated (DEPROVISIONED): never sent to Okta, in a list or a rule's login test. */
  readonly leftOut: pulumi.Output<readonly string[]>;
  /** The located warnings about looked-up people who cannot sign in now (also logged by the preview). */
  readonly warnings: pulumi.Output<readonly string[]>;

  constructor(args: PeopleLookupArgs, opts: pulumi.InvokeOutputOptions) {
    const logins = [...new Set(args.logins)].filter((login) => !args.managed.has(login)).sort();
    const batches = lookupBatches(logins).map((batch) =>
      okta.user
        .getUsersOutput({ searches: batch.map((login) => ({ name: "profile.login", value: login, comparison: "eq" })), compoundSearchOperator: "or" }, opts)
        .users.apply((users) => byLogin(batch, users)),
    );
    // Two views of the answers. `checked` fails (a RunError naming each line) when Okta does not know
    // a login; the IDs of every membership and owner list read it, so Pulumi reports the failure as
    // it is. `answers` never fails: the warnings and the rule terms read it (a failure reaching a
    // rule's expression would be reported wrapped in serialization errors).
    const answers = pulumi.all(batches);
    const checked = answers.apply((parts): Record<string, FoundPerson> => {
      failOnUnknown(
        parts.flatMap((part) => part.unknown),
        args.namedAt,
      );
      return Object.assign({}, ...parts.map((part) => part.found));
    });
    const managed = [...args.managed.keys()];
    // Plain records, not Maps: Pulumi rebuilds Output values as plain data.
    this.allIds = pulumi.all([checked, pulumi.all(managed.map((login) => args.managed.get(login)!))]).apply(([people, managedIds]): Record<string, string> => ({
      ...Object.fromEntries(Object.entries(people).map(([login, person]) => [login, person.id])),
      ...Object.fromEntries(managed.map((login, i) => [login, managedIds[i]!])),
    }));
    this.leftOut = answers.apply((parts) => parts.flatMap((part) => Object.keys(part.found).filter((login) => !isSentToOkta(part.found[login]!.status))));
    this.sentIds = pulumi.all([this.allIds, this.leftOut]).apply(([ids, leftOut]) => {
      const out = new Set(leftOut);
      return Object.fromEntries(Object.entries(ids).filter(([login]) => !out.has(login)));
    });
    this.warnings = answers.apply((parts) => {
      const statuses = Object.fromEntries(parts.flatMap((part) => Object.entries(part.found).map(([login, person]) => [login, person.status])));
      const warnings = statusWarnings(statuses, args.namedLines);
      // Warnings, never errors: someone leaving must not block the deploy that changes someone else's access.
      for (const warning of warnings) void pulumi.log.warn(warning);
      return warnings;
    });
  }

  /** The IDs of `logins`, in order, without the people Okta has deactivated: one Output for the whole list. */
  idsOf(logins: readonly string[]): pulumi.Output<string[]> {
    return this.sentIds.apply((ids) => logins.filter((login) => Object.hasOwn(ids, login)).map((login) => ids[login]!));
  }
}

/** One look-up's answer by login, and the logins it did not find. Okta's search ignores case in values (spec, `listUsers` `search`), so answers are matched lower-cased. */
function byLogin(batch: readonly string[], users: ReadonlyArray<{ id: string; login: string; status: string }>): { found: Record<string, FoundPerson>; unknown: string[] } {
  const found: Record<string, FoundPerson> = Object.fromEntries(users.map((user) => [user.login.toLowerCase(), { id: user.id, status: user.status }]));
  return { found, unknown: batch.filter((login) => !Object.hasOwn(found, login)) };
}

/** Logins Okta does not know fail the preview, each with where the file writes it; as a RunError, which Pulumi shows without a stack trace. */
function failOnUnknown(unknown: readonly string[], namedAt: ReadonlyMap<string, string>): void {
  if (unknown.length === 0) return;
  throw new pulumi.RunError(
    unknown
      .map(
        (login) =>
          `${namedAt.get(login) ?? "the access file"}: ${login} is not an Okta user (no user has this login); fix the login, or list the account under users for the stack to create it`,
      )
      .join("\n"),
  );
}
