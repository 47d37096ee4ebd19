// Pages that say "not found" while answering 200, parked domains, and deep links that land on a
// site's home page. Each finding is a reason a maintainer can read.
import type { PageInfo } from "./html-page.ts";

const NOT_FOUND = [
  /\b404\b/,
  /page (?:was |is )?not found/i,
  /cannot be found|can't be found|could not be found|couldn't be found/i,
  /no longer (?:available|exists)/i,
  /(?:page|document|file|resource) (?:does not|doesn't) exist/i,
  /page you (?:requested|are looking for|were looking for)/i,
  /\bnot found\b/i,
  /página no encontrada|page introuvable|seite nicht gefunden/i,
];

const PARKED = [
  /this domain (?:name )?(?:is|may be) for sale/i,
  /buy this domain/i,
  /domain (?:is )?parked/i,
  /parked (?:free|domain)/i,
  /sedoparking|parkingcrew|bodis\.com|hugedomains/i,
];

/** Why this page looks like a "not found" or parked page, or undefined. */
export function detectSoftNotFound(page: PageInfo): string | undefined {
  for (const pattern of PARKED) {
    if (pattern.test(page.title) || pattern.test(page.text.slice(0, 3000))) return "parked domain page";
  }
  if (NOT_FOUND.some((p) => p.test(page.title))) return `soft 404: the page title is "${page.title}"`;
  const heading = page.headings.find((h) => NOT_FOUND.some((p) => p.test(h)));
  if (heading !== undefined) return `soft 404: the page heading says "${heading}"`;
  // On a short page the text alone is telling; on a long one a mention of 404 is not.
  if (page.text.length < 1500) {
    const phrase = NOT_FOUND.slice(1).find((p) => p.test(page.text));
    if (phrase !== undefined) return `soft 404: the page says "${phrase.exec(page.text)![0]}"`;
  }
  return undefined;
}

/** A deep URL whose redirects end on the site's home page: the usual fate of a removed document. */
export function landedOnHomePage(originalUrl: string, finalUrl: string): boolean {
  if (originalUrl === finalUrl) return false;
  const before = new URL(originalUrl);
  const after = new URL(finalUrl);
  const isHome = (u: URL) => /^\/(?:(?:index|default|home)(?:\.\w+)?)?$/i.test(u.pathname) && u.search === "";
  return !isHome(before) && isHome(after);
}

/** Token similarity of two texts (Jaccard over word sets), 0..1. */
export function textSimilarity(a: string, b: string): number {
  const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const x = words(a);
  const y = words(b);
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared += 1;
  return shared / (x.size + y.size - shared);
}
