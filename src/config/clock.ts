import { accessNow, accessToday } from "./environment";
import type { Expiry } from "../access/dates";

/**
 * The one place the clock is read. The access layer never reads it: loading a model takes the
 * instant as an option (`expiry` in access/validate.ts), so the same file gives the same model
 * whenever it is given the same instant. ACCESS_NOW (an ISO 8601 instant) sets the clock, and wins
 * over ACCESS_TODAY (a day: its first instant); tests and reviews of an earlier time use them.
 */

/** The instant (ISO 8601, UTC) it is now: ACCESS_NOW, else ACCESS_TODAY's first instant, else the clock. */
export function now(): string {
  const set = accessNow();
  if (set !== undefined) {
    const instant = Date.parse(set);
    // A date alone (no time) parses too; only a full instant is what ACCESS_NOW promises.
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(set) || Number.isNaN(instant)) throw new Error(`ACCESS_NOW must be an ISO 8601 instant such as 2026-12-07T17:20:00Z, not "${set}"`);
    return new Date(instant).toISOString();
  }
  const day = accessToday();
  return day !== undefined ? `${day}T00:00:00.000Z` : new Date().toISOString();
}

/** Today (YYYY-MM-DD, UTC) of `now()`. */
export function today(): string {
  return now().slice(0, 10);
}

/**
 * How grants' ends count when a command or the program loads a model: as of ACCESS_NOW or the
 * clock (to the minute), or as of ACCESS_TODAY when only a day is given (messages then name the day).
 */
export function clockExpiry(): Expiry {
  return accessNow() === undefined && accessToday() !== undefined ? { today: today() } : { now: now() };
}
