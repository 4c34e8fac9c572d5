import type { AccessFileInput, PlatformRoleName } from "../access/schema";

/*
 * What the importer takes and gives, and the pieces of the access file it writes, typed by the
 * schema's input type (the file as written, before defaults), so that each step writes only keys
 * the schema knows.
 */

/** What the portal reader (live/portal.ts) gives the importer. */
export type { PortalState } from "../live/portal";

export interface ImportOptions {
  /** Role group names when the portal's settings do not say (default: the stack's default names). */
  readonly roleGroupNames?: Partial<Record<PlatformRoleName, string>>;
  /** YYYY-MM-DD, written into the reasons and justifications the importer cannot know. */
  readonly today: string;
}

/** One line of the import's account of what the first `pulumi up` will do. */
export interface PlanLine {
  readonly what: string;
  readonly note?: string;
}

export interface ImportResult {
  readonly text: string;
  readonly adopted: readonly PlanLine[];
  readonly created: readonly PlanLine[];
  /** Existing objects the stack leaves alone: never changed, never deleted. With what to do about each. */
  readonly outside: readonly PlanLine[];
  /** What the person running the import should write or check before the first `pulumi up`. */
  readonly todo: readonly string[];
}

/** A step's share of the account; the import joins them in the order of its steps. */
export interface Account {
  readonly adopted?: readonly PlanLine[];
  readonly created?: readonly PlanLine[];
  readonly outside?: readonly PlanLine[];
  readonly todo?: readonly string[];
  /** What the file cannot express: written as a comment at the end of the file. */
  readonly notExpressed?: readonly string[];
}

export type RolesInput = AccessFileInput["roles"];
/** A role group's entry before its rule, if any, is added: what every role, administrators included, may hold. */
export type RoleGroupInput = RolesInput["administrators"];
/** A platform role whose group a rule may fill (never administrators: the schema refuses it). */
export type RuleFilledRole = Exclude<PlatformRoleName, "administrators">;
export type TeamInput = NonNullable<AccessFileInput["teams"]>[number];
export type TenantGrantInput = NonNullable<TeamInput["access"]>[number];
/** A team the import makes of a rule: its grants are the tenant groups the rule fills. */
export type RuleTeam = TeamInput & { readonly access: readonly TenantGrantInput[] };
export type TenantGroupImportInput = NonNullable<AccessFileInput["duplocloud"]["tenantGroupImports"]>[number];
export type DuploCloudUserInput = NonNullable<AccessFileInput["duplocloud"]["users"]>[number];
export type OktaInput = NonNullable<AccessFileInput["okta"]>;
export type OktaAdminRoleInput = NonNullable<AccessFileInput["oktaAdminRoles"]>[number];
export type ApiTokenInput = NonNullable<NonNullable<AccessFileInput["apiAccess"]>["apiTokens"]>[number];
