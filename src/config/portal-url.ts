/*
 * The one reading of a web address the stack sends tokens to or sends people to: the DuploCloud
 * portal (the access file's `duplocloud.portal`, `duplocloud:host`, `--portal`, `--host`) and the
 * Okta org URL of the read-only tools. One loopback rule, one normaliser: every module that needs a
 * portal's URL or host takes them from here.
 *
 * The DuploCloud client and its dynamic providers call these functions, and Pulumi serialises them
 * with the provider: plain comparisons only, no module-level Set or Map (the closure serialiser
 * copies a captured Set as a plain object, whose `.has()` then throws inside the provider).
 */

/**
 * Hosts where plain http never leaves this machine (tests, emulators): the loopback names the WHATWG
 * URL parser gives `URL.hostname` (`localhost`, IPv4 `127.0.0.1`, IPv6 in brackets, `[::1]`).
 */
export function isLoopbackHostname(hostname: string): boolean {
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}

/** Why a URL is refused as a place to send a token: not a URL at all, or not https off loopback. */
export type SecureUrlProblem = "not-a-url" | "not-https";

/** The parsed URL when it is https, or http to loopback; else why not. Callers word the message. */
export function secureUrlOf(text: string): { readonly url: URL } | { readonly problem: SecureUrlProblem; readonly url?: URL } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: "not-a-url" };
  }
  if (url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHostname(url.hostname))) return { url };
  return { problem: "not-https", url };
}

/** A DuploCloud portal as the stack uses it everywhere. */
export interface Portal {
  /** `https://acme.duplocloud.net`: scheme and host lower-cased, default port dropped, no trailing slash. */
  readonly url: string;
  /** `acme.duplocloud.net` (with its port when not the default): what the Okta app's redirect URIs name. */
  readonly host: string;
}

/** The portal of an already checked URL (secureUrlOf, or the access file's schema). */
export function portalOfUrl(url: URL): Portal {
  return { url: `${url.origin}${url.pathname.replace(/\/+$/, "")}`, host: url.host };
}

export class PortalUrlError extends Error {}

/**
 * The portal named by `text`, checked once: a URL, https (plain http only to loopback). `what`
 * names where the text came from in the error, e.g. `duplocloud:host`.
 */
export function portalOf(text: string, what: string): Portal {
  const checked = secureUrlOf(text);
  if ("problem" in checked) {
    throw new PortalUrlError(
      checked.problem === "not-a-url"
        ? `${what} ${JSON.stringify(text.slice(0, 100))} is not a URL; write the portal's https URL, e.g. https://acme.duplocloud.net`
        : `${what} ${checked.url!.origin} is not https; the portal is only reached over https (plain http only to loopback)`,
    );
  }
  return portalOfUrl(checked.url);
}

/** Whether two portals are one: the same normalised URL (case of scheme and host, default port and trailing slashes aside). */
export function samePortal(a: Portal, b: Portal): boolean {
  return a.url === b.url;
}
