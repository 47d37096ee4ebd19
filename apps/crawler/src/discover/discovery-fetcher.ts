// Fetches for the moved-document search: cached per run (a host's home page, robots.txt and
// sitemaps are fetched once for all its resources) and charged to the asking resource's budget.
import { contentTypeOf, isPdf, looksLikeHtml } from "../analyze/content-kind.ts";
import type { PageInfo } from "../analyze/html-page.ts";
import { fetchChain, type FetchContext } from "../check/fetch-chain.ts";
import type { RequestBudget } from "./budget.ts";

export type FetchKind = "page" | "sitemap" | "document" | "archive";

export interface Fetched {
  url: string;
  finalUrl: string;
  status: number;
  contentType: string | null;
  prefix: Uint8Array;
  bytesRead: number;
  page: PageInfo | undefined;
  pdf: boolean;
  html: boolean;
  sha256: string | undefined;
  sha1Base32: string | undefined;
}

const SITEMAP_BYTES = 5 * 1024 * 1024;
const MAX_HOPS = 3;

export class DiscoveryFetcher {
  private readonly cache = new Map<string, Promise<Fetched | undefined>>();
  constructor(private readonly ctx: FetchContext) {}

  /** The answer for `url`, or undefined when it gave none or the budget has no request left. */
  fetch(url: string, kind: FetchKind, budget: RequestBudget): Promise<Fetched | undefined> {
    const key = `${kind} ${url}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    if (budget.remaining < 1) return Promise.resolve(undefined);
    const big = kind === "sitemap" || kind === "archive";
    const ctx: FetchContext = {
      ...this.ctx,
      retry: { ...this.ctx.retry, retries: 0 },
      maxRedirects: Math.min(MAX_HOPS, budget.remaining - 1),
      prefixBytes: big ? SITEMAP_BYTES : this.ctx.prefixBytes,
      // Pages are read to the analysis prefix only; every kind uses one plain GET (no range fallback),
      // so a fetch costs exactly one request per hop.
      maxDocumentBytes: big ? SITEMAP_BYTES : kind === "page" ? this.ctx.prefixBytes : this.ctx.maxDocumentBytes,
      onRequest: (u) => {
        budget.spend();
        this.ctx.onRequest?.(u);
      },
    };
    const promise = fetchChain(ctx, url, { fingerprint: true }).then((chain): Fetched | undefined => {
      // A candidate counts only when it arrived whole (or up to our own bound).
      if (chain.final.kind !== "response" || chain.problem !== undefined || chain.final.body.readError !== undefined) return undefined;
      const { body, headers, status } = chain.final;
      const contentType = contentTypeOf(headers);
      return {
        url,
        finalUrl: chain.finalUrl,
        status,
        contentType,
        prefix: body.prefix,
        bytesRead: body.bytesRead,
        page: chain.page,
        pdf: isPdf(body.prefix),
        html: looksLikeHtml(body.prefix, contentType),
        sha256: body.sha256,
        sha1Base32: body.sha1Base32,
      };
    });
    this.cache.set(key, promise);
    return promise;
  }
}
