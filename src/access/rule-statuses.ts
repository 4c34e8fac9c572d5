/*
 * Whom Okta's group rules act on. Okta's help ("Group rules",
 * help.okta.com/en/prod/Content/Topics/Directory/group-rules.htm): "To successfully move users to
 * their assigned groups, the user cannot be in a Pending or Inactive state". Pending activation is
 * STAGED (created, never activated) or PROVISIONED (activated, no password yet); inactive is
 * DEPROVISIONED. Suspended, locked-out and password-expired people are evaluated. So a new hire a
 * rule matches gets the group once activated, and nothing anyone changes in the file or the rule
 * gets them there earlier.
 */

/** Statuses of people pending activation, whom rules leave out until they are activated. */
export const PENDING_ACTIVATION: ReadonlySet<string> = new Set(["STAGED", "PROVISIONED"]);

/** Whether Okta's rules act on a person with this status. */
export const isEvaluatedByRules = (status: string): boolean => !PENDING_ACTIVATION.has(status) && status !== "DEPROVISIONED";
