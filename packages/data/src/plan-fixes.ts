// Which results of a check report prove a resource's new address: the one rule that `npm run fix`
// applies and that the issue sync uses to say an issue is fixed by the pull request. Pure.
import type { CheckResult, Directory, Report, Resource } from "@td/schema";

export interface ProvenFix {
  /** The resource's position in `directory.resources` (and so in the data file). */
  index: number;
  resource: Resource;
  result: CheckResult & { status: "moved" | "redirected"; suggestedUrl: string };
}

export type SkipReason = "stale" | "not-in-data" | "weak-candidates" | "no-suggestion";

export interface SkippedResult {
  id: string;
  status: CheckResult["status"];
  why: SkipReason;
}

export interface FixPlan {
  fixes: ProvenFix[];
  /** Results that look like they might change the data but must not; ok, error and plain broken ones are left out. */
  skipped: SkippedResult[];
}

/**
 * A result is a proven fix when its URL is still the resource's URL (not stale) and its status is
 * `moved` or `redirected` with a suggested URL that differs from it. Weak candidates of a `broken`
 * result never are.
 */
export function planFixes(directory: Directory, report: Report): FixPlan {
  const indexOf = new Map(directory.resources.map((r, i) => [r.id, i] as const));
  const plan: FixPlan = { fixes: [], skipped: [] };
  if (report.inconclusive) return plan;
  for (const result of report.results) {
    const interesting = result.status === "moved" || result.status === "redirected" || (result.status === "broken" && (result.candidates?.length ?? 0) > 0);
    if (!interesting) continue;
    const index = indexOf.get(result.id);
    const resource = index === undefined ? undefined : directory.resources[index];
    const skip = (why: SkipReason) => plan.skipped.push({ id: result.id, status: result.status, why });
    if (index === undefined || resource === undefined) skip("not-in-data");
    else if (resource.url !== result.url) skip("stale");
    else if (result.status !== "moved" && result.status !== "redirected") skip("weak-candidates");
    else if (result.suggestedUrl === null || result.suggestedUrl === result.url) skip("no-suggestion");
    else plan.fixes.push({ index, resource, result: { ...result, status: result.status, suggestedUrl: result.suggestedUrl } });
  }
  return plan;
}
