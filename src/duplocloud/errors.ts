/*
 * Errors of DuploCloud API calls. They are plain `Error` objects with fields, made by a function,
 * not a class: this code runs inside Pulumi dynamic providers, whose closure serialiser rewrites
 * `class X extends Error` into `Error.call(this, msg)`, which sets no message (the engine then
 * showed an empty error). A plain Error keeps its message and fields wherever it runs.
 */

/** Why a DuploCloud API call failed, so callers (and people) know what to do next. */
export type DuploErrorKind = "auth" | "forbidden" | "not-found" | "rate-limited" | "unavailable" | "server" | "client" | "redirect" | "bad-answer" | "network" | "tls" | "timeout";

/**
 * A failed DuploCloud API call. The message names the method, path and status and says what to do;
 * it never contains the token (we never put it anywhere but the Authorization header).
 */
export interface DuploApiError extends Error {
  readonly name: "DuploApiError";
  readonly kind: DuploErrorKind;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
}

export function duploApiError(kind: DuploErrorKind, method: string, path: string, status: number | undefined, detail: string, shownAs: string = path): DuploApiError {
  const error = new Error(`DuploCloud ${method} ${shownAs}${status ? ` answered ${status}` : " failed"}: ${detail}`);
  error.name = "DuploApiError";
  return Object.assign(error, { kind, method, path, status }) as DuploApiError;
}

export function isDuploApiError(value: unknown): value is DuploApiError {
  return value instanceof Error && value.name === "DuploApiError" && typeof (value as Partial<DuploApiError>).kind === "string";
}

/**
 * True for failures worth another attempt: rate limiting, a portal or gateway that was unavailable,
 * no answer at all. Not all of them prove the portal did nothing: a timeout, a dropped connection or
 * a gateway's 502/504 may follow a write the portal applied (client.ts re-sends only upserts, and
 * confirms an "already exists" answer by reading). A 500 may have applied a write; it is not repeated.
 */
export function isRetryable(kind: DuploErrorKind): boolean {
  return kind === "rate-limited" || kind === "unavailable" || kind === "network" || kind === "timeout";
}

export function adviceFor(kind: DuploErrorKind): string {
  switch (kind) {
    case "auth":
      return "the DuploCloud token is wrong or expired; create a new API token in the portal and set it with `pulumi config set --secret duplocloud:token` (or DUPLO_TOKEN)";
    case "forbidden":
      return "the portal accepted the token but refuses it this request: the token's user needs the Administrator role in DuploCloud (an API token of an administrator)";
    case "not-found":
      return "the named object does not exist in the portal";
    case "rate-limited":
      return "the portal is rate-limiting us; try again later";
    case "unavailable":
      return "the portal is unavailable; try again later";
    case "server":
      return "the portal had an internal error and the change may or may not have been applied; run `pulumi refresh`, then try again, and contact DuploCloud support if it persists";
    case "redirect":
      return "the portal answered with a redirect; set duplocloud:host to the portal's own https URL";
    case "bad-answer":
      return "run `pulumi refresh` to see what the portal holds before trying again";
    case "tls":
      return "the portal's certificate was not accepted; check duplocloud:host and the certificate, this is not retried";
    case "network":
      return "the connection failed or was dropped; check duplocloud:host (or the access file's portal) and the network";
    case "timeout":
      return "the portal did not answer in time";
    case "client":
      return "the portal refused the request";
  }
}
