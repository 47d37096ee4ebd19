// Fetches a URL the way the checker needs it: retries with backoff, a ranged GET with a fallback,
// redirects followed by hand (bounded, loops detected, meta refresh included), per-host limits.
import type { RedirectHop } from "@td/schema";
import type { CookieJar } from "tough-cookie";
import { detectBotWall } from "../analyze/bot-wall.ts";
import { bodyText, contentTypeOf, decodeText, looksLikeHtml } from "../analyze/content-kind.ts";
import { readHtmlPage, resolveUrl, type PageInfo } from "../analyze/html-page.ts";
import type { HttpClient } from "../http/client.ts";
import { fetchOnce } from "../http/fetch-once.ts";
import type { HostLimiter } from "../http/host-limiter.ts";
import { decideRetry, type RetryPolicy } from "../http/retry.ts";
import type { FetchOutcome } from "../http/types.ts";

export interface FetchContext {
  client: HttpClient;
  limiter: HostLimiter;
  retry: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  timeoutMs: number;
  /** Bytes of a body kept for analysis (and asked for with Range). */
  prefixBytes: number;
  /** Bytes of a document read at most when fingerprinting it. */
  maxDocumentBytes: number;
  /**
   * Bytes of a fingerprinted document kept in memory for reading it as a PDF (title, text); only
   * the analysis prefix when unset, since most runs need no more.
   */
  keepDocumentBytes?: number;
  maxRedirects: number;
  /** Longest meta-refresh delay still treated as a redirect. */
  maxMetaRefreshSeconds: number;
  /** Called for every request sent (benchmarks and budget tests count them). */
  onRequest?: (url: string) => void;
  /** Aborts this chain's requests when the run no longer wants their answers. */
  signal?: AbortSignal;
}

export interface Chain {
  hops: RedirectHop[];
  final: FetchOutcome;
  finalUrl: string;
  problem?: "loop" | "too-many-redirects";
  /** Requests sent for the final answer (retries included). */
  attempts: number;
  /** Why retrying stopped early (a Retry-After beyond the cap). */
  retryNote?: string;
  /** The final answer parsed as HTML, when it is HTML. */
  page?: PageInfo;
}

const REDIRECTS: Record<number, RedirectHop["kind"]> = { 301: "permanent", 308: "permanent", 302: "temporary", 303: "temporary", 307: "temporary" };

export async function fetchChain(ctx: FetchContext, startUrl: string, options: { fingerprint: boolean }): Promise<Chain> {
  const hops: RedirectHop[] = [];
  // Cookies live for one chain only: some sites redirect to set a session cookie and back, and
  // without it that looks like a loop. Nothing is shared between resources.
  // The cookie library is loaded only when a chain sets a cookie: most chains set none.
  let jar: CookieJar | undefined;
  const cookiesFor = (u: string) => (jar === undefined ? Promise.resolve("") : jar.getCookieString(u).catch(() => ""));
  const seen = new Map<string, string>();
  let url = startUrl;
  for (;;) {
    const cookie = await cookiesFor(url);
    seen.set(url, cookie);
    const { outcome, attempts, note } = await fetchWithRetries(ctx, url, options.fingerprint, cookie);
    const chain: Chain = { hops, final: outcome, finalUrl: url, attempts };
    if (note !== undefined) chain.retryNote = note;
    if (outcome.kind === "network-error") return chain;
    const setCookie = outcome.headers["set-cookie"];
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      jar ??= new (await loadCookieJar())();
      await jar.setCookie(c, url, { ignoreError: true });
    }

    let next: string | undefined;
    let kind: RedirectHop["kind"] | undefined = REDIRECTS[outcome.status];
    if (kind !== undefined) {
      next = resolveLocation(outcome.headers.location, url);
    } else if (outcome.status >= 200 && outcome.status < 300 && looksLikeHtml(outcome.body.prefix, contentTypeOf(outcome.headers))) {
      chain.page = readHtmlPage(decodeText(outcome.body.prefix, outcome.headers), url);
      const refresh = chain.page.metaRefresh;
      // A bot wall's refresh leads to its challenge, not to the resource.
      const wall = refresh !== null && detectBotWall({ status: outcome.status, headers: outcome.headers, text: bodyText(outcome) }) !== undefined;
      if (refresh && !wall && refresh.delaySeconds <= ctx.maxMetaRefreshSeconds && refresh.url !== url) {
        next = refresh.url;
        kind = "meta";
      }
    }
    if (next === undefined || kind === undefined) return chain;

    hops.push({ url, httpStatus: outcome.status, kind });
    // A loop is the same URL with the same cookies: a new cookie may be what the redirect was for.
    if (seen.has(next) && seen.get(next) === (await cookiesFor(next))) return { ...chain, hops, finalUrl: next, problem: "loop" };
    if (hops.length > ctx.maxRedirects) return { ...chain, hops, finalUrl: next, problem: "too-many-redirects" };
    url = next;
  }
}

let cookieJar: Promise<typeof CookieJar> | undefined;
const loadCookieJar = () => (cookieJar ??= import("tough-cookie").then((m) => m.CookieJar));

function resolveLocation(location: string | string[] | undefined, base: string): string | undefined {
  const raw = Array.isArray(location) ? location[0] : location;
  return raw === undefined ? undefined : resolveUrl(raw, base);
}

async function fetchWithRetries(
  ctx: FetchContext,
  url: string,
  fingerprint: boolean,
  cookie: string,
): Promise<{ outcome: FetchOutcome; attempts: number; note?: string }> {
  let ranged = !fingerprint;
  let attempts = 0;
  for (let attempt = 0; ; attempt++) {
    attempts += 1;
    ctx.onRequest?.(url);
    let outcome = await ctx.limiter.run(url, () =>
      fetchOnce(ctx.client, {
        url,
        ranged,
        deadlineMs: ctx.timeoutMs,
        limits: {
          prefixBytes: fingerprint && ctx.keepDocumentBytes ? Math.min(ctx.keepDocumentBytes, ctx.maxDocumentBytes) : ctx.prefixBytes,
          maxBytes: fingerprint ? ctx.maxDocumentBytes : ctx.prefixBytes,
          hash: fingerprint,
        },
        cookie,
        signal: ctx.signal,
      }),
    );
    // A server that cannot serve the range (416, or 400/501 from a strict one) gets a plain GET.
    if (ranged && outcome.kind === "response" && [400, 416, 501].includes(outcome.status)) {
      ranged = false;
      attempts += 1;
      ctx.onRequest?.(url);
      outcome = await ctx.limiter.run(url, () =>
        fetchOnce(ctx.client, {
          url,
          ranged: false,
          deadlineMs: ctx.timeoutMs,
          limits: { prefixBytes: ctx.prefixBytes, maxBytes: ctx.prefixBytes, hash: false },
          cookie,
          signal: ctx.signal,
        }),
      );
    }
    const decision = decideRetry(outcome, attempt, ctx.retry);
    if (!decision.retry) return decision.why === undefined ? { outcome, attempts } : { outcome, attempts, note: decision.why };
    await ctx.sleep(decision.delayMs);
  }
}
