import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { gitRepo } from "../support/git-repo";
import { VALID_ACCESS_FILE } from "../support/access-files";
import { runCliAsync } from "../support/run-cli";
import { startGitHubStandIn, type StandInReview } from "../support/github-api";

/*
 * The deploy's approval check end to end: the access diff from the deployed commit to a merge
 * commit, the merged pull request and its reviews from a local stand-in of GitHub's REST API, and
 * the verdict. The merge widens two subjects: team payments (owner lead@, GitHub lead-gh) and team
 * oncall, which has no owner, so the base's administrators' owner approves it (ciso@, acme-ciso).
 */

const STACK_FILE = "config:\n  okta:orgName: acme\n";
const LOGINS = "githubLogins:\n  ciso@acme.example: acme-ciso\n  lead@acme.example: lead-gh\n";
const DEPLOYED_FILE =
  VALID_ACCESS_FILE.replace("  administrators:\n", "  administrators:\n    owners: [ciso@acme.example]\n").replace(
    "  - name: payments\n",
    "  - name: payments\n    owners: [lead@acme.example]\n",
  ) + LOGINS;
const PAYMENTS_QA = DEPLOYED_FILE.replace(
  "      - tenant: dev01\n        level: read-write\n",
  "      - tenant: dev01\n        level: read-write\n      - tenant: qa01\n        level: read-only\n",
);
const MERGED_FILE = PAYMENTS_QA.replace("        level: read-only\n        expires", "        level: read-write\n        expires");

/** The deployed commit, a pull request of two commits (an older head, then its head) and its merge commit. */
function mergedRepository(deployedFile = DEPLOYED_FILE) {
  const repo = gitRepo({ "Pulumi.dev.yaml": STACK_FILE, "access/dev.yaml": deployedFile });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo.dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  const deployed = repo.head();
  git("checkout", "-q", "-b", "widen");
  repo.commit("payments reads qa01", { "access/dev.yaml": PAYMENTS_QA });
  const olderHead = repo.head();
  repo.commit("oncall writes qa01", { "access/dev.yaml": MERGED_FILE });
  const head = repo.head();
  git("checkout", "-q", "-");
  git("-c", "user.name=test", "-c", "user.email=test@example.com", "merge", "-q", "--no-ff", "widen", "-m", "Merge pull request #7");
  return { dir: repo.dir, deployed, olderHead, head, merge: repo.head() };
}

const review = (login: string, state: string, commit: string): StandInReview => ({ user: { login }, state, commit_id: commit });

/** Runs check-approvals against the stand-in answering `reviews` for pull request #7 (two reviews a page, to follow Link). */
async function check(repo: ReturnType<typeof mergedRepository>, reviews: StandInReview[], options: { deployed?: string; pullMerges?: string } = {}) {
  const pull = {
    number: 7,
    merged_at: "2026-06-15T10:00:00Z",
    merge_commit_sha: options.pullMerges ?? repo.merge,
    head: { sha: repo.head },
    html_url: "https://github.com/acme/access/pull/7",
  };
  const github = await startGitHubStandIn({ pulls: { [repo.merge]: [pull] }, reviews: { 7: reviews } }, { maxPageSize: 2 });
  try {
    const result = await runCliAsync("check-approvals", ["--deployed", options.deployed ?? repo.deployed, "--commit", repo.merge, "--repository", "acme/access"], {
      ACCESS_PROJECT_DIR: repo.dir,
      ACCESS_TODAY: "2026-06-15",
      GITHUB_API_URL: github.url,
      GITHUB_TOKEN: github.token,
    });
    return { ...result, requests: github.requests };
  } finally {
    await github.close();
  }
}

const verdictOf = (stdout: string) => stdout.slice(0, stdout.indexOf("\n### Access changes"));
const intro = (repo: ReturnType<typeof mergedRepository>) =>
  `The access diff from the deployed commit \`${repo.deployed}\` to \`${repo.merge}\`, merged by pull request #7 (head \`${repo.head}\`), needs one approval per set of owners below.`;

test("check-approvals: refuses a merge that one required owner did not approve, naming who must; nothing else counts", async () => {
  const repo = mergedRepository();
  const result = await check(repo, [review("lead-gh", "APPROVED", repo.head), review("mallory", "APPROVED", repo.head), review("acme-ciso", "COMMENTED", repo.head)]);
  assert.equal(result.status, 1, result.stderr);
  assert.equal(
    verdictOf(result.stdout),
    [
      "## Deploy of stack `dev` refused: the access changes lack approvals",
      "",
      intro(repo),
      "",
      "- ❌ ada@acme.example, team oncall: needs one of ciso@acme.example",
      "  - ciso@acme.example (acme-ciso): no review",
      "- ✅ team payments: approved by lead@acme.example (`lead-gh`)",
      "",
      "Nothing was deployed. Why:",
      "",
      `- no approval of ${repo.head.slice(0, 12)} by an owner of ada@acme.example, team oncall (one of ciso@acme.example)`,
      "",
    ].join("\n"),
  );
  // The diff it judged follows, from the deployed commit.
  assert.equal(
    result.stdout.slice(verdictOf(result.stdout).length),
    [
      "",
      "### Access changes for stack `dev`",
      "",
      `\`access/dev.yaml\` compared with \`${repo.deployed}\`.`,
      "",
      "**3 widen access, 0 to read, 0 narrow access.**",
      "",
      "Approval needed from the owners: ciso@acme.example, lead@acme.example",
      "",
      "### Widens access",
      "",
      "- **ada@acme.example** tenant qa01: read-only becomes read-write",
      "- **team oncall** tenant qa01: read-only becomes read-write",
      "- **team payments** gains tenant qa01: read-only",
      "",
    ].join("\n"),
  );
  // The merged pull request of the commit, then every page of its reviews (two a page).
  assert.deepEqual(result.requests, [
    `/repos/acme/access/commits/${repo.merge}/pulls?per_page=100`,
    "/repos/acme/access/pulls/7/reviews?per_page=100",
    "/repos/acme/access/pulls/7/reviews?per_page=2&page=2",
  ]);
});

test("check-approvals: accepts the merge once every owner set approved the pull request's head commit", async () => {
  const repo = mergedRepository();
  const result = await check(repo, [
    review("acme-ciso", "CHANGES_REQUESTED", repo.olderHead),
    review("Lead-GH", "APPROVED", repo.head),
    review("acme-ciso", "APPROVED", repo.head),
  ]);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(
    verdictOf(result.stdout),
    [
      "## Deploy of stack `dev` approved",
      "",
      intro(repo),
      "",
      "- ✅ ada@acme.example, team oncall: approved by ciso@acme.example (`acme-ciso`)",
      "- ✅ team payments: approved by lead@acme.example (`lead-gh`)",
      "",
    ].join("\n"),
  );
});

test("check-approvals: an approval of an older head commit, a dismissed one or one followed by a change request does not count", async () => {
  const repo = mergedRepository();
  const stale = await check(repo, [review("acme-ciso", "APPROVED", repo.olderHead), review("lead-gh", "APPROVED", repo.head)]);
  assert.equal(stale.status, 1);
  assert.match(
    verdictOf(stale.stdout),
    new RegExp(`  - ciso@acme\\.example \\(acme-ciso\\): approved ${repo.olderHead.slice(0, 12)}, an older commit than the head ${repo.head.slice(0, 12)}\n`),
  );
  const withdrawn = await check(repo, [review("acme-ciso", "APPROVED", repo.head), review("acme-ciso", "CHANGES_REQUESTED", repo.head), review("lead-gh", "DISMISSED", repo.head)]);
  assert.equal(withdrawn.status, 1);
  assert.match(withdrawn.stdout, /\n {2}- ciso@acme\.example \(acme-ciso\): requested changes\n/);
  assert.match(withdrawn.stdout, /\n {2}- lead@acme\.example \(lead-gh\): the approval was dismissed\n/);
});

test("check-approvals: fails closed without a login for an owner, without a deployedCommit, and for a commit no pull request merged", async () => {
  const unmapped = mergedRepository(DEPLOYED_FILE.replace(LOGINS, ""));
  const noLogins = await check(unmapped, [review("acme-ciso", "APPROVED", unmapped.head), review("lead-gh", "APPROVED", unmapped.head)]);
  assert.equal(noLogins.status, 1);
  assert.match(
    noLogins.stdout,
    /\n- owners with no GitHub login, whose approval cannot be counted: ciso@acme\.example, lead@acme\.example \(the deployed access file has no githubLogins; add them in a pull request of its own, approved by the owners already listed\)\n/,
  );
  const repo = mergedRepository();
  const unknown = await check(repo, [], { deployed: "unknown" });
  assert.equal(unknown.status, 1);
  assert.equal(
    unknown.stdout,
    "## Deploy of stack `dev` refused\n\nstack dev's deployedCommit is \"unknown\", not a commit: it was deployed from a tree that was not a commit's bytes; deploy once by hand from a clean checkout of main, then merge again\n",
  );
  assert.deepEqual(unknown.requests, [], "nothing is asked of GitHub");
  const none = await check(repo, [], { deployed: "" });
  assert.match(none.stdout, /stack dev has no deployedCommit output/);
  const directPush = await check(repo, [], { pullMerges: repo.head });
  assert.equal(directPush.status, 1);
  assert.match(directPush.stdout, new RegExp(`${repo.merge} changes access and is not the merge commit of a pull request \\(a direct push to main\\?\\)`));
});
