import type { Direction } from "./change-types";

/*
 * An API token's network restriction (the fact's value is its JSON, access-facts.ts) in words, and
 * how one restriction compares with another. Okta's token network condition: `connection` ANYWHERE
 * (any network; the schema's default) or ZONE, with zones it `include`s and `exclude`s (Okta
 * management spec, `ApiTokenNetwork`; terraform-provider-okta resource_okta_api_token.go `network`).
 * A ZONE restriction that includes no zone is read at its widest (any network but the excluded
 * zones): the review errs towards asking for approval.
 */

interface TokenNetwork {
  readonly connection: string;
  readonly includes: readonly string[];
  readonly excludes: readonly string[];
}

const parse = (value: string) => JSON.parse(value) as TokenNetwork;

/** `ANYWHERE (any network)`, `ZONE (from nzo1…; never from nzo2…)`. */
export function tokenNetworkWords(value: string): string {
  const network = parse(value);
  if (network.connection === "ANYWHERE") return "ANYWHERE (any network)";
  const parts = [
    network.includes.length > 0 ? `from ${network.includes.join(", ")}` : "from any network",
    ...(network.excludes.length > 0 ? [`never from ${network.excludes.join(", ")}`] : []),
  ];
  return `ZONE (${parts.join("; ")})`;
}

/** Whether the token may be used from any network but the excluded zones. */
const unbounded = (network: TokenNetwork) => network.connection === "ANYWHERE" || network.includes.length === 0;
/** The zones a network keeps out; ANYWHERE keeps none out. */
const keptOut = (network: TokenNetwork) => (network.connection === "ANYWHERE" ? [] : network.excludes);
const someNotIn = (list: readonly string[], other: readonly string[]) => list.some((zone) => !other.includes(zone));

/** Where `after` lets the token in from a network `before` did not: wider; only less: narrower. */
export function tokenNetworkDirection(beforeValue: string, afterValue: string): Direction {
  const [before, after] = [parse(beforeValue), parse(afterValue)];
  const widens =
    someNotIn(keptOut(before), keptOut(after)) || (unbounded(after) ? !unbounded(before) : !unbounded(before) && someNotIn(after.includes, before.includes));
  if (widens) return "widens";
  const narrows =
    someNotIn(keptOut(after), keptOut(before)) || (unbounded(before) ? !unbounded(after) : !unbounded(after) && someNotIn(before.includes, after.includes));
  return narrows ? "narrows" : "changes";
}

/** A token newly managed with ANYWHERE can be used from any network. */
export const tokenUsableAnywhere = (value: string) => parse(value).connection === "ANYWHERE";
