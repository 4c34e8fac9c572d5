import type { DuploUser } from "./client";

/*
 * User names as DuploCloud compares them: exactly. Its Terraform provider finds a user with `==`
 * (duplosdk/user.go `UserGet`, `UserExists`), and nothing in its code lower-cases a name. The access
 * file's names are email addresses, compared ignoring case, and the portal may hold one with
 * another case (`CI-Deployer@acme.example`, made by hand or by an earlier tool). So a name is looked
 * up ignoring case once, and every later call uses the portal's own spelling; the stack never
 * "fixes" the case by writing.
 */

/**
 * The portal's user for `username`: the one spelled exactly so, else the one user that differs only
 * in case. Two that differ only in case, neither exact, is an error: which one is meant cannot be told.
 */
export function findPortalUser(users: readonly DuploUser[], username: string): DuploUser | undefined {
  const exact = users.find((user) => user.Username === username);
  if (exact) return exact;
  const lower = username.toLowerCase();
  const matches = users.filter((user) => user.Username.toLowerCase() === lower);
  if (matches.length > 1) {
    throw new Error(
      `DuploCloud holds ${matches.length} users whose names differ from ${username} only in case (${matches
        .map((user) => user.Username)
        .sort()
        .join(", ")}); DuploCloud compares names exactly, so remove the extra ones in the portal or name the one meant in the access file`,
    );
  }
  return matches[0];
}

/** "" when the portal spells the name as the file does, else a sentence saying how it spells it. */
export function spellingNote(fileName: string, portalName: string): string {
  return fileName === portalName ? "" : `the portal spells the name ${portalName} (DuploCloud compares names exactly; the stack uses the portal's spelling and never rewrites it)`;
}
