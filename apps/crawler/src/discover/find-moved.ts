// Searches for where a missing resource lives now, source by source within its request budget,
// confirming promising candidates as they appear and stopping at the first strong one. The web
// archive is asked at once, beside the site search (its lookups wait for the run's archive gate,
// never for this search), and is only waited for when the site gave nothing strong.
import type { Candidate, Resource } from "@td/schema";
import type { PageInfo } from "../analyze/html-page.ts";
import type { ArchiveClient, ArchivedCopy } from "./archive.ts";
import type { RequestBudget } from "./budget.ts";
import type { DiscoveryFetcher } from "./discovery-fetcher.ts";
import { hubLinks } from "./hub-pages.ts";
import { choose, judge, preScore, type Judgement, type Lead, type TextReference } from "./rank.ts";
import { parseSitemap, sitemapsFromRobots } from "./sitemaps.ts";

export interface MovedSearchInput {
  resource: Resource;
  /** The URL that no longer serves the resource. */
  deadUrl: string;
  /** The page the dead URL ended on, when it redirected to one. */
  landingPage: { url: string; page: PageInfo } | undefined;
  fetcher: DiscoveryFetcher;
  /** Asked for the last good copy; undefined when the archive is off or already asked (second pass). */
  archive: ArchiveClient | undefined;
  /** An archived copy found by an earlier run for this URL, reused instead of asking again. */
  knownArchivedUrl?: string | undefined;
  budget: RequestBudget;
  /** Extra leads known before the search (the host's rewrite pattern). */
  leads?: Lead[];
  /** Runs the site part of the search in one of the run's search slots (bounding memory, not politeness). */
  slot?: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface MovedSearchResult {
  found: Judgement | undefined;
  candidates: Candidate[];
  archivedUrl: string | null;
  /** The archive lookup was wanted but not made (archive closed, or the run's wait for it over). */
  archiveMissed: boolean;
}

const MAX_SITEMAPS = 6;
const MAX_SITEMAP_URLS = 50_000;
const MAX_PARENT_FOLDERS = 3;
const MAX_HUB_PAGES = 2;
const MIN_PRESCORE = 2;
/** The archive's share of a resource's budget: the last good copy and its digest elsewhere (and, for a PDF whose text the data does not know, the copy itself). */
const ARCHIVE_REQUESTS = 2;

export async function findMovedDocument(input: MovedSearchInput): Promise<MovedSearchResult> {
  const { resource, deadUrl, fetcher, budget } = input;
  const slot = input.slot ?? (<T>(work: () => Promise<T>) => work());
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
      // Identical bytes (or text) settle it; weaker matches are all confirmed, since two may disagree.
      if (judgement !== undefined && judgement.score >= 90) return true;
    }
    return choose(judgements()) !== undefined;
  };
  const done = async () => (await confirm()) || budget.remaining < 1;

  // The archive, at once: its lookups queue at the run's gate while the site is searched.
  const needsArchivedText = resource.format === "pdf" && reference === undefined;
  let siteFound = false;
  const archive = input.archive;
  const archiveBudget = archive ? budget.split(ARCHIVE_REQUESTS + (needsArchivedText ? 1 : 0)) : undefined;
  const archived: Promise<{ copy: ArchivedCopy | undefined; missed: boolean }> =
    archive === undefined || archiveBudget === undefined
      ? Promise.resolve({ copy: undefined, missed: false })
      : input.knownArchivedUrl !== undefined
        ? Promise.resolve({ copy: archive.copyFromUrl(input.knownArchivedUrl), missed: false })
        : archive.lastGoodCopy(deadUrl, archiveBudget, () => !siteFound).then(({ copy, made }) => ({ copy, missed: !made && !siteFound }));

  await slot(searchSite);
  let found = choose(judgements());
  siteFound = found !== undefined;
  let archivedUrl: string | null = null;
  let archiveMissed = false;

  if (found === undefined && archive && archiveBudget) {
    const { copy, missed } = await archived;
    archiveMissed = missed;
    archivedUrl = copy?.archivedUrl ?? null;
    // Without a fingerprint in the data, the text of the last archived copy can tell a re-saved
    // document among the candidates already fetched (read again from the run's cache).
    if (copy && needsArchivedText) {
      const text = (await archive.rawCopy(copy, archiveBudget))?.pdfFacts?.textFingerprint;
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
    if (found === undefined && copy?.digest) {
      for (const url of await archive.sameDigest(deadUrl, copy.digest, archiveBudget)) {
        addLead(url, "the web archive (same content digest)", undefined, { archiveDigest: copy.digest });
      }
      await slot(confirm);
      found = choose(judgements());
    }
  }
  const candidates = judgements()
    .filter((j) => j !== found)
    .sort((a, b) => b.score - a.score)
    .slice(0, 5)
    .map((j) => ({ url: j.url, evidence: `${j.evidence} (via ${j.sources.join(", ")})`, score: j.score }));
  return { found, candidates, archivedUrl: found ? null : archivedUrl, archiveMissed: found ? false : archiveMissed };

  async function searchSite(): Promise<void> {
    const dead = new URL(deadUrl);
    for (const lead of input.leads ?? []) addLead(lead.url, lead.sources[0] ?? "rewrite", undefined, lead);
    if (input.landingPage) addLinks(input.landingPage.page, "the page the old URL redirects to");
    if (await done()) return;

    if (resource.sourcePage !== undefined) {
      addLinks((await fetcher.fetch(resource.sourcePage, "page", budget))?.page, "the resource's source page");
      if (await done()) return;
    }
    const home = await fetcher.fetch(`${dead.origin}/`, "page", budget);
    addLinks(home?.page, "the site's home page");
    if (await done()) return;

    // Two links from home: a "Resources" or "Publications" page usually lists the documents.
    for (const hub of hubLinks(home?.page, dead.origin).slice(0, MAX_HUB_PAGES)) {
      addLinks((await fetcher.fetch(hub.url, "page", budget))?.page, `the site's "${hub.text}" page`);
      if (await done()) return;
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
    if (await done()) return;

    // Parent folders often list what they hold (an index page or a server listing).
    const segments = dead.pathname.split("/").filter((s) => s !== "");
    for (let depth = segments.length - 1; depth >= 1 && segments.length - depth <= MAX_PARENT_FOLDERS; depth--) {
      const folder = `${dead.origin}/${segments.slice(0, depth).join("/")}/`;
      addLinks((await fetcher.fetch(folder, "page", budget))?.page, `the parent folder ${new URL(folder).pathname}`);
      if (await done()) return;
    }
  }
}
