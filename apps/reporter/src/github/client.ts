// The GitHub REST client: @octokit/rest with the retry plugin (5xx and network failures, with
// backoff) and the throttling plugin (primary and secondary rate limits, Retry-After, and the
// pacing GitHub asks for between writes). GITHUB_API_URL is honoured for GitHub Enterprise.
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import Bottleneck from "bottleneck";

const GitHubClient = Octokit.plugin(retry, throttling);
export type GitHub = InstanceType<typeof GitHubClient>;

export interface ClientOptions {
  baseUrl: string;
  token: string | undefined;
  /** Minimum milliseconds between writes; GitHub's guidance (1 s, 3 s for notifying ones) when undefined. */
  paceMs: number | undefined;
  /** Retries of a request that failed with a 5xx or a network error. */
  retries: number;
  warn: (message: string) => void;
}

const MAX_RATE_LIMIT_RETRIES = 2;
const MAX_RATE_LIMIT_WAIT_S = 15 * 60;

export function createGitHub(options: ClientOptions): GitHub {
  const paced =
    options.paceMs === undefined
      ? {}
      : {
          write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.paceMs }),
          notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.paceMs }),
        };
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    const again = retryCount < MAX_RATE_LIMIT_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_S;
    options.warn(`GitHub ${kind} rate limit on ${request.method} ${request.url}; ${again ? `retrying in ${retryAfter} s` : "giving up"}`);
    return again;
  };
  return new GitHubClient({
    baseUrl: withoutTrailingSlashes(options.baseUrl),
    ...(options.token ? { auth: options.token } : {}),
    userAgent: "training-directory-link-health",
    throttle: { onRateLimit: onLimit("primary"), onSecondaryRateLimit: onLimit("secondary"), ...paced },
    retry: { retries: options.retries },
    log: { debug: () => {}, info: () => {}, warn: options.warn, error: options.warn },
  });
}

/** "https://api.github.com///" → "https://api.github.com", without a regular expression that scans back over every slash run. */
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === "/") end -= 1;
  return url.slice(0, end);
}
