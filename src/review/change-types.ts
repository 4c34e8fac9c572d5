import type { FactKind } from "./access-facts";
import type { LeftInGroup } from "./rule-collapse";

/*
 * The shape of one access change and of a whole diff: below diff.ts (which decides them) and the
 * modules that word one concern each (account-changes.ts), so neither imports the other.
 */

export type Direction = "widens" | "narrows" | "changes";

export interface AccessChange {
  readonly direction: Direction;
  /** What kind of fact changed; the renderer decides by it, never by the wording. */
  readonly kind: FactKind;
  /** Administrator, security admin, *.manage scope, Okta admin role, MFA. */
  readonly critical: boolean;
  readonly subject: string;
  /** A sentence: "gains tenant dev01: read-write", "rule changes". */
  readonly summary: string;
  readonly before?: string;
  readonly after?: string;
  readonly owners: readonly string[];
}

export interface AccessDiff {
  readonly changes: readonly AccessChange[];
  /** Owners of every team and role the change touches, who should approve it. */
  readonly approvers: readonly string[];
  /** Tenant groups whose deleted home rules leave in people the head file no longer gives them (rule-collapse.ts); absent when none. */
  readonly leftInGroups?: readonly LeftInGroup[];
}

/** A change before its approvers are decided (diffAccess does that, from the base version). */
export type UnapprovedChange = Omit<AccessChange, "owners">;
