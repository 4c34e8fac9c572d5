import type { AccessLevel } from "../../access/schema";
import type { ProfileValue } from "../../access/expression-eval";

/*
 * What the drift check knows of the live org and portal: plain data, read once. The finding engine
 * (findings.ts) takes only this, so the readers behind it (read-okta.ts, read-portal.ts today, the
 * import's improved readers later) can change without touching the engine or its tests.
 */

/** One person as Okta holds them; the login keeps Okta's spelling (case included). */
export interface LivePerson {
  readonly id: string;
  readonly login: string;
  /** First and last name, as the profile gives them. */
  readonly name: string;
  /** ACTIVE, STAGED, PROVISIONED, RECOVERY, PASSWORD_EXPIRED, LOCKED_OUT, SUSPENDED or DEPROVISIONED. */
  readonly status: string;
  readonly profile: Readonly<Record<string, ProfileValue>>;
}

/** A group the drift check read the members of. */
export interface LiveGroup {
  readonly id: string;
  /** Empty when the group was read only because a rule tests it by ID. */
  readonly name: string;
  readonly memberIds: readonly string[];
  /**
   * APP_GROUP when a directory or an app masters the group (okta-management-openapi-spec, Group.type;
   * only the directory changes its members: assignUserToGroup, unassignUserFromGroup); absent when
   * it was not read (a group read only because a rule tests it or the app is assigned to it) or is OKTA_GROUP.
   */
  readonly type?: string;
}

/** A group rule that assigns at least one group the drift check read. */
export interface LiveRule {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly expression: string;
  readonly groupIds: readonly string[];
}

/** What a scoped admin role may act on; both empty: the whole org (Okta's answer for an unscoped role). */
export interface AdminRoleTargets {
  readonly groups: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  /** App instances (with their ID) or every instance of an OIN app (name only). */
  readonly apps: ReadonlyArray<{ readonly name: string; readonly id?: string }>;
}

/** One admin role a person holds, directly (USER) or through a group (GROUP). */
export interface LiveAdminRole {
  readonly userId: string;
  readonly roleType: string;
  readonly assignmentType: "USER" | "GROUP";
  /** For GROUP: the group the role is assigned to, when Okta's answer names it. */
  readonly groupId?: string;
  /** For a role Okta scopes (GROUP_MEMBERSHIP_ADMIN, HELP_DESK_ADMIN, USER_ADMIN, APP_ADMIN): its live targets, when read. */
  readonly targets?: AdminRoleTargets;
}

/** A rule of the app's sign-on (ACCESS_POLICY) policy. */
export interface LiveSignOnRule {
  readonly id: string;
  readonly name: string;
  readonly priority: number;
  /** Okta's catch-all rule (system rule, lowest priority). */
  readonly catchAll: boolean;
  readonly access: string;
  readonly factorMode: string;
  readonly reauthenticateIn?: string;
  readonly constraints: readonly unknown[];
}

export interface LiveApp {
  readonly id: string;
  readonly label: string;
  /** Groups assigned to the app, with their names where Okta embedded them. */
  readonly groups: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  /** People assigned to the app one by one (scope USER), not through a group; absent when not read (ReadScope.directAppAssignments). */
  readonly directUserIds?: readonly string[];
  readonly policy?: { readonly id: string; readonly name: string; readonly rules: readonly LiveSignOnRule[] };
}

export interface LiveApiToken {
  readonly id: string;
  readonly name: string;
  readonly userId: string;
}

export interface LivePortalUser {
  /** DuploCloud's spelling of the username. */
  readonly username: string;
  readonly roles: readonly string[];
  readonly readOnly: boolean;
  readonly tenants: ReadonlyArray<{ readonly tenant: string; readonly level: AccessLevel }>;
}

export interface LiveState {
  readonly orgUrl: string;
  /** When the reads finished (ISO 8601, UTC). */
  readonly readAt: string;
  /** Everyone the reads met: the user listing plus members of the groups read (deactivated people included). */
  readonly people: readonly LivePerson[];
  readonly groups: readonly LiveGroup[];
  readonly rules: readonly LiveRule[];
  readonly adminRoles: readonly LiveAdminRole[];
  /** The DuploCloud OIDC app (found by its sign-in redirect URI), absent when the org has none. */
  readonly app?: LiveApp;
  readonly apiTokens: readonly LiveApiToken[];
  /** The portal's users and grants; absent when the portal was not read (no DUPLO_TOKEN). */
  readonly portal?: { readonly users: readonly LivePortalUser[] };
}

/** What the drift check needs to know to read only what matters. */
export interface ReadScope {
  /** Exact names of the stack's groups whose members matter (role groups, teams holding admin roles). */
  readonly groupNames: readonly string[];
  /** Group name prefixes DuploCloud reads tenant access from. */
  readonly tenantPrefixes: readonly string[];
  /** The DuploCloud app's sign-in redirect URI, which identifies the app. */
  readonly signInRedirectUri: string;
  /**
   * Whether to read who is assigned to the app one by one. Okta lists the app's users only all
   * together (read-okta.ts), about as many pages as the user listing: asked for, not by default.
   */
  readonly directAppAssignments: boolean;
}

/** The small interface the drift command reads the live org through. */
export interface LiveOrgReader {
  read(scope: ReadScope, progress: (message: string) => void): Promise<Omit<LiveState, "portal">>;
}

export interface LivePortalReader {
  read(progress: (message: string) => void): Promise<NonNullable<LiveState["portal"]>>;
}
