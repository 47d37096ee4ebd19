// Assembles the report from the per-resource results. Pure.
import { summarize, type ArchiveUse, type CheckResult, type Report } from "@td/schema";

export function buildReport(input: {
  results: CheckResult[];
  startedAt: Date;
  finishedAt: Date;
  /** Why the run proves nothing (the checker's own network failed), or undefined. */
  inconclusive: string | undefined;
  archive?: ArchiveUse | undefined;
}): Report {
  const why = input.inconclusive;
  const results = why !== undefined ? input.results.map((r) => markInconclusive(r, why)) : input.results;
  return {
    schemaVersion: 1,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    inconclusive: why !== undefined,
    summary: summarize(results),
    results,
    ...(input.archive ? { archive: input.archive } : {}),
  };
}

/** With its own network failing, the checker cannot tell a dead host from a dead network. */
function markInconclusive(result: CheckResult, why: string): CheckResult {
  const { documentUrl: _u, documentEvidence: _e, document: _d, found: _f, ...rest } = result;
  return { ...rest, status: "error", suggestedUrl: null, reason: `inconclusive run, ${why}: ${result.reason}` };
}

/** Exit code of `npm run check`: 3 inconclusive, 1 broken or moved links, else 0. */
export function exitCodeFor(report: Report): 0 | 1 | 3 {
  if (report.inconclusive) return 3;
  return report.summary.broken + report.summary.moved > 0 ? 1 : 0;
}
