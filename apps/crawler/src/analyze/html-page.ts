// What the checker needs to know of an HTML page, read with cheerio: title, headings, visible
// text, a meta refresh, and the links (for finding moved documents and the documents behind
// stand-in pages), each with what a person sees for it.
import * as cheerio from "cheerio/slim";
import type { Element } from "domhandler";
import { isGenericLabel } from "../discover/titles.ts";

export interface PageLink {
  url: string;
  /** The link's own text. */
  text: string;
  /**
   * What a person sees for it: its text, else (when the text is empty or says only "Download",
   * "PDF", "Read more") its aria-label, title or image's alt text, else the heading of the card,
   * list item or table row it sits in.
   */
  label: string;
  /** A size printed beside it ("PDF 57KB", "(1.2 MB)"), in bytes, as published (rounded). */
  sizeBytes?: number;
  /** The language it declares (hreflang, or the lang of an element around it below the page's own). */
  lang?: string;
  /** An embedded player or document (iframe, video, object) rather than a link to follow. */
  embedded?: boolean;
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
  // A publication page names its document in its main heading (a Drupal node, a landing page).
  const mainHeading = collapse($("h1").first().text());
  $("a[href]").each((_, el) => {
    const url = resolveUrl($(el).attr("href") ?? "", base);
    if (url !== undefined && /^https?:/.test(url)) links.push(describeLink($, el, url, false, mainHeading));
  });
  $("iframe[src], video[src], video source[src], object[data], embed[src]").each((_, el) => {
    const url = resolveUrl($(el).attr("src") ?? $(el).attr("data") ?? "", base);
    if (url !== undefined && /^https?:/.test(url)) links.push(describeLink($, el.tagName === "source" ? (el.parent as Element) : el, url, true, mainHeading));
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

/** Containers whose heading names what they hold: a card, a list item, a table row, a figure. */
const CARD = "li, tr, p, article, figure, dd, [class*=card], [class*=item], [class*=views-row], [class*=teaser], [class*=file], [class*=download], [class*=publication], [class*=resource]";
const HEADING = "h1, h2, h3, h4, h5, h6, [class*=title], [class*=heading], figcaption, caption, strong, b, th";

/** A label that is only a file's name ("guide_0.pdf") names no document either. */
const FILE_NAME = /^[^\s/]+\.(?:pdf|docx?|pptx?|ppsx?|rtf|odt|mp4|webm)$/i;
const says = (t: string) => t !== "" && !isGenericLabel(t) && !FILE_NAME.test(t);

function describeLink($: cheerio.CheerioAPI, el: Element, url: string, embedded: boolean, mainHeading: string): PageLink {
  const node = $(el);
  const text = collapse(node.text());
  const own = [text, node.attr("aria-label") ?? "", node.attr("title") ?? "", node.find("img[alt]").attr("alt") ?? ""].map(collapse);
  let label = own.find(says) ?? "";
  const card = node.parents(CARD).first();
  if (label === "" && card.length > 0) {
    // The card's heading, or in a table row the first cell that is not the link's own.
    const heading = card.find(HEADING).filter((_, h) => !$(h).is(el) && $(h).find(el).length === 0 && !isGenericLabel(collapse($(h).text()))).first();
    const cell = card.is("tr") ? card.children("td, th").filter((_, c) => $(c).find(el).length === 0).first() : undefined;
    label = collapse((heading.length > 0 ? heading : cell)?.text() ?? "");
  }
  // A document link or a player that names nothing, on a page whose main heading names it.
  if (!says(label) && mainHeading !== "" && (embedded || FILE_NAME.test(text) || isGenericLabel(text) || /\.(?:pdf|docx?|pptx?)$/i.test(new URL(url).pathname))) label = mainHeading;
  if (label === "") label = own.find((t) => t !== "") ?? "";
  const around = [text, node.attr("title") ?? "", collapse(node.parent().text()), collapse(card.first().text()).slice(0, 400)];
  const size = around.map(parseSize).find((s) => s !== undefined);
  const langOwner = node.attr("hreflang") ?? node.closest("[lang]").not("html, body").attr("lang");
  return { url, text, label, ...(size !== undefined ? { sizeBytes: size } : {}), ...(langOwner ? { lang: langOwner } : {}), ...(embedded ? { embedded } : {}) };
}

/** "PDF 57KB", "(1.2 MB)", "57 kB": the size in bytes, or undefined. */
export function parseSize(text: string): number | undefined {
  const match = /(?<![\d.,])(\d+(?:[.,]\d+)?)\s?(KB|kB|Kb|kb|MB|Mb|mb|bytes)\b/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]!.replace(",", "."));
  const unit = match[2]!.toLowerCase();
  return Math.round(value * (unit === "bytes" ? 1 : unit === "kb" ? 1024 : 1024 * 1024));
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
