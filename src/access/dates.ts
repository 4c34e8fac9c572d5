/*
 * Dates of grants: YYYY-MM-DD in UTC, compared as text (ISO dates order as they read).
 */

/** True when a grant is still in force on `today` (YYYY-MM-DD, UTC): `expires` is the last day. */
export function isGrantActive(expires: string | undefined, today: string): boolean {
  return expires === undefined || expires >= today;
}

/** Today's date in UTC as YYYY-MM-DD; tests and reviews pass their own. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
