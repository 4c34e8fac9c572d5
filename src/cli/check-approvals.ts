/*
 * npm run check-approvals -- --deployed <sha> --commit <sha> --repository <owner/name> [--stack dev]
 * The deploy's approval check (docs/review-and-ci.md, "Approval at deploy"): the access diff from
 * the stack's last deployedCommit to the commit about to be deployed, and the merged pull request's
 * reviews from GitHub's API (GITHUB_TOKEN, GITHUB_API_URL). Exit 0: every owner set the diff
 * requires approved the pull request's head commit (or nothing changes access); 1: refused, with
 * the reasons as Markdown on stdout; 2: wrong usage; 3: GitHub or git failed. The workflow runs it
 * from the code of the commit before the merge, never from the commit it judges.
 */
import { accessModelAtRevision, compareStack, ComparisonError } from "../review/compare-revisions";
import { judgeApprovals, renderVerdict } from "../review/approvals";
import { mergedPullRequestOf, reviewsOf } from "../review/github-reviews";
import { renderDiffMarkdown } from "../review/diff-render";
import { markdownCode, markdownText } from "../review/markdown";
import { formatProblem } from "../access/problems";
import { COMMIT_NAME } from "../config/deployed-commit";
import { githubApiUrl, githubToken } from "../config/environment";
import { EXIT_FINDINGS, EXIT_OK, parseCommandLine, PROJECT_DIR, runCommand, UsageError, type CommandSpec } from "./common";

export const COMMAND = {
  name: "check-approvals",
  summary:
    "The deploy's approval check: the access diff between the stack's deployedCommit and the commit to deploy, and the merged pull request's approvals of its head commit read from GitHub's API; exit 1 refuses.",
  flags: {
    deployed: { type: "string", value: "SHA", default: "", description: "the stack's deployedCommit output (empty or unknown: refused)" },
    commit: { type: "string", value: "SHA", description: "required: the commit to deploy, a full commit name" },
    repository: { type: "string", value: "OWNER/NAME", description: "required: the GitHub repository whose pull requests and reviews are read" },
    stack: { type: "string", value: "STACK", default: "dev", description: "the stack to deploy" },
  },
  environment: {
    GITHUB_TOKEN: "required: the job's own token, with pull-requests: read",
    GITHUB_API_URL: "GitHub's REST API (default: https://api.github.com)",
  },
} satisfies CommandSpec;

/** A refusal before any pull request is looked at. */
function refuse(stack: string, reason: string): number {
  process.stdout.write(`## Deploy of stack ${markdownCode(stack)} refused\n\n${markdownText(reason)}\n`);
  return EXIT_FINDINGS;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandLine(argv, COMMAND);
  const { deployed, commit, repository, stack } = values as { deployed: string; commit?: string; repository?: string; stack: string };
  if (!commit || !COMMIT_NAME.test(commit)) throw new UsageError(`--commit must be a full commit name (npm run check-approvals -- --help describes every flag)`);
  if (!repository || !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository))
    throw new UsageError(`--repository must be owner/name (npm run check-approvals -- --help describes every flag)`);
  const token = githubToken();
  if (!token) throw new UsageError("set GITHUB_TOKEN (the job's own token, with pull-requests: read)");

  if (!COMMIT_NAME.test(deployed))
    return refuse(
      stack,
      deployed === ""
        ? `stack ${stack} has no deployedCommit output, so what is deployed cannot be compared with ${commit}; deploy once by hand from a clean checkout of main (docs/review-and-ci.md, "Approval at deploy")`
        : `stack ${stack}'s deployedCommit is ${JSON.stringify(deployed.slice(0, 80))}, not a commit: it was deployed from a tree that was not a commit's bytes; deploy once by hand from a clean checkout of main, then merge again`,
    );
  let outcome;
  try {
    outcome = compareStack(PROJECT_DIR, stack, deployed, commit);
  } catch (error) {
    if (error instanceof ComparisonError) return refuse(stack, `the access diff from ${deployed} to ${commit} cannot be computed: ${error.message}`);
    throw error;
  }
  if (outcome.kind === "invalid") return refuse(stack, `the ${outcome.side} side does not validate: ${outcome.problems.map(formatProblem).join("; ")}`);
  if (outcome.diff.changes.length === 0) {
    process.stdout.write(`## Deploy of stack ${markdownCode(stack)}: no change of access since ${markdownCode(deployed)}\n`);
    return EXIT_OK;
  }
  const api = { baseUrl: githubApiUrl() ?? "https://api.github.com", token };
  const pull = await mergedPullRequestOf(api, repository, commit);
  if (!pull) return refuse(stack, `${commit} changes access and is not the merge commit of a pull request (a direct push to main?): nobody's approval can be checked`);
  const reviews = await reviewsOf(api, repository, pull.number);
  const verdict = judgeApprovals(outcome.diff, accessModelAtRevision(PROJECT_DIR, stack, deployed)?.githubLogins, pull, reviews);
  // The diff itself, under the verdict, without its comment marker.
  const diff = renderDiffMarkdown(outcome).split("\n").slice(1).join("\n").replace(/^## /m, "### ");
  process.stdout.write(`${renderVerdict(verdict, { stack, deployed, commit, pull })}\n${diff}`);
  return verdict.approved ? EXIT_OK : EXIT_FINDINGS;
}

if (require.main === module) runCommand(main);
