import type { Admission, OwnerReview, ReviewLine } from "./certify";
import { markdownCode, markdownText } from "./markdown";
import type { DirectoryMembers } from "./directory-members";

/*
 * An owner's review as Markdown (a file, and the body of the issue the quarterly workflow opens),
 * and the decisions read back from it. Each person is a list item with two task boxes under it,
 * keep and remove, which GitHub lets the owner tick in the issue. What identifies the line is an
 * HTML comment at its end, written by this module only: the group's key, the login
 * (percent-encoded, so it cannot close the comment) and how the file admits them. Every name and
 * description from the file or the directory goes through markdown.ts: hostile text stays text and
 * cannot forge a line.
 */

export interface ReviewContext {
  readonly stack: string;
  /** `access/dev.yaml at commit 0123…`. */
  readonly accessFile: string;
  /** `directory snapshot dir.json taken 2026-…`, `the live org read 2026-…`, or absent: named members only. */
  readonly peopleSource?: string;
  /** The owner's GitHub username from the access file's `githubLogins`, absent when unmapped. */
  readonly githubLogin?: string;
}

const MARKER = /<!-- certify ([A-Za-z0-9_.-]+) (\S+) (named|rule|named\+rule) -->\s*$/;
const BOX = /^\s+- \[( |x|X)\] (keep|remove)\s*$/;

const ADMISSION_TEXT: Readonly<Record<Admission, string>> = {
  named: "named in the file",
  rule: "let in by the group's rule",
  "named+rule": "named in the file, and the group's rule lets them in too",
};

export function renderReview(review: OwnerReview, context: ReviewContext): string {
  const owner = review.owner === "" ? "nobody (the administrators have no owners either)" : review.owner;
  const out = [
    `# Access review: stack ${markdownCode(context.stack)}, owner ${markdownText(owner)}`,
    "",
    `Access file ${markdownText(context.accessFile)}.`,
    "",
    context.peopleSource
      ? `People: the members the file names and the people each rule lets in, from ${markdownText(context.peopleSource)}.`
      : "People: the members the file names. Rules were not evaluated (no --directory or --live): the people they let in are not listed.",
    "",
    context.githubLogin ? `GitHub: ${markdownCode(`@${context.githubLogin}`)}.` : "GitHub: not mapped (this owner has no entry under githubLogins in the access file).",
    "",
    "Under each person tick exactly one box: **keep** if they still need the access, **remove** if not. Removing someone a rule lets in adds them to the rule's `except` list.",
  ];
  for (const reviewed of review.groups) {
    out.push("", `## ${markdownText(reviewed.title)} (group ${markdownText(reviewed.group.name)})`, "");
    if (reviewed.group.description) out.push(markdownText(reviewed.group.description), "");
    out.push(`Gives: ${reviewed.access.map(markdownText).join("; ")}.`);
    if (reviewed.group.ruleExpression) out.push("", `Rule: ${markdownCode(reviewed.group.ruleExpression)}`);
    if (reviewed.ownersInherited) out.push("", "This group has no owners of its own: it goes to the administrators' owners.");
    out.push("");
    if (reviewed.directory) out.push(...directoryLines(reviewed.directory));
    for (const line of reviewed.lines) {
      out.push(
        `- ${markdownText(line.login)}: ${reviewed.access.map(markdownText).join("; ")}; ${ADMISSION_TEXT[line.admission]} (${markdownText(line.path)}) <!-- certify ${line.groupKey} ${encodeURIComponent(line.login)} ${line.admission} -->`,
        "  - [ ] keep",
        "  - [ ] remove",
      );
    }
  }
  return `${out.join("\n")}\n`;
}

/**
 * A directory group's members: shown, never decided here (no boxes, no marker, so --verify and
 * --apply pass them by): the file cannot take them out, and Okta lets only the directory change the
 * members of an APP_GROUP group (okta-management-openapi-spec, unassignUserFromGroup).
 */
function directoryLines(members: DirectoryMembers): string[] {
  const head =
    "Its members come from the directory that masters the group (source: directory), not from the file: nothing to tick here. To take someone out, ask the directory's administrators.";
  if (!members.known) return [head, "", `Members: ${markdownText(members.why)}.`];
  const others = members.cannotSignIn > 0 ? ["", `${members.cannotSignIn} more ${members.cannotSignIn === 1 ? "member cannot" : "members cannot"} sign in.`] : [];
  if (members.logins.length === 0) return [head, "", "Nobody who can sign in is in it.", ...others];
  return [head, "", ...members.logins.map((login) => `- ${markdownText(login)}`), ...others];
}

export type Decision = "keep" | "remove" | "undecided";

export interface ReadLine extends ReviewLine {
  readonly decision: Decision;
  /** 1-based line of the person in the review file. */
  readonly lineNumber: number;
}

/** The decisions in a review's text: one per marked person; none or both boxes ticked is undecided. */
export function readDecisions(text: string): ReadLine[] {
  const lines = text.split(/\r?\n/);
  const read: ReadLine[] = [];
  for (let index = 0; index < lines.length; index++) {
    const marker = MARKER.exec(lines[index]!);
    if (!marker || !lines[index]!.startsWith("- ")) continue;
    const ticked = new Set<string>();
    for (let next = index + 1; next < lines.length; next++) {
      const box = BOX.exec(lines[next]!);
      if (!box) break;
      if (box[1] !== " ") ticked.add(box[2]!);
    }
    const decision: Decision = ticked.size === 1 ? (ticked.has("keep") ? "keep" : "remove") : "undecided";
    let login: string;
    try {
      login = decodeURIComponent(marker[2]!);
    } catch {
      continue;
    }
    const admission = marker[3] as Admission;
    read.push({ groupKey: marker[1]!, login, admission, path: "", decision, lineNumber: index + 1 });
  }
  return read;
}
