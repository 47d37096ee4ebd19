// The search both entry points share (find-moved.ts: "where did it go?", find-document.ts: "where
// is the document behind this page?"): leads gathered from pages and sitemaps, each with what the
// pages call it, confirmed by fetching the most promising first within the resource's budget,
// and judged by the one rule of rank.ts. Search wide, decide strictly: with content evidence to
// compare against (the data's SHA-256 or text fingerprint, or the archived copy's text), document
// links are opened even when nothing in their names resembles the title, nearest the old address
// first; without it, only leads whose names promise something, and a source page's few document
// links (their own titles can settle it).
import type { Candidate } from "@td/schema";
import type { PageInfo } from "../analyze/html-page.ts";
import type { RequestBudget } from "./budget.ts";
import type { DiscoveryFetcher } from "./discovery-fetcher.ts";
import { choose, judge, leadLanguage, leadScore, newLead, type Judgement, type Lead, type SearchTarget, type TextReference } from "./rank.ts";

const MIN_LEAD_SCORE = 2;
/** Candidates fetched at once by one search. */
const CONFIRM_BATCH = 4;
/** Document links of a source page opened whatever their text (a source page links few). */
const MAX_SOURCE_DOCUMENTS = 8;
/** Document leads opened on content evidence alone, nearest the old address first. */
const MAX_WIDE_DOCUMENTS = 12;

const EXTENSIONS: Record<string, readonly string[]> = {
  pdf: [".pdf"],
  ppt: [".ppt", ".pptx", ".pps", ".ppsx"],
  doc: [".doc", ".docx", ".rtf", ".odt"],
};

/** What one source says of a lead. */
export interface LeadFacts {
  label?: string;
  linkedFrom?: string;
  sizeBytes?: number;
  lang?: string;
  rewriteSupport?: number;
  archiveDigest?: string;
}

export class Search {
  private readonly leads = new Map<string, Lead>();
  private readonly judged = new Map<string, Judgement | undefined>();
  /** Leads opened whatever their names (a source page's documents), in the order found. */
  private readonly opened = new Set<string>();
  reference: TextReference | undefined;

  constructor(
    readonly target: SearchTarget,
    private readonly fetcher: DiscoveryFetcher,
    private readonly budget: RequestBudget,
    /** Addresses that are not candidates (the dead URL, the stand-in page itself). */
    private readonly excluded: ReadonlySet<string>,
  ) {
    const r = target.resource;
    this.reference = r.textFingerprint ? { textFingerprint: r.textFingerprint, from: "data" } : undefined;
  }

  /** The kind of fetch a candidate needs. */
  get kind(): "document" | "page" {
    const f = this.target.format;
    return f === "pdf" || f === "ppt" || f === "doc" ? "document" : "page";
  }

  addLead(url: string, source: string, extra: LeadFacts = {}): void {
    if (this.excluded.has(url) || !/^https?:/.test(url)) return;
    const lead = this.leads.get(url) ?? newLead(url);
    if (extra.label) lead.labels.push(extra.label);
    if (extra.linkedFrom && !lead.linkedFrom.includes(extra.linkedFrom)) lead.linkedFrom.push(extra.linkedFrom);
    if (extra.sizeBytes !== undefined) lead.sizes.push(extra.sizeBytes);
    if (extra.lang) lead.langs.push(extra.lang);
    if (extra.rewriteSupport !== undefined) lead.rewriteSupport = extra.rewriteSupport;
    if (extra.archiveDigest !== undefined) lead.archiveDigest = extra.archiveDigest;
    if (!lead.sources.includes(source)) lead.sources.push(source);
    this.leads.set(url, lead);
  }

  /** Every link of a page, with what the page calls it. `open`: its document links are opened whatever their text. */
  addLinks(page: PageInfo | undefined, pageUrl: string | undefined, source: string, open = false): void {
    let documents = 0;
    for (const link of page?.links ?? []) {
      this.addLead(link.url, source, {
        label: link.label,
        ...(pageUrl !== undefined ? { linkedFrom: pageUrl } : {}),
        ...(link.sizeBytes !== undefined ? { sizeBytes: link.sizeBytes } : {}),
        ...(link.lang !== undefined ? { lang: link.lang } : {}),
      });
      if (open && documents < MAX_SOURCE_DOCUMENTS && this.looksLikeDocument(link.url) && !this.excluded.has(link.url)) {
        this.opened.add(link.url);
        documents += 1;
      }
    }
  }

  /** A URL whose path ends like a file of the wanted format. */
  private looksLikeDocument(url: string): boolean {
    const extensions = EXTENSIONS[this.target.format];
    if (extensions === undefined) return false;
    const path = new URL(url).pathname.toLowerCase();
    return extensions.some((e) => path.endsWith(e));
  }

  /** Content to compare with: then any document is worth opening, not only well-named ones. */
  get hasContentEvidence(): boolean {
    return this.target.resource.sha256 !== undefined || this.reference !== undefined;
  }

  judgements(): Judgement[] {
    return [...this.judged.values()].filter((j): j is Judgement => j !== undefined);
  }

  found(): Judgement | undefined {
    return choose(this.judgements());
  }

  /**
   * Confirms the leads not yet judged, most promising first; true once there is one to act on.
   * Identical bytes or text settle it at once; weaker matches are all confirmed, since two may disagree.
   */
  async confirm(): Promise<boolean> {
    const near = this.target.deadUrl ?? [...this.excluded][0];
    const pending = [...this.leads.values()]
      .filter((l) => !this.judged.has(l.url))
      .map((lead) => ({ lead, score: leadScore(this.target, lead) }))
      .filter(({ lead, score }) => score >= MIN_LEAD_SCORE || (score > 0 && this.opened.has(lead.url)) || (this.wideAllowed(lead) && (this.opened.has(lead.url) || this.hasContentEvidence)))
      .sort((a, b) => b.score - a.score || pathCloseness(b.lead.url, near) - pathCloseness(a.lead.url, near));
    let wide = 0;
    const chosen = pending.filter(({ lead, score }) => {
      if (score >= MIN_LEAD_SCORE || this.opened.has(lead.url)) return true;
      wide += 1;
      return wide <= MAX_WIDE_DOCUMENTS;
    });
    // A few at a time, best first: each gets a share of the budget of its own (a request and one
    // redirect), given back unspent when it is done, so parallel fetches never overspend; a
    // host's own limit still holds them to its pace. Identical bytes or text end the search.
    for (let at = 0; at < chosen.length && this.budget.remaining >= 1; at += CONFIRM_BATCH) {
      const batch = chosen.slice(at, at + Math.min(CONFIRM_BATCH, this.budget.remaining));
      const settled = await Promise.all(
        batch.map(async ({ lead }) => {
          const share = this.budget.split(Math.min(2, this.budget.remaining));
          try {
            const fetched = share.remaining < 1 ? undefined : await this.fetcher.fetch(lead.url, this.kind, share);
            const judgement = fetched === undefined ? undefined : judge(this.target, lead, fetched, this.reference);
            this.judged.set(lead.url, judgement);
            return judgement;
          } finally {
            share.release();
          }
        }),
      );
      if (settled.some((j) => j !== undefined && j.score >= 90)) return true;
    }
    return this.found() !== undefined;
  }

  /** A document lead worth a request on content evidence: of the wanted kind by its name, and not another language's. */
  private wideAllowed(lead: Lead): boolean {
    const language = leadLanguage(lead);
    return this.looksLikeDocument(lead.url) && (language === undefined || language === this.target.language);
  }

  /** Re-judges the candidates already fetched (the reference text arrived later); from the run's cache. */
  async rejudge(): Promise<void> {
    for (const url of [...this.judged.keys()]) {
      const lead = this.leads.get(url);
      const fetched = lead && (await this.fetcher.fetch(url, this.kind, this.budget));
      if (lead && fetched) this.judged.set(url, judge(this.target, lead, fetched, this.reference));
    }
  }

  /** The weaker candidates a maintainer may look at, best first. */
  candidates(found: Judgement | undefined): Candidate[] {
    return this.judgements()
      .filter((j) => j !== found)
      .sort((a, b) => b.score - a.score)
      .slice(0, 5)
      .map((j) => ({ url: j.url, evidence: `${j.evidence} (via ${j.sources.join(", ")})`, score: j.score }));
  }
}

/** Shared leading path segments (same host), so documents near the old address are opened first. */
export function pathCloseness(url: string, near: string | undefined): number {
  if (near === undefined) return 0;
  const a = new URL(url);
  const b = new URL(near);
  if (a.host !== b.host) return -1;
  const x = a.pathname.split("/");
  const y = b.pathname.split("/");
  let n = 0;
  while (n < x.length - 1 && n < y.length - 1 && x[n] === y[n]) n += 1;
  return n;
}
