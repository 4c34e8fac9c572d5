import { parse as parseCsv } from "csv-parse/sync";
import type { Membership, ProfileValue, Subject } from "../access/expression-eval";
import { snapshotSchema, type DirectorySnapshot, type DirectoryUser } from "../access/directory-snapshot";

// The snapshot's format is defined in access/directory-snapshot.ts; the types are exported here too
// for the review modules that read snapshots.
export type { DirectorySnapshot, DirectoryUser };

/** Statuses in which a person can sign in; the review counts only them as having access. */
export const CAN_SIGN_IN = new Set(["ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT", "RECOVERY"]);

export class DirectoryError extends Error {}

/** Reads a snapshot from the text of a JSON snapshot or an Okta CSV export (by the file name). */
export function readSnapshot(fileName: string, text: string): DirectorySnapshot {
  if (/\.csv$/i.test(fileName)) return snapshotFromCsv(fileName, text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DirectoryError(`${fileName}: not JSON (${(error as Error).message}); pass a snapshot written by npm run directory, or an Okta CSV export ending in .csv`);
  }
  const parsed = snapshotSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DirectoryError(`${fileName}: ${issue.path.join(".") || "(top level)"}: ${issue.message}; take a new snapshot with npm run directory`);
  }
  return parsed.data;
}

/** Column names of Okta's user export that are not profile attributes. */
const LOGIN_COLUMNS = ["login", "username", "Username"];
const STATUS_COLUMNS = ["status", "Status"];

/**
 * An Okta CSV export (Reports > "Okta users" export, or any CSV with a header row): a `login`
 * (or `Username`) column, a `status` column, and one column per profile attribute named as in the
 * profile (`department`, `title`). Empty cells are null. Memberships are not in a CSV export.
 */
export function snapshotFromCsv(fileName: string, text: string): DirectorySnapshot {
  let rows: Array<Record<string, string>>;
  try {
    rows = parseCsv(text, { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Array<Record<string, string>>;
  } catch (error) {
    throw new DirectoryError(`${fileName}: not a readable CSV file (${(error as Error).message})`);
  }
  const header = rows.length > 0 ? Object.keys(rows[0]!) : [];
  const loginColumn = LOGIN_COLUMNS.find((name) => header.includes(name));
  const statusColumn = STATUS_COLUMNS.find((name) => header.includes(name));
  if (!loginColumn || !statusColumn) {
    throw new DirectoryError(`${fileName}: the header needs a login (or Username) column and a status column; found ${header.length > 0 ? header.join(", ") : "no header"}`);
  }
  const attributes = header.filter((name) => name !== loginColumn && name !== statusColumn).sort();
  return {
    version: 1,
    takenAt: new Date().toISOString(),
    source: "csv",
    attributes,
    users: rows.map((row) => ({
      login: row[loginColumn]!.toLowerCase(),
      status: row[statusColumn]!.toUpperCase(),
      profile: Object.fromEntries(attributes.map((name) => [name, row[name] === "" || row[name] === undefined ? null : row[name]!])),
    })),
  };
}

/** The evaluator's view of one person of the snapshot. */
export function subjectOf(snapshot: DirectorySnapshot, user: DirectoryUser, groupsById: ReadonlyMap<string, Membership>): Subject {
  const profile: Record<string, ProfileValue> = user.profile;
  const known = new Set(snapshot.attributes);
  // Every snapshot user has a status: user.getInternalProperty("status") reads it.
  if (!snapshot.groups || !user.groups) return { profile, known, status: user.status };
  return { profile, known, status: user.status, groups: user.groups.map((id) => groupsById.get(id)).filter((group): group is Membership => group !== undefined) };
}
