// Searches for where a missing resource lives now, source by source within its request budget,
// confirming promising candidates as they appear and stopping at the first strong one.
import type { Candidate, Resource } from "@td/schema";
import type { PageInfo } from "../analyze/html-page.ts";
import type { ArchiveClient } from "./archive.ts";
import type { RequestBudget } from "./budget.ts";
import type { DiscoveryFetcher } from "./discovery-fetcher.ts";
import { choose, judge, preScore, type Judgement, type Lead, type TextReference } from "./rank.ts";
import { parseSitemap, sitemapsFromRobots } from "./sitemaps.ts";

export interface MovedSearchInput {
  resource: Resource;
  /** The URL that no longer serves the resource. */
  deadUrl: string;
  /** The page the dead URL ended on, when it redirected to one. */
  landingPage: { url: string; page: PageInfo } | undefined;
  fetcher: DiscoveryFetcher;
  archive: ArchiveClient | undefined;
  budget: RequestBudget;
  /** Extra leads known before the search (the host's rewrite pattern). */
  leads?: Lead[];
}

export interface MovedSearchResult {
  found: Judgement | undefined;
  candidates: Candidate[];
  archivedUrl: string | null;
}

const MAX_SITEMAPS = 6;
const MAX_SITEMAP_URLS = 50_000;
const MAX_PARENT_FOLDERS = 3;
const MIN_PRESCORE = 2;
/** Requests held back for the archive: the last good copy, its digest elsewhere, and (for a PDF whose text the data does not know) the copy itself. */
const ARCHIVE_REQUESTS = 2;

export async function findMovedDocument(input: MovedSearchInput): Promise<MovedSearchResult> {
  const { resource, deadUrl, fetcher, budget } = input;
  const leads = new Map<string, Lead>();
  const judged = new Map<string, Judgement | undefined>();

  const addLead = (url: string, source: string, anchorText?: string, extra: Partial<Lead> = {}) => {
    if (url === deadUrl || !/^https?:/.test(url)) return;
    const lead = leads.get(url) ?? { url, anchorTexts: [], sources: [] };
    if (anchorText) lead.anchorTexts.push(anchorText);
    if (!lead.sources.includes(source)) lead.sources.push(source);
    Object.assign(lead, extra);
    leads.set(url, lead);
  };
  const addLinks = (page: PageInfo | undefined, source: string) => {
    for (const link of page?.links ?? []) addLead(link.url, source, link.text);
  };

  const kind = resource.format === "pdf" || resource.format === "ppt" || resource.format === "doc" ? "document" : "page";
  let reference: TextReference | undefined = resource.textFingerprint ? { textFingerprint: resource.textFingerprint, from: "data" } : undefined;
  const judgements = () => [...judged.values()].filter((j): j is Judgement => j !== undefined);
  /** Confirms the promising leads not yet judged, best first; true once there is one to act on. */
  const confirm = async (): Promise<boolean> => {
    const pending = [...leads.values()]
      .filter((l) => !judged.has(l.url))
      .map((l) => ({ lead: l, score: preScore(resource, deadUrl, l) }))
      .filter((x) => x.score >= MIN_PRESCORE)
      .sort((a, b) => b.score - a.score);
    for (const { lead } of pending) {
      if (budget.remaining < 1) break;
      const fetched = await fetcher.fetch(lead.url, kind, budget);
      const judgement = fetched === undefined ? undefined : judge(resource, deadUrl, lead, fetched, reference);
      judged.set(lead.url, judgement);
      // Identical bytes settle it; weaker matches are all confirmed, since two may disagree.
      if (judgement !== undefined && judgement.score >= 90) return true;
    }
    return choose(judgements()) !== undefined;
  };
  const done = async () => (await confirm()) || budget.remaining < 1;

  const dead = new URL(deadUrl);
  // The archive's two lookups are kept for last, so a site with many leads cannot use them up.
  const needsArchivedText = resource.format === "pdf" && reference === undefined;
  if (input.archive) budget.hold(ARCHIVE_REQUESTS + (needsArchivedText ? 1 : 0));
  for (const lead of input.leads ?? []) addLead(lead.url, lead.sources[0] ?? "rewrite", undefined, lead);
  if (input.landingPage) addLinks(input.landingPage.page, "the page the old URL redirects to");
  if (await done()) return finish();

  const pages = [resource.sourcePage, `${dead.origin}/`].filter((u): u is string => u !== undefined);
  for (const [i, url] of pages.entries()) {
    const fetched = await fetcher.fetch(url, "page", budget);
    addLinks(fetched?.page, i === 0 && resource.sourcePage ? "the resource's source page" : "the site's home page");
    if (await done()) return finish();
  }

  // Sitemaps: robots.txt's Sitemap lines, then /sitemap.xml; indexes are followed, all bounded.
  const robots = await fetcher.fetch(`${dead.origin}/robots.txt`, "sitemap", budget);
  const queue = [
    ...(robots && robots.status === 200 && !robots.html ? sitemapsFromRobots(Buffer.from(robots.prefix).toString("utf8"), dead.origin) : []),
    `${dead.origin}/sitemap.xml`,
  ];
  const seenSitemaps = new Set<string>();
  while (queue.length > 0 && seenSitemaps.size < MAX_SITEMAPS && budget.remaining > 0) {
    const url = queue.shift()!;
    if (seenSitemaps.has(url)) continue;
    seenSitemaps.add(url);
    const fetched = await fetcher.fetch(url, "sitemap", budget);
    if (fetched === undefined || fetched.status !== 200 || fetched.html) continue;
    const content = parseSitemap(fetched.prefix, 5 * 1024 * 1024, MAX_SITEMAP_URLS);
    const name = new URL(url).pathname.split("/").at(-1) || "sitemap";
    for (const u of content.urls) addLead(u, name);
    queue.push(...content.sitemaps);
  }
  if (await done()) return finish();

  // Parent folders often list what they hold (an index page or a server listing).
  const segments = dead.pathname.split("/").filter((s) => s !== "");
  for (let depth = segments.length - 1; depth >= 1 && segments.length - depth <= MAX_PARENT_FOLDERS; depth--) {
    const folder = `${dead.origin}/${segments.slice(0, depth).join("/")}/`;
    const fetched = await fetcher.fetch(folder, "page", budget);
    addLinks(fetched?.page, `the parent folder ${new URL(folder).pathname}`);
    if (await done()) return finish();
  }
  return finish();

  async function finish(): Promise<MovedSearchResult> {
    budget.release();
    let archivedUrl: string | null = null;
    let found = choose(judgements());
    if (found === undefined && input.archive && budget.remaining > 0) {
      const copy = await input.archive.lastGoodCopy(deadUrl, budget);
      archivedUrl = copy?.archivedUrl ?? null;
      // Without a fingerprint in the data, the text of the last archived copy can tell a re-saved
      // document among the candidates already fetched (read again from the run's cache).
      if (copy && needsArchivedText && budget.remaining > 0) {
        const archived = await fetcher.fetch(input.archive.rawCopyUrl(copy), "document", budget);
        const text = archived?.pdfFacts?.textFingerprint;
        if (text !== undefined) {
          reference = { textFingerprint: text, from: "archive" };
          for (const url of [...judged.keys()]) {
            const lead = leads.get(url);
            const fetched = lead && (await fetcher.fetch(url, kind, budget));
            if (lead && fetched) judged.set(url, judge(resource, deadUrl, lead, fetched, reference));
          }
          found = choose(judgements());
        }
      }
      if (found === undefined && copy?.digest && budget.remaining > 0) {
        for (const url of await input.archive.sameDigest(deadUrl, copy.digest, budget)) {
          addLead(url, "the web archive (same content digest)", undefined, { archiveDigest: copy.digest });
        }
        await confirm();
        found = choose(judgements());
      }
    }
    const candidates = judgements()
      .filter((j) => j !== found)
      .sort((a, b) => b.score - a.score)
      .slice(0, 5)
      .map((j) => ({ url: j.url, evidence: `${j.evidence} (via ${j.sources.join(", ")})`, score: j.score }));
    return { found, candidates, archivedUrl: found ? null : archivedUrl };
  }
}
