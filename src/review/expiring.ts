import type { AccessModel } from "../access/model";
import { endOf, instantOf, type Expiry } from "../access/dates";
import { targetSaid } from "../access/temporary-access";
import { byText } from "../access/text-order";

/** A grant with an end, and how far that is from now. */
export interface ExpiringGrant {
  /** `team payments`, or the person of a temporary grant. */
  readonly holder: string;
  /** What it gives: `tenant dev01 (read-write)`, `role administrators`. */
  readonly what: string;
  readonly expires: string;
  /** Whole days from today (of now) to the day it ends; negative once that day has passed. */
  readonly daysLeft: number;
  /** True once its end has come. */
  readonly ended: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `today` to `date` (both YYYY-MM-DD, UTC). */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/**
 * Grants (teams' and temporary ones) that end within `withinDays` of `when`, and those already
 * ended, soonest first. Reads the file as written (ended grants included), so it works on a file
 * that no longer validates only because a grant ended.
 */
export function expiringGrants(model: Pick<AccessModel, "datedGrants" | "temporaryGrants">, when: Exclude<Expiry, "ignore">, withinDays: number): ExpiringGrant[] {
  const now = instantOf(when)!;
  const today = new Date(now).toISOString().slice(0, 10);
  const of = (holder: string, what: string, expires: string): ExpiringGrant => ({
    holder,
    what,
    expires,
    daysLeft: daysBetween(today, expires.slice(0, 10)),
    ended: now >= endOf(expires),
  });
  return [
    ...model.datedGrants.map((grant) => of(`team ${grant.team}`, `tenant ${grant.tenant} (${grant.level})`, grant.expires)),
    ...model.temporaryGrants.map((grant) => of(grant.person, `temporary ${targetSaid(grant.target)}`, grant.expires)),
  ]
    .filter((grant) => grant.daysLeft <= withinDays)
    .sort((a, b) => endOf(a.expires) - endOf(b.expires) || byText(a.holder, b.holder) || byText(a.what, b.what));
}
