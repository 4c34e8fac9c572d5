import type { OktaReader } from "../okta/read-api";
import { byText } from "../access/text-order";
import { referenceMatches, type GroupReference } from "../access/membership-references";
import type { DirectorySnapshot } from "../access/directory-snapshot";
import { countOf } from "../access/plural";

/*
 * Takes a directory snapshot through Okta's users API (okta.users.read) and, when the access file's
 * rules test group membership, the groups they test and their members (okta.groups.read): the
 * members of the groups a rule names by ID, by name, by prefix or by part of the name, never every
 * group's. The snapshot's `groups` are those groups only, so it answers isMemberOf* for the rules it
 * was taken for. DEPROVISIONED users are read too, by status filter (Okta's listUsers leaves them
 * out otherwise), so the review knows they cannot sign in. Only the profile attributes the rules
 * read are kept: the snapshot holds no more personal data than the review needs.
 */

interface OktaUser {
  readonly id: string;
  readonly status: string;
  readonly profile: Record<string, unknown>;
}

interface OktaGroup {
  readonly id: string;
  readonly profile: { readonly name: string };
}

type ProfileScalar = string | number | boolean | null;

const PAGE = 200;

function keptValue(value: unknown): ProfileScalar | ProfileScalar[] {
  if (Array.isArray(value)) return value.map((item) => (["string", "number", "boolean"].includes(typeof item) ? (item as ProfileScalar) : null));
  return ["string", "number", "boolean"].includes(typeof value) ? (value as ProfileScalar) : null;
}

/**
 * `references`: the groups the rules test (membership-references.ts), and the directory groups the
 * file references by ID (source: directory, whose members the file cannot list); none, and no group is read.
 */
export async function takeSnapshot(
  reader: OktaReader,
  attributes: readonly string[],
  references: readonly GroupReference[],
  progress: (message: string) => void,
): Promise<DirectorySnapshot> {
  const wanted = [...new Set(attributes)].sort();
  const users: Array<DirectorySnapshot["users"][number] & { id: string }> = [];
  const listings = [`/api/v1/users?limit=${PAGE}`, `/api/v1/users?filter=${encodeURIComponent('status eq "DEPROVISIONED"')}&limit=${PAGE}`];
  for (const listing of listings) {
    for await (const page of reader.pages<OktaUser>(listing)) {
      for (const user of page) {
        users.push({
          id: user.id,
          login: String(user.profile.login ?? "").toLowerCase(),
          status: user.status,
          profile: Object.fromEntries(wanted.map((name) => [name, keptValue(user.profile[name])])),
        });
      }
      progress(`${countOf(users.length, "user")} read`);
    }
  }
  let groups: DirectorySnapshot["groups"];
  if (references.length > 0) {
    groups = [];
    const memberships = new Map<string, string[]>();
    for await (const page of reader.pages<OktaGroup>(`/api/v1/groups?limit=${PAGE}`)) {
      for (const group of page) {
        const named = { id: group.id, name: group.profile.name };
        if (references.some((reference) => referenceMatches(reference, named))) groups.push(named);
      }
    }
    for (const [index, group] of groups.entries()) {
      for await (const page of reader.pages<OktaUser>(`/api/v1/groups/${encodeURIComponent(group.id)}/users?limit=${PAGE}`)) {
        for (const member of page) memberships.set(member.id, [...(memberships.get(member.id) ?? []), group.id]);
      }
      if ((index + 1) % 50 === 0 || index + 1 === groups.length) progress(`${index + 1} of ${groups.length} groups' members read`);
    }
    for (const user of users) user.groups = (memberships.get(user.id) ?? []).sort();
  }
  return {
    version: 1,
    takenAt: new Date().toISOString(),
    source: "okta-api",
    attributes: wanted,
    ...(groups ? { groups } : {}),
    users: users.map(({ id: _id, ...user }) => user).sort((a, b) => byText(a.login, b.login)),
  };
}
