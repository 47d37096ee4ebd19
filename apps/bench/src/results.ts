// Scoring a checker's run against the known truth of the latency web, and the politeness bound. Pure.
import type { BenchUrl } from "./latency-web.ts";
import type { Verdict } from "./tools.ts";

export interface Score {
  missedDead: number;
  falseAlarms: number;
  inconclusive: number;
  unchecked: number;
}

export function score(urls: readonly BenchUrl[], verdicts: ReadonlyMap<string, Verdict>): Score {
  const s: Score = { missedDead: 0, falseAlarms: 0, inconclusive: 0, unchecked: 0 };
  for (const u of urls) {
    const v = verdicts.get(u.url);
    if (v === undefined) s.unchecked += 1;
    else if (v === "inconclusive") s.inconclusive += 1;
    else if (u.dead && v === "alive") s.missedDead += 1;
    else if (!u.dead && v === "dead") s.falseAlarms += 1;
  }
  return s;
}

/** With H hosts, p requests per host and latency L, N URLs take at least about N/(H·p)·L. */
export function politenessBoundSeconds(n: number, hosts: number, perHost: number, latencyMs: number, concurrency: number): number {
  return (n / Math.min(hosts * perHost, concurrency)) * (latencyMs / 1000);
}

/** Requests the server saw for healthy URLs (200 answers: PDFs and pages), per such URL. */
export function requestsPerHealthyUrl(urls: readonly BenchUrl[], requests: ReadonlyMap<string, number>): number {
  const healthy = urls.filter((u) => u.kind === "pdf" || u.kind === "page");
  const total = healthy.reduce((sum, u) => sum + (requests.get(u.url) ?? 0), 0);
  return healthy.length === 0 ? 0 : total / healthy.length;
}
