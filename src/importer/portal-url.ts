import type { PortalState } from "./types";

/** The portal's URL as the file and the account write it: without a trailing slash. */
export function portalUrlOf(portal: PortalState): string {
  return portal.url.replace(/\/+$/, "");
}
