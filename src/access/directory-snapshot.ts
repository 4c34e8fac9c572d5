import { z } from "zod";

/*
 * A directory snapshot: the org's people (login, status, the profile attributes the access file's
 * rules read, and optionally their groups), taken by `npm run directory` from Okta's API or read
 * from an Okta CSV export. With it the review says who a rule really matches, by name. The format
 * lives here, below its writer (live/directory.ts) and its readers (review/directory.ts and the
 * modules that read snapshots), so neither reaches into the other.
 */

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const snapshotSchema = z.strictObject({
  version: z.literal(1),
  takenAt: z.string(),
  source: z.enum(["okta-api", "csv"]),
  /** Profile attributes collected; a rule reading any other attribute is undecided. */
  attributes: z.array(z.string()),
  /** Present when memberships were read: every group, so isMemberOf* can be evaluated. */
  groups: z.array(z.strictObject({ id: z.string(), name: z.string() })).optional(),
  users: z.array(
    z.strictObject({
      login: z.string(),
      status: z.string(),
      profile: z.record(z.string(), z.union([scalar, z.array(scalar)])),
      /** Group IDs, when memberships were read. */
      groups: z.array(z.string()).optional(),
    }),
  ),
});

export type DirectorySnapshot = z.output<typeof snapshotSchema>;
export type DirectoryUser = DirectorySnapshot["users"][number];
