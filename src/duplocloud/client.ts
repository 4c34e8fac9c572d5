import { portalOfUrl, secureUrlOf } from "../config/portal-url";
import { networkFailureOf } from "../config/network-failure";
import { adviceFor, duploApiError, isDuploApiError, isRetryable, type DuploApiError, type DuploErrorKind } from "./errors";

/*
 * A small typed client for the DuploCloud endpoints this stack uses (see
 * docs/reference/duplocloud.md, checked against duplocloud/terraform-provider-duplocloud
 * `duplosdk/`). Requests time out. Retried, a bounded number of times with exponential back-off and
 * full jitter: 429 (honouring Retry-After), 502, 503, 504, timeouts and connections dropped. Of
 * these, only 429 and 503 say the portal did not take the request: a write that timed out, lost its
 * connection or got 502/504 from a gateway may have been applied all the same. DuploCloud's writes
 * used here are upserts or idempotent state changes (UpdateUserRole, UpdateUserAccess, System
 * Config POST), so sending one again does no harm; and when the retry is answered "already exists",
 * that counts as success only once a read shows the state the write asked for (`confirm`).
 * Never retried: 500 and other 5xx, a 2xx whose body is not JSON, 3xx (redirects are never followed,
 * so a body with secrets never goes to another origin) and TLS failures. The token, and every value
 * we sent that could be a secret, is cut out of every message.
 *
 * Answers are read null-safe: DuploCloud's own structs declare a user's `Roles` (`*[]string`,
 * `omitempty`) and a grant's `Policy` (`omitempty`) as optional (duplosdk/user.go `DuploUser`,
 * `DuploUserTenantAccessResponse`), so either may be absent; an answer that is not the list asked
 * for is a typed "bad-answer" error, never a crash further on.
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

  /**
   * Every user, as the portal spells them. DuploCloud compares user names exactly (duplosdk/user.go
   * `UserGet` uses ==): callers look a name up with findPortalUser and use the spelling found.
   */
  async listUsers(): Promise<DuploUser[]> {
    const path = "/admin/GetAllUserRoles";
    return (await this.list("GET", path)).map((raw) => {
      const user = raw as { Username?: unknown; Roles?: unknown; IsReadOnly?: unknown; State?: unknown };
      if (typeof user?.Username !== "string") throw badAnswer("GET", path, "a user without a Username");
      // Roles is `*[]string` with omitempty in DuploCloud's struct: absent means none.
      const roles = Array.isArray(user.Roles) ? user.Roles.filter((role): role is DuploRole => typeof role === "string") : [];
      return { Username: user.Username, Roles: roles, IsReadOnly: user.IsReadOnly === true, ...(typeof user.State === "string" ? { State: user.State } : {}) };
    });
  }

  /** Creates (`State` omitted) or updates (`State: "updated"`) a user. */
  async saveUser(user: { Username: string; Roles: DuploRole[]; IsReadOnly: boolean }, update: boolean): Promise<void> {
    await this.request("POST", "/admin/UpdateUserRole", { ...user, ReallocateVpnAddress: false, RegenerateVpnPassword: false, ...(update ? { State: "updated" } : {}) }, async () =>
      (await this.listUsers()).some((listed) => listed.Username === user.Username),
    );
  }

  /** Deletes a user; a user that is already gone counts as deleted. */
  async deleteUser(username: string): Promise<void> {
    await this.ignoreNotFound(() => this.request("POST", "/admin/UpdateUserRole", { Username: username, State: "deleted" }));
  }

  async listTenants(): Promise<DuploTenant[]> {
    const path = "/admin/GetTenantsForUser";
    return (await this.list("GET", path)).map((raw) => {
      const tenant = raw as { TenantId?: unknown; AccountName?: unknown };
      if (typeof tenant?.TenantId !== "string" || typeof tenant.AccountName !== "string") throw badAnswer("GET", path, "a tenant without TenantId or AccountName");
      return { TenantId: tenant.TenantId, AccountName: tenant.AccountName };
    });
  }

  /**
   * A user's tenant grants; 404 when the portal has no user of exactly this name. `username` must be
   * the portal's own spelling. A grant whose `Policy` is absent reads as read-write, as DuploCloud's
   * provider reads it (the zero value of `IsReadOnly`, resource_duplo_user_tenant_access.go).
   */
  async userTenantAccess(username: string): Promise<DuploTenantAccess[]> {
    const path = `/v3/admin/user/${encodeURIComponent(username)}/tenantAccess?adminAccess=false`;
    return (await this.list("GET", path)).map((raw) => {
      const grant = raw as { TenantId?: unknown; AccountName?: unknown; Policy?: { IsReadOnly?: unknown } | null };
      if (typeof grant?.TenantId !== "string") throw badAnswer("GET", path, "a grant without a TenantId");
      return {
        TenantId: grant.TenantId,
        ...(typeof grant.AccountName === "string" ? { AccountName: grant.AccountName } : {}),
        Policy: { IsReadOnly: grant.Policy?.IsReadOnly === true },
      };
    });
  }

  async grantTenantAccess(username: string, tenantId: string, readOnly: boolean): Promise<void> {
    await this.request("POST", "/admin/UpdateUserAccess", { Username: username, TenantId: tenantId, Policy: { IsReadOnly: readOnly }, State: "create" }, async () =>
      (await this.userTenantAccess(username)).some((grant) => grant.TenantId === tenantId && grant.Policy.IsReadOnly === readOnly),
    );
  }

  /** Revokes tenant access; access that is already gone counts as revoked. */
  async revokeTenantAccess(username: string, tenantId: string, readOnly: boolean): Promise<void> {
    await this.ignoreNotFound(() =>
      this.request("POST", "/admin/UpdateUserAccess", { Username: username, TenantId: tenantId, Policy: { IsReadOnly: readOnly }, State: "deleted" }),
    );
  }

  async listSettings(): Promise<DuploSetting[]> {
    const path = "/v3/admin/systemSettings/config";
    return (await this.list("GET", path)).map((raw) => {
      const setting = raw as { Key?: unknown; Type?: unknown; Value?: unknown };
      if (typeof setting?.Key !== "string") throw badAnswer("GET", path, "a setting without a Key");
      return {
        Key: setting.Key,
        Type: typeof setting.Type === "string" ? setting.Type : "",
        Value: typeof setting.Value === "string" ? setting.Value : String(setting.Value ?? ""),
      };
    });
  }

  /** Creates or updates a System Config row (duplosdk `SystemSettingCreate`: POST for both). */
  async setSetting(setting: DuploSetting): Promise<void> {
    await this.request("POST", "/v3/admin/systemSettings/config", setting, async () => (await this.listSettings()).some((s) => s.Key === setting.Key && s.Value === setting.Value));
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

  /** A GET whose answer must be a list; an empty body is an empty list. */
  private async list(method: string, path: string): Promise<unknown[]> {
    const answer = await this.request<unknown>(method, path);
    if (answer === undefined || answer === null) return [];
    if (!Array.isArray(answer)) throw badAnswer(method, path, "not a list");
    return answer;
  }

  /**
   * One logical request: attempts, back-off and typed errors. `confirm` (for writes) reads the
   * portal: when an attempt after one that may have been applied is refused as "already exists",
   * the write counts as done only if `confirm` shows the state it asked for.
   */
  async request<T>(method: string, path: string, body?: unknown, confirm?: () => Promise<boolean>): Promise<T | undefined> {
    let mayHaveApplied = false;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt<T>(method, path, body);
      if (outcome.ok) return outcome.value;
      const { error, retryAfterMs } = outcome;
      if (mayHaveApplied && confirm && isAlreadyExists(error)) {
        if (await confirm()) return undefined;
        error.message = `${error.message}; this answered a retry of a write that may have been applied, and a read does not show what it asked for: run \`pulumi refresh\` to see what the portal holds`;
        throw error;
      }
      if (!isRetryable(error.kind) || attempt >= this.maxAttempts) throw error;
      if (method !== "GET" && mayHaveBeenApplied(error)) mayHaveApplied = true;
      const backoff = this.random() * Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
      await this.sleep(Math.min(this.maxDelayMs, retryAfterMs ?? backoff));
    }
  }

  private async attempt<T>(method: string, path: string, body: unknown): Promise<{ ok: true; value: T | undefined } | { ok: false; error: DuploApiError; retryAfterMs?: number }> {
    const secrets = [this.connection.token, ...sentStrings(body)];
    const fail = (kind: DuploErrorKind, status: number | undefined, detail?: string, retryAfterMs?: number) => ({
      ok: false as const,
      // Where no answer came, the host is the question: the whole URL is named.
      error: duploApiError(
        kind,
        method,
        path,
        status,
        detail ? `${redact(detail, secrets)}; ${adviceFor(kind)}` : adviceFor(kind),
        NAMED_BY_URL.includes(kind) ? `${this.baseUrl}${path}` : path,
      ),
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
    if (response.status === 401) return fail("auth", response.status);
    if (response.status === 403) return fail("forbidden", response.status, message);
    if (response.status === 404 || (response.status === 400 && /not found/i.test(message ?? ""))) return fail("not-found", response.status, message);
    if (response.status === 429) return fail("rate-limited", response.status, message, parseRetryAfter(response.headers.get("retry-after")));
    if (isRetryStatus(response.status)) return fail("unavailable", response.status, message, parseRetryAfter(response.headers.get("retry-after")));
    if (response.status >= 500) return fail("server", response.status, message);
    return fail("client", response.status, message);
  }

  /** A request that got no answer: timed out, refused or dropped (retried), or a TLS failure (not retried); named by its URL. */
  private failureBeforeAnswer<R>(error: unknown, fail: (kind: DuploErrorKind, status: undefined, detail?: string) => R): R {
    const failure = networkFailureOf(error, this.timeoutMs);
    return fail(failure.kind, undefined, failure.what);
  }
}

/** Failures whose message names the whole URL, not only the path (an array: no Set in code dynamic providers serialise). */
const NAMED_BY_URL: readonly DuploErrorKind[] = ["network", "tls", "timeout"];

/** An attempt the portal may have carried out although we got no good answer: no answer at all, or a gateway's 502/504. */
function mayHaveBeenApplied(error: DuploApiError): boolean {
  return error.kind === "timeout" || error.kind === "network" || error.status === 502 || error.status === 504;
}

/** The portal refusing a write because its object is already there (400 or 409 saying so). */
function isAlreadyExists(error: DuploApiError): boolean {
  return (error.status === 400 || error.status === 409) && /already exist/i.test(error.message);
}

function badAnswer(method: string, path: string, what: string): DuploApiError {
  return duploApiError("bad-answer", method, path, undefined, `the answer was not what DuploCloud documents (${what}); ${adviceFor("bad-answer")}`);
}

/**
 * The portal's base URL (config/portal-url.ts: lower-cased, no trailing slash). https only, except
 * plain http on loopback: the token must never cross a network in clear text.
 */
export function portalBaseUrl(host: string): string {
  const checked = secureUrlOf(host);
  if (!("problem" in checked)) return portalOfUrl(checked.url).url;
  if (checked.problem === "not-a-url") {
    throw new Error(`the DuploCloud host "${host.slice(0, 100)}" is not a URL; set duplocloud:host (or the access file's duplocloud.portal) to https://<portal>`);
  }
  throw new Error(`the DuploCloud host ${checked.url!.origin} is not https; the API token is only ever sent over https (plain http only to loopback)`);
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
