// Reading robots.txt and sitemaps (urlset and sitemapindex, plain or gzip), within bounds.
import { gunzipSync } from "node:zlib";
import * as cheerio from "cheerio/slim";

export function sitemapsFromRobots(robotsTxt: string, base: string): string[] {
  const urls: string[] = [];
  for (const line of robotsTxt.split(/\r?\n/)) {
    const match = /^\s*sitemap\s*:\s*(\S+)/i.exec(line);
    if (!match) continue;
    try {
      urls.push(new URL(match[1]!, base).href);
    } catch {
      // A malformed line is skipped; robots.txt files are often hand-written.
    }
  }
  return urls;
}

export interface SitemapContent {
  /** Page or document URLs (<urlset>). */
  urls: string[];
  /** Nested sitemaps (<sitemapindex>). */
  sitemaps: string[];
}

/** Parses a sitemap; gzip is recognised by its magic bytes. Malformed or oversized input gives what could be read. */
export function parseSitemap(bytes: Uint8Array, maxBytes: number, maxUrls: number): SitemapContent {
  let data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (data[0] === 0x1f && data[1] === 0x8b) {
    try {
      data = gunzipSync(data, { maxOutputLength: maxBytes });
    } catch {
      return { urls: [], sitemaps: [] };
    }
  }
  const $ = cheerio.load(data.toString("utf8"), { xml: true });
  const locs = (selector: string) =>
    $(selector)
      .map((_, el) => $(el).text().trim())
      .get()
      .filter((u) => /^https?:\/\//i.test(u))
      .slice(0, maxUrls);
  return { urls: locs("urlset > url > loc"), sitemaps: locs("sitemapindex > sitemap > loc") };
}
