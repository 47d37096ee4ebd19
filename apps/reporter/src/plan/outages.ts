// A host-wide problem: when a host is down or blocks the checker, most of its resources fail the
// same way at once, and one issue naming the host and listing them is what a maintainer can act
// on, not one issue per resource. Pure.
import type { CheckResult } from "@td/schema";

/** At least this many resources of one host, and more than half of the host's, failing alike. */
export const OUTAGE_MIN_RESOURCES = 5;

export interface Outage {
  host: string;
  status: "broken" | "error";
  /** What the failures share, in words (the common start of their reasons). */
  reason: string;
  /** The resources it covers, in report order. */
  ids: string[];
  /** Resources of the host checked in this run. */
  total: number;
}

/** The same way: the same status, HTTP status and kind of reason ("timed out", "HTTP 503: server error"…). */
function wayOf(r: CheckResult): string {
  const reason = r.reason
    .split(";")[0]!
    .replace(/ after \d+ attempts?/, "")
    .replace(/ \(also on a second try.*\)$/, "")
    .replace(/^(host name does not exist): .*$/, "$1");
  return `${r.status}|${r.httpStatus ?? "-"}|${reason}`;
}

/** The hosts of this run with a host-wide problem. `current` maps ids to their URL in the data now (stale results count for nothing). */
export function findOutages(results: readonly CheckResult[], current: ReadonlyMap<string, string>): Map<string, Outage> {
  const byHost = new Map<string, CheckResult[]>();
  for (const r of results) {
    if (current.get(r.id) !== r.url) continue;
    let host: string;
    try {
      host = new URL(r.url).hostname;
    } catch {
      continue;
    }
    byHost.set(host, [...(byHost.get(host) ?? []), r]);
  }
  const out = new Map<string, Outage>();
  for (const [host, list] of byHost) {
    const ways = new Map<string, CheckResult[]>();
    for (const r of list) if (r.status === "broken" || r.status === "error") ways.set(wayOf(r), [...(ways.get(wayOf(r)) ?? []), r]);
    const largest = [...ways.values()].sort((a, b) => b.length - a.length)[0];
    if (largest === undefined || largest.length < OUTAGE_MIN_RESOURCES || largest.length * 2 <= list.length) continue;
    const first = largest[0]!;
    out.set(host, { host, status: first.status as "broken" | "error", reason: wayOf(first).split("|")[2]!, ids: largest.map((r) => r.id), total: list.length });
  }
  return out;
}
