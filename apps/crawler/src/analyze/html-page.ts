// What the checker needs to know of an HTML page, read with cheerio: title, headings, visible
// text, a meta refresh, and the links (for finding moved documents).
import * as cheerio from "cheerio/slim";

export interface PageLink {
  url: string;
  text: string;
}

export interface PageInfo {
  title: string;
  headings: string[];
  /** Visible text, whitespace collapsed, at most 20,000 characters. */
  text: string;
  metaRefresh: { delaySeconds: number; url: string } | null;
  links: PageLink[];
}

const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

export function readHtmlPage(html: string, baseUrl: string): PageInfo {
  const $ = cheerio.load(html);
  const base = resolveUrl($("base[href]").attr("href") ?? "", baseUrl) ?? baseUrl;
  const refresh = $('meta[http-equiv="refresh" i]').attr("content");
  const links: PageLink[] = [];
  $("a[href]").each((_, el) => {
    const url = resolveUrl($(el).attr("href") ?? "", base);
    if (url !== undefined && /^https?:/.test(url)) links.push({ url, text: collapse($(el).text()) });
  });
  $("script, style, noscript, template").remove();
  return {
    title: collapse($("title").first().text()),
    headings: $("h1, h2")
      .map((_, el) => collapse($(el).text()))
      .get()
      .filter((t) => t !== "")
      .slice(0, 10),
    text: collapse($("body").text() || $.root().text()).slice(0, 20_000),
    metaRefresh: refresh === undefined ? null : parseMetaRefresh(refresh, base),
    links,
  };
}

/**
 * `content="0; url=/new/place"` → { delaySeconds: 0, url: absolute }; null when there is no URL.
 * Read step by step rather than with one pattern: the attribute comes from outside, and a pattern
 * of optional spaces around optional parts backtracks polynomially on a long run of spaces.
 */
export function parseMetaRefresh(content: string, baseUrl: string): PageInfo["metaRefresh"] {
  let rest = content.trim();
  const delay = /^\d+(?:\.\d+)?/.exec(rest)?.[0];
  if (delay !== undefined) rest = rest.slice(delay.length).trimStart();
  if (rest.startsWith(";") || rest.startsWith(",")) rest = rest.slice(1).trimStart();
  const key = /^url\s*=/i.exec(rest)?.[0];
  if (key !== undefined) rest = rest.slice(key.length).trimStart();
  const quote = rest[0];
  if ((quote === "'" || quote === '"') && rest.length > 1 && rest.endsWith(quote)) rest = rest.slice(1, -1);
  if (rest === "") return null;
  const url = resolveUrl(rest, baseUrl);
  return url === undefined ? null : { delaySeconds: Number(delay ?? 0), url };
}

/** An absolute URL without its fragment, or undefined when `href` cannot be one. */
export function resolveUrl(href: string, base: string): string | undefined {
  if (href.trim() === "") return undefined;
  try {
    const url = new URL(href.trim(), base);
    url.hash = "";
    return url.href;
  } catch {
    return undefined;
  }
}
