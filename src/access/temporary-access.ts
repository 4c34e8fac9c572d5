import type { AccessModel } from "./model-types";
import { roleGroupKey, teamGroupKey } from "./keys";
import { ACCESS_LEVELS, PLATFORM_ROLES, type AccessLevel, type PlatformRoleName } from "./vocabulary";

/*
 * Temporary access: one person, one tenant at a level (or one platform role), until an end time,
 * for a written reason (`temporaryAccess:` in the access file). What bounds it lives here, in one
 * place the validator, the request command and the policy pack read.
 */

/** What a temporary grant gives: a tenant at a level, or a platform role. Also the key of its limit. */
export type TemporaryTarget = AccessLevel | PlatformRoleName;
export const TEMPORARY_TARGETS: readonly TemporaryTarget[] = [...ACCESS_LEVELS, ...PLATFORM_ROLES];

/**
 * The longest a temporary grant may run, in hours, when the file sets no `temporaryAccessLimits`:
 * a working day for read-write and the roles that change the platform, a day for reading.
 */
export const DEFAULT_TEMPORARY_LIMIT_HOURS: Readonly<Record<TemporaryTarget, number>> = {
  "read-only": 24,
  "read-write": 8,
  readOnly: 24,
  signupUsers: 8,
  securityAdmins: 8,
  administrators: 4,
};

/**
 * The most a file may set a limit to (a contractor's week). Above it, access is not temporary: it
 * belongs to a team, with an owner. The policy pack holds every stack to these ceilings.
 */
export const MAX_TEMPORARY_LIMIT_HOURS = 168;

/** A limit as the file writes it: whole hours, `8h`. */
export const LIMIT_PATTERN = /^([1-9][0-9]{0,2})h$/;

/** The hours a limit text stands for (`8h` gives 8); the text matches LIMIT_PATTERN. */
export const hoursOf = (limit: string): number => Number(LIMIT_PATTERN.exec(limit)![1]);

/** The limit of `target` in hours under the file's `temporaryAccessLimits`. */
export function limitHours(limits: Partial<Record<TemporaryTarget, string>>, target: TemporaryTarget): number {
  const written = limits[target];
  return written === undefined ? DEFAULT_TEMPORARY_LIMIT_HOURS[target] : hoursOf(written);
}

/** A temporary grant as the model holds it (every one the file has, ended or not). */
export interface TemporaryGrant {
  /** The person, lower-cased. */
  readonly person: string;
  readonly target: { readonly kind: "tenant"; readonly tenant: string; readonly level: AccessLevel } | { readonly kind: "role"; readonly role: PlatformRoleName };
  readonly expires: string;
  readonly reason: string;
  readonly requestedBy?: string;
}

/** The limit key of a grant's target. */
export const targetKey = (target: TemporaryGrant["target"]): TemporaryTarget => (target.kind === "tenant" ? target.level : target.role);

/** "tenant dev01 (read-write)" or "role administrators". */
export const targetSaid = (target: TemporaryGrant["target"]): string => (target.kind === "tenant" ? `tenant ${target.tenant} (${target.level})` : `role ${target.role}`);

/**
 * Who approves a temporary grant: the owners of the teams the file grants that tenant at that level
 * (or the owners of that role's group), else the administrators' owners. Owners are lower-cased, sorted.
 */
export function approversOf(model: Pick<AccessModel, "grants" | "groups">, target: TemporaryGrant["target"]): string[] {
  const ownersOf = (key: string) => model.groups.find((group) => group.key === key)?.owners ?? [];
  const owners =
    target.kind === "tenant"
      ? model.grants.filter((grant) => grant.tenant === target.tenant && grant.level === target.level).flatMap((grant) => ownersOf(teamGroupKey(grant.team)))
      : ownersOf(roleGroupKey(target.role));
  const chosen = owners.length > 0 ? owners : ownersOf(roleGroupKey("administrators"));
  return [...new Set(chosen.map((owner) => owner.toLowerCase()))].sort();
}

/**
 * What a group's description says of each running temporary grant, so Okta's admins see who holds
 * the group for a while and until when, and the policy pack can hold the end to the ceiling:
 * `Temporary: grace@acme.example until 2026-12-07T21:20Z.`
 */
export const temporaryNote = (person: string, expires: string) => `Temporary: ${person} until ${expires}.`;
/** Finds every temporary note in a description: the person and the end. */
export const TEMPORARY_NOTE_PATTERN = /Temporary: (\S+) until (\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}Z)?)\./g;
