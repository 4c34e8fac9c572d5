import type { Direction } from "./change-types";

/*
 * An API token's network restriction (the fact's value is its JSON, access-facts.ts) in words, and
 * how one restriction compares with another. Okta's token network condition: `connection` ANYWHERE
 * (any network; the schema's default) or ZONE, with zones it `include`s and `exclude`s (Okta
 * management spec, `ApiTokenNetwork`; terraform-provider-okta resource_okta_api_token.go `network`).
 * Validation refuses ZONE without an included zone.
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
  const never = network.excludes.length > 0 ? `; never from ${network.excludes.join(", ")}` : "";
  return `ZONE (from ${network.includes.join(", ")}${never})`;
}

const anywhere = (network: TokenNetwork) => network.connection === "ANYWHERE";
const someNotIn = (list: readonly string[], other: readonly string[]) => list.some((zone) => !other.includes(zone));

/** Whether `wide` lets the token in from a network `narrow` does not: ANYWHERE over a zone, a zone it adds, a zone it no longer excludes. */
function reachesMore(wide: TokenNetwork, narrow: TokenNetwork): boolean {
  if (anywhere(narrow)) return false;
  return anywhere(wide) || someNotIn(wide.includes, narrow.includes) || someNotIn(narrow.excludes, wide.excludes);
}

/** Where `after` lets the token in from a network `before` did not: wider; only less: narrower. */
export function tokenNetworkDirection(beforeValue: string, afterValue: string): Direction {
  const [before, after] = [parse(beforeValue), parse(afterValue)];
  if (reachesMore(after, before)) return "widens";
  return reachesMore(before, after) ? "narrows" : "changes";
}

/** A token newly managed with ANYWHERE can be used from any network. */
export const tokenUsableAnywhere = (value: string) => parse(value).connection === "ANYWHERE";
