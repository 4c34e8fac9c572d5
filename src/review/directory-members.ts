import type { DirectorySnapshot } from "../access/directory-snapshot";
import type { GroupSpec } from "../access/model-types";
import { byText } from "../access/text-order";
import { CAN_SIGN_IN } from "./directory";
import type { GroupReference } from "../access/membership-references";

/*
 * The members of the groups a directory masters (`source: directory`, Okta type APP_GROUP), by
 * name: the file cannot list them (Okta lets only the directory change them: okta-management-openapi-spec,
 * assignUserToGroup acts on OKTA_GROUP only), so the review reads them from a directory snapshot,
 * which `npm run directory` takes with the members of every directory group the file references.
 * Pure.
 */

/**
 * What the review knows of a directory group's members: the logins of those who can sign in and how
 * many more cannot (suspended, deactivated, not yet activated), or that it does not know them, and why.
 */
export type DirectoryMembers = { readonly known: true; readonly logins: readonly string[]; readonly cannotSignIn: number } | { readonly known: false; readonly why: string };

/** One member of a group as the snapshot read them. */
export interface SnapshotMember {
  readonly login: string;
  readonly status: string;
}

/** Said when there is no snapshot: the file alone cannot tell who is in a directory group. */
export const MEMBERS_NOT_KNOWN_OFFLINE = "not known offline (the directory decides them); pass --directory SNAPSHOT from npm run directory";
/** Said when the snapshot was taken without the group's members (an older snapshot, or one from a CSV export). */
export const MEMBERS_NOT_IN_SNAPSHOT = "not in the snapshot (taken without this group's members); take a new one with npm run directory";

/** The stack's groups a directory masters, with the ID the file references them by. */
export function directoryGroupsOf(groups: readonly GroupSpec[]): Array<GroupSpec & { readonly importId: string }> {
  return groups.filter((group): group is GroupSpec & { importId: string } => group.source === "directory" && group.importId !== undefined);
}

/** The directory groups as references by ID, for a snapshot to read their members (live/directory.ts). */
export function directoryGroupReferences(groups: readonly GroupSpec[]): GroupReference[] {
  return directoryGroupsOf(groups).map((group) => ({ by: "id", value: group.importId }));
}

/** Members (lower-cased logins, sorted, with their status) of every group whose memberships the snapshot holds, by group ID. */
export function snapshotGroupMembers(snapshot: DirectorySnapshot): Map<string, SnapshotMember[]> {
  const members = new Map<string, SnapshotMember[]>((snapshot.groups ?? []).map((group) => [group.id, []]));
  for (const user of snapshot.users) {
    for (const id of user.groups ?? []) members.get(id)?.push({ login: user.login.toLowerCase(), status: user.status });
  }
  for (const list of members.values()) list.sort((a, b) => byText(a.login, b.login));
  return members;
}

/** A directory group's members from the snapshot: those who can sign in by name, the others counted; without a snapshot, not known. */
export function directoryMembersOf(groupId: string, members: ReadonlyMap<string, readonly SnapshotMember[]> | undefined): DirectoryMembers {
  if (!members) return { known: false, why: MEMBERS_NOT_KNOWN_OFFLINE };
  const listed = members.get(groupId);
  if (!listed) return { known: false, why: MEMBERS_NOT_IN_SNAPSHOT };
  const logins = listed.filter((member) => CAN_SIGN_IN.has(member.status)).map((member) => member.login);
  return { known: true, logins, cannotSignIn: listed.length - logins.length };
}
