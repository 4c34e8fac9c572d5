import type { ExpressionNode } from "./expression";
import type { OktaAdminRoleType } from "./okta-catalog";
import type { Portal } from "../config/portal-url";
import type { TemporaryGrant } from "./temporary-access";
import type { AccessFile, AccessLevel, ApiTokenImport, DuploCloudUser, ManagedUser, PlatformRoleName, ServiceApp } from "./schema";

/*
 * The access model's types: plain data derived from a validated access file (model.ts builds it),
 * with nothing of Pulumi in it. Apart from the code, so that the modules that build parts of the
 * model (rules.ts) and the model itself do not import each other.
 */

export type GroupKind = "platform-role" | "tenant" | "team";

/** What every Okta group the stack manages has. */
interface GroupCommon {
  /** Stable logical key, also the Pulumi logical name: `role-administrators`, `tenant-dev01-read-write`, `team-payments`. */
  readonly key: string;
  /** The Okta group name (DuploCloud matches tenant groups by exact name). */
  readonly name: string;
  readonly description: string;
  /** People who approve changes to the group (review only; Okta does not store them here). */
  readonly owners: readonly string[];
  /** Emails of explicit members, sorted. */
  readonly explicitMembers: readonly string[];
  /** The group's own rule expression, if it is filled by attributes. */
  readonly ruleExpression?: string;
  /** People the group's rule leaves out even when it matches them (`except`), lower-cased, sorted; absent when none. */
  readonly ruleExceptions?: readonly string[];
  /** Existing Okta group to adopt. */
  readonly importId?: string;
  /** `directory`: an existing group a directory masters (APP_GROUP, importId): referenced by its ID, never written. */
  readonly source?: "directory";
  /** Whether membership gives any DuploCloud access (and so needs the OIDC app assigned). */
  readonly grantsDuploAccess: boolean;
}

/** A platform-role group: the DuploCloud role it maps to. */
export interface PlatformRoleGroup extends GroupCommon {
  readonly kind: "platform-role";
  readonly platformRole: PlatformRoleName;
}

/** A tenant group: the tenant and the level of access DuploCloud reads from its name. */
export interface TenantGroup extends GroupCommon {
  readonly kind: "tenant";
  readonly tenant: string;
  readonly level: AccessLevel;
}

/** A team's group. */
export interface TeamGroup extends GroupCommon {
  readonly kind: "team";
  readonly team: string;
  /** The team's name before a rename (`formerName`): its resources keep their Okta objects through Pulumi aliases. */
  readonly formerName?: string;
}

/** One Okta group the stack manages; `kind` says which of the three it is. */
export type GroupSpec = PlatformRoleGroup | TenantGroup | TeamGroup;

/** A team's grant on a tenant, after expiry filtering. */
export interface TeamGrant {
  readonly team: string;
  readonly tenant: string;
  readonly level: AccessLevel;
  readonly expires?: string;
}

/** An Okta admin role given to one of the stack's groups (okta.group.Role). */
export interface GroupAdminRole {
  readonly key: string;
  /** The group that holds the role. */
  readonly groupKey: string;
  readonly roleType: OktaAdminRoleType;
  /** Keys of the groups the role may act on (GROUP_MEMBERSHIP_ADMIN, HELP_DESK_ADMIN, USER_ADMIN), sorted. */
  readonly targetGroupKeys: readonly string[];
  /** Apps the role may act on (APP_ADMIN): `duplocloud` (the stack's OIDC app) or `<app name>.<app ID>`, sorted. */
  readonly targetApps: readonly string[];
  /** A role Okta scopes, given over the whole org on purpose (`orgWide: true`). */
  readonly orgWide: boolean;
  /** Why the group holds it: required for SUPER_ADMIN, ORG_ADMIN and org-wide roles. */
  readonly reason?: string;
}

/** Everything the Pulumi program and the review tools need, derived once. */
export interface AccessModel {
  /** The DuploCloud OIDC app: label, adoption and sign-on (MFA, re-authentication). */
  readonly app: AccessFile["okta"]["app"];
  /** The group-name prefixes DuploCloud reads access from. */
  readonly groupNaming: AccessFile["groupNaming"];
  /** Every team grant that has an expiry, as written (expired ones included), for the expiry check. */
  readonly datedGrants: readonly Required<TeamGrant>[];
  /** The access file's `duplocloud.portal`, normalised once (config/portal-url.ts): where people sign in. */
  readonly portal: Portal;
  readonly tenants: readonly string[];
  readonly groups: readonly GroupSpec[];
  readonly rules: readonly RuleSpec[];
  /**
   * Each distinct rule expression of the roles and teams (a group's `ruleExpression`), parsed once
   * when the model is built: consumers read the tree here (model.ts, parsedRuleOf), never parse again.
   */
  readonly parsedRules: ReadonlyMap<string, ParsedRule>;
  readonly grants: readonly TeamGrant[];
  /** Accounts the stack creates or adopts (`users:` in the file), emails lower-cased, sorted. */
  readonly users: readonly ManagedUser[];
  /**
   * Every person the file names as a member, owner or rule exception, lower-cased and sorted: existing Okta logins
   * the program looks up (except the accounts under `users`, which the stack makes).
   */
  readonly namedPeople: readonly string[];
  /** Where each named person is first written (`access/dev.yaml:12:14`), for errors about them. */
  readonly namedAt: ReadonlyMap<string, string>;
  /** Every place each named person is written, in file order: where a warning about them tells to edit. */
  readonly namedLines: ReadonlyMap<string, readonly string[]>;
  readonly groupAdminRoles: readonly GroupAdminRole[];
  readonly serviceApps: readonly ServiceApp[];
  readonly apiTokens: readonly ApiTokenImport[];
  /**
   * Every temporary grant the file has (`temporaryAccess`), ended ones included, sorted by end, then
   * person: the ones still running are in the groups and rules; all are for review and clean-up.
   */
  readonly temporaryGrants: readonly TemporaryGrant[];
  /** Explicit DuploCloud users (outside Okta), sorted by username, their tenant grants sorted by tenant. */
  readonly duplocloudUsers: readonly DuploCloudUser[];
  /** VPN access for new Okta users (DuploCloud's DisableOktaUsersVpnSync); undefined: not managed. */
  readonly oktaUsersVpn?: "enabled" | "disabled";
  /** Each owner's GitHub username (owners lower-cased), from `githubLogins:`; undefined when the file has none (access/github-logins.ts). */
  readonly githubLogins?: Readonly<Record<string, string>>;
}

/** A rule expression of the file, parsed; validation has refused any that does not parse. */
export interface ParsedRule {
  readonly tree: ExpressionNode;
  /** Profile attributes the expression reads (`user.department` gives `department`), sorted. */
  readonly attributes: readonly string[];
  /** Group IDs and names the expression tests membership of, sorted. */
  readonly groupReferences: readonly string[];
}

/** An explicit member of a rule-filled group, as the rule's condition tests them. */
export interface MemberTerm {
  /** The person as the file names them, lower-cased: how the people look-up knows them. */
  readonly person: string;
  /** Their Okta login, lower-cased: the literal the term compares the lower-cased user.login with. */
  readonly login: string;
}

/** One OR-ed part of a rule's expression. */
export type RuleClause =
  /** An attribute condition, OR-ed with a login test for each explicit member (see rules.ts, fillText). */
  /** `except`: people the term leaves out in its own text (a tenant rule copying a team's rule and exceptions; see rules.ts). */
  | { readonly kind: "expression"; readonly expression: string; readonly members: readonly MemberTerm[]; readonly team?: string; readonly except?: readonly MemberTerm[] }
  | { readonly kind: "member-of-any"; readonly groupKeys: readonly string[] }
  /** People given the group for a while (`temporaryAccess`): a login test each, until their grant ends. */
  | { readonly kind: "temporary"; readonly members: readonly MemberTerm[] };

export interface RuleSpec {
  /** Stable logical key: `rule-team-payments`, `rule-tenant-dev01-read-write-2`. */
  readonly key: string;
  /** Okta rule name, at most 50 characters. */
  readonly name: string;
  /** The one group the rule fills. */
  readonly targetGroupKey: string;
  readonly clauses: readonly RuleClause[];
  /**
   * People (lower-cased, as the file names them) sent as the rule's excluded users: a group's own
   * rule with `except`. Absent when none. Tenant rules never exclude: they copy the exceptions into
   * the excepted team's term instead (rules.ts).
   */
  readonly excludedPeople?: readonly string[];
  /** A tenant group's rule other than `rule-<group>`: deleted with its people left in (rules.ts, homes). */
  readonly keepsMembersOnDelete?: true;
  /** The rule's logical name before its team was renamed (`formerName`), registered as an alias. */
  readonly formerKey?: string;
}
