// The GitHub REST client: @octokit/rest, with one mechanism for every wait GitHub asks for.
// - Rate limits (a 429, or a 403 that is a secondary limit or an exhausted primary one): no
//   further request goes out until GitHub's `retry-after` (or `x-ratelimit-reset`, or, with
//   neither, GitHub's documented fallback of one minute) has passed; then the request is tried
//   again, a few times at most. The whole client waits, not only that request: "before any
//   further write" is what GitHub's guidance asks.
// - Writes are paced (1 s apart by default, GitHub's guidance for content-creating requests).
// - 5xx answers and network failures are retried with a growing backoff (1 s, 4 s, 9 s…).
// One loop decides every retry, so no two mechanisms ever answer the same failure (the retry
// plugin used to retry a 429 after a second, beside the throttling plugin that honoured its
// retry-after). GITHUB_API_URL is honoured for GitHub Enterprise.
import { Octokit } from "@octokit/rest";

export type GitHub = Octokit;

export interface ClientOptions {
  baseUrl: string;
  token: string | undefined;
  /** Minimum milliseconds between writes; 1 s (GitHub's guidance) when undefined. */
  paceMs: number | undefined;
  /** Retries of a request that failed with a 5xx or a network error. */
  retries: number;
  warn: (message: string) => void;
  /** How the client waits (tests pass one that records the wait and returns at once). */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Times a request is tried again after a rate limit. */
export const MAX_RATE_LIMIT_RETRIES = 3;
/** A wait longer than this is not waited for: the run reports the change as failed instead. */
export const MAX_RATE_LIMIT_WAIT_S = 15 * 60;
/** GitHub's documented wait when a secondary limit gives no retry-after: "at least one minute". */
export const FALLBACK_WAIT_S = 60;
const DEFAULT_PACE_MS = 1000;

interface ErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

/** How long GitHub asks us to wait, in seconds, when this answer is a rate limit; undefined when it is not one. */
export function rateLimitWait(error: ErrorLike, nowMs: number): { seconds: number; kind: "primary" | "secondary" } | undefined {
  const status = error.status;
  if (status !== 429 && status !== 403) return undefined;
  const headers = error.response?.headers ?? {};
  const header = (name: string) => {
    const v = headers[name];
    return v === undefined ? undefined : String(v);
  };
  const retryAfter = header("retry-after");
  const remaining = header("x-ratelimit-remaining");
  const message = error.message ?? "";
  if (remaining === "0") {
    const reset = Number(header("x-ratelimit-reset") ?? 0) * 1000;
    return { seconds: Math.max(1, Math.ceil((reset - nowMs) / 1000) + 1), kind: "primary" };
  }
  const secondary = status === 429 || retryAfter !== undefined || /secondary rate limit|abuse/i.test(message);
  if (!secondary) return undefined;
  const seconds = retryAfter !== undefined && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : FALLBACK_WAIT_S;
  return { seconds: Math.max(1, seconds), kind: "secondary" };
}

export function createGitHub(options: ClientOptions): GitHub {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const pace = options.paceMs ?? DEFAULT_PACE_MS;
  const octokit = new Octokit({
    baseUrl: withoutTrailingSlashes(options.baseUrl),
    ...(options.token ? { auth: options.token } : {}),
    userAgent: "training-directory-link-health",
    log: { debug: () => {}, info: () => {}, warn: options.warn, error: options.warn },
  });
  // Nothing goes out before this moment (a rate limit's end); writes also keep their pace.
  let blockedUntil = 0;
  let lastWrite = Number.NEGATIVE_INFINITY;
  let queue: Promise<unknown> = Promise.resolve();
  const waitTurn = async (write: boolean) => {
    const until = Math.max(blockedUntil, write ? lastWrite + pace : 0);
    const wait = until - now();
    if (wait > 0) await sleep(wait);
    if (write) lastWrite = now();
  };
  octokit.hook.wrap("request", async (request, requestOptions) => {
    const write = (requestOptions.method ?? "GET").toUpperCase() !== "GET";
    let failures = 0;
    for (let attempt = 0; ; attempt++) {
      // Requests go one at a time through the wait (the reporter sends them one at a time anyway).
      const turn = queue.then(() => waitTurn(write));
      queue = turn.catch(() => undefined);
      await turn;
      try {
        return await request(requestOptions);
      } catch (error) {
        const limit = rateLimitWait(error as ErrorLike, now());
        if (limit === undefined) {
          // A server error or no answer at all: transient, tried again after a growing pause.
          const status = (error as ErrorLike).status;
          if ((status !== undefined && status < 500) || failures >= options.retries) throw error;
          failures += 1;
          options.warn(`GitHub ${status !== undefined ? `answered ${status}` : "gave no answer"} to ${requestOptions.method} ${requestOptions.url}; retrying in ${failures * failures} s`);
          await sleep(failures * failures * 1000);
          continue;
        }
        const again = attempt < MAX_RATE_LIMIT_RETRIES && limit.seconds <= MAX_RATE_LIMIT_WAIT_S;
        options.warn(`GitHub ${limit.kind} rate limit on ${requestOptions.method} ${requestOptions.url}; ${again ? `waiting ${limit.seconds} s before any further request, then retrying` : "giving up"}`);
        if (!again) throw error;
        blockedUntil = Math.max(blockedUntil, now() + limit.seconds * 1000);
      }
    }
  });
  return octokit;
}

/** "https://api.github.com///" → "https://api.github.com", without a regular expression that scans back over every slash run. */
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === "/") end -= 1;
  return url.slice(0, end);
}
