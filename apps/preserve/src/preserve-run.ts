// The run: for each target in turn (one at a time: saves must be), what the archive has, a new
// capture when there is no recent good one, and what to record. `onRecord` is called as soon as
// a copy is to be recorded, so a run stopped halfway keeps what it confirmed.
import type { ArchivedCopy, PreserveEntry } from "@td/schema";
import type { ArchiveSession } from "./archive-session.ts";
import { firstGood, listCaptures, timestampOf, type Rejected } from "./captures.ts";
import { isRecent, newer, toRecord, type Target } from "./plan.ts";
import { saveCopy, type SaveTiming } from "./save-copy.ts";

export interface RunSettings {
  maxAgeMs: number;
  maxAgeDays: number;
  dryRun: boolean;
  timing: SaveTiming;
}

export interface RunHooks {
  onRecord: (target: Target, copy: ArchivedCopy) => Promise<void>;
  onEntry: (entry: PreserveEntry, done: number) => void;
}

export async function preserveTargets(targets: readonly Target[], session: ArchiveSession, settings: RunSettings, hooks: RunHooks): Promise<{ entries: PreserveEntry[]; timeLimitReached: boolean }> {
  const entries: PreserveEntry[] = [];
  let timeLimitReached = false;
  for (const target of targets) {
    const entry = await preserveOne(target, session, settings);
    if (entry.outcome === "not-reached" && session.state === "open") timeLimitReached = true;
    if (entry.recorded !== null) await hooks.onRecord(target, entry.recorded);
    entries.push(entry);
    hooks.onEntry(entry, entries.length);
  }
  // Entries in data order, whatever order they were looked after in.
  const position = new Map(targets.map((t) => [t.resource.id, t.index] as const));
  entries.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
  return { entries, timeLimitReached };
}

async function preserveOne(target: Target, session: ArchiveSession, settings: RunSettings): Promise<PreserveEntry> {
  const { resource, result } = target;
  const existing = resource.archivedCopy;
  const base = { id: resource.id, url: resource.url, status: result?.status ?? null, rejected: [], save: null, recorded: null };
  const now = session.settings.clock.now();
  if (target.skip === "stale-result") {
    return { ...base, outcome: "stale-result", found: existing ?? null, why: "the report has no result for its current URL: check it again first" };
  }
  if (target.skip === "not-working") {
    return { ...base, outcome: "not-working", found: existing ?? null, why: `${result!.status} at the check: only working resources are saved` };
  }
  if (isRecent(existing, target.urls, now, settings.maxAgeMs)) {
    return { ...base, outcome: "recent-copy", found: existing!, why: `the recorded copy of ${day(existing!.capturedAt)} is newer than ${settings.maxAgeDays} days; nothing asked` };
  }
  const notReached = (why: string): PreserveEntry => ({ ...base, outcome: "not-reached", found: existing ?? null, why });
  if (!session.canLookUp) return notReached(stoppedWhy(session));
  if (session.timeLeft() <= 0) return notReached("the run's time limit was reached first; the next run goes on with it");

  // Only captures newer than --max-age are judged first: an older one is read only when no new
  // capture can be made or confirmed, as the best copy there is (a request saved per resource).
  const listed = await listCaptures(session, target.urls);
  const cutoff = timestampOf(now - settings.maxAgeMs);
  const recent = listed.captures.filter((c) => c.timestamp >= cutoff);
  const older = listed.captures.filter((c) => c.timestamp < cutoff);
  const lookup = await firstGood(session, recent, target.format);
  if (!lookup.complete || (!listed.complete && lookup.found === undefined)) {
    return { ...notReached(session.canLookUp ? "the archive's list of captures could not be read" : stoppedWhy(session)), rejected: lookup.rejected };
  }
  if (lookup.found !== undefined) {
    return { ...base, outcome: "recent-copy", found: lookup.found, rejected: lookup.rejected, recorded: toRecord(existing, lookup.found, target.urls), why: `the archive has a good copy of ${day(lookup.found.capturedAt)}, newer than ${settings.maxAgeDays} days; nothing asked` };
  }
  /** The best older copy, read only when no new one comes: recorded when it is newer than the data's. */
  const fallback = async (rejected: Rejected[], outcome: PreserveEntry["outcome"], why: (had: string) => string, save: PreserveEntry["save"] = null): Promise<PreserveEntry> => {
    const old = older.length > 0 && session.canLookUp ? await firstGood(session, older, target.format, Math.max(1, 3 - rejected.length)) : undefined;
    const best = newer(existing, old?.found);
    const had = best === undefined ? "the archive has no good copy" : `the newest good copy is of ${day(best.capturedAt)}, older than ${settings.maxAgeDays} days`;
    return { ...base, outcome, found: best ?? null, rejected: [...rejected, ...(old?.rejected ?? [])], save, recorded: toRecord(existing, old?.found, target.urls), why: why(had) };
  };
  const timeUp = "the run's time limit was reached first; the next run goes on with it";
  if (settings.dryRun) return fallback(lookup.rejected, "would-save", (had) => `${had}: a new capture would be asked for`);
  if (session.settings.keys === undefined) return fallback(lookup.rejected, "needs-keys", (had) => `${had}: a new capture needs Save Page Now keys`);
  if (!session.canSave) return fallback(lookup.rejected, session.state === "unauthorized" ? "not-saved" : "not-reached", (had) => `${had}; ${stoppedWhy(session)}`);
  const timeNeeded = session.nextSaveAt() + settings.timing.pollIntervalMs * 2 + session.settings.requestTimeoutMs * 3;
  if (timeNeeded > session.settings.deadline) return fallback(lookup.rejected, "not-reached", (had) => `${had}; ${timeUp}`);

  const saved = await saveCopy(session, target.saveUrl, target.format, settings.timing);
  const rejected = [...lookup.rejected, ...(saved.lookup?.rejected ?? [])];
  if (saved.notSent) {
    return fallback(rejected, session.state === "unauthorized" ? "not-saved" : "not-reached", (had) => `${had}; ${session.canSave ? timeUp : stoppedWhy(session)}`);
  }
  const confirmed = saved.lookup?.found;
  if (confirmed !== undefined) {
    return { ...base, outcome: "saved", found: confirmed, rejected, save: saved.attempt, recorded: toRecord(existing, confirmed, target.urls), why: `new capture of ${day(confirmed.capturedAt)} confirmed in the archive` };
  }
  return fallback(rejected, "not-saved", (had) => `${had}; ${saved.problem ?? "the capture was not confirmed"}`, saved.attempt);
}

function stoppedWhy(session: ArchiveSession): string {
  switch (session.state) {
    case "rate-limited":
      return `the archive asked us to slow down (HTTP 429)${session.until !== undefined ? ` until ${new Date(session.until).toISOString()}` : ""}; nothing more was asked this run`;
    case "offline":
      return "the archive did not answer three requests in a row; nothing more was asked this run";
    case "unauthorized":
      return "the archive did not accept the Save Page Now keys; no capture was asked for";
    case "blocked":
      return "the archive refused lookups (HTTP 403); nothing more was asked this run";
    default:
      return "the run's time limit was reached first; the next run goes on with it";
  }
}

const day = (iso: string) => iso.slice(0, 10);
