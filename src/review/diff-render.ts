import { countOf } from "../access/plural";
import type { Problem } from "../access/problems";
import { formatProblem } from "../access/problems";
import type { AccessChange, AccessDiff, Direction } from "./diff";
import { markdownCode, markdownCodeBlock, markdownNames, markdownText } from "./markdown";
import { unreviewedBanners } from "./diff-banners";
import { leftInWarnings } from "./rule-collapse-render";
import type { AudienceChange } from "./audience";
import { renderAudienceChanges, type AudienceSummary } from "./audience-render";

/** What the diff command compared: the two sides and their state. */
export interface DiffContext {
  readonly stack: string;
  readonly baseRef: string;
  /** Access file path on each side; undefined where the file does not exist. */
  readonly basePath?: string;
  readonly headPath?: string;
  /** Files outside the access data that change, and how the project file changes what runs (present when any). */
  readonly codeChanges?: readonly string[];
  /** .gitattributes files (at any depth) that change: git may write other bytes at checkout than the ones compared here (present when any). */
  readonly attributeChanges?: readonly string[];
  /** ESC environments the stack file imports on either side, whose values no file here holds (present when any). */
  readonly environments?: readonly string[];
}

export type DiffOutcome =
  | {
      readonly kind: "compared";
      readonly context: DiffContext;
      readonly diff: AccessDiff;
      /** With a directory snapshot: who gains and loses each tenant level and role, by name. */
      readonly audience?: { readonly summary: AudienceSummary; readonly changes: readonly AudienceChange[] };
    }
  | { readonly kind: "invalid"; readonly context: DiffContext; readonly side: "base" | "head"; readonly problems: readonly Problem[] };

/** Marks the pull-request comment so CI can find and update the one comment per stack. */
export const commentMarker = (stack: string) => `<!-- duplocloud-okta-access-diff:${stack} -->`;

const HEADINGS: Record<Direction, string> = { widens: "Widens access", changes: "To read: effect depends on Okta profiles or settings", narrows: "Narrows access" };

function fileLine(context: DiffContext): string {
  const [basePath, headPath, baseRef] = [context.basePath, context.headPath, context.baseRef].map((text) => (text === undefined ? undefined : markdownCode(text)));
  if (!basePath && headPath) return `${headPath} is new (not at ${baseRef}): everything in it is a gain.`;
  if (basePath && !headPath) return `${basePath} is deleted: everything it granted is lost.`;
  if (basePath !== headPath) return `${basePath} (at ${baseRef}) is renamed to ${headPath}.`;
  return `${headPath} compared with ${baseRef}.`;
}

function renderChange(change: AccessChange): string[] {
  const mark = change.critical ? "⚠️ **critical** " : "";
  const lines = [`- ${mark}**${markdownText(change.subject)}** ${markdownText(change.summary)}`];
  const long = (change.before?.length ?? 0) > 40 || (change.after?.length ?? 0) > 40;
  if (change.before !== undefined && change.after !== undefined && (change.kind === "rule" || long)) {
    lines.push(`  - before: ${markdownCode(change.before)}`, `  - after: ${markdownCode(change.after)}`);
  } else if (change.kind === "rule" && (change.before ?? change.after)) {
    lines.push(`  - rule: ${markdownCode((change.before ?? change.after)!)}`);
  }
  return lines;
}

export function renderDiffMarkdown(outcome: DiffOutcome): string {
  const { context } = outcome;
  const lines = [
    commentMarker(context.stack),
    `## Access changes for stack ${markdownCode(context.stack)}`,
    "",
    ...unreviewedBanners(context.codeChanges, context.environments, context.attributeChanges),
    fileLine(context),
    "",
    ...(outcome.kind === "compared" ? leftInWarnings(outcome.diff.leftInGroups) : []),
  ];
  if (outcome.kind === "invalid") {
    lines.push(`**The ${outcome.side} version does not validate, so it was not compared.** Fix these first:`, "");
    lines.push(...markdownCodeBlock(outcome.problems.map(formatProblem)));
    return `${lines.join("\n")}\n`;
  }
  const { changes, approvers } = outcome.diff;
  const audience = outcome.audience ? renderAudienceChanges(outcome.audience.summary, outcome.audience.changes) : [];
  if (changes.length === 0) {
    lines.push("No change of access.", ...audience);
    return `${lines.join("\n")}\n`;
  }
  const count = (direction: Direction) => changes.filter((c) => c.direction === direction).length;
  const critical = changes.filter((c) => c.critical && c.direction !== "narrows").length;
  lines.push(
    `**${count("widens")} widen access, ${count("changes")} to read, ${count("narrows")} narrow access.**${critical > 0 ? ` ⚠️ ${countOf(critical, "critical change that widens or alters", "critical changes that widen or alter")} access.` : ""}`,
  );
  lines.push(
    "",
    approvers.length > 0 ? `Approval needed from the owners: ${markdownNames(approvers)}` : "No owner is named for what changes; a platform administrator should approve.",
  );
  for (const direction of ["widens", "changes", "narrows"] as const) {
    const group = changes.filter((c) => c.direction === direction);
    if (group.length === 0) continue;
    lines.push("", `### ${HEADINGS[direction]}`, "");
    for (const change of group) lines.push(...renderChange(change));
  }
  if (changes.some((c) => c.direction === "narrows")) {
    lines.push("", "Access taken away here is taken from the groups only: nobody's Okta account is suspended, deprovisioned or changed.");
  }
  lines.push(...audience);
  return `${lines.join("\n")}\n`;
}

export function renderDiffJson(outcome: DiffOutcome): string {
  const body =
    outcome.kind === "invalid"
      ? { ...outcome.context, valid: false, side: outcome.side, problems: outcome.problems }
      : {
          ...outcome.context,
          valid: true,
          changes: outcome.diff.changes,
          approvers: outcome.diff.approvers,
          ...(outcome.diff.leftInGroups ? { leftInGroups: outcome.diff.leftInGroups } : {}),
          ...(outcome.audience ? { audience: outcome.audience } : {}),
        };
  return `${JSON.stringify(body, null, 2)}\n`;
}
