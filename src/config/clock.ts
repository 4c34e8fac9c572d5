import { accessToday } from "./environment";

/**
 * The one place the clock is read. The access layer never reads it: loading a model takes the
 * day as an option (`expiry` in access/validate.ts), so the same file gives the same model on any
 * day it is given the same date.
 */

/** Today (YYYY-MM-DD, UTC), or ACCESS_TODAY when it is set (tests and reviews of an earlier day). */
export function today(): string {
  return accessToday() ?? new Date().toISOString().slice(0, 10);
}
