import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { requestBody } from "./request-body";

/*
 * An emulator of the DuploCloud REST endpoints this project uses, following what DuploCloud's own
 * Terraform provider (duplocloud/terraform-provider-duplocloud, duplosdk/) sends to and expects of the
 * portal (docs/duplocloud-side.md lists the endpoints with their sources): same paths, bodies and status codes, bearer-token checks, state kept like the portal's.
 * At least as strict as the portal: user names are compared exactly, as DuploCloud does (duplosdk/user.go
 * `UserGet` uses ==), so `CI-Deployer@acme.example` and `ci-deployer@acme.example` are two users; an
 * unknown user's tenant access is 404, and so is granting or revoking it; writes can be made to
 * show only after `visibilityDelayMs` (the portal applies some writes after answering, which is why
 * DuploCloud's provider polls); setting keys DuploCloud is not known to read are remembered but
 * listed by unknownSettingKeys(). Tests start it on a random loopback port and can inject faults.
 */

/** System Config keys DuploCloud's public code is known to read (docs/duplocloud-side.md). */
export const SETTING_KEYS_DUPLOCLOUD_READS: ReadonlySet<string> = new Set(["DisableOktaUsersVpnSync"]);

export interface EmulatedUser {
  Username: string;
  Roles: string[];
  IsReadOnly: boolean;
}

export type Fault =
  /** Answer `status`; `body` is sent as JSON text as given, `rawBody` as HTML, neither: `{Message: "injected <status>"}`. */
  | {
      readonly kind: "status";
      readonly status: number;
      readonly retryAfter?: string;
      readonly body?: string;
      readonly rawBody?: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** Carry the request out, then answer `status` (default 200) with a body that is not JSON. */
  | { readonly kind: "garble"; readonly status?: number }
  /** Close the connection without an answer; `afterApply` first carries the request out. */
  | { readonly kind: "drop"; readonly afterApply?: boolean }
  /** Carry the request out, then answer only after `ms` (past the client's timeout). */
  | { readonly kind: "delay"; readonly ms: number };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly authorized: boolean;
}

export class DuploEmulator {
  readonly users = new Map<string, EmulatedUser>();
  readonly tenants = new Map<string, string>(); // TenantId -> AccountName
  /** username -> TenantId -> IsReadOnly */
  readonly access = new Map<string, Map<string, boolean>>();
  readonly settings = new Map<string, { Key: string; Type: string; Value: string }>();
  readonly requests: RecordedRequest[] = [];
  private readonly faults: Array<{ match: (method: string, path: string) => boolean; fault: Fault }> = [];
  private server?: Server;
  private readonly openSockets = new Set<import("node:net").Socket>();

  /**
   * How the portal stores the roles it is sent. Default: as sent. A test can make it store them in
   * another order or case, as a portal that normalises them would.
   */
  storeRoles: (roles: string[]) => string[] = (roles) => roles;

  /** Answer grants without their `Policy` (DuploCloud's struct declares it `omitempty`). */
  omitGrantPolicy = false;

  /** Writes are answered at once but show in reads only this much later. */
  visibilityDelayMs = 0;
  private readonly pendingWrites = new Set<ReturnType<typeof setTimeout>>();

  /** Setting keys written that DuploCloud is not known to read: stored, and effectless on a real portal. */
  unknownSettingKeys(): string[] {
    return [...this.settings.keys()].filter((key) => !SETTING_KEYS_DUPLOCLOUD_READS.has(key)).sort();
  }

  /** Applies `write` now, or after visibilityDelayMs. */
  private apply(write: () => void): void {
    if (this.visibilityDelayMs <= 0) return write();
    const timer = setTimeout(() => {
      this.pendingWrites.delete(timer);
      write();
    }, this.visibilityDelayMs);
    this.pendingWrites.add(timer);
  }

  constructor(
    readonly token: string,
    tenants: Record<string, string> = { "t-dev01": "dev01", "t-qa01": "qa01" },
  ) {
    for (const [id, name] of Object.entries(tenants)) this.tenants.set(id, name);
  }

  /** The next request matching `match` (default: any) gets `fault` instead of a normal answer. */
  injectFault(fault: Fault, match: (method: string, path: string) => boolean = () => true, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push({ match, fault });
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.on("connection", (socket) => {
      this.openSockets.add(socket);
      socket.on("close", () => this.openSockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const timer of this.pendingWrites) clearTimeout(timer);
    for (const socket of this.openSockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Requests that change state (POST and DELETE). */
  mutations(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== "GET");
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await requestBody(request);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return this.send(response, 400, { Message: "invalid JSON" });
    }
    const method = request.method ?? "GET";
    const path = request.url ?? "/";
    const authorized = request.headers.authorization === `Bearer ${this.token}`;
    this.requests.push({ method, path, body, authorized });

    const faultIndex = this.faults.findIndex((f) => f.match(method, path));
    const fault = faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0]!.fault : undefined;
    if (fault?.kind === "status") {
      if (fault.retryAfter) response.setHeader("retry-after", fault.retryAfter);
      for (const [name, value] of Object.entries(fault.headers ?? {})) response.setHeader(name, value);
      if (fault.rawBody !== undefined || fault.body !== undefined) {
        response.writeHead(fault.status, { "content-type": fault.body !== undefined ? "application/json" : "text/html" }).end(fault.body ?? fault.rawBody);
        return;
      }
      return this.send(response, fault.status, { Message: `injected ${fault.status}` });
    }
    if (fault?.kind === "drop" && !fault.afterApply) {
      request.socket.destroy();
      return;
    }
    if (!authorized) return this.send(response, 401, { Message: "Unauthorized" });
    const [status, answer] = this.route(method, path, body);
    if (fault?.kind === "drop") {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === "delay") await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === "garble") {
      response.writeHead(fault.status ?? 200, { "content-type": "text/html" }).end("<html><body>Service Unavailable</body></html>");
      return;
    }
    this.send(response, status, answer);
  }

  private send(response: ServerResponse, status: number, body: unknown): void {
    if (response.destroyed) return;
    if (body === undefined) {
      response.writeHead(status).end();
      return;
    }
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  private route(method: string, fullPath: string, body: unknown): [number, unknown] {
    const path = fullPath.split("?")[0]!;
    const b = (body ?? {}) as Record<string, unknown>;
    if (method === "GET" && path === "/admin/GetAllUserRoles") return [200, [...this.users.values()].map((u) => ({ ...u, Permissions: [], State: null }))];
    if (method === "POST" && path === "/admin/UpdateUserRole") {
      const username = String(b.Username ?? "");
      if (!username) return [400, { Message: "Username is required" }];
      if (b.State === "deleted") {
        if (!this.users.has(username)) return [404, { Message: "User not found" }];
        this.apply(() => {
          this.users.delete(username);
          this.access.delete(username);
        });
        return [200, undefined];
      }
      const user = { Username: username, Roles: this.storeRoles((b.Roles as string[]) ?? ["User"]), IsReadOnly: Boolean(b.IsReadOnly) };
      this.apply(() => this.users.set(username, user));
      return [200, user];
    }
    if (method === "GET" && path === "/admin/GetTenantsForUser") {
      return [200, [...this.tenants].map(([TenantId, AccountName]) => ({ TenantId, AccountName, PlanID: "default" }))];
    }
    const access = /^\/v3\/admin\/user\/([^/]+)\/tenantAccess$/.exec(path);
    if (method === "GET" && access) {
      const username = decodeURIComponent(access[1]!);
      // DuploCloud's Terraform provider reads 404 here as "the user is gone, so no grant".
      if (!this.users.has(username)) return [404, { Message: "User not found" }];
      const grants = this.access.get(username) ?? new Map<string, boolean>();
      return [
        200,
        [...grants].map(([TenantId, IsReadOnly]) => ({ TenantId, AccountName: this.tenants.get(TenantId), ...(this.omitGrantPolicy ? {} : { Policy: { IsReadOnly } }) })),
      ];
    }
    if (method === "GET" && path === "/admin/GetAllTenantAuthInfo") {
      return [
        200,
        [...this.tenants.keys()].map((TenantId) => ({
          TenantId,
          UserAccess: [...this.access].filter(([, grants]) => grants.has(TenantId)).map(([Username, grants]) => ({ Username, Policy: { IsReadOnly: grants.get(TenantId) } })),
        })),
      ];
    }
    if (method === "POST" && path === "/admin/UpdateUserAccess") {
      const username = String(b.Username ?? "");
      const tenantId = String(b.TenantId ?? "");
      if (!this.tenants.has(tenantId)) return [400, { Message: `Tenant ${tenantId} not found` }];
      // Names compared exactly: a grant under another spelling is for a user the portal does not have.
      if (!this.users.has(username)) return [404, { Message: "User not found" }];
      const grants = this.access.get(username) ?? new Map<string, boolean>();
      if (b.State === "deleted") {
        if (!grants.has(tenantId)) return [404, { Message: "Access not found" }];
        this.apply(() => grants.delete(tenantId));
        return [204, undefined];
      }
      this.apply(() => {
        grants.set(tenantId, Boolean((b.Policy as { IsReadOnly?: boolean })?.IsReadOnly));
        this.access.set(username, grants);
      });
      return [204, undefined];
    }
    if (method === "GET" && path === "/v3/admin/systemSettings/config") return [200, [...this.settings.values()]];
    if (method === "POST" && path === "/v3/admin/systemSettings/config") {
      const setting = { Key: String(b.Key), Type: String(b.Type), Value: String(b.Value) };
      this.settings.set(setting.Key, setting);
      return [200, setting];
    }
    const setting = /^\/v3\/admin\/systemSettings\/config\/(.+)$/.exec(path);
    if (method === "DELETE" && setting) {
      this.settings.delete(decodeURIComponent(setting[1]!));
      return [200, undefined];
    }
    return [404, { Message: `no route ${method} ${path}` }];
  }
}
