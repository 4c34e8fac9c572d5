/*
 * Dates of grants: YYYY-MM-DD in UTC, compared as text (ISO dates order as they read).
 */

/**
 * How grants' end dates count when a model is loaded: as of `today` (YYYY-MM-DD, UTC; a grant past
 * its date is left out, with a warning), or not at all ("ignore": every grant counts and nothing is
 * warned), for a revision that was valid when it was merged and for a command that reports the
 * dates itself. The access layer never reads the clock: the caller says which day it is
 * (config/clock.ts reads it).
 */
export type Expiry = { readonly today: string } | "ignore";

/** True when a grant is in force under `expiry`: `expires` is the grant's last day. */
export function isGrantActive(expires: string | undefined, expiry: Expiry): boolean {
  return expires === undefined || expiry === "ignore" || expires >= expiry.today;
}
