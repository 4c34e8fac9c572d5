import type { Audience, AudienceChange, Undecided } from "./audience";
import { CAN_SIGN_IN, type DirectorySnapshot } from "./directory";
import { markdownText } from "./markdown";
import { MEMBERS_NOT_IN_SNAPSHOT } from "./directory-members";

/** A directory group whose members the snapshot lacks: who it gives the key to cannot be named. */
const unknownLine = (key: string, group: string) => `- **${markdownText(key)}**: the members of directory group ${markdownText(group)} are ${MEMBERS_NOT_IN_SNAPSHOT}`;

/** People listed by name before the rest is counted, so a comment stays readable for large orgs. */
const NAMES_SHOWN = 20;

const people = (count: number) => `${count} ${count === 1 ? "person" : "people"}`;

function names(logins: readonly string[]): string {
  const shown = logins.slice(0, NAMES_SHOWN).map(markdownText).join(", ");
  return logins.length > NAMES_SHOWN ? `${shown} and ${logins.length - NAMES_SHOWN} more` : shown;
}

function undecidedLine(what: string, undecided: readonly Undecided[]): string {
  const reasons = [...new Set(undecided.map((u) => u.reason))].sort();
  return `- ${people(undecided.length)} undecided for ${markdownText(what)}: ${names(undecided.map((u) => u.login))} (${reasons.map(markdownText).join("; ")})`;
}

export interface AudienceSummary {
  readonly takenAt: string;
  readonly source: DirectorySnapshot["source"];
  /** People in the snapshot who can sign in, and those who cannot (left out). */
  readonly canSignIn: number;
  readonly cannotSignIn: number;
}

export function summarise(snapshot: DirectorySnapshot): AudienceSummary {
  const canSignIn = snapshot.users.filter((user) => CAN_SIGN_IN.has(user.status)).length;
  return { takenAt: snapshot.takenAt, source: snapshot.source, canSignIn, cannotSignIn: snapshot.users.length - canSignIn };
}

function heading(summary: AudienceSummary): string[] {
  return [
    "",
    `### Who the rules really match`,
    "",
    `Directory snapshot taken ${markdownText(summary.takenAt)} (${summary.source}): ${people(summary.canSignIn)} who can sign in; ${summary.cannotSignIn} who cannot (suspended, deprovisioned, not yet activated) are left out.`,
    "",
  ];
}

/** The diff's section: per tenant level and role, who gains, who loses, who cannot be decided. */
export function renderAudienceChanges(summary: AudienceSummary, changes: readonly AudienceChange[]): string[] {
  const lines = heading(summary);
  if (changes.length === 0) {
    lines.push("Nobody gains or loses a tenant or a platform role.");
    return lines;
  }
  for (const change of changes) {
    if (change.gained.length > 0)
      lines.push(`- **+${people(change.gained.length)} ${change.gained.length === 1 ? "gains" : "gain"} ${markdownText(change.key)}**: ${names(change.gained)}`);
    if (change.lost.length > 0)
      lines.push(`- **−${people(change.lost.length)} ${change.lost.length === 1 ? "loses" : "lose"} ${markdownText(change.key)}**: ${names(change.lost)}`);
    if (change.undecided.length > 0) lines.push(undecidedLine(change.key, change.undecided));
    if (change.directoryUnknown !== undefined) lines.push(unknownLine(change.key, change.directoryUnknown));
  }
  return lines;
}

/** The report's section: per tenant level and role, who has it. */
export function renderAudience(summary: AudienceSummary, audience: Audience): string[] {
  const lines = heading(summary);
  const keys = [...new Set([...audience.people.keys(), ...audience.undecided.keys(), ...(audience.directoryUnknown?.keys() ?? [])])].sort();
  if (keys.length === 0) lines.push("Nobody in the snapshot gets a tenant or a platform role.");
  for (const key of keys) {
    const logins = audience.people.get(key) ?? [];
    if (logins.length > 0) lines.push(`- **${markdownText(key)}**: ${people(logins.length)}: ${names(logins)}`);
    const undecided = audience.undecided.get(key) ?? [];
    if (undecided.length > 0) lines.push(undecidedLine(key, undecided));
    const unknownGroup = audience.directoryUnknown?.get(key);
    if (unknownGroup !== undefined) lines.push(unknownLine(key, unknownGroup));
  }
  // Information, not access: Okta's rules skip people pending activation until they are activated.
  for (const [key, logins] of audience.pending ?? []) {
    lines.push(
      `- ${people(logins.length)} not yet activated ${logins.length === 1 ? "gets" : "get"} ${markdownText(key)} once activated (Okta's rules skip them until then): ${names(logins)}`,
    );
  }
  return lines;
}
