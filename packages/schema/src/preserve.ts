// What `npm run preserve` writes to OUT/preserve.json: for every resource, what the web archive
// had, what was asked of it and what was recorded in the data, and how the archive behaved.
import { z } from "zod";
import { ArchivedCopy, HttpUrl } from "./directory.ts";
import { LinkStatus } from "./report.ts";

/** A capture the archive lists that is not a good copy, and why. */
export const RejectedCapture = z.strictObject({
  url: HttpUrl,
  capturedAt: z.iso.datetime(),
  why: z.string(),
});

export const SaveAttempt = z.strictObject({
  /** The Save Page Now job, when the archive started one. */
  jobId: z.string().nullable(),
  /** What the save API said in the end. */
  answer: z.enum(["success", "error", "pending", "refused", "no-answer"]),
  /** The archive's own code ("error:user-session-limit") or the HTTP status, when it gave one. */
  code: z.string().nullable(),
  /** Whether the CDX API then listed a good capture made since the request. */
  confirmed: z.boolean(),
});

export const PRESERVE_OUTCOMES = [
  "recent-copy",
  "saved",
  "not-saved",
  "needs-keys",
  "would-save",
  "not-reached",
  "not-working",
  "stale-result",
] as const;

export const PreserveEntry = z.strictObject({
  id: z.string().min(1),
  url: HttpUrl,
  /** The check's status for it (null: the report has no result for the current URL). */
  status: LinkStatus.nullable(),
  /**
   * recent-copy: a good capture newer than --max-age exists, nothing asked; saved: a new capture
   * was asked for and confirmed; not-saved: asked for, not confirmed (why says why); needs-keys: a
   * capture is needed and there are no keys; would-save: --dry-run; not-reached: the run's time or
   * the archive's limits ran out first; not-working: broken, error or moved at the check, never
   * saved; stale-result: the report's result is for another URL.
   */
  outcome: z.enum(PRESERVE_OUTCOMES),
  /** The newest good capture known after the run (null: none). */
  found: ArchivedCopy.nullable(),
  /** Captures the archive listed that were judged not good copies. */
  rejected: z.array(RejectedCapture),
  save: SaveAttempt.nullable(),
  /** The copy written to the data file by this run (null: the data did not change). */
  recorded: ArchivedCopy.nullable(),
  /** In words, for a maintainer. */
  why: z.string(),
});
export type PreserveEntry = z.infer<typeof PreserveEntry>;

export const ArchiveCondition = z.strictObject({
  /** open: answered throughout; rate-limited: a 429 stopped the run's requests; offline: requests in a row got no answer; unauthorized: the keys were refused; blocked: a 403 to lookups. */
  state: z.enum(["open", "rate-limited", "offline", "unauthorized", "blocked"]),
  /** After a 429: when the archive asked to be left alone until. */
  until: z.iso.datetime().nullable(),
  /** Requests sent, by API. */
  requests: z.strictObject({ cdx: z.number().int(), capture: z.number().int(), save: z.number().int(), status: z.number().int() }),
});

export const Preserve = z.strictObject({
  schemaVersion: z.literal(1),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  dataFile: z.string(),
  archiveBase: HttpUrl,
  maxAgeDays: z.number().int(),
  dryRun: z.boolean(),
  /** Whether Save Page Now keys were given (never the keys). */
  keys: z.boolean(),
  /** The run's time limit ran out before every resource was reached. */
  timeLimitReached: z.boolean(),
  archive: ArchiveCondition,
  summary: z.record(z.enum(PRESERVE_OUTCOMES), z.number().int()),
  resources: z.array(PreserveEntry),
});
export type Preserve = z.infer<typeof Preserve>;
