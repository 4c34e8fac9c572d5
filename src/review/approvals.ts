import type { AccessDiff } from "./diff";
import { markdownCode, markdownText } from "./markdown";
import { byText } from "../access/text-order";

/*
 * Did the owners the access diff requires approve what is deployed? The deploy job decides it from
 * the access diff between the stack's last deployedCommit and the commit it deploys, and from the
 * merged pull request's reviews as GitHub's API returns them (review/github-reviews.ts), never from
 * the pull-request comment, which any workflow of the repository can rewrite.
 *
 * Each change of the diff names the owners who approve it (diff.ts: from the base version); each
 * distinct set of owners needs one APPROVED review, by the GitHub login `githubLogins:` gives one of
 * them in the deployed version of the file, on the pull request's head commit: an approval of an
 * older head did not see the last push. A reviewer's latest approving, change-requesting or
 * dismissed review is their verdict (a comment changes nothing), as GitHub counts it for branch
 * protection ("About pull request reviews": a review's state; dismissed reviews no longer count).
 */

/** A review as the check uses it: who, what state, on which commit (REST: user.login, state, commit_id). */
export interface PullRequestReview {
  readonly login: string;
  readonly state: string;
  readonly commitId: string;
}

/** The pull request whose merge is the deployed commit. */
export interface MergedPullRequest {
  readonly number: number;
  readonly headSha: string;
  readonly url: string;
}

export interface ApproverSet {
  /** The owners, one of whom must approve (emails, as in the file). */
  readonly owners: readonly string[];
  /** What needs them: the subjects of the changes. */
  readonly subjects: readonly string[];
  /** The owner whose GitHub login approved the head commit, when one did. */
  readonly approvedBy?: { readonly owner: string; readonly login: string };
  /** Why none counts, per owner with a login: no review, an older commit, changes requested. */
  readonly notCounted: readonly string[];
}

export type ApprovalVerdict =
  { readonly approved: true; readonly sets: readonly ApproverSet[] } | { readonly approved: false; readonly reasons: readonly string[]; readonly sets: readonly ApproverSet[] };

/** The distinct owner sets the diff requires, each with the subjects that need it; a change with no owner is a set of none. */
export function requiredApproverSets(diff: AccessDiff): { owners: string[]; subjects: string[] }[] {
  const sets = new Map<string, { owners: string[]; subjects: Set<string> }>();
  for (const change of diff.changes) {
    const owners = [...new Set(change.owners.map((owner) => owner.toLowerCase()))].sort(byText);
    const key = owners.join("\n");
    const set = sets.get(key) ?? { owners, subjects: new Set<string>() };
    set.subjects.add(change.subject);
    sets.set(key, set);
  }
  return [...sets.values()].map((set) => ({ owners: set.owners, subjects: [...set.subjects].sort(byText) })).sort((a, b) => byText(a.owners.join(","), b.owners.join(",")));
}

/** Each reviewer's verdict: their latest APPROVED, CHANGES_REQUESTED or DISMISSED review (reviews come in chronological order). */
function latestVerdicts(reviews: readonly PullRequestReview[]): Map<string, PullRequestReview> {
  const latest = new Map<string, PullRequestReview>();
  for (const review of reviews) if (["APPROVED", "CHANGES_REQUESTED", "DISMISSED"].includes(review.state)) latest.set(review.login.toLowerCase(), review);
  return latest;
}

const short = (sha: string) => sha.slice(0, 12);

/**
 * The verdict on `diff` (deployed commit to deployed-to-be) given the pull request and its reviews,
 * with `githubLogins` from the deployed version of the access file (undefined: it has none).
 */
export function judgeApprovals(
  diff: AccessDiff,
  githubLogins: Readonly<Record<string, string>> | undefined,
  pull: MergedPullRequest,
  reviews: readonly PullRequestReview[],
): ApprovalVerdict {
  const required = requiredApproverSets(diff);
  const verdicts = latestVerdicts(reviews);
  const reasons: string[] = [];
  // Any owner the diff may need without a login fails the check, even when another owner approved: closed, not guessed.
  const unmapped = new Set(required.flatMap(({ owners }) => owners).filter((owner) => githubLogins?.[owner] === undefined));
  const sets = required.map(({ owners, subjects }): ApproverSet => {
    if (owners.length === 0) reasons.push(`no owner is named to approve the change of ${subjects.join(", ")}; name owners in the deployed access file first`);
    const notCounted: string[] = [];
    for (const owner of owners) {
      const login = githubLogins?.[owner];
      if (login === undefined) continue;
      const verdict = verdicts.get(login.toLowerCase());
      if (verdict?.state === "APPROVED" && verdict.commitId === pull.headSha) return { owners, subjects, approvedBy: { owner, login }, notCounted: [] };
      if (!verdict) notCounted.push(`${owner} (${login}): no review`);
      else if (verdict.state === "APPROVED") notCounted.push(`${owner} (${login}): approved ${short(verdict.commitId)}, an older commit than the head ${short(pull.headSha)}`);
      else notCounted.push(`${owner} (${login}): ${verdict.state === "DISMISSED" ? "the approval was dismissed" : "requested changes"}`);
    }
    if (owners.length > 0) reasons.push(`no approval of ${short(pull.headSha)} by an owner of ${subjects.join(", ")} (one of ${owners.join(", ")})`);
    return { owners, subjects, notCounted };
  });
  if (unmapped.size > 0) {
    const where = githubLogins === undefined ? "the deployed access file has no githubLogins" : "githubLogins in the deployed access file does not name them";
    reasons.unshift(
      `owners with no GitHub login, whose approval cannot be counted: ${[...unmapped].sort(byText).join(", ")} (${where}; add them in a pull request of its own, approved by the owners already listed)`,
    );
  }
  return reasons.length === 0 ? { approved: true, sets } : { approved: false, reasons, sets };
}

/** The verdict as Markdown for the job log and the issue a refusal opens; every name is escaped. */
export function renderVerdict(
  verdict: ApprovalVerdict,
  context: { readonly stack: string; readonly deployed: string; readonly commit: string; readonly pull: MergedPullRequest },
): string {
  const { stack, deployed, commit, pull } = context;
  const lines = [
    verdict.approved ? `## Deploy of stack ${markdownCode(stack)} approved` : `## Deploy of stack ${markdownCode(stack)} refused: the access changes lack approvals`,
    "",
    `The access diff from the deployed commit ${markdownCode(deployed)} to ${markdownCode(commit)}, merged by pull request #${pull.number} (head ${markdownCode(pull.headSha)}), needs one approval per set of owners below.`,
    "",
  ];
  for (const set of verdict.sets) {
    const needs = set.owners.length > 0 ? set.owners.map(markdownText).join(", ") : "no owner";
    if (set.approvedBy) lines.push(`- ✅ ${set.subjects.map(markdownText).join(", ")}: approved by ${markdownText(set.approvedBy.owner)} (${markdownCode(set.approvedBy.login)})`);
    else lines.push(`- ❌ ${set.subjects.map(markdownText).join(", ")}: needs one of ${needs}`, ...set.notCounted.map((why) => `  - ${markdownText(why)}`));
  }
  if (!verdict.approved) lines.push("", "Nothing was deployed. Why:", "", ...verdict.reasons.map((reason) => `- ${markdownText(reason)}`));
  return `${lines.join("\n")}\n`;
}
