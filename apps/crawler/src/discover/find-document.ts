// Looks for the document behind a stand-in page (a resource whose `url` is a publisher's page
// standing in for a PDF, a presentation, a video…): first among the page's own links, with what
// the page calls each (link text, card heading, list item), then on the rest of the site (the
// resource's source page, hub pages, sitemaps, parent folders), within the resource's request
// budget and the run's politeness. The same search and decision rule as a moved document
// (search.ts, rank.ts): strong evidence only; near titles, other languages, neighbours of a
// series and other formats stay candidates at most. The stand-in's own status is not touched.
import type { Candidate, Resource } from "@td/schema";
import type { PageInfo } from "../analyze/html-page.ts";
import type { RequestBudget } from "./budget.ts";
import type { DiscoveryFetcher } from "./discovery-fetcher.ts";
import type { Judgement, SearchTarget } from "./rank.ts";
import { Search } from "./search.ts";
import { searchSite } from "./site-sources.ts";

export interface DocumentSearchInput {
  resource: Resource & { standInFor: NonNullable<Resource["standInFor"]> };
  /** The stand-in page as the check read it (its final URL and page), when it answered with one. */
  page: { url: string; page: PageInfo } | undefined;
  fetcher: DiscoveryFetcher;
  budget: RequestBudget;
  /** The directory's language (primary subtag). */
  language: string;
  slot?: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface DocumentSearchResult {
  found: Judgement | undefined;
  candidates: Candidate[];
}

export async function findDocument(input: DocumentSearchInput): Promise<DocumentSearchResult> {
  const { resource, fetcher, budget } = input;
  const slot = input.slot ?? (<T>(work: () => Promise<T>) => work());
  const target: SearchTarget = { resource, purpose: "document", deadUrl: undefined, format: resource.standInFor, language: input.language };
  const standIn = input.page?.url ?? resource.url;
  // The stand-in page itself is no candidate, at its address or at the one it redirects to.
  const search = new Search(target, fetcher, budget, new Set([resource.url, standIn]));
  await slot(async () => {
    if (input.page !== undefined) search.addLinks(input.page.page, input.page.url, "the stand-in page", true);
    await searchSite(search, fetcher, budget, { origin: new URL(standIn).origin, sourcePage: resource.sourcePage, near: standIn });
  });
  const found = search.found();
  return { found, candidates: search.candidates(found) };
}
