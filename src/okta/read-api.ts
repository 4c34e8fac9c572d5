/*
 * A read-only client of Okta's management API for the review tools (directory snapshot): GET only,
 * every page followed through the `Link: <...>; rel="next"` header, and Okta's rate limits honoured:
 * when `X-Rate-Limit-Remaining` reaches 0, or on a 429, it waits until `X-Rate-Limit-Reset` (epoch
 * seconds) before the next request. Next links are followed only on the org's own origin, so a
 * response can never send the token elsewhere.
 */

export interface OktaReadOptions {
  /** https://acme.okta.com (http only for a local emulator on 127.0.0.1 or localhost). */
  readonly orgUrl: string;
  /** The Authorization header: `SSWS <token>` or `Bearer <access token>`. Never shown. */
  readonly authorization: string;
  /** Longest single wait for a rate-limit reset, in ms. Default 60 s. */
  readonly maxWaitMs?: number;
  /** 429s in a row before giving up. Default 5. */
  readonly maxRateLimitRetries?: number;
  /** Per-request timeout in ms. Default 30 s. */
  readonly timeoutMs?: number;
}

export class OktaReadError extends Error {
  /** The HTTP status Okta answered, when the error is an answer (not a bad URL or a foreign link). */
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const nextLink = (header: string | null) =>
  header
    ?.split(",")
    .map((part) => /<([^>]+)>\s*;\s*rel="next"/.exec(part)?.[1])
    .find((url) => url !== undefined);

export function checkedOrgUrl(orgUrl: string): URL {
  let url: URL;
  try {
    url = new URL(orgUrl);
  } catch {
    throw new OktaReadError(`the Okta org URL ${JSON.stringify(orgUrl.slice(0, 60))} is not a URL; write it as https://acme.okta.com`);
  }
  const local = url.hostname === "127.0.0.1" || url.hostname === "localhost";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) throw new OktaReadError(`the Okta org URL must be https (got ${url.protocol.replace(":", "")})`);
  return url;
}

export class OktaReader {
  private readonly origin: string;
  /** When the current rate-limit window resets, once Okta said none are left (epoch ms). */
  private pausedUntil = 0;

  constructor(private readonly options: OktaReadOptions) {
    this.origin = checkedOrgUrl(options.orgUrl).origin;
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
    for (let attempt = 0; ; attempt++) {
      await this.waitForWindow();
      const response = await fetch(url, {
        headers: { Authorization: this.options.authorization, Accept: "application/json" },
        redirect: "error",
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
      this.noteRateLimit(response);
      if (response.status === 429 && attempt < retries) {
        // Without a reset header, wait a second, as Okta's SDKs do.
        if (this.pausedUntil <= Date.now()) this.pausedUntil = Date.now() + 1_000;
        continue;
      }
      if (!response.ok) {
        const path = new URL(url).pathname;
        const hint = response.status === 401 || response.status === 403 ? "; the token needs the read scopes listed in the README (okta.users.read, okta.groups.read)" : "";
        throw new OktaReadError(`GET ${path} answered ${response.status}${response.status === 429 ? ` after ${retries} waits for the rate limit` : ""}${hint}`, response.status);
      }
      return response;
    }
  }

  private noteRateLimit(response: Response): void {
    const remaining = Number(response.headers.get("x-rate-limit-remaining"));
    const reset = Number(response.headers.get("x-rate-limit-reset"));
    const exhausted = response.status === 429 || (response.headers.has("x-rate-limit-remaining") && remaining <= 0);
    if (exhausted && Number.isFinite(reset) && reset > 0) this.pausedUntil = Math.max(this.pausedUntil, reset * 1000);
  }

  private async waitForWindow(): Promise<void> {
    const wait = Math.min(this.pausedUntil - Date.now(), this.options.maxWaitMs ?? 60_000);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * The Authorization header from the environment: OKTA_API_TOKEN (an SSWS token) or OKTA_ACCESS_TOKEN
 * (an OAuth access token); undefined when neither is set, so each command says which scopes it needs.
 */
export function authorizationFromEnvironment(): string | undefined {
  if (process.env.OKTA_API_TOKEN) return `SSWS ${process.env.OKTA_API_TOKEN}`;
  if (process.env.OKTA_ACCESS_TOKEN) return `Bearer ${process.env.OKTA_ACCESS_TOKEN}`;
  return undefined;
}
