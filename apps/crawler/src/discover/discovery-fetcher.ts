// Fetches for the searches (moved documents, documents behind stand-in pages): cached per run, so
// a host's home page, robots.txt, sitemaps and candidate documents are fetched once for all its
// resources, and charged to the budget of the resource that asked first. One set of facts per URL:
// a URL first read as a page (its first bytes) and later wanted as a document is read again whole
// when it turned out to be a document, so every search judges it exactly as a fresh fetch would.
import { contentTypeOf, isPdf, looksLikeHtml } from "../analyze/content-kind.ts";
import type { PageInfo } from "../analyze/html-page.ts";
import { MAX_PARSED_PDF_BYTES, readPdfFacts, type PdfFacts } from "../analyze/pdf-facts.ts";
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
  /** Title, pages and text fingerprint of a whole PDF (read with pdf.js), when it is one. */
  pdfFacts: PdfFacts | undefined;
  /** Read only to a bound, not to its end (a page's prefix): a document's facts need it whole. */
  truncated: boolean;
}

const SITEMAP_BYTES = 5 * 1024 * 1024;
const MAX_HOPS = 3;

/** A fetch's outcome as the archive's gate needs it: the HTTP status, or null for no answer at all. */
export interface FetchAnswer {
  fetched: Fetched | undefined;
  status: number | null;
  retryAfter: string | undefined;
}

export class DiscoveryFetcher {
  private readonly cache = new Map<string, Promise<FetchAnswer>>();
  /** For page and document entries: how far the cached fetch read. */
  private readonly levels = new Map<string, "page" | "document">();
  constructor(private readonly ctx: FetchContext) {}

  /** The answer for `url`, or undefined when it gave none or the budget has no request left. */
  async fetch(url: string, kind: FetchKind, budget: RequestBudget): Promise<Fetched | undefined> {
    return (await this.fetchAnswer(url, kind, budget)).fetched;
  }

  /** `signal` aborts the fetch when its answer is no longer wanted (the archive's wait is over). */
  fetchAnswer(url: string, kind: FetchKind, budget: RequestBudget, signal?: AbortSignal): Promise<FetchAnswer> {
    // Pages and documents share one entry per URL; sitemaps and archive answers are read otherwise.
    const shared = kind === "page" || kind === "document";
    const key = shared ? `web ${url}` : `${kind} ${url}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      if (kind !== "document" || this.levels.get(key) === "document") return cached;
      // Read as a page: enough for a page. A PDF read whole within the page's bound is read as a
      // PDF now (no request); one cut at that bound is fetched again, whole.
      const upgraded = cached.then(async (answer): Promise<FetchAnswer> => {
        const f = answer.fetched;
        if (f === undefined || !f.pdf || f.pdfFacts !== undefined) return answer;
        if (!f.truncated && f.prefix.length === f.bytesRead) {
          return f.status >= 200 && f.status < 300 ? { ...answer, fetched: { ...f, pdfFacts: await readPdfFacts(f.prefix) } } : answer;
        }
        this.cache.delete(key);
        this.levels.delete(key);
        return this.fetchAnswer(url, kind, budget, signal);
      });
      this.cache.set(key, upgraded);
      this.levels.set(key, "document");
      return upgraded;
    }
    if (shared) this.levels.set(key, kind);
    if (budget.remaining < 1) return Promise.resolve({ fetched: undefined, status: null, retryAfter: undefined });
    const big = kind === "sitemap" || kind === "archive";
    const ctx: FetchContext = {
      ...this.ctx,
      retry: { ...this.ctx.retry, retries: 0 },
      maxRedirects: Math.min(MAX_HOPS, budget.remaining - 1),
      prefixBytes: big ? SITEMAP_BYTES : this.ctx.prefixBytes,
      // Pages are read to the analysis prefix only; every kind uses one plain GET (no range fallback),
      // so a fetch costs exactly one request per hop.
      maxDocumentBytes: big ? SITEMAP_BYTES : kind === "page" ? this.ctx.prefixBytes : this.ctx.maxDocumentBytes,
      ...(kind === "document" ? { keepDocumentBytes: MAX_PARSED_PDF_BYTES } : {}),
      ...(signal !== undefined ? { signal } : {}),
      onRequest: (u) => {
        budget.spend();
        this.ctx.onRequest?.(u);
      },
    };
    const promise = fetchChain(ctx, url, { fingerprint: true }).then(async (chain): Promise<FetchAnswer> => {
      if (chain.final.kind !== "response") return { fetched: undefined, status: null, retryAfter: undefined };
      const { body, headers, status } = chain.final;
      const retryAfter = Array.isArray(headers["retry-after"]) ? headers["retry-after"][0] : headers["retry-after"];
      // A candidate counts only when it arrived whole (or up to our own bound).
      if (chain.problem !== undefined || body.readError !== undefined) return { fetched: undefined, status, retryAfter };
      const contentType = contentTypeOf(headers);
      const pdf = isPdf(body.prefix);
      const whole = body.complete && body.prefix.length === body.bytesRead;
      const fetched: Fetched = {
        url,
        finalUrl: chain.finalUrl,
        status,
        contentType,
        // Only the analysis prefix stays in the cache; the whole file is dropped once read.
        prefix: kind === "document" && body.prefix.length > this.ctx.prefixBytes ? body.prefix.slice(0, this.ctx.prefixBytes) : body.prefix,
        bytesRead: body.bytesRead,
        page: chain.page,
        pdf,
        html: looksLikeHtml(body.prefix, contentType),
        sha256: body.sha256,
        sha1Base32: body.sha1Base32,
        pdfFacts: kind === "document" && pdf && whole && status >= 200 && status < 300 ? await readPdfFacts(body.prefix) : undefined,
        truncated: !body.complete,
      };
      return { fetched, status, retryAfter };
    });
    this.cache.set(key, promise);
    return promise;
  }
}
