// Which results of a check report prove a change to the data: the one rule that `npm run fix`
// applies and that the issue sync uses to say an issue is fixed by the pull request. Pure.
// Two kinds: a new address (a `moved` or `redirected` resource) and a document found behind a
// stand-in page (`documentUrl`). A new address that is already another resource's URL is never
// applied: two entries with one URL are for a person to decide, so it is left alone, saying why.
import type { CheckResult, Directory, Report, Resource } from "@td/schema";

export type ProvenFix =
  | {
      kind: "new-address";
      /** The resource's position in `directory.resources` (and so in the data file). */
      index: number;
      resource: Resource;
      result: CheckResult & { status: "moved" | "redirected"; suggestedUrl: string };
    }
  | {
      kind: "document";
      index: number;
      resource: Resource & { standInFor: NonNullable<Resource["standInFor"]> };
      result: CheckResult & { documentUrl: string };
    };

export type SkipReason = "stale" | "not-in-data" | "weak-candidates" | "no-suggestion" | "address-of-another-resource";

export interface SkippedResult {
  id: string;
  status: CheckResult["status"];
  why: SkipReason;
  /** For "address-of-another-resource": whose URL it is. */
  other?: string;
}

export interface FixPlan {
  fixes: ProvenFix[];
  /** Results that look like they might change the data but must not; ok, error and plain broken ones are left out. */
  skipped: SkippedResult[];
}

/**
 * A result proves a new address when its URL is still the resource's URL (not stale) and its
 * status is `moved` or `redirected` with a suggested URL that differs from it; it proves a
 * document when the resource is a stand-in and the result has a `documentUrl`. Weak candidates
 * never prove anything.
 */
export function planFixes(directory: Directory, report: Report): FixPlan {
  const indexOf = new Map(directory.resources.map((r, i) => [r.id, i] as const));
  const owners = new Map<string, string>();
  for (const r of directory.resources) if (!owners.has(r.url)) owners.set(r.url, r.id);
  const plan: FixPlan = { fixes: [], skipped: [] };
  if (report.inconclusive) return plan;
  for (const result of report.results) {
    const document = result.documentUrl !== undefined;
    const interesting = document || result.status === "moved" || result.status === "redirected" || (result.status === "broken" && (result.candidates?.length ?? 0) > 0);
    if (!interesting) continue;
    const index = indexOf.get(result.id);
    const resource = index === undefined ? undefined : directory.resources[index];
    const skip = (why: SkipReason, other?: string) => plan.skipped.push({ id: result.id, status: result.status, why, ...(other !== undefined ? { other } : {}) });
    if (index === undefined || resource === undefined) {
      skip("not-in-data");
      continue;
    }
    if (resource.url !== result.url) {
      skip("stale");
      continue;
    }
    // A document found behind a stand-in page goes first: it also settles where a moved page went.
    if (document && resource.standInFor !== undefined) {
      const other = owners.get(result.documentUrl!);
      if (other !== undefined && other !== resource.id) skip("address-of-another-resource", other);
      else plan.fixes.push({ kind: "document", index, resource: { ...resource, standInFor: resource.standInFor }, result: { ...result, documentUrl: result.documentUrl! } });
      continue;
    }
    if (result.status !== "moved" && result.status !== "redirected") skip("weak-candidates");
    else if (result.suggestedUrl === null || result.suggestedUrl === result.url) skip("no-suggestion");
    else {
      const other = owners.get(result.suggestedUrl);
      if (other !== undefined && other !== resource.id) skip("address-of-another-resource", other);
      else plan.fixes.push({ kind: "new-address", index, resource, result: { ...result, status: result.status, suggestedUrl: result.suggestedUrl } });
    }
  }
  return plan;
}

/** The address a fix gives the resource. */
export function newUrlOf(fix: ProvenFix): string {
  return fix.kind === "document" ? fix.result.documentUrl : fix.result.suggestedUrl;
}
