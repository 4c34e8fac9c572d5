/*
 * A read-only client of Okta's management API for the live readers (import, directory snapshot,
 * audit): GET only, every page followed through the `Link: <...>; rel="next"` header, and Okta's
 * rate limits honoured. Okta reports, on every answer, the bucket's ceiling, what is left of it and
 * when it resets (`X-Rate-Limit-Limit`, `-Remaining`, `-Reset` in UTC epoch seconds; developer.okta.com
 * /docs/reference/rl-best-practices/, "Check your rate limits with Okta's rate limit headers"). A
 * bucket is shared by every client of the org (DuploCloud's own user sync among them), so the
 * reader uses at most a share of each bucket (default half), then waits for its reset, as the Okta
 * provider's `max_api_capacity` does (terraform-provider-okta okta/internal/apimutex/apimutex.go:
 * per endpoint class, utilisation (limit - remaining) / limit against the capacity). On a 429 it
 * waits for the reset too. Next links are followed only on the org's own origin, so a response can
 * never send the token elsewhere.
 */
import { secureUrlOf } from "../config/portal-url";

import { oktaAccessToken, oktaApiToken } from "../config/environment";
import { networkFailureOf } from "../config/network-failure";
import { readOperationOf, scopesOf, type LiveCommand } from "./read-scopes";

export interface OktaReadOptions {
  /** https://acme.okta.com (http only to loopback, for a local emulator: config/portal-url.ts). */
  readonly orgUrl: string;
  /** The Authorization header: `SSWS <token>` or `Bearer <access token>`. Never shown. */
  readonly authorization: string;
  /** Longest single wait for a rate-limit reset, in ms. Default 60 s. */
  readonly maxWaitMs?: number;
  /** 429s in a row before giving up. Default 5. */
  readonly maxRateLimitRetries?: number;
  /** Per-request timeout in ms. Default 30 s. */
  readonly timeoutMs?: number;
  /**
   * The share of each rate-limit bucket this reader may use, in (0, 1]: once Okta's headers show the
   * bucket used that far in its window (by every client together), the reader waits for the reset.
   * Default 0.5, leaving half to the org's other clients.
   */
  readonly maxCapacityShare?: number;
  /** The command that reads, so a 403 lists every scope it needs (read-scopes.ts). */
  readonly command?: LiveCommand;
}

export class OktaReadError extends Error {
  constructor(
    message: string,
    /** The HTTP status Okta answered, when it answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** What a reader has sent so far: requests per bucket, and the time spent waiting for the share to come back. */
export interface OktaReadStats {
  readonly requests: number;
  readonly byBucket: Readonly<Record<string, number>>;
  readonly waitedMs: number;
}

/**
 * The rate-limit bucket of a GET, by Okta's endpoint classes as the Okta provider maps them
 * (terraform-provider-okta okta/internal/apimutex/apimutex.go `normalizeKey`): one app, the apps,
 * one group, the groups (members, owners, roles and rules included), one user, the users, other.
 */
export function rateLimitBucket(pathname: string): string {
  if (/^\/api\/v1\/apps\/[^/]+$/.test(pathname)) return "app-id";
  if (pathname.startsWith("/api/v1/apps")) return "apps";
  if (/^\/api\/v1\/groups\/[^/]+$/.test(pathname)) return "group-id";
  if (pathname.startsWith("/api/v1/groups")) return "groups";
  if (/^\/api\/v1\/users\/[^/]+$/.test(pathname)) return "user-id";
  if (pathname.startsWith("/api/v1/users")) return "users";
  return "other";
}

interface BucketState {
  limit: number;
  remaining: number;
  /** Epoch ms. */
  resetAt: number;
}

const nextLink = (header: string | null) =>
  header
    ?.split(",")
    .map((part) => /<([^>]+)>\s*;\s*rel="next"/.exec(part)?.[1])
    .find((url) => url !== undefined);

export function checkedOrgUrl(orgUrl: string): URL {
  const checked = secureUrlOf(orgUrl);
  if (!("problem" in checked)) return checked.url;
  if (checked.problem === "not-a-url") throw new OktaReadError(`the Okta org URL ${JSON.stringify(orgUrl.slice(0, 60))} is not a URL; write it as https://acme.okta.com`);
  throw new OktaReadError(`the Okta org URL must be https (got ${checked.url!.protocol.replace(":", "")})`);
}

export class OktaReader {
  private readonly origin: string;
  /** When the current rate-limit window resets, once Okta said none are left (epoch ms). */
  private pausedUntil = 0;
  private readonly share: number;
  private readonly buckets = new Map<string, BucketState>();
  private readonly sent = new Map<string, number>();
  private waited = 0;

  constructor(private readonly options: OktaReadOptions) {
    this.origin = checkedOrgUrl(options.orgUrl).origin;
    this.share = options.maxCapacityShare ?? 0.5;
    if (!(this.share > 0 && this.share <= 1)) throw new OktaReadError(`the share of Okta's rate limit to use must be above 0 and at most 1 (got ${this.share})`);
  }

  get stats(): OktaReadStats {
    const byBucket = Object.fromEntries([...this.sent].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return { requests: [...this.sent.values()].reduce((sum, n) => sum + n, 0), byBucket, waitedMs: this.waited };
  }

  /** One resource (e.g. `/api/v1/users/{id}`). */
  async one<T>(pathAndQuery: string): Promise<T> {
    const response = await this.get(new URL(pathAndQuery, this.origin).toString());
    return (await response.json()) as T;
  }

  /** Every item of a paginated collection, page by page. */
  async *pages<T>(pathAndQuery: string): AsyncGenerator<T[]> {
    let url: string | undefined = new URL(pathAndQuery, this.origin).toString();
    while (url) {
      const response = await this.get(url);
      yield (await response.json()) as T[];
      const next = nextLink(response.headers.get("link"));
      if (next && new URL(next, this.origin).origin !== this.origin)
        throw new OktaReadError(`Okta answered with a next page on another origin (${new URL(next).origin}); stopped without following it`);
      url = next ? new URL(next, this.origin).toString() : undefined;
    }
  }

  private async get(url: string): Promise<Response> {
    const retries = this.options.maxRateLimitRetries ?? 5;
    const bucket = rateLimitBucket(new URL(url).pathname);
    for (let attempt = 0; ; attempt++) {
      await this.waitForWindow();
      await this.waitForShare(bucket);
      this.sent.set(bucket, (this.sent.get(bucket) ?? 0) + 1);
      const timeoutMs = this.options.timeoutMs ?? 30_000;
      let response: Response;
      try {
        response = await fetch(url, {
          headers: { Authorization: this.options.authorization, Accept: "application/json" },
          redirect: "error",
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new OktaReadError(`GET ${url} failed: ${networkFailureOf(error, timeoutMs).what}; check the org URL (--org-url, or okta:orgName and okta:baseUrl) and the network`);
      }
      this.noteRateLimit(response, bucket);
      if (response.status === 429 && attempt < retries) {
        // Without a reset header, wait a second, as Okta's SDKs do.
        if (this.pausedUntil <= Date.now()) this.pausedUntil = Date.now() + 1_000;
        continue;
      }
      if (!response.ok) {
        const summary = await errorSummaryOf(response);
        const answered = `GET ${url} answered ${response.status}${summary ? ` (${summary})` : ""}`;
        if (response.status === 401)
          throw new OktaReadError(
            `${answered}: Okta did not accept the token; check that OKTA_API_TOKEN (or OKTA_ACCESS_TOKEN) is a token of this org that has not expired or been revoked`,
            401,
          );
        if (response.status === 403) throw new OktaReadError(`${answered}: ${this.forbiddenAdvice(new URL(url).pathname)}`, 403);
        throw new OktaReadError(`${answered}${response.status === 429 ? ` after ${retries} waits for the rate limit` : ""}`, response.status);
      }
      return response;
    }
  }

  /**
   * A 403: Okta knows the token, which may not do this. An OAuth token lacks the operation's scope (Okta's
   * answer to a missing scope: 403, spec ErrorAccessDenied403); an SSWS token acts with its admin's role.
   */
  private forbiddenAdvice(pathname: string): string {
    const operation = readOperationOf(pathname);
    const needs = operation ? `this request (${operation.operationId}) needs the scope ${operation.scope}` : "the token may not read this";
    const command = this.options.command ? `; npm run ${this.options.command} needs ${scopesOf(this.options.command)}` : "";
    return `${needs}${command} (granted to the OAuth service app of OKTA_ACCESS_TOKEN), or use OKTA_API_TOKEN, an SSWS token of a read-only admin`;
  }

  private noteRateLimit(response: Response, bucket: string): void {
    const remaining = Number(response.headers.get("x-rate-limit-remaining"));
    const reset = Number(response.headers.get("x-rate-limit-reset"));
    const limit = Number(response.headers.get("x-rate-limit-limit"));
    const exhausted = response.status === 429 || (response.headers.has("x-rate-limit-remaining") && remaining <= 0);
    if (exhausted && Number.isFinite(reset) && reset > 0) this.pausedUntil = Math.max(this.pausedUntil, reset * 1000);
    if (!(limit > 0 && Number.isFinite(remaining) && reset > 0)) return;
    // As the provider does: a later reset is a new window; within a window, the lowest remaining counts.
    const known = this.buckets.get(bucket);
    if (!known || reset * 1000 > known.resetAt) this.buckets.set(bucket, { limit, remaining, resetAt: reset * 1000 });
    else if (reset * 1000 === known.resetAt) known.remaining = Math.min(known.remaining, remaining);
  }

  private async waitForWindow(): Promise<void> {
    await this.sleep(this.pausedUntil - Date.now());
  }

  /** Waits while the bucket's window is used beyond this reader's share (by all its clients). */
  private async waitForShare(bucket: string): Promise<void> {
    for (;;) {
      const state = this.buckets.get(bucket);
      if (!state || state.resetAt <= Date.now()) return;
      if (state.limit - state.remaining < state.limit * this.share) return;
      await this.sleep(state.resetAt - Date.now());
    }
  }

  private async sleep(ms: number): Promise<void> {
    const wait = Math.min(ms, this.options.maxWaitMs ?? 60_000);
    if (wait <= 0) return;
    this.waited += wait;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** Okta's `errorSummary` from an error answer, when it is JSON (spec, Error), at most 200 characters. */
async function errorSummaryOf(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { errorSummary?: unknown };
    return typeof body.errorSummary === "string" ? body.errorSummary.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Authorization header from the environment: OKTA_API_TOKEN (an SSWS token) or OKTA_ACCESS_TOKEN
 * (an OAuth access token); undefined when neither is set, so each command says which scopes it needs.
 */
export function authorizationFromEnvironment(): string | undefined {
  const apiToken = oktaApiToken();
  if (apiToken) return `SSWS ${apiToken}`;
  const accessToken = oktaAccessToken();
  if (accessToken) return `Bearer ${accessToken}`;
  return undefined;
}
