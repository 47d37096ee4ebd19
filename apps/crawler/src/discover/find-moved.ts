// Searches for where a missing resource lives now, source by source within its request budget,
// confirming promising candidates as they appear and stopping at the first strong one (search.ts,
// rank.ts). The web archive is asked at once, beside the site search (its lookups wait for the
// run's archive gate, never for this search), and is only waited for when the site gave nothing
// strong: its last good copy's text then re-judges what was fetched and opens more documents.
import type { Candidate, Resource } from "@td/schema";
import type { PageInfo } from "../analyze/html-page.ts";
import type { ArchiveClient, ArchivedCopy } from "./archive.ts";
import type { RequestBudget } from "./budget.ts";
import type { DiscoveryFetcher } from "./discovery-fetcher.ts";
import type { Judgement, SearchTarget } from "./rank.ts";
import { Search, type LeadFacts } from "./search.ts";
import { searchSite } from "./site-sources.ts";

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
  /** The directory's language (primary subtag). */
  language: string;
  /** Extra leads known before the search (the host's rewrite pattern). */
  leads?: { url: string; source: string; facts: LeadFacts }[];
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

/** The archive's share of a resource's budget: the last good copy and its digest elsewhere (and, for a PDF whose text the data does not know, the copy itself). */
const ARCHIVE_REQUESTS = 2;

export async function findMovedDocument(input: MovedSearchInput): Promise<MovedSearchResult> {
  const { resource, deadUrl, fetcher, budget } = input;
  const slot = input.slot ?? (<T>(work: () => Promise<T>) => work());
  const target: SearchTarget = { resource, purpose: "moved", deadUrl, format: resource.format, language: input.language };
  const search = new Search(target, fetcher, budget, new Set([deadUrl]));

  // The archive, at once: its lookups queue at the run's gate while the site is searched.
  const needsArchivedText = resource.format === "pdf" && search.reference === undefined;
  let siteFound = false;
  const archive = input.archive;
  const archiveBudget = archive ? budget.split(ARCHIVE_REQUESTS + (needsArchivedText ? 1 : 0)) : undefined;
  const archived: Promise<{ copy: ArchivedCopy | undefined; missed: boolean }> =
    archive === undefined || archiveBudget === undefined
      ? Promise.resolve({ copy: undefined, missed: false })
      : input.knownArchivedUrl !== undefined
        ? Promise.resolve({ copy: archive.copyFromUrl(input.knownArchivedUrl), missed: false })
        : archive.lastGoodCopy(deadUrl, archiveBudget, () => !siteFound).then(({ copy, made }) => ({ copy, missed: !made && !siteFound }));

  await slot(async () => {
    for (const lead of input.leads ?? []) search.addLead(lead.url, lead.source, lead.facts);
    if (input.landingPage) search.addLinks(input.landingPage.page, input.landingPage.url, "the page the old URL redirects to");
    await searchSite(search, fetcher, budget, { origin: new URL(deadUrl).origin, sourcePage: resource.sourcePage, near: deadUrl });
  });
  let found = search.found();
  siteFound = found !== undefined;
  let archivedUrl: string | null = null;
  let archiveMissed = false;

  if (found === undefined && archive && archiveBudget) {
    const { copy, missed } = await archived;
    archiveMissed = missed;
    archivedUrl = copy?.archivedUrl ?? null;
    // Without a fingerprint in the data, the text of the last archived copy can tell a re-saved
    // document among the candidates already fetched (read again from the run's cache), and is
    // content evidence enough to open documents whose names do not resemble.
    if (copy && needsArchivedText) {
      const text = (await archive.rawCopy(copy, archiveBudget))?.pdfFacts?.textFingerprint;
      if (text !== undefined) {
        search.reference = { textFingerprint: text, from: "archive" };
        await search.rejudge();
        found = search.found();
        if (found === undefined) {
          await slot(() => search.confirm());
          found = search.found();
        }
      }
    }
    if (found === undefined && copy?.digest) {
      for (const url of await archive.sameDigest(deadUrl, copy.digest, archiveBudget)) {
        search.addLead(url, "the web archive (same content digest)", { archiveDigest: copy.digest });
      }
      await slot(() => search.confirm());
      found = search.found();
    }
  }
  return { found, candidates: search.candidates(found), archivedUrl: found ? null : archivedUrl, archiveMissed: found ? false : archiveMissed };
}
