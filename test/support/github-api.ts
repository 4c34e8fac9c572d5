import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A local stand-in for the two GitHub REST endpoints the deploy's approval check reads, on
 * 127.0.0.1, answering as docs.github.com documents them: "List pull requests associated with a
 * commit" and "List reviews for a pull request" (chronological, `per_page` at most 100, further
 * pages by `Link: rel="next"`), and 401 for a request without the token (GitHub's "Bad credentials").
 * Never more lenient than GitHub: any other path is a 404.
 */

export interface StandInPull {
  readonly number: number;
  readonly merged_at: string | null;
  readonly merge_commit_sha: string | null;
  readonly head: { readonly sha: string };
  readonly html_url: string;
}

export interface StandInReview {
  readonly user: { readonly login: string } | null;
  readonly state: string;
  readonly commit_id: string;
}

export interface GitHubStandIn {
  readonly url: string;
  readonly token: string;
  /** Every request path (with its query), in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startGitHubStandIn(
  data: { readonly pulls: Readonly<Record<string, readonly StandInPull[]>>; readonly reviews: Readonly<Record<number, readonly StandInReview[]>> },
  options: { readonly repository?: string; readonly maxPageSize?: number } = {},
): Promise<GitHubStandIn> {
  const token = "ghs_stand-in-token";
  const repository = options.repository ?? "acme/access";
  const maxPageSize = Math.min(options.maxPageSize ?? 100, 100);
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    requests.push(`${url.pathname}${url.search}`);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "Content-Type": "application/json", ...headers });
      response.end(JSON.stringify(body));
    };
    if (request.method !== "GET") return send(404, { message: "Not Found" });
    if (request.headers.authorization !== `Bearer ${token}`) return send(401, { message: "Bad credentials" });
    const pulls = new RegExp(`^/repos/${repository}/commits/([0-9a-f]{40})/pulls$`).exec(url.pathname);
    const reviews = new RegExp(`^/repos/${repository}/pulls/(\\d+)/reviews$`).exec(url.pathname);
    const items = pulls ? (data.pulls[pulls[1]!] ?? []) : reviews ? data.reviews[Number(reviews[1])] : undefined;
    if (items === undefined) return send(404, { message: "Not Found" });
    const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30), maxPageSize);
    const page = Number(url.searchParams.get("page") ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const next: Record<string, string> = page * perPage < items.length ? { Link: `<${origin}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"` } : {};
    send(200, slice, next);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: origin, token, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
