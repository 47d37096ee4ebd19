// Where on a site a document may be listed, in the order worth a request: the resource's source
// page, the home page, the pages two links from home that list documents ("Resources",
// "Publications"), robots.txt and sitemaps, and the parent folders of the old address. Each
// source's links become leads of the search, which confirms them as they come and stops early.
import type { RequestBudget } from "./budget.ts";
import type { DiscoveryFetcher } from "./discovery-fetcher.ts";
import { hubLinks } from "./hub-pages.ts";
import type { Search } from "./search.ts";
import { parseSitemap, sitemapsFromRobots } from "./sitemaps.ts";

const MAX_SITEMAPS = 6;
const MAX_SITEMAP_URLS = 50_000;
const MAX_PARENT_FOLDERS = 3;
const MAX_HUB_PAGES = 2;

export interface SiteScope {
  origin: string;
  /** A publisher page that links the resource (its documents are opened whatever their text). */
  sourcePage: string | undefined;
  /** The address the search starts from: the dead URL, or the stand-in page (its parent folders are listings). */
  near: string;
}

/** Walks the site's sources; returns once a strong candidate is confirmed or the budget is spent. */
export async function searchSite(search: Search, fetcher: DiscoveryFetcher, budget: RequestBudget, scope: SiteScope): Promise<void> {
  const done = async () => (await search.confirm()) || budget.remaining < 1;
  if (await done()) return;

  if (scope.sourcePage !== undefined && scope.sourcePage !== scope.near) {
    search.addLinks((await fetcher.fetch(scope.sourcePage, "page", budget))?.page, scope.sourcePage, "the resource's source page", true);
    if (await done()) return;
  }
  const homeUrl = `${scope.origin}/`;
  const home = homeUrl === scope.near ? undefined : await fetcher.fetch(homeUrl, "page", budget);
  search.addLinks(home?.page, homeUrl, "the site's home page");
  if (await done()) return;

  // Two links from home: a "Resources" or "Publications" page usually lists the documents.
  for (const hub of hubLinks(home?.page, scope.origin).slice(0, MAX_HUB_PAGES)) {
    if (hub.url === scope.near) continue;
    search.addLinks((await fetcher.fetch(hub.url, "page", budget))?.page, hub.url, `the site's "${hub.text}" page`);
    if (await done()) return;
  }

  // Sitemaps: robots.txt's Sitemap lines, then /sitemap.xml; indexes are followed, all bounded.
  const robots = await fetcher.fetch(`${scope.origin}/robots.txt`, "sitemap", budget);
  const queue = [
    ...(robots && robots.status === 200 && !robots.html ? sitemapsFromRobots(Buffer.from(robots.prefix).toString("utf8"), scope.origin) : []),
    `${scope.origin}/sitemap.xml`,
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
    for (const u of content.urls) search.addLead(u, name);
    queue.push(...content.sitemaps);
  }
  if (await done()) return;

  // Parent folders often list what they hold (an index page or a server listing).
  const near = new URL(scope.near);
  const segments = near.pathname.split("/").filter((s) => s !== "");
  for (let depth = segments.length - 1; depth >= 1 && segments.length - depth <= MAX_PARENT_FOLDERS; depth--) {
    const folder = `${near.origin}/${segments.slice(0, depth).join("/")}/`;
    if (folder === scope.near) continue;
    search.addLinks((await fetcher.fetch(folder, "page", budget))?.page, folder, `the parent folder ${new URL(folder).pathname}`);
    if (await done()) return;
  }
}
