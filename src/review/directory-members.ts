import type { DirectorySnapshot } from "../access/directory-snapshot";
import type { GroupSpec } from "../access/model-types";
import { byText } from "../access/text-order";

/*
 * The members of the groups a directory masters (`source: directory`, Okta type APP_GROUP), by
 * name: the file cannot list them (Okta lets only the directory change them: okta-management-openapi-spec,
 * assignUserToGroup acts on OKTA_GROUP only), so the review reads them from a directory snapshot,
 * which `npm run directory` takes with the members of every directory group the file references.
 * Pure.
 */

/** What the review knows of a directory group's members: their logins, or that it does not know them, and why. */
export type DirectoryMembers = { readonly known: true; readonly logins: readonly string[] } | { readonly known: false; readonly why: string };

/** Said when there is no snapshot: the file alone cannot tell who is in a directory group. */
export const MEMBERS_NOT_KNOWN_OFFLINE = "not known offline (the directory decides them); pass --directory SNAPSHOT from npm run directory";
/** Said when the snapshot was taken without the group's members (an older snapshot, or one from a CSV export). */
export const MEMBERS_NOT_IN_SNAPSHOT = "not in the snapshot (taken without this group's members); take a new one with npm run directory";

/** The stack's groups a directory masters, with the ID the file references them by. */
export function directoryGroupsOf(groups: readonly GroupSpec[]): Array<GroupSpec & { readonly importId: string }> {
  return groups.filter((group): group is GroupSpec & { importId: string } => group.source === "directory" && group.importId !== undefined);
}

/** Members (lower-cased logins, sorted) of every group whose memberships the snapshot holds, by group ID. */
export function snapshotGroupMembers(snapshot: DirectorySnapshot): Map<string, string[]> {
  const members = new Map<string, string[]>((snapshot.groups ?? []).map((group) => [group.id, []]));
  for (const user of snapshot.users) {
    for (const id of user.groups ?? []) members.get(id)?.push(user.login.toLowerCase());
  }
  for (const logins of members.values()) logins.sort(byText);
  return members;
}

/** A directory group's members from the snapshot (everyone it lists, whatever their status); without a snapshot, not known. */
export function directoryMembersOf(groupId: string, members: ReadonlyMap<string, readonly string[]> | undefined): DirectoryMembers {
  if (!members) return { known: false, why: MEMBERS_NOT_KNOWN_OFFLINE };
  const logins = members.get(groupId);
  return logins ? { known: true, logins } : { known: false, why: MEMBERS_NOT_IN_SNAPSHOT };
}
