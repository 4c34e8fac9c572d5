import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomBytes, verify, type KeyObject } from "node:crypto";
import type { AddressInfo } from "node:net";
import { readOperationOf } from "../okta/read-scopes";
import { rateLimitBucket } from "../okta/read-api";
import { roleOperationOf } from "../okta/role-operations";
import { RoleAssignments } from "./okta-role-assignments";
import { requestBody } from "./request-body";

/*
 * A local emulator of the Okta management endpoints the review tools read: users, groups and group
 * members. As strict as Okta where the client depends on it: the exact Authorization header, cursor
 * pagination with `limit` and `after` and a `Link: <...>; rel="next"` header (Okta caps `limit` at
 * 200 for users and groups), and rate limits announced by X-Rate-Limit-Limit / -Remaining / -Reset,
 * with 429 once a window is spent.
 */

export interface EmulatedUser {
  readonly id: string;
  readonly status: string;
  readonly profile: Record<string, unknown>;
}

export interface EmulatedGroup {
  readonly id: string;
  readonly name: string;
  /** IDs of the people added to the group by hand (the group's rules add theirs: see OktaEmulator.membersOf). */
  readonly members: readonly string[];
  /** OKTA_GROUP (the default), APP_GROUP (from a directory such as AD or LDAP, or an app) or BUILT_IN (Everyone): okta-management-openapi-spec, Group.type. */
  readonly type?: string;
}

/**
 * A group rule of the org (okta-management-openapi-spec, GroupRule). `matches` is its condition as
 * a predicate the test writes: the emulator applies Okta's rule semantics (status, exclusions,
 * activation), never the project's expression evaluator, so what the org gives stays independent
 * of the code under test.
 */
export interface EmulatedGroupRule {
  readonly id: string;
  readonly name: string;
  readonly status: "ACTIVE" | "INACTIVE";
  readonly expression: string;
  readonly groupIds: readonly string[];
  /** IDs of the people the rule leaves out (GroupRule.conditions.people.users.exclude). */
  readonly excludedUserIds?: readonly string[];
  readonly matches: (user: EmulatedUser) => boolean;
}

/**
 * Statuses group rules do not act on: Okta's help ("Group rules",
 * help.okta.com/en/prod/Content/Topics/Directory/group-rules.htm): "To successfully move users to
 * their assigned groups, the user cannot be in a Pending or Inactive state" (pending activation is
 * STAGED or PROVISIONED; inactive, DEPROVISIONED). Suspended, locked-out and password-expired
 * people are evaluated.
 */
export const NOT_EVALUATED_BY_RULES: ReadonlySet<string> = new Set(["STAGED", "PROVISIONED", "DEPROVISIONED"]);

/** Collections beyond users and groups, by path (`/api/v1/apps`, `/api/v1/groups/00g1/owners`): served paginated like the rest. */
export type EmulatedLists = Map<string, () => unknown[]>;

export class OktaEmulator {
  readonly users: EmulatedUser[] = [];
  readonly groups: EmulatedGroup[] = [];
  readonly lists: EmulatedLists = new Map();
  /** The org's group rules (issue 29); served at /api/v1/groups/rules unless `lists` answers that path. */
  readonly groupRules: EmulatedGroupRule[] = [];
  /** Every request: method and path with query. */
  readonly requests: Array<{ method: string; url: string; at: number }> = [];
  /** Items per page, at most the `limit` asked; lower than Okta's 200 to make pages in tests. */
  pageSize = 200;
  /** Requests allowed per window; the window lasts `windowMs`. Infinity: no limit. */
  requestsPerWindow = Infinity;
  windowMs = 1_000;
  /** Answer 429 to the next N requests whatever the window says. */
  forced429 = 0;
  /** A next link pointing to another origin (a hostile or broken answer). */
  foreignNextLink?: string;
  // --- issue 22 (import of a real org): per-bucket rate limits and an org without Identity Governance ---
  /**
   * Requests allowed per window in each rate-limit bucket (the classes of rateLimitBucketOf below),
   * instead of the one window for everything: Okta limits each endpoint bucket on its own and
   * reports that bucket's figures in the X-Rate-Limit-* headers (developer.okta.com
   * /docs/reference/rl-best-practices/). A bucket not listed has no limit.
   */
  bucketLimits?: Readonly<Record<string, number>>;
  private readonly bucketWindows = new Map<string, { start: number; used: number }>();
  /** The most requests any one window of each bucket took: what a client used of its share. */
  readonly bucketPeaks = new Map<string, number>();
  // --- end issue 22 ---

  // --- Drift check (issue 25): single-object answers and group search ---
  /** Answers that are one object, not a page (`/api/v1/policies/rst1`, `/api/v1/iam/assignees/users`): sent as they are. */
  readonly objects = new Map<string, () => unknown>();
  // --- end of the drift check's block ---

  // ---- Okta's documented defaults for users, members and owners (issue 20) ----
  /**
   * Whether the org subscribes to Okta Identity Governance. Without it (the default, as on most
   * orgs) the group-owner API answers an error: see groupOwnersRefusal.
   */
  identityGovernance = false;
  // ---- end of issue 20's block ----
  private windowStart = Date.now();
  private windowUsed = 0;
  private server?: Server;

  /** OAuth access tokens the org accepts (`Authorization: Bearer <token>`), each with the scopes granted to it. */
  readonly oauthTokens = new Map<string, readonly string[]>();

  /**
   * OAuth service apps that may get tokens at /oauth2/v1/token with a signed client assertion
   * (private_key_jwt), by client ID: their public key, the scopes granted to them, and whether they
   * require DPoP-bound tokens.
   */
  readonly serviceApps = new Map<string, { readonly publicKey: KeyObject; readonly scopes: readonly string[]; readonly requireDpop?: boolean }>();
  private readonly usedAssertionIds = new Set<string>();

  /** The admin roles the groups and OAuth clients hold, and the writes of them (okta-role-assignments.ts). */
  readonly roles = new RoleAssignments(
    (holder, id) => (holder === "group" ? this.groups.some((group) => group.id === id) : this.appSubCollection(`/oauth2/v1/clients/${encodeURIComponent(id)}/roles`) === "listed"),
    (groupId) => this.groups.some((group) => group.id === groupId),
    (appId) => ((this.lists.get("/api/v1/apps")?.() ?? []) as Array<{ id: string }>).some((app) => app.id === appId),
  );

  constructor(private readonly token: string) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    // Idle keep-alive connections would hold close() open until they time out.
    this.server?.closeIdleConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  // --- issue 22: per-bucket windows ---
  /** Okta's rate-limit buckets, as the Okta provider's generated table names them (src/okta/read-api.ts, rateLimitBucket). */
  static rateLimitBucketOf(pathname: string): string {
    return rateLimitBucket(pathname);
  }

  /** Counts the request in its bucket's window: the headers to send, or undefined when the window is spent (429). */
  private bucketWindow(pathname: string): { headers: Record<string, string>; spent: boolean } | undefined {
    const bucket = OktaEmulator.rateLimitBucketOf(pathname);
    const limit = this.bucketLimits?.[bucket];
    if (limit === undefined) return undefined;
    let window = this.bucketWindows.get(bucket);
    if (!window || Date.now() >= window.start + this.windowMs) this.bucketWindows.set(bucket, (window = { start: Date.now(), used: 0 }));
    const spent = window.used >= limit;
    if (!spent) window.used++;
    this.bucketPeaks.set(bucket, Math.max(this.bucketPeaks.get(bucket) ?? 0, window.used));
    const headers = {
      "X-Rate-Limit-Limit": String(limit),
      "X-Rate-Limit-Remaining": String(Math.max(0, limit - window.used)),
      "X-Rate-Limit-Reset": String(Math.ceil((window.start + this.windowMs) / 1000)),
    };
    return { headers, spent };
  }

  // --- end issue 22 ---

  private rateHeaders(): Record<string, string> {
    const reset = Math.ceil((this.windowStart + this.windowMs) / 1000);
    const limit = Number.isFinite(this.requestsPerWindow) ? this.requestsPerWindow : 600;
    const remaining = Number.isFinite(this.requestsPerWindow) ? Math.max(0, this.requestsPerWindow - this.windowUsed) : 600;
    return { "X-Rate-Limit-Limit": String(limit), "X-Rate-Limit-Remaining": String(remaining), "X-Rate-Limit-Reset": String(reset) };
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url!, this.url);
    this.requests.push({ method: request.method!, url: `${url.pathname}${url.search}`, at: Date.now() });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "Content-Type": "application/json", ...this.rateHeaders(), ...headers });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === "/oauth2/v1/token" && request.method === "POST") {
      void requestBody(request).then((body) => {
        const answer = this.tokenAnswer(new URLSearchParams(body));
        send(answer.status, answer.body);
      });
      return;
    }
    const authorization = request.headers.authorization ?? "";
    const bearer = authorization.startsWith("Bearer ") ? this.oauthTokens.get(authorization.slice("Bearer ".length)) : undefined;
    if (authorization !== `SSWS ${this.token}` && !bearer) return send(401, { errorCode: "E0000011", errorSummary: "Invalid token provided" });
    // An OAuth token may call an operation only with the scope its `security` requirement names
    // (okta-management-openapi-spec: `oauth2: [scope]`; src/okta/read-scopes.ts lists them); without
    // it Okta answers 403 (the operations' ErrorAccessDenied403, example ErrorAccessDenied: E0000006).
    // An operation not listed there is refused too: never more lenient than Okta.
    const roleOperation = roleOperationOf(request.method!, url.pathname);
    if (bearer) {
      const operation = request.method === "GET" ? (readOperationOf(url.pathname) ?? roleOperation) : roleOperation;
      if (!operation || !bearer.includes(operation.scope))
        return send(403, { errorCode: "E0000006", errorSummary: "You do not have permission to perform the requested action", errorLink: "E0000006", errorCauses: [] });
    }
    if (request.method !== "GET" && !roleOperation) return send(405, { errorCode: "E0000022", errorSummary: "The endpoint does not support the provided HTTP method" });
    // Okta resets the window at X-Rate-Limit-Reset; until then a spent window answers 429.
    if (Date.now() >= this.windowStart + this.windowMs) {
      this.windowStart = Date.now();
      this.windowUsed = 0;
    }
    if (this.forced429 > 0 || this.windowUsed >= this.requestsPerWindow) {
      if (this.forced429 > 0) this.forced429--;
      return send(429, { errorCode: "E0000047", errorSummary: "API call exceeded rate limit due to too many requests." });
    }
    this.windowUsed++;
    // --- issue 22: per-bucket windows, users by status, one user, owners without Identity Governance ---
    const bucket = this.bucketWindow(url.pathname);
    const plainSend = send;
    const sendInBucket = (status: number, body: unknown, headers: Record<string, string> = {}) => plainSend(status, body, { ...headers, ...(bucket?.headers ?? {}) });
    if (bucket?.spent) return sendInBucket(429, { errorCode: "E0000047", errorSummary: "API call exceeded rate limit due to too many requests." });
    if (roleOperation) {
      void readJson(request).then((body) => {
        const answer = this.roles.answer(request.method!, url.pathname, body) ?? NOT_FOUND_ANSWER;
        if (answer.status === 204) {
          response.writeHead(204, { ...this.rateHeaders(), ...(bucket?.headers ?? {}) });
          response.end();
        } else sendInBucket(answer.status, answer.body);
      });
      return;
    }
    const oneUser = /^\/api\/v1\/users\/([^/]+)$/.exec(url.pathname);
    if (oneUser) {
      const found = this.users.find((user) => user.id === decodeURIComponent(oneUser[1]!));
      return found ? sendInBucket(200, found) : sendInBucket(404, { errorCode: "E0000007", errorSummary: "Not found: Resource not found" });
    }
    // --- end issue 22 ---

    // --- Drift check (issue 25) ---
    if (this.objects.has(url.pathname)) return sendInBucket(200, this.objects.get(url.pathname)!());
    const groupSearch = url.pathname === "/api/v1/groups" && url.searchParams.has("search") ? groupSearchMatcher(url.searchParams.get("search")!) : undefined;
    if (groupSearch === null) return sendInBucket(400, { errorCode: "E0000031", errorSummary: "Invalid search criteria." });
    // --- end of the drift check's block ---

    let items: unknown[];
    const membersOf = /^\/api\/v1\/groups\/([^/]+)\/users$/.exec(url.pathname);
    // ---- Okta's documented defaults for users, members and owners (issue 20) ----
    const refusal = this.groupOwnersRefusal(url.pathname);
    if (refusal) return sendInBucket(refusal.status, refusal.body);
    const users = url.pathname === "/api/v1/users" ? this.listUsers(url.searchParams) : undefined;
    if (users && "refused" in users) return sendInBucket(400, users.refused);
    // ---- end of issue 20's block ----
    if (users) items = users.found;
    else if (url.pathname === "/api/v1/groups")
      items = this.groups
        .filter((group) => groupSearch?.(group.name) ?? true)
        .map((group) => ({ id: group.id, type: group.type ?? "OKTA_GROUP", profile: { name: group.name, description: `${group.name} group` } }));
    else if (this.lists.has(url.pathname)) items = this.lists.get(url.pathname)!();
    else if (url.pathname === "/api/v1/groups/rules") items = this.groupRules.map(groupRuleObject);
    else if (/^\/api\/v1\/groups\/[^/]+\/roles$/.test(url.pathname) && this.groups.some((g) => url.pathname === `/api/v1/groups/${g.id}/roles`))
      items = this.roles.rolesOf("group", decodeURIComponent(url.pathname.split("/")[4]!));
    else if (/^\/api\/v1\/groups\/[^/]+\/owners$/.test(url.pathname) && this.groups.some((g) => url.pathname.startsWith(`/api/v1/groups/${g.id}/`))) items = [];
    else if (this.appSubCollection(url.pathname) === "listed")
      items = url.pathname.startsWith("/oauth2/") ? this.roles.rolesOf("client", decodeURIComponent(url.pathname.split("/")[4]!)) : [];
    else if (membersOf) {
      const group = this.groups.find((g) => g.id === decodeURIComponent(membersOf[1]!));
      if (!group) return send(404, { errorCode: "E0000007", errorSummary: "Not found: Resource not found" });
      // Every member, whatever their status: Okta does not remove deactivated users from their groups
      // (support.okta.com, "Deactivated Users not Removed From Okta Groups Automatically"). A set, so
      // that a page of a 50,000-member group does not cost members x users (the drift benchmark).
      const members = new Set(this.membersOf(group.id));
      items = this.users.filter((user) => members.has(user.id));
    } else return send(404, { errorCode: "E0000007", errorSummary: "Not found: Resource not found" });

    const limit = Math.min(Number(url.searchParams.get("limit") ?? 200), 200, this.pageSize);
    const after = url.searchParams.get("after");
    const start = after === null ? 0 : items.findIndex((item) => (item as { id: string }).id === after) + 1;
    const page = items.slice(start, start + limit);
    const headers: Record<string, string> = {};
    if (start + limit < items.length) {
      const next = new URL(url.toString());
      next.searchParams.set("after", (page.at(-1) as { id: string }).id);
      next.searchParams.set("limit", String(limit));
      headers.Link = `<${url.toString()}>; rel="self", <${this.foreignNextLink ?? next.toString()}>; rel="next"`;
    } else {
      headers.Link = `<${url.toString()}>; rel="self"`;
    }
    sendInBucket(200, page, headers);
  }

  /**
   * The client credentials grant with a client assertion, as Okta's guide "Implement OAuth for Okta
   * with a service app" describes it (okta-developer-docs, guides/implement-oauth-for-okta-serviceapp):
   * the assertion is an RS256 JWT of a registered app, signed with its key, whose `aud` is this token
   * URL, `iss` and `sub` the client ID, `exp` in the future and at most an hour after `iat`, and
   * whose `jti` was never used before; every scope asked must have been granted to the app
   * (`invalid_scope` otherwise). An app that requires DPoP is refused without a DPoP proof
   * (Okta's DPoP guide, guides/dpop: `invalid_dpop_proof`). Errors are OAuth's (RFC 6749 section 5.2).
   */
  private tokenAnswer(form: URLSearchParams): { status: number; body: unknown } {
    const refused = (error: string, description: string) => ({ status: error === "invalid_client" ? 401 : 400, body: { error, error_description: description } });
    if (form.get("grant_type") !== "client_credentials") return refused("unsupported_grant_type", "The authorization grant type is not supported.");
    if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
      return refused("invalid_client", "client_assertion_type is missing or invalid.");
    const [header, claims, signature] = (form.get("client_assertion") ?? "").split(".");
    const decoded = (part: string | undefined) => {
      try {
        return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    };
    const head = decoded(header);
    const body = decoded(claims);
    const app = typeof body?.iss === "string" ? this.serviceApps.get(body.iss) : undefined;
    if (!head || !body || !app || signature === undefined || head.alg !== "RS256") return refused("invalid_client", "The client_assertion is invalid.");
    if (!verify("RSA-SHA256", Buffer.from(`${header}.${claims}`), app.publicKey, Buffer.from(signature, "base64url")))
      return refused("invalid_client", "The client_assertion signature is invalid.");
    const now = Date.now() / 1000;
    const valid =
      body.aud === `${this.url}/oauth2/v1/token` &&
      body.sub === body.iss &&
      typeof body.exp === "number" &&
      typeof body.iat === "number" &&
      body.exp > now &&
      body.exp - body.iat <= 3600 &&
      typeof body.jti === "string" &&
      !this.usedAssertionIds.has(body.jti);
    if (!valid) return refused("invalid_client", "The client_assertion claims are invalid or the assertion was used before.");
    this.usedAssertionIds.add(body.jti as string);
    if (app.requireDpop) return refused("invalid_dpop_proof", "The DPoP proof JWT header is missing.");
    const scopes = (form.get("scope") ?? "").split(" ").filter((scope) => scope !== "");
    if (scopes.length === 0 || scopes.some((scope) => !app.scopes.includes(scope)))
      return refused("invalid_scope", "One or more scopes are not configured for the authorization server resource.");
    const accessToken = randomBytes(16).toString("hex");
    this.oauthTokens.set(accessToken, scopes);
    return { status: 200, body: { token_type: "Bearer", expires_in: 3600, access_token: accessToken, scope: scopes.join(" ") } };
  }

  /**
   * The IDs of a group's members as Okta has them: the people added by hand, and everyone an ACTIVE
   * rule targeting the group matches, unless the rule excludes them or does not act on their
   * status (NOT_EVALUATED_BY_RULES). Okta keeps the people it added before they were deactivated
   * (support.okta.com, "Deactivated Users not Removed From Okta Groups Automatically"): a test
   * lists those by hand.
   */
  membersOf(groupId: string): string[] {
    const members = new Set(this.groups.find((group) => group.id === groupId)?.members ?? []);
    for (const rule of this.groupRules) {
      if (rule.status !== "ACTIVE" || !rule.groupIds.includes(groupId)) continue;
      const excluded = new Set(rule.excludedUserIds ?? []);
      for (const user of this.users) if (!excluded.has(user.id) && !NOT_EVALUATED_BY_RULES.has(user.status) && rule.matches(user)) members.add(user.id);
    }
    return [...members];
  }

  /**
   * An app's grants, assigned groups and users, and its client's admin roles, when nothing was set
   * for them: an empty list for an app the org has (listScopeConsentGrants, listApplicationGroupAssignments,
   * listApplicationUsers, listRolesForClient answer arrays; okta-management-openapi-spec), 404 for
   * one it does not (the same operations' ErrorResourceNotFound404).
   */
  private appSubCollection(pathname: string): "listed" | "unknown" | undefined {
    const app = /^\/api\/v1\/apps\/([^/]+)\/(grants|groups|users)$/.exec(pathname) ?? /^\/oauth2\/v1\/clients\/([^/]+)\/roles$/.exec(pathname);
    if (!app) return undefined;
    const apps = (this.lists.get("/api/v1/apps")?.() ?? []) as Array<{ id: string; credentials?: { oauthClient?: { client_id?: string } } }>;
    const id = decodeURIComponent(app[1]!);
    return apps.some((listed) => listed.id === id || listed.credentials?.oauthClient?.client_id === id) ? "listed" : "unknown";
  }

  // ---- Okta's documented defaults for users, members and owners (issue 20) ----

  /**
   * `GET /api/v1/users` as Okta's management spec describes `listUsers`
   * (okta-management-openapi-spec, dist/current/management-minimal.yaml): without `search` or
   * `filter` it "omits users that have a status of DEPROVISIONED"; `search` returns every status and
   * compares string values ignoring case ("operators ... and string values are case insensitive");
   * `filter` returns every status and compares values with case ("Filtering is case-sensitive for
   * property names and query values"). Only what the stack's clients send is understood:
   * `<property> eq "<value>"` terms joined by `or`, on id, status and profile attributes; anything
   * else is refused with 400 rather than answered more leniently than Okta.
   */
  private listUsers(query: URLSearchParams): { found: EmulatedUser[] } | { refused: unknown } {
    const search = query.get("search");
    const filter = query.get("filter");
    if (search === null && filter === null) return { found: this.users.filter((user) => user.status !== "DEPROVISIONED") };
    const expression = (search ?? filter)!;
    const terms = expression.split(/\s+or\s+/i).map((term) => /^\s*(id|status|profile\.[A-Za-z0-9_]+)\s+eq\s+"([^"]*)"\s*$/i.exec(term));
    if (terms.some((term) => term === null)) return { refused: { errorCode: "E0000001", errorSummary: `Api validation failed: ${search === null ? "filter" : "search"}` } };
    const same = (a: string, b: string) => (search !== null ? a.toLowerCase() === b.toLowerCase() : a === b);
    const valueOf = (user: EmulatedUser, property: string) => (property === "id" ? user.id : property === "status" ? user.status : user.profile[property.slice("profile.".length)]);
    return {
      found: this.users.filter((user) =>
        terms.some((term) => {
          const value = valueOf(user, term![1]!);
          return typeof value === "string" && same(value, term![2]!);
        }),
      ),
    };
  }

  /**
   * The group-owner API (`/api/v1/groups/{groupId}/owners`) on an org without Okta Identity
   * Governance: the spec's tag GroupOwner says the API "is only available if you're subscribed to
   * Okta Identity Governance". The spec lists no answer for that case on these operations; the
   * emulator gives the one the spec documents for a feature the org does not have
   * (`Error-FF-NotEnabled-Response-401`: 401, E0000015, "You do not have permission to access the
   * feature you are requesting").
   */
  private groupOwnersRefusal(pathname: string): { status: number; body: unknown } | undefined {
    if (this.identityGovernance || !/^\/api\/v1\/groups\/[^/]+\/owners$/.test(pathname)) return undefined;
    return {
      status: 401,
      body: { errorCode: "E0000015", errorSummary: "You do not have permission to access the feature you are requesting", errorLink: "E0000015", errorCauses: [] },
    };
  }
  // ---- end of issue 20's block ----
}

const NOT_FOUND_ANSWER = { status: 404, body: { errorCode: "E0000007", errorSummary: "Not found: Resource not found" } };

/** A request's JSON body, or undefined when it has none or it is not JSON. */
async function readJson(request: IncomingMessage): Promise<unknown> {
  const text = await requestBody(request);
  try {
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

// --- Drift check (issue 25) ---
/**
 * The part of listGroups' `search` the drift check sends: `profile.name sw "x"` and
 * `profile.name eq "x"` joined by `or` (okta-management-openapi-spec, listGroups: operators sw, eq
 * and co on profile.name; string comparisons are case-insensitive, as Okta documents for search).
 * Anything else is refused (null), as Okta refuses a search it cannot parse.
 */
export function groupSearchMatcher(search: string): ((name: string) => boolean) | null {
  const terms = search.split(/\s+or\s+/i).map((term) => /^profile\.name (sw|eq) "((?:[^"\\]|\\.)*)"$/.exec(term.trim()));
  if (terms.some((term) => term === null)) return null;
  const tests = terms.map((term) => ({ operator: term![1], value: term![2]!.replace(/\\(.)/g, "$1").toLowerCase() }));
  return (name) => tests.some(({ operator, value }) => (operator === "sw" ? name.toLowerCase().startsWith(value) : name.toLowerCase() === value));
}
// --- end of the drift check's block ---

/** A rule as listGroupRules answers it (okta-management-openapi-spec, GroupRule). */
function groupRuleObject(rule: EmulatedGroupRule): unknown {
  return {
    id: rule.id,
    name: rule.name,
    status: rule.status,
    type: "group_rule",
    conditions: { expression: { value: rule.expression, type: "urn:okta:expression:1.0" }, people: { users: { exclude: [...(rule.excludedUserIds ?? [])] } } },
    actions: { assignUserToGroups: { groupIds: [...rule.groupIds] } },
  };
}
