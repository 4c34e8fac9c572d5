/** Why a DuploCloud API call failed, so callers (and people) know what to do next. */
export type DuploErrorKind = "auth" | "not-found" | "rate-limited" | "server" | "client" | "network" | "timeout";

/**
 * A failed DuploCloud API call. The message names the method, path and status and says what to do;
 * it never contains the token (we never put it anywhere but the Authorization header).
 */
export class DuploApiError extends Error {
  constructor(
    readonly kind: DuploErrorKind,
    readonly method: string,
    readonly path: string,
    readonly status: number | undefined,
    detail: string,
  ) {
    super(`DuploCloud ${method} ${path}${status ? ` answered ${status}` : " failed"}: ${detail}`);
    this.name = "DuploApiError";
  }

  /** True for failures a later attempt may not repeat. */
  get retryable(): boolean {
    return this.kind === "rate-limited" || this.kind === "server" || this.kind === "network" || this.kind === "timeout";
  }
}

export function adviceFor(kind: DuploErrorKind): string {
  switch (kind) {
    case "auth":
      return "the DuploCloud token is wrong or expired; create a new API token in the portal and set it with `pulumi config set --secret duplocloud:token` (or DUPLO_TOKEN)";
    case "not-found":
      return "the named object does not exist in the portal";
    case "rate-limited":
      return "the portal is rate-limiting us; try again later";
    case "server":
      return "the portal had an internal error; try again, and contact DuploCloud support if it persists";
    case "network":
      return "the connection failed or was dropped; check duplocloud:host (or DUPLO_HOST) and the network";
    case "timeout":
      return "the portal did not answer in time";
    case "client":
      return "the portal refused the request";
  }
}
