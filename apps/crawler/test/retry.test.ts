import { describe, expect, it } from "vitest";
import { decideRetry, parseRetryAfter, type RetryPolicy } from "../src/http/retry.ts";
import type { FetchOutcome } from "../src/http/types.ts";

const policy: RetryPolicy = { retries: 2, baseDelayMs: 1000, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };
const answer = (status: number, headers: Record<string, string> = {}): FetchOutcome => ({
  kind: "response",
  url: "http://x/",
  status,
  headers,
  body: { prefix: new Uint8Array(), bytesRead: 0, complete: true },
});

describe("retry policy", () => {
  it("backs off exponentially with full jitter", () => {
    expect(decideRetry(answer(503), 0, policy, () => 1)).toEqual({ retry: true, delayMs: 1000 });
    expect(decideRetry(answer(503), 1, policy, () => 0.5)).toEqual({ retry: true, delayMs: 1000 });
    expect(decideRetry(answer(503), 1, policy, () => 1)).toEqual({ retry: true, delayMs: 2000 });
    expect(decideRetry(answer(503), 2, policy)).toEqual({ retry: false });
  });
  it("caps the delay", () => {
    expect(decideRetry(answer(500), 9, { ...policy, retries: 10 }, () => 1)).toEqual({ retry: true, delayMs: 8000 });
  });
  it("honours Retry-After in seconds and as a date, up to the cap", () => {
    const now = Date.parse("2026-11-30T06:00:00Z");
    expect(decideRetry(answer(429, { "retry-after": "7" }), 0, policy, Math.random, now)).toEqual({ retry: true, delayMs: 7000 });
    expect(parseRetryAfter("Mon, 30 Nov 2026 06:00:30 GMT", now)).toBe(30_000);
    expect(decideRetry(answer(429, { "retry-after": "120" }), 0, policy)).toEqual({ retry: false, why: "Retry-After 120 s is longer than the 60 s cap" });
  });
  it("retries connection failures but not a host that does not exist or a 404", () => {
    expect(decideRetry({ kind: "network-error", error: "connection-reset", message: "" }, 0, policy, () => 0).retry).toBe(true);
    expect(decideRetry({ kind: "network-error", error: "timeout", message: "" }, 0, policy, () => 0).retry).toBe(true);
    expect(decideRetry({ kind: "network-error", error: "dns-not-found", message: "" }, 0, policy).retry).toBe(false);
    expect(decideRetry(answer(404), 0, policy).retry).toBe(false);
  });
});
