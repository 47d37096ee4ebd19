// Captures as the CDX API lists them, and the newest good one among them: listed 200 answers,
// newest first, each judged by its replayed bytes with the check's own rules (judgeCopy), at most
// a few per resource so that one site full of "not found" captures cannot eat the run.
import { judgeCopy, originalHeaders } from "@td/crawler";
import { archiveTimestampToIso } from "@td/data";
import type { ArchivedCopy, Format } from "@td/schema";
import type { ArchiveSession } from "./archive-session.ts";

export interface Capture {
  /** 14 digits, UTC: YYYYMMDDhhmmss. */
  timestamp: string;
  original: string;
  mimetype: string;
}

export interface Rejected {
  url: string;
  capturedAt: string;
  why: string;
}

export interface Lookup {
  /** The newest good copy among the captures judged. */
  found: ArchivedCopy | undefined;
  rejected: Rejected[];
  /** False when a request could not be made or answered: absence of a copy is then not known. */
  complete: boolean;
}

/** Captures judged per lookup at most (each costs one request). */
const MAX_JUDGED = 3;
/** Captures listed per URL: the newest few. */
const LISTED = 8;

export function timestampOf(ms: number): string {
  return new Date(ms).toISOString().replace(/\D/g, "").slice(0, 14);
}

export function copyOf(base: string, capture: Capture): ArchivedCopy {
  return { url: `${base}/web/${capture.timestamp}/${capture.original}`, capturedAt: archiveTimestampToIso(capture.timestamp) };
}

/** The CDX API's JSON output (a header row, then one row per capture), newest first; undefined when it is not that. */
export function parseCdx(body: Buffer): Capture[] | undefined {
  const text = body.toString("utf8").trim();
  // An empty answer is how the CDX API says "no capture".
  if (text === "") return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(data)) return undefined;
  const [head, ...rows] = data as unknown[];
  if (!Array.isArray(head)) return [];
  const at = (name: string) => head.indexOf(name);
  const [ts, original, mimetype] = [at("timestamp"), at("original"), at("mimetype")];
  if (ts === -1 || original === -1) return undefined;
  const captures: Capture[] = [];
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    const t = row[ts];
    const o = row[original];
    if (typeof t !== "string" || !/^\d{14}$/.test(t) || typeof o !== "string" || !/^https?:\/\//i.test(o)) continue;
    captures.push({ timestamp: t, original: o, mimetype: typeof row[mimetype] === "string" ? row[mimetype].toLowerCase() : "" });
  }
  return captures.sort((a, b) => b.timestamp.localeCompare(a.timestamp));
}

/** A reason to pass over a capture by its listed content type alone, without reading it. */
export function listedMismatch(capture: Capture, format: Format): string | undefined {
  const html = capture.mimetype === "text/html" || capture.mimetype === "application/xhtml+xml";
  if (format === "pdf" && html) return "the capture is an HTML page, not the PDF";
  if ((format === "doc" || format === "ppt") && html) return `the capture is an HTML page, not the ${format === "doc" ? "document" : "presentation"}`;
  return undefined;
}

/** The captures the CDX API lists with HTTP 200 for any of `urls`, newest first, made at or after `from` (14 digits) when given. */
export async function listCaptures(session: ArchiveSession, urls: readonly string[], from?: string): Promise<{ captures: Capture[]; complete: boolean }> {
  const listed: Capture[] = [];
  let complete = true;
  for (const url of urls) {
    const params: Record<string, string> = { url, output: "json", fl: "timestamp,original,statuscode,mimetype", filter: "statuscode:200", limit: `-${LISTED}` };
    if (from !== undefined) params.from = from;
    const asked = await session.cdx(params);
    const captures = asked.sent && asked.answer?.status === 200 ? parseCdx(asked.answer.body) : undefined;
    if (captures === undefined) complete = false;
    else listed.push(...captures);
  }
  return { captures: listed.sort((a, b) => b.timestamp.localeCompare(a.timestamp)), complete };
}

/**
 * The first good copy among `captures` (newest first), each judged by its replayed bytes; at most
 * `budget` are read. `format` is what the URL serves.
 */
export async function firstGood(session: ArchiveSession, captures: readonly Capture[], format: Format, budget = MAX_JUDGED): Promise<Lookup> {
  const rejected: Rejected[] = [];
  let judged = 0;
  for (const capture of captures) {
    const copy = copyOf(session.settings.base, capture);
    const mismatch = listedMismatch(capture, format);
    if (mismatch !== undefined) {
      rejected.push({ url: copy.url, capturedAt: copy.capturedAt, why: mismatch });
      continue;
    }
    if (judged >= budget) break;
    judged += 1;
    const asked = await session.capture(capture.timestamp, capture.original);
    if (!asked.sent || asked.answer === undefined) return { found: undefined, rejected, complete: false };
    const { status, headers, body } = asked.answer;
    // The archive's own refusals (429, 403) are not the site's answer.
    if (status === 429 || (status === 403 && session.state === "blocked")) return { found: undefined, rejected, complete: false };
    const verdict = judgeCopy({ url: capture.original, status, headers: originalHeaders(headers), prefix: body }, format);
    if (verdict.good) return { found: copy, rejected, complete: true };
    rejected.push({ url: copy.url, capturedAt: copy.capturedAt, why: verdict.reason });
  }
  // Past the newest few, any good copy would be older than the bad ones judged: none recent is known.
  return { found: undefined, rejected, complete: true };
}

/** The newest good capture of any of `urls`, made at or after `from` when given. */
export async function newestGoodCopy(session: ArchiveSession, urls: readonly string[], format: Format, from?: string): Promise<Lookup> {
  const listed = await listCaptures(session, urls, from);
  const judged = await firstGood(session, listed.captures, format);
  return { ...judged, complete: judged.complete && (listed.complete || judged.found !== undefined) };
}
