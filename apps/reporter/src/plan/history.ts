// The rolling history in the report issue's state: each resource's last 12 results, the counts
// per run, and each failing link's streak; and what it shows (flapping links, the trend). Pure.
import { STATUSES, type LinkStatus, type Report } from "@td/schema";
import type { ReportState } from "./marker.ts";

export const HISTORY_RUNS = 12;
/** Status changes within the history that make a link "flapping". */
export const FLAPPING_CHANGES = 3;

const LETTER: Record<LinkStatus, string> = { ok: "o", redirected: "r", moved: "m", broken: "b", error: "e" };
const STATUS_OF = new Map(Object.entries(LETTER).map(([status, letter]) => [letter, status as LinkStatus]));

export type HistoryState = Pick<ReportState, "runs" | "history" | "trend" | "failing" | "standIns">;

/**
 * Adds a run to the history. `current` maps each resource id to the URL it has in the data now;
 * a result for another URL is stale and counts as not checked, and a streak for another URL ends.
 */
export function recordRun(before: HistoryState, report: Report, current: ReadonlyMap<string, string>, standIns: ReadonlySet<string> = new Set()): HistoryState {
  const checked = new Map(report.results.filter((r) => current.get(r.id) === r.url).map((r) => [r.id, r] as const));
  const runs = [...before.runs, report.finishedAt].slice(-HISTORY_RUNS);
  const history: Record<string, string> = {};
  for (const id of new Set([...Object.keys(before.history), ...checked.keys()])) {
    if (!current.has(id)) continue;
    const result = checked.get(id);
    const past = before.history[id] ?? "o".repeat(before.runs.length);
    const letters = `${past}${result ? LETTER[result.status] : "-"}`.slice(-runs.length);
    if (/[rmbe]/.test(letters)) history[id] = letters;
  }
  const counts = Object.fromEntries(STATUSES.map((s) => [s, report.summary[s]])) as Record<LinkStatus, number>;
  const trend = [...before.trend, [counts.ok, counts.redirected, counts.moved, counts.broken, counts.error] as [number, number, number, number, number]].slice(-HISTORY_RUNS);
  // Stand-ins (in the data now) and the documents the check found behind them.
  const found = [...checked.values()].filter((r) => standIns.has(r.id) && r.documentUrl !== undefined).length;
  const standInTrend = [...before.standIns.slice(-(before.runs.length)), [standIns.size, found] as [number, number]].slice(-HISTORY_RUNS);
  const failing: HistoryState["failing"] = {};
  for (const [id, url] of current) {
    const result = checked.get(id);
    const streak = before.failing[id];
    if (result === undefined) {
      if (streak && streak.url === url) failing[id] = streak;
    } else if (result.status !== "ok") {
      failing[id] = streak && streak.url === url ? { url, since: streak.since, runs: streak.runs + 1 } : { url, since: result.checkedAt, runs: 1 };
    }
  }
  return { runs, history, trend, failing, standIns: standInTrend };
}

/** How often a resource's status changed between consecutive checks in its history. */
export function statusChanges(letters: string): number {
  const checked = letters.replace(/-/g, "");
  let changes = 0;
  for (let i = 1; i < checked.length; i++) if (checked[i] !== checked[i - 1]) changes += 1;
  return changes;
}

export interface Flapping {
  id: string;
  changes: number;
  statuses: (LinkStatus | undefined)[];
}

/** Links whose status changed FLAPPING_CHANGES times or more in the kept runs, most changes first. */
export function findFlapping(state: Pick<ReportState, "history">): Flapping[] {
  return Object.entries(state.history)
    .map(([id, letters]) => ({ id, changes: statusChanges(letters), statuses: [...letters].map((l) => STATUS_OF.get(l)) }))
    .filter((f) => f.changes >= FLAPPING_CHANGES)
    .sort((a, b) => b.changes - a.changes || (a.id < b.id ? -1 : 1));
}
