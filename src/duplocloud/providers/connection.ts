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
  /** How long to wait for the portal to show a write (DuploCloud applies some writes late). Default 120 s. */
  readonly waitTimeoutMs?: number;
  /** How often to look while waiting. Default 2 s. */
  readonly pollIntervalMs?: number;
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

const portalOf = (connection: ConnectionInputs) => connection.host.replace(/\/+$/, "").toLowerCase();

/**
 * A DuploCloud resource never moves to another portal: a replacement would delete it on the old
 * portal (a break-glass user gone) and send the token and secrets to the new one. diff() calls this,
 * so a changed host fails the preview before anything happens.
 */
export function refuseMove(olds: { connection: ConnectionInputs }, news: { connection: ConnectionInputs }, what: string): void {
  if (portalOf(olds.connection) === portalOf(news.connection)) return;
  throw new Error(
    `${what} lives on ${portalOf(olds.connection)}, and this stack now names ${portalOf(news.connection)}. The stack never moves DuploCloud objects between portals (that would delete them on the old one). To move deliberately: \`pulumi state delete\` the DuploCloud resources (they stay on the old portal), then \`pulumi up\` creates them on the new one; or give the new portal a stack of its own.`,
  );
}

/**
 * Polls `seen` until it is true: DuploCloud applies some writes after it answered, and its own
 * Terraform provider waits the same way (after a user is saved, after a grant, between a revoke and
 * a re-grant). Bounded by `waitTimeoutMs`; the error says what was not seen.
 */
export async function waitUntil(connection: ConnectionInputs, what: string, seen: () => Promise<boolean>): Promise<void> {
  const timeoutMs = connection.waitTimeoutMs ?? 120_000;
  const intervalMs = connection.pollIntervalMs ?? 2_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await seen()) return;
    if (Date.now() + intervalMs > deadline) {
      throw new Error(
        `DuploCloud accepted the change but did not show ${what} within ${timeoutMs / 1000} s; run \`pulumi refresh\` to see what the portal holds, or raise duplocloud:writeWaitSeconds`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The answer read() gives for an object that is gone: a blank ID, which tells the engine it was deleted. */
export const GONE: { readonly id: string } = { id: "" };
