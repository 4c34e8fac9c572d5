/*
 * What a request that got no answer ran into, in words, from the error fetch throws: Node's fetch
 * (undici) rejects with `TypeError: fetch failed` and puts the socket's or TLS's error on `cause`
 * (`cause.code`: ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED, ...; Node's errors documentation, "Common
 * system errors", and undici's errors); `AbortSignal.timeout` rejects with a `TimeoutError`
 * (WHATWG DOM, AbortSignal.timeout()). "fetch failed" alone says neither what nor where.
 *
 * Plain functions with no module-level state: the DuploCloud client runs inside Pulumi dynamic
 * providers, whose closure serialiser copies what a function captures (config/portal-url.ts).
 */

export type NetworkFailureKind = "timeout" | "tls" | "network";

/** The code fetch's `cause` carries, else its message (a bad port), else undefined. */
export function causeCodeOf(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === "string") return cause.code;
  return typeof cause?.message === "string" ? cause.message.slice(0, 100) : undefined;
}

/** The kind of failure and what it was, e.g. `connection refused (ECONNREFUSED)`, `no answer within 30 s`. */
export function networkFailureOf(error: unknown, timeoutMs: number): { kind: NetworkFailureKind; what: string } {
  const name = (error as Error | undefined)?.name;
  if (name === "TimeoutError" || name === "AbortError")
    return { kind: "timeout", what: `no answer within ${timeoutMs >= 1000 && timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`}` };
  const code = causeCodeOf(error);
  if (code === undefined) return { kind: "network", what: (error as Error | undefined)?.message ?? String(error) };
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)) return { kind: "tls", what: `the TLS handshake failed (${code})` };
  if (code === "ECONNREFUSED") return { kind: "network", what: `connection refused (${code})` };
  if (code === "ENOTFOUND") return { kind: "network", what: `name not found (${code})` };
  if (code === "EAI_AGAIN") return { kind: "network", what: `name lookup failed for now (${code})` };
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return { kind: "network", what: `the connection was dropped (${code})` };
  if (code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT") return { kind: "network", what: `the connection timed out (${code})` };
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return { kind: "network", what: `no route to the host (${code})` };
  return { kind: "network", what: `the connection failed (${code})` };
}
