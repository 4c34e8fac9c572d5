import { DuploClient, type DuploConnection } from "../client";

/**
 * How a dynamic resource reaches the portal. It travels in the resource's inputs and outputs (as a
 * Pulumi secret, because of the token) so that every provider method, including delete after the
 * program changed, builds its client from state and never from module state captured at
 * serialisation time.
 */
export interface ConnectionInputs extends DuploConnection {
  /** Per-request timeout in ms. Default: the client's. */
  readonly timeoutMs?: number;
  /** Attempts per request. Default: the client's. */
  readonly maxAttempts?: number;
  /** First back-off delay in ms. Default: the client's. */
  readonly baseDelayMs?: number;
}

export function clientFor(connection: ConnectionInputs): DuploClient {
  return new DuploClient(
    { host: connection.host, token: connection.token },
    {
      ...(connection.timeoutMs !== undefined ? { timeoutMs: connection.timeoutMs } : {}),
      ...(connection.maxAttempts !== undefined ? { maxAttempts: connection.maxAttempts } : {}),
      ...(connection.baseDelayMs !== undefined ? { baseDelayMs: connection.baseDelayMs } : {}),
    },
  );
}

/** A resource moves to another portal only by replacement. */
export function portalChanged(olds: { connection: ConnectionInputs }, news: { connection: ConnectionInputs }): boolean {
  return olds.connection.host.replace(/\/+$/, "") !== news.connection.host.replace(/\/+$/, "");
}

/** The answer read() gives for an object that is gone: a blank ID, which tells the engine it was deleted. */
export const GONE: { readonly id: string } = { id: "" };
