import { networkFailureOf } from "../config/network-failure";
import { serviceAppAuthorization } from "./oauth-token";
import { ROLE_WRITE_SCOPE } from "./role-operations";

/*
 * The credential the stack's own Okta writes send (the admin-role roll-back, the service apps'
 * scoped roles): the one the Okta provider is configured with, in plain text, only inside a
 * deployment (a hook, or a dynamic resource whose inputs hold it as a Pulumi secret).
 * Plain functions with no module-level state: dynamic providers serialise what they capture.
 */

export interface OktaWriteAccess {
  /** https://acme.okta.com */
  readonly orgUrl: string;
  /** `okta:apiToken`, sent as `SSWS <token>` (Okta API reference, "API token"). */
  readonly apiToken?: string;
  /** `okta:clientId`, `okta:privateKeyId`, `okta:privateKey`: a token of scope okta.roles.manage (oauth-token.ts). */
  readonly oauth?: { readonly clientId: string; readonly privateKeyId?: string; readonly privateKey: string };
}

/**
 * The Authorization header for role reads and writes: an OAuth token holds both scopes, since
 * getGroupAssignedRole, retrieveClientRole and the target lists need okta.roles.read (the spec's
 * `security` of each).
 */
export async function authorizationFor(access: OktaWriteAccess): Promise<string> {
  if (access.apiToken) return `SSWS ${access.apiToken}`;
  if (access.oauth) return serviceAppAuthorization({ orgUrl: access.orgUrl, ...access.oauth }, `okta.roles.read ${ROLE_WRITE_SCOPE}`);
  throw new Error("the stack sets neither okta:apiToken nor okta:clientId with okta:privateKey, so it has no credential to reach Okta with");
}

/** Longest wait for a rate-limit window to reset, and 429s in a row before giving up. */
const MAX_WAIT_MS = 60_000;
const MAX_RATE_LIMITED = 5;
const TIMEOUT_MS = 30_000;

/**
 * One request to the org with `authorization` (got once per operation, so OAuth asks for one token,
 * not one per request). A 429 waits until the window's reset (`X-Rate-Limit-Reset`, UTC epoch
 * seconds; developer.okta.com/docs/reference/rl-best-practices/), at most a minute each time and
 * five times in a row, then fails. An answer outside `accepted` is an error naming the request and
 * Okta's summary, never the credential.
 */
export async function oktaRequest(
  orgUrl: string,
  authorization: string,
  method: string,
  path: string,
  body?: unknown,
  accepted: readonly number[] = [200, 204],
): Promise<Response> {
  const url = `${orgUrl}${path}`;
  for (let limited = 0; ; limited++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { Authorization: authorization, Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: "error",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new Error(`${method} ${url} got no answer: ${networkFailureOf(error, TIMEOUT_MS).what}`);
    }
    if (response.status === 429 && limited < MAX_RATE_LIMITED) {
      const reset = Number(response.headers.get("x-rate-limit-reset")) * 1000;
      await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_WAIT_MS, Math.max(1_000, Number.isFinite(reset) ? reset - Date.now() : 1_000))));
      continue;
    }
    if (!accepted.includes(response.status)) {
      const answer = (await response.json().catch(() => undefined)) as { errorSummary?: unknown } | undefined;
      const summary = typeof answer?.errorSummary === "string" ? ` (${answer.errorSummary.slice(0, 200)})` : "";
      throw new Error(`${method} ${url} answered ${response.status}${summary}`);
    }
    return response;
  }
}
