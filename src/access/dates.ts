/*
 * When grants end. `expires` is a day (`YYYY-MM-DD`: the grant ends at the end of that day, UTC) or
 * a UTC time to the minute (`YYYY-MM-DDTHH:MMZ`: it ends at that minute). Everything that asks
 * "is this grant over" (the model, validation, the expiring list, the policy pack) asks here.
 */

/**
 * How grants' ends count when a model is loaded: as of an instant (`now`, ISO 8601), as of a day
 * (`today`, YYYY-MM-DD: its first instant, so a grant whose last day it is still counts), or not at
 * all ("ignore": every grant counts and nothing is warned), for a revision that was valid when it
 * was merged and for a command that reports the ends itself. The access layer never reads the
 * clock: the caller says when it is (config/clock.ts reads it).
 */
export type Expiry = { readonly now: string } | { readonly today: string } | "ignore";

const DAY_FORM = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_FORM = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})Z$/;
/** The two forms `expires` is written in, for the JSON Schema editors read. */
export const END_PATTERN = "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}Z)?$";
export const END_FORMS = "a date written YYYY-MM-DD (the grant ends at the end of that day, UTC) or a UTC time written YYYY-MM-DDTHH:MMZ";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Why `text` is not an end a grant can have (its form, or a day or time that does not exist); undefined when it is one. */
export function endProblem(text: string): string | undefined {
  const parts = DAY_FORM.exec(text) ?? TIME_FORM.exec(text);
  if (!parts) return `must be ${END_FORMS}`;
  const [year, month, day, hour = 0, minute = 0] = parts.slice(1).map(Number) as [number, number, number, number?, number?];
  if (month < 1 || month > 12) return `${text} is not a date: there is no month ${parts[2]}; write the month 01 to 12`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `${text} is not a date: ${MONTHS[month - 1]} ${year} has ${days} days`;
  if (hour > 23 || minute > 59) return `${text} is not a time: write the hour 00 to 23 and the minute 00 to 59 (UTC)`;
  return undefined;
}

/** The instant (ms since the epoch) a grant ends: the given minute, or the first instant after its last day. `expires` is valid (endProblem). */
export function endOf(expires: string): number {
  return DAY_FORM.test(expires) ? Date.parse(`${expires}T00:00:00Z`) + DAY_MS : Date.parse(expires.replace("Z", ":00Z"));
}

/** The instant (ms) `expiry` stands for; undefined for "ignore". */
export function instantOf(expiry: Expiry): number | undefined {
  if (expiry === "ignore") return undefined;
  return "now" in expiry ? Date.parse(expiry.now) : Date.parse(`${expiry.today}T00:00:00Z`);
}

/** True when a grant is in force under `expiry`: it has no end, or its end is still to come. */
export function isGrantActive(expires: string | undefined, expiry: Expiry): boolean {
  const now = instantOf(expiry);
  return expires === undefined || now === undefined || now < endOf(expires);
}

/** "today is 2026-12-07" or "now is 2026-12-07T17:20Z": when `expiry` is, as a message says it. */
export function whenSaid(expiry: Exclude<Expiry, "ignore">): string {
  return "now" in expiry ? `now is ${minuteText(Date.parse(expiry.now))}` : `today is ${expiry.today}`;
}

/** An instant to the minute, in the form `expires` takes (seconds are dropped: an end is a minute). */
export function minuteText(instant: number): string {
  return `${new Date(Math.floor(instant / MINUTE_MS) * MINUTE_MS).toISOString().slice(0, 16)}Z`;
}

/** How an end reads for people: a day as written, a time as written with "UTC" spelled out. */
export function endSaid(expires: string): string {
  return DAY_FORM.test(expires) ? expires : `${expires.slice(0, 10)} ${expires.slice(11, 16)} UTC`;
}
