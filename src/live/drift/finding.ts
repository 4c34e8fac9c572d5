import type { AccessModel } from "../../access/model";
import type { FileLines } from "./file-lines";
import type { LiveState } from "./live-state";

/*
 * What a drift finding is, and what the check hands back: the types every finding kind (kinds/,
 * role-targets.ts, sign-on.ts) and every renderer share. Kept apart from the engine (findings.ts),
 * so that the kinds import these types without importing the engine that imports them.
 */

export const FINDING_KINDS = [
  "member-outside-file",
  "member-missing",
  "undeclared-duplo-group",
  "rule-outside-file",
  "admin-role-outside-file",
  "admin-role-targets-differ",
  "app-assignment-outside-file",
  "app-missing",
  "sign-on-weaker",
  "api-token-outside-file",
  "portal-user-outside-file",
  "portal-grant-outside-file",
  "deactivated-member",
  "rule-undecidable",
  "excepted-member",
  "pending-activation",
  "directory-members",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** critical: access wider than the file where it matters most (admin roles, administrators, read-write tenants, sign-on). */
export type Severity = "critical" | "warning" | "information";

export interface Who {
  readonly login: string;
  readonly name: string;
  readonly status: string;
}

export interface Finding {
  readonly kind: FindingKind;
  readonly severity: Severity;
  /** The person, when the finding is about one. */
  readonly who?: Who;
  /** The group, rule, role, app, policy, token or portal object. */
  readonly where: string;
  /** How Okta (or the portal) says the access came about: a rule's ID, by hand, directly. */
  readonly how: string;
  /** The line to add to the file to keep it, and the console step to undo it. */
  readonly fix: string;
}

/** One person's access by one path: a row of the evidence. */
export interface AccessPath {
  /** `tenant dev01`, `role administrators`, `Okta admin role HELP_DESK_ADMIN`, `app DuploCloud (dev)`. */
  readonly target: string;
  /** read-write, read-only, the platform role, the admin role type. */
  readonly level: string;
  /** How the person holds it: `group duploservices-dev01, rule 0pr… (duplo rw dev01)`. */
  readonly path: string;
  readonly declared: boolean;
  /** `access/dev.yaml:42` where the file grants it; empty when it does not. */
  readonly line: string;
  /** Who approves the access in the file (the group's owners). */
  readonly owners: readonly string[];
  /** When the file's grant ends (`expires` of the team grants behind it); absent: no end. */
  readonly expires?: string;
}

export interface PersonAccess extends Who {
  readonly access: readonly AccessPath[];
}

export interface DriftResult {
  readonly findings: readonly Finding[];
  readonly people: readonly PersonAccess[];
}

export interface DriftInput {
  readonly model: AccessModel;
  readonly lines: FileLines;
  readonly stack: string;
  readonly live: LiveState;
}

/** How to take someone out of an Okta group by hand: the fix every finding of an unwanted member ends with. */
export const removeFromGroupByHand = (group: string, login: string) =>
  `To undo: Okta console, Directory > Groups > ${group} > People, remove ${login} (if a rule outside the file put them there, deactivate that rule first)`;
