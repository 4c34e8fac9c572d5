import type { MergedPullRequest, PullRequestReview } from "./approvals";

/*
 * The two reads of GitHub's REST API the deploy's approval check makes, with the job's own token
 * (`pull-requests: read`):
 * - GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls, "List pull requests associated with a
 *   commit" (docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit): the
 *   merged pull request whose `merge_commit_sha` is the deployed commit, and its `head.sha`;
 * - GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews, "List reviews for a pull request"
 *   (docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request): the reviews "in
 *   chronological order", each with `user.login`, `state` (APPROVED, CHANGES_REQUESTED, COMMENTED,
 *   DISMISSED, PENDING) and `commit_id`, the commit the review was made on.
 * Pages are followed by the `Link: rel="next"` header ("Using pagination in the REST API"), only on
 * the API's own origin, so the token never goes anywhere else.
 */

export interface GitHubApi {
  /** https://api.github.com, or GITHUB_API_URL; plain http only on the loopback (a test's stand-in). */
  readonly baseUrl: string;
  readonly token: string;
}

/** GitHub answered otherwise than documented, or not at all: the check cannot decide. */
export class GitHubApiError extends Error {}

function checkedBase(baseUrl: string): URL {
  const url = new URL(baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback))
    throw new GitHubApiError(`GITHUB_API_URL ${url.origin} is not https; the token is sent only over https`);
  return url;
}

function nextPage(link: string | null, origin: string): string | undefined {
  for (const part of (link ?? "").split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="next"/.exec(part);
    if (match && new URL(match[1]!).origin === origin) return match[1];
  }
  return undefined;
}

/** Every item of a paginated list. */
async function list(api: GitHubApi, path: string): Promise<unknown[]> {
  const base = checkedBase(api.baseUrl);
  let url: string | undefined = new URL(`${path.replace(/^\//, "")}${path.includes("?") ? "&" : "?"}per_page=100`, base).toString();
  const items: unknown[] = [];
  for (let pages = 0; url !== undefined; pages++) {
    if (pages === 100) throw new GitHubApiError(`${path}: more than 100 pages`);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { Accept: "application/vnd.github+json", Authorization: `Bearer ${api.token}`, "X-GitHub-Api-Version": "2022-11-28", "User-Agent": "duplocloud-okta-access" },
        redirect: "error",
      });
    } catch (error) {
      throw new GitHubApiError(`GET ${path}: ${(error as Error).message}`);
    }
    if (!response.ok) throw new GitHubApiError(`GET ${path}: HTTP ${response.status}`);
    const page = (await response.json()) as unknown;
    if (!Array.isArray(page)) throw new GitHubApiError(`GET ${path}: expected a list`);
    items.push(...page);
    url = nextPage(response.headers.get("link"), base.origin);
  }
  return items;
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/** The merged pull request whose merge commit is `commit`; undefined when none is (a direct push). */
export async function mergedPullRequestOf(api: GitHubApi, repository: string, commit: string): Promise<MergedPullRequest | undefined> {
  const pulls = (await list(api, `repos/${repository}/commits/${commit}/pulls`)) as Array<Record<string, unknown>>;
  const merged = pulls.find((pull) => pull.merged_at !== null && pull.merged_at !== undefined && pull.merge_commit_sha === commit);
  if (!merged) return undefined;
  const headSha = text((merged.head as Record<string, unknown> | undefined)?.sha);
  if (typeof merged.number !== "number" || !headSha) throw new GitHubApiError(`the pull request of ${commit} has no number or head commit`);
  return { number: merged.number, headSha, url: text(merged.html_url) ?? "" };
}

/** The pull request's reviews, in GitHub's (chronological) order; a review by a deleted account has no login and is left out. */
export async function reviewsOf(api: GitHubApi, repository: string, pullNumber: number): Promise<PullRequestReview[]> {
  const reviews = (await list(api, `repos/${repository}/pulls/${pullNumber}/reviews`)) as Array<Record<string, unknown>>;
  return reviews.flatMap((review) => {
    const login = text((review.user as Record<string, unknown> | null | undefined)?.login);
    const state = text(review.state);
    const commitId = text(review.commit_id);
    return login && state && commitId ? [{ login, state, commitId }] : [];
  });
}
