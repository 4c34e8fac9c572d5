import { adviceFor, duploApiError, isDuploApiError, isRetryable, type DuploApiError, type DuploErrorKind } from "./errors";

/*
 * A small typed client for the DuploCloud endpoints this stack uses (see
 * ../shared/reference/duplocloud.md, checked against duplocloud/terraform-provider-duplocloud
 * `duplosdk/`). Requests time out. Only what cannot have been applied is retried, a bounded
 * number of times with exponential back-off and full jitter: 429 (honouring Retry-After), 502,
 * 503, 504, timeouts and connections dropped before an answer. A write the portal took is never
 * sent again: 500 and other 5xx, a 2xx whose body is not JSON, 3xx (redirects are never followed,
 * so a body with secrets never goes to another origin) and TLS failures are errors at once. The
 * token, and every value we sent that could be a secret, is cut out of every message.
 */

export interface DuploConnection {
  /** Portal URL, e.g. https://acme.duplocloud.net. Plain http:// only for loopback (tests, tunnels). */
  readonly host: string;
  /** DuploCloud API token. Only ever sent in the Authorization header. */
  readonly token: string;
}

export interface DuploClientOptions {
  /** Per-request timeout. Default 30 s. */
  readonly timeoutMs?: number;
  /** Attempts in all, the first included. Default 5. */
  readonly maxAttempts?: number;
  /** First back-off delay; doubles each retry, with full jitter. Default 500 ms. */
  readonly baseDelayMs?: number;
  /** Longest single wait, Retry-After included. Default 30 s. */
  readonly maxDelayMs?: number;
  /** For tests: how to wait. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** For tests: the jitter source, in [0, 1). Default Math.random. */
  readonly random?: () => number;
}

export type DuploRole = "User" | "Administrator" | "SignupUser" | "SecurityAdmin";

export interface DuploUser {
  readonly Username: string;
  readonly Roles: DuploRole[];
  readonly IsReadOnly?: boolean;
  readonly State?: string;
}

export interface DuploTenant {
  readonly TenantId: string;
  readonly AccountName: string;
}

export interface DuploTenantAccess {
  readonly AccountName?: string;
  readonly TenantId: string;
  readonly Policy: { readonly IsReadOnly: boolean };
}

export interface DuploSetting {
  readonly Key: string;
  readonly Type: string;
  readonly Value: string;
}

/**
 * Statuses worth another attempt. A function over plain numbers, not a module-level Set: Pulumi's
 * closure serialiser copies a captured Set as a plain object, and `.has()` then throws inside the
 * dynamic provider.
 */
function isRetryStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

export class DuploClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    private readonly connection: DuploConnection,
    options: DuploClientOptions = {},
  ) {
    this.baseUrl = portalBaseUrl(connection.host);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  listUsers(): Promise<DuploUser[]> {
    return this.request<DuploUser[]>("GET", "/admin/GetAllUserRoles").then((users) => users ?? []);
  }

  /** Creates (`State` omitted) or updates (`State: "updated"`) a user. */
  saveUser(user: { Username: string; Roles: DuploRole[]; IsReadOnly: boolean }, update: boolean): Promise<DuploUser | undefined> {
    return this.request<DuploUser>("POST", "/admin/UpdateUserRole", {
      ...user,
      ReallocateVpnAddress: false,
      RegenerateVpnPassword: false,
      ...(update ? { State: "updated" } : {}),
    });
  }

  /** Deletes a user; a user that is already gone counts as deleted. */
  async deleteUser(username: string): Promise<void> {
    await this.ignoreNotFound(() => this.request("POST", "/admin/UpdateUserRole", { Username: username, State: "deleted" }));
  }

  listTenants(): Promise<DuploTenant[]> {
    return this.request<DuploTenant[]>("GET", "/admin/GetTenantsForUser").then((tenants) => tenants ?? []);
  }

  userTenantAccess(username: string): Promise<DuploTenantAccess[]> {
    return this.request<DuploTenantAccess[]>("GET", `/v3/admin/user/${encodeURIComponent(username)}/tenantAccess?adminAccess=false`).then((access) => access ?? []);
  }

  async grantTenantAccess(username: string, tenantId: string, readOnly: boolean): Promise<void> {
    await this.request("POST", "/admin/UpdateUserAccess", { Username: username, TenantId: tenantId, Policy: { IsReadOnly: readOnly }, State: "create" });
  }

  /** Revokes tenant access; access that is already gone counts as revoked. */
  async revokeTenantAccess(username: string, tenantId: string, readOnly: boolean): Promise<void> {
    await this.ignoreNotFound(() =>
      this.request("POST", "/admin/UpdateUserAccess", { Username: username, TenantId: tenantId, Policy: { IsReadOnly: readOnly }, State: "deleted" }),
    );
  }

  listSettings(): Promise<DuploSetting[]> {
    return this.request<DuploSetting[]>("GET", "/v3/admin/systemSettings/config").then((settings) => settings ?? []);
  }

  async setSetting(setting: DuploSetting): Promise<void> {
    await this.request("POST", "/v3/admin/systemSettings/config", setting);
  }

  async deleteSetting(key: string): Promise<void> {
    await this.ignoreNotFound(() => this.request("DELETE", `/v3/admin/systemSettings/config/${encodeURIComponent(key)}`));
  }

  private async ignoreNotFound(call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (error) {
      if (!(isDuploApiError(error) && error.kind === "not-found")) throw error;
    }
  }

  /** One logical request: attempts, back-off and typed errors. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt<T>(method, path, body);
      if (outcome.ok) return outcome.value;
      const { error, retryAfterMs } = outcome;
      if (!isRetryable(error.kind) || attempt >= this.maxAttempts) throw error;
      const backoff = this.random() * Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
      await this.sleep(Math.min(this.maxDelayMs, retryAfterMs ?? backoff));
    }
  }

  private async attempt<T>(method: string, path: string, body: unknown): Promise<{ ok: true; value: T | undefined } | { ok: false; error: DuploApiError; retryAfterMs?: number }> {
    const secrets = [this.connection.token, ...sentStrings(body)];
    const fail = (kind: DuploErrorKind, status: number | undefined, detail?: string, retryAfterMs?: number) => ({
      ok: false as const,
      error: duploApiError(kind, method, path, status, detail ? `${redact(detail, secrets)}; ${adviceFor(kind)}` : adviceFor(kind)),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        // Never follow a redirect: it would re-send the token and the body to wherever it points.
        redirect: "manual",
        headers: {
          authorization: `Bearer ${this.connection.token}`,
          accept: "application/json",
          ...(body !== undefined ? { "content-type": "application/json; charset=utf-8" } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      return this.failureBeforeAnswer(error, fail);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      // The portal answered (and may have applied a write); only a timeout or a drop of the body is left.
      return this.failureBeforeAnswer(error, fail);
    }
    if (response.ok) {
      if (!text.trim()) return { ok: true, value: undefined };
      try {
        return { ok: true, value: JSON.parse(text) as T };
      } catch {
        return fail("bad-answer", response.status, "the answer was not JSON, so the change may or may not have been applied");
      }
    }
    if (response.status >= 300 && response.status < 400) {
      return fail("redirect", response.status, `it points at ${response.headers.get("location") ?? "nowhere"}; it was not followed`);
    }
    const message = errorMessageOf(text);
    if (response.status === 401 || response.status === 403) return fail("auth", response.status);
    if (response.status === 404 || (response.status === 400 && /not found/i.test(message ?? ""))) return fail("not-found", response.status, message);
    if (response.status === 429) return fail("rate-limited", response.status, message, parseRetryAfter(response.headers.get("retry-after")));
    if (isRetryStatus(response.status)) return fail("unavailable", response.status, message, parseRetryAfter(response.headers.get("retry-after")));
    if (response.status >= 500) return fail("server", response.status, message);
    return fail("client", response.status, message);
  }

  /** A request that got no answer: timed out, refused or dropped (retried), or a TLS failure (not retried). */
  private failureBeforeAnswer<R>(error: unknown, fail: (kind: DuploErrorKind, status: undefined, detail?: string) => R): R {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") return fail("timeout", undefined, `no answer within ${this.timeoutMs} ms`);
    const cause = causeOf(error);
    if (cause && /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(cause)) return fail("tls", undefined, `the TLS handshake failed (${cause})`);
    return fail("network", undefined, cause ? `(${cause})` : undefined);
  }
}

/**
 * The portal's base URL without trailing slashes. https only, except plain http on loopback: the
 * token must never cross a network in clear text.
 */
export function portalBaseUrl(host: string): string {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new Error(`the DuploCloud host "${host.slice(0, 100)}" is not a URL; set duplocloud:host (or the access file's duplocloud.portal) to https://<portal>`);
  }
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new Error(`the DuploCloud host ${url.origin} is not https; the API token is only ever sent over https (plain http only to loopback)`);
  }
  return host.replace(/\/+$/, "");
}

/** What fetch's wrapped `cause` says: the socket or TLS error code, else its message ("bad port"). */
function causeOf(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === "string") return cause.code;
  return typeof cause?.message === "string" ? cause.message.slice(0, 100) : undefined;
}

/** Every string we sent of 8 characters or more: the server's error text may echo them, secrets included. */
function sentStrings(body: unknown): string[] {
  if (typeof body === "string") return body.length >= 8 ? [body] : [];
  if (Array.isArray(body)) return body.flatMap(sentStrings);
  if (body !== null && typeof body === "object") return Object.values(body).flatMap(sentStrings);
  return [];
}

/** `text` with every occurrence of each secret replaced by [redacted]. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length > 0).reduce((result, secret) => result.split(secret).join("[redacted]"), text);
}

/** DuploCloud error bodies may be JSON with a Message; never echo more than a line of them. */
function errorMessageOf(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { Message?: unknown };
    if (typeof parsed?.Message === "string") return parsed.Message.slice(0, 300);
  } catch {
    // Not JSON: fall through.
  }
  const line = text.trim().split("\n")[0];
  return line ? line.slice(0, 300) : undefined;
}

/** Retry-After in seconds or as an HTTP date, in milliseconds. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
