import type { AccessModel } from "../access/model";
import { byText } from "../access/text-order";

/** A grant with an end date, and how far that is from today. */
export interface ExpiringGrant {
  readonly holder: string;
  readonly tenant: string;
  readonly level: string;
  readonly expires: string;
  /** Negative once the last day has passed. */
  readonly daysLeft: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `today` to `date` (both YYYY-MM-DD, UTC). */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/**
 * Grants that end within `withinDays` of today, and those already past their date, soonest first.
 * Reads the file as written (expired grants included), so it works on a file that no longer validates
 * only because a grant expired.
 */
export function expiringGrants(model: Pick<AccessModel, "datedGrants">, today: string, withinDays: number): ExpiringGrant[] {
  return model.datedGrants
    .map((grant) => ({ holder: `team ${grant.team}`, tenant: grant.tenant, level: grant.level, expires: grant.expires, daysLeft: daysBetween(today, grant.expires) }))
    .filter((grant) => grant.daysLeft <= withinDays)
    .sort((a, b) => byText(a.expires, b.expires) || byText(a.holder, b.holder) || byText(a.tenant, b.tenant));
}
