// The check report written by the crawler and read by the exporter and the reporter.
import { z } from "zod";
import { HttpUrl, TextFingerprint } from "./directory.ts";

export const STATUSES = ["ok", "redirected", "moved", "broken", "error"] as const;
export const LinkStatus = z.enum(STATUSES);
export type LinkStatus = z.infer<typeof LinkStatus>;

export const RedirectHop = z.strictObject({
  url: z.string(),
  httpStatus: z.int(),
  /** "meta" for an HTML meta refresh. */
  kind: z.enum(["permanent", "temporary", "meta"]),
});
export type RedirectHop = z.infer<typeof RedirectHop>;

export const Candidate = z.strictObject({
  url: HttpUrl,
  evidence: z.string(),
  score: z.number(),
});
export type Candidate = z.infer<typeof Candidate>;

/**
 * A document the check found, with what a reviewer needs to verify it in one look: its own title
 * beside the resource's, what the page that links it calls it, its size, and the evidence in words.
 */
export const FoundDocument = z.strictObject({
  url: HttpUrl,
  /** The document's own title (a PDF's metadata title, a web page's title), when it has one. */
  title: z.string().optional(),
  /** What the page that links it calls it. */
  label: z.string().optional(),
  /** The page that links it, when it was found through one. */
  linkedFrom: z.string().optional(),
  sizeBytes: z.int().nonnegative().optional(),
  evidence: z.string(),
  /** The id of another resource whose URL this already is: a person decides then, never `npm run fix`. */
  addressOf: z.string().optional(),
});
export type FoundDocument = z.infer<typeof FoundDocument>;

export const CheckResult = z.strictObject({
  id: z.string().min(1),
  url: z.string(),
  status: LinkStatus,
  httpStatus: z.int().nullable(),
  finalUrl: z.string().nullable(),
  suggestedUrl: HttpUrl.nullable(),
  archivedUrl: HttpUrl.nullable(),
  reason: z.string(),
  checkedAt: z.iso.datetime(),
  redirects: z.array(RedirectHop).optional(),
  contentType: z.string().nullable().optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  sizeBytes: z.int().nonnegative().optional(),
  textFingerprint: TextFingerprint.optional(),
  candidates: z.array(Candidate).optional(),
  /** For a `moved` result found by the search: the found document, in detail. */
  found: FoundDocument.optional(),
  /** For a stand-in (`standInFor` in the data): the document behind the page, found with strong evidence. */
  documentUrl: HttpUrl.optional(),
  /** How `documentUrl` was proven, in words a reviewer can verify. */
  documentEvidence: z.string().optional(),
  /** `documentUrl` in detail. */
  document: FoundDocument.optional(),
  /** For a stand-in: weaker finds for the document behind the page (never `documentUrl`). */
  documentCandidates: z.array(Candidate).optional(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const Summary = z.strictObject({
  ok: z.int().nonnegative(),
  redirected: z.int().nonnegative(),
  moved: z.int().nonnegative(),
  broken: z.int().nonnegative(),
  error: z.int().nonnegative(),
});
export type Summary = z.infer<typeof Summary>;

/** How the run used the web archive, so a report says why some broken links have no archived copy. */
export const ArchiveUse = z.strictObject({
  /** "off" when the run did not use it; otherwise how it ended. */
  state: z.enum(["off", "open", "offline", "rate-limited", "blocked"]),
  /** Requests sent to the archive. */
  lookups: z.int().nonnegative(),
  /** Archived copies reused from the previous report instead of asked again. */
  reused: z.int().nonnegative(),
  /** Missing resources whose archive lookup was not made (archive closed, or the run's wait for it over). */
  notLookedUp: z.int().nonnegative(),
  /** After a 429: when the archive may be asked again (its Retry-After), kept for the next run. */
  until: z.iso.datetime().optional(),
  /** What happened, in words. */
  note: z.string().optional(),
});
export type ArchiveUse = z.infer<typeof ArchiveUse>;

export const Report = z
  .strictObject({
    schemaVersion: z.literal(1),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime(),
    inconclusive: z.boolean(),
    summary: Summary,
    results: z.array(CheckResult),
    archive: ArchiveUse.optional(),
  })
  .superRefine((report, ctx) => {
    const counted = summarize(report.results);
    for (const status of STATUSES) {
      if (counted[status] !== report.summary[status]) {
        ctx.addIssue({
          code: "custom",
          path: ["summary", status],
          message: `is ${report.summary[status]} but the results hold ${counted[status]}`,
        });
      }
    }
  });
export type Report = z.infer<typeof Report>;

/** Counts results by status; the summary of a report is always this of its results. */
export function summarize(results: readonly { status: LinkStatus }[]): Summary {
  const summary: Summary = { ok: 0, redirected: 0, moved: 0, broken: 0, error: 0 };
  for (const r of results) summary[r.status] += 1;
  return summary;
}
