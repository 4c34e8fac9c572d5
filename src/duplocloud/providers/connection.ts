import { DuploClient, type DuploConnection } from "../client";
import { isDuploApiError } from "../errors";
import { portalOf, samePortal } from "../../config/portal-url";

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

/**
 * A DuploCloud resource never moves to another portal: a replacement would delete it on the old
 * portal (a break-glass user gone) and send the token and secrets to the new one. diff() calls this,
 * so a changed host fails the preview before anything happens.
 */
export function refuseMove(olds: { connection: ConnectionInputs }, news: { connection: ConnectionInputs }, what: string): void {
  const old = portalOf(olds.connection.host, "the DuploCloud host in the state");
  const now = portalOf(news.connection.host, "duplocloud:host");
  if (samePortal(old, now)) return;
  throw new Error(
    `${what} lives on ${old.url}, and this stack now names ${now.url}. The stack never moves DuploCloud objects between portals (that would delete them on the old one). To move deliberately: \`pulumi state delete\` the DuploCloud resources (they stay on the old portal), then \`pulumi up\` creates them on the new one; or give the new portal a stack of its own.`,
  );
}

/**
 * Polls `seen` until it is true, as DuploCloud's Terraform provider waits after its writes: for
 * presence after a create or update, for absence after a delete or a revoke, never for the values
 * written to read back (duplocloud/Utils.go `waitForResourceToBePresentAfterCreate`,
 * `waitForResourceToBeMissingAfterDelete`; resource_duplo_user.go, resource_duplo_user_tenant_access.go).
 * A portal that stores what it was sent in its own way shows up at the next read as drift, not as a
 * failed write. Bounded by `waitTimeoutMs` (duplocloud:writeWaitSeconds); the error says what was not seen.
 */
export async function waitUntil(connection: ConnectionInputs, what: string, seen: () => Promise<boolean>, notSeen?: (seconds: number) => string): Promise<void> {
  const timeoutMs = connection.waitTimeoutMs ?? 120_000;
  const intervalMs = connection.pollIntervalMs ?? 2_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await seen()) return;
    if (Date.now() + intervalMs > deadline) {
      throw new Error(
        notSeen?.(timeoutMs / 1000) ??
          `DuploCloud accepted the change but did not show ${what} within ${timeoutMs / 1000} s; run \`pulumi refresh\` to see what the portal holds, or raise duplocloud:writeWaitSeconds`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Waits until `stillThere` is false. A 400 or 404 while looking counts as gone, as in DuploCloud's
 * `waitForResourceToBeMissingAfterDelete` (duplocloud/Utils.go).
 */
export async function waitUntilGone(connection: ConnectionInputs, what: string, stillThere: () => Promise<boolean>): Promise<void> {
  await waitUntil(connection, what, async () => {
    try {
      return !(await stillThere());
    } catch (error) {
      if (isDuploApiError(error) && (error.status === 400 || error.status === 404)) return true;
      throw error;
    }
  });
}

/** The answer read() gives for an object that is gone: a blank ID, which tells the engine it was deleted. */
export const GONE: { readonly id: string } = { id: "" };
