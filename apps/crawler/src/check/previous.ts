// What a run takes over from the previous report: the archived copies it found for dead URLs
// (for a few weeks, instead of asking the web archive again) and the archive's request to wait
// (a 429's Retry-After), so the next run does not ask before it may. Pure.
import type { Report } from "@td/schema";

/** Archived copies older than this are asked for again. */
export const REUSE_ARCHIVED_DAYS = 56;

export function reuseFromPrevious(previous: Report, now: number): { knownArchivedUrls: Map<string, string>; archiveClosedUntil: number | undefined } {
  const fresh = now - Date.parse(previous.finishedAt) <= REUSE_ARCHIVED_DAYS * 86_400_000;
  const knownArchivedUrls = new Map<string, string>();
  if (fresh) for (const r of previous.results) if (r.archivedUrl !== null) knownArchivedUrls.set(r.url, r.archivedUrl);
  const until = previous.archive?.until === undefined ? undefined : Date.parse(previous.archive.until);
  return { knownArchivedUrls, archiveClosedUntil: until !== undefined && until > now ? until : undefined };
}
