/*
 * The re-authentication period of the DuploCloud app's sign-on rule (`reauthenticateEvery`, sent as
 * `reAuthenticationFrequency`). Okta stores it as an ISO-8601 duration and answers with its own
 * form; a value written in another form (`P1D`) may come back rewritten (`PT24H`) and then differ
 * from the program on every preview. So the file takes only the forms Okta is known to return as
 * sent:
 * - hours, `PT<n>H`: Okta's management spec (okta/okta-management-openapi-spec,
 *   dist/current/management-minimal.yaml, schema AssuranceMethod.reauthenticateIn: "for example,
 *   PT2H, PT0S, PT43800H") and terraform-provider-okta's acceptance tests, which read back `PT2H`
 *   and `PT43800H` (okta/services/idaas/resource_okta_app_signon_policy_rule_test.go);
 * - hours and minutes, `PT<h>H<m>M` with 1-59 minutes: the same tests read back `PT2H10M`
 *   (TestAccResourceOktaAppSignOnPolicyRule_ReauthenticationFrequency);
 * - `PT0S`, every sign-in: the spec's policy rule response examples carry `reauthenticateIn: PT0S`.
 */

/** The forms above, as one pattern (also the JSON schema's). */
export const REAUTHENTICATION_PATTERN = /^PT(?:0S|[1-9]\d*H(?:(?:[1-9]|[1-5]\d)M)?)$/;

/** Any ISO-8601 duration of days, hours, minutes and seconds, as people write them. */
const ISO_DURATION = /^P(?!$)(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** An ISO-8601 duration (days to seconds) in seconds; undefined when it is not one. */
export function durationSeconds(duration: string): number | undefined {
  const match = ISO_DURATION.exec(duration);
  if (!match) return undefined;
  const [, days, hours, minutes, seconds] = match;
  return Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3_600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
}

/** The period in a form Okta keeps, for a number of seconds (rounded up to whole minutes, at least an hour unless zero). */
function keptForm(seconds: number): string {
  if (seconds === 0) return "PT0S";
  const minutes = Math.max(60, Math.ceil(seconds / 60));
  const [hours, rest] = [Math.floor(minutes / 60), minutes % 60];
  return rest === 0 ? `PT${hours}H` : `PT${hours}H${rest}M`;
}

/** Why a value is refused and what to write instead: the same period in Okta's form, or the nearest longer one. */
export function reauthenticationAdvice(value: unknown): string {
  const seconds = typeof value === "string" ? durationSeconds(value) : undefined;
  const forms = "hours (PT12H), hours and minutes (PT2H30M), or PT0S for every sign-in";
  if (seconds === undefined) return `must be a period in the form Okta returns: ${forms}`;
  const form = keptForm(seconds);
  const exact = durationSeconds(form) === seconds;
  return `must be written the way Okta returns it, or it differs on every preview: ${exact ? `write ${form}, the same period` : `write ${form} (the nearest longer period Okta keeps as written)`}; the forms are ${forms}`;
}
