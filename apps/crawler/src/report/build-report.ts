// Assembles the report from the per-resource results. Pure.
import { summarize, type ArchiveUse, type CheckResult, type Report } from "@td/schema";

export function buildReport(input: {
  results: CheckResult[];
  startedAt: Date;
  finishedAt: Date;
  inconclusive: boolean;
  archive?: ArchiveUse | undefined;
}): Report {
  const results = input.inconclusive ? input.results.map(markInconclusive) : input.results;
  return {
    schemaVersion: 1,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    inconclusive: input.inconclusive,
    summary: summarize(results),
    results,
    ...(input.archive ? { archive: input.archive } : {}),
  };
}

/** With no HTTP answer at all the checker cannot tell a dead host from its own dead network. */
function markInconclusive(result: CheckResult): CheckResult {
  return {
    ...result,
    status: "error",
    suggestedUrl: null,
    reason: `inconclusive run, no request got an HTTP answer (is this machine offline?): ${result.reason}`,
  };
}

/** Exit code of `npm run check`: 3 inconclusive, 1 broken or moved links, else 0. */
export function exitCodeFor(report: Report): 0 | 1 | 3 {
  if (report.inconclusive) return 3;
  return report.summary.broken + report.summary.moved > 0 ? 1 : 0;
}
