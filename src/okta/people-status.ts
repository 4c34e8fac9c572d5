/*
 * What a looked-up person's Okta status means for the stack. Okta's `search` on users returns every
 * status, DEPROVISIONED included (okta-management-openapi-spec, management-minimal.yaml,
 * `listUsers`, parameter `search`), and each result carries `status`. The status values are the
 * spec's `UserStatus` enum. Note: the provider's users data source reports PASSWORD_EXPIRED and
 * RECOVERY as ACTIVE (terraform-provider-okta, resource_okta_user.go, mapStatus), so through
 * `pulumi preview` those two are seen only when a look-up answers with them directly.
 *
 * Someone who left the company (DEPROVISIONED) must not block the deploy that changes someone else's
 * access: they are left out of everything sent to Okta, and the preview says which lines to remove.
 * Every other status that cannot sign in right now keeps its place, with a located warning.
 */

/** The status of a person who has left: never sent to Okta. */
export const DEPROVISIONED = "DEPROVISIONED";

/** Statuses that keep their place in every list, each with why the person cannot sign in (or not fully) now. */
export const DOUBTFUL_STATUSES: Readonly<Record<string, string>> = {
  SUSPENDED: "is SUSPENDED in Okta: they cannot sign in until an administrator unsuspends them",
  LOCKED_OUT: "is LOCKED_OUT in Okta: they cannot sign in until they are unlocked",
  STAGED: "is STAGED in Okta: the account was never activated, so they cannot sign in",
  PROVISIONED: "is PROVISIONED in Okta: activated, but they have not set a password yet",
  RECOVERY: "is in RECOVERY in Okta: a password reset is under way",
  PASSWORD_EXPIRED: "has an expired password in Okta (PASSWORD_EXPIRED): they must change it at their next sign-in",
};

/** Whether a person with this status is sent to Okta (in memberships, owner lists and rule terms). */
export const isSentToOkta = (status: string | undefined) => status !== DEPROVISIONED;

/**
 * The located warnings about the people the look-up found, one per place (`access/dev.yaml:12:14`)
 * the file names each of them, in login order then file order. ACTIVE people get none.
 */
export function statusWarnings(statusByLogin: Readonly<Record<string, string>>, namedLines: ReadonlyMap<string, readonly string[]>): string[] {
  const warnings: string[] = [];
  for (const login of Object.keys(statusByLogin).sort()) {
    const status = statusByLogin[login]!;
    const what =
      status === DEPROVISIONED
        ? "is DEPROVISIONED in Okta (deactivated: they have left or cannot sign in again): left out of every membership, owner list and rule this stack sends to Okta; remove the line that names them"
        : DOUBTFUL_STATUSES[status] && `${DOUBTFUL_STATUSES[status]}; kept where the file names them`;
    if (!what) continue;
    for (const place of namedLines.get(login) ?? ["the access file"]) warnings.push(`${place}: ${login} ${what}`);
  }
  return warnings;
}
