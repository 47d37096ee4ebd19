// When to try again and how long to wait: exponential backoff with full jitter, Retry-After
// honoured up to a cap. Pure, so the policy is tested without waiting.
import type { FetchOutcome } from "./types.ts";

export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After we wait for; a longer one ends the retries. */
  maxRetryAfterMs: number;
}

export function isRetryable(outcome: FetchOutcome): boolean {
  if (outcome.kind === "network-error") {
    // A name that does not exist, an address we refuse or a bad certificate will not change on a retry.
    return !["dns-not-found", "refused-address", "unsupported-scheme", "tls", "cancelled"].includes(outcome.error);
  }
  // A body cut short by the server or a proxy may arrive whole next time; our own deadline and a
  // body that cannot be decoded will not change.
  const cut = outcome.body.readError;
  if (cut !== undefined && cut !== "timeout" && cut !== "decode" && cut !== "cancelled") return true;
  return outcome.status === 408 || outcome.status === 429 || outcome.status >= 500;
}

/** Milliseconds from a Retry-After header (seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === "") return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; why?: string };

/** Decides after attempt number `attempt` (0 for the first request). */
export function decideRetry(
  outcome: FetchOutcome,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
  now: number = Date.now(),
): RetryDecision {
  if (!isRetryable(outcome) || attempt >= policy.retries) return { retry: false };
  if (outcome.kind === "response") {
    const retryAfter = parseRetryAfter(outcome.headers["retry-after"], now);
    if (retryAfter !== undefined) {
      if (retryAfter > policy.maxRetryAfterMs) {
        return { retry: false, why: `Retry-After ${Math.ceil(retryAfter / 1000)} s is longer than the ${Math.ceil(policy.maxRetryAfterMs / 1000)} s cap` };
      }
      return { retry: true, delayMs: retryAfter };
    }
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return { retry: true, delayMs: Math.round(random() * ceiling) };
}
