// Whether an archived copy is the resource itself: the same rules the check applies to a live
// answer (a PDF is still a PDF, a page is no "not found" page, parked domain or bot wall), applied
// to the bytes a web archive replays. Pure; `npm run preserve` uses it for every capture it records.
import type { IncomingHttpHeaders } from "node:http";
import type { Format } from "@td/schema";
import { detectBotWall } from "./bot-wall.ts";
import { decodeText, isPdf, looksLikeHtml } from "./content-kind.ts";
import { readHtmlPage } from "./html-page.ts";
import { detectSoftNotFound } from "./soft-404.ts";

export interface ReplayedCopy {
  /** The captured URL (links and titles are read against it). */
  url: string;
  /** The status the site answered when it was captured. */
  status: number;
  /** The site's own headers at capture time (an archive replays them with a prefix; see `originalHeaders`). */
  headers: IncomingHttpHeaders;
  /** The start of the captured body. */
  prefix: Uint8Array;
}

export type CopyVerdict = { good: true } | { good: false; reason: string };

/**
 * `format` is what the resource is (a stand-in page's own format, `web`, since the URL serves the
 * page): a `pdf` must be a PDF; a `doc` or `ppt` must not be an HTML page; any HTML page must not
 * be a "not found", parked or challenge page.
 */
export function judgeCopy(copy: ReplayedCopy, format: Format): CopyVerdict {
  if (copy.status !== 200) return { good: false, reason: `the capture answered HTTP ${copy.status}` };
  if (copy.prefix.length === 0) return { good: false, reason: "the capture is empty" };
  const pdf = isPdf(copy.prefix);
  const contentType = String(copy.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase() || null;
  const html = !pdf && looksLikeHtml(copy.prefix, contentType);
  if (format === "pdf" && !pdf) return { good: false, reason: html ? "the capture is an HTML page, not the PDF" : "the capture is not a PDF" };
  if ((format === "doc" || format === "ppt") && html) return { good: false, reason: `the capture is an HTML page, not the ${format === "doc" ? "document" : "presentation"}` };
  if (!html) return { good: true };
  const text = decodeText(copy.prefix, copy.headers);
  const wall = detectBotWall({ status: copy.status, headers: copy.headers, text: text.slice(0, 64 * 1024) });
  if (wall !== undefined) return { good: false, reason: `the capture is a challenge page of ${wall.vendor} bot protection (${wall.sign}), not the page` };
  const notFound = detectSoftNotFound(readHtmlPage(text, copy.url));
  if (notFound !== undefined) return { good: false, reason: `the capture is a "not found" page (${notFound})` };
  return { good: true };
}

/**
 * The site's headers as the Wayback Machine replays them in its `id_` form: each original header
 * is repeated as `x-archive-orig-NAME`, and the archive's own headers (its content type may be its
 * guess) sit beside them. The originals win where both exist.
 */
export function originalHeaders(replayed: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(replayed)) if (!name.startsWith("x-archive-")) out[name] = value;
  for (const [name, value] of Object.entries(replayed)) {
    if (name.startsWith("x-archive-orig-")) out[name.slice("x-archive-orig-".length)] = value;
  }
  return out;
}
