import type { DirectorySnapshot } from "../review/directory";
import type { OktaReader } from "./read-api";
import { byText } from "../access/text-order";

/*
 * Takes a directory snapshot through Okta's users API (okta.users.read) and, when the access file's
 * rules test group membership, groups and their members (okta.groups.read). Only the profile
 * attributes the rules read are kept: the snapshot holds no more personal data than the review needs.
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

export async function takeSnapshot(reader: OktaReader, attributes: readonly string[], withGroups: boolean, progress: (message: string) => void): Promise<DirectorySnapshot> {
  const wanted = [...new Set(attributes)].sort();
  const users: Array<DirectorySnapshot["users"][number] & { id: string }> = [];
  // Listing users without a search omits DEPROVISIONED ones; a search returns every status
  // (okta-management-openapi-spec, `listUsers`). They are read too, so the snapshot knows who has left.
  const listings = [`/api/v1/users?limit=${PAGE}`, `/api/v1/users?search=${encodeURIComponent('status eq "DEPROVISIONED"')}&limit=${PAGE}`];
  for (const [index, listing] of listings.entries()) {
    const before = users.length;
    for await (const page of reader.pages<OktaUser>(listing)) {
      for (const user of page) {
        users.push({
          id: user.id,
          login: String(user.profile.login ?? "").toLowerCase(),
          status: user.status,
          profile: Object.fromEntries(wanted.map((name) => [name, keptValue(user.profile[name])])),
        });
      }
      if (index === 0) progress(`${users.length} users read`);
    }
    if (index === 1 && users.length > before) progress(`${users.length - before} deactivated (DEPROVISIONED) users read`);
  }
  let groups: DirectorySnapshot["groups"];
  if (withGroups) {
    groups = [];
    const memberships = new Map<string, string[]>();
    for await (const page of reader.pages<OktaGroup>(`/api/v1/groups?limit=${PAGE}`)) {
      for (const group of page) groups.push({ id: group.id, name: group.profile.name });
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
