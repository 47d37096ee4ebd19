// The moved-document step of the pipeline: for every resource whose URL no longer serves it,
// search within its budget; then try the rewrite patterns that the found moves show on the
// rest. Results are updated to `moved` only on strong evidence.
import pLimit from "p-limit";
import type { CheckResult, Resource } from "@td/schema";
import type { UrlEvidence } from "../check/check-url.ts";
import type { FetchContext } from "../check/fetch-chain.ts";
import { ArchiveClient } from "./archive.ts";
import { RequestBudget } from "./budget.ts";
import { DiscoveryFetcher } from "./discovery-fetcher.ts";
import { findMovedDocument, type MovedSearchResult } from "./find-moved.ts";
import type { Judgement } from "./rank.ts";
import { applyRules, learnRules } from "./rewrite-rules.ts";

export interface GoneResource {
  resource: Resource;
  result: CheckResult;
  evidence: UrlEvidence;
}

export interface DiscoverySettings {
  budget: number;
  archiveEndpoint: string | null;
  concurrency: number;
}

export async function discoverMoved(
  gone: readonly GoneResource[],
  working: readonly CheckResult[],
  ctx: FetchContext,
  settings: DiscoverySettings,
): Promise<Map<string, CheckResult>> {
  const fetcher = new DiscoveryFetcher(ctx);
  const archive = settings.archiveEndpoint ? new ArchiveClient(settings.archiveEndpoint, fetcher) : undefined;
  const limit = pLimit(settings.concurrency);
  const budgets = new Map(gone.map((g) => [g.resource.id, new RequestBudget(settings.budget)] as const));
  const updated = new Map<string, CheckResult>();
  if (settings.budget < 1) return updated;

  const search = (g: GoneResource, leads: Parameters<typeof findMovedDocument>[0]["leads"]) => {
    const chain = g.evidence.chain;
    return findMovedDocument({
      resource: g.resource,
      deadUrl: g.resource.url,
      landingPage: chain.hops.length > 0 && chain.page ? { url: chain.finalUrl, page: chain.page } : undefined,
      fetcher,
      archive,
      budget: budgets.get(g.resource.id)!,
      ...(leads ? { leads } : {}),
    });
  };

  const first = await Promise.all(gone.map((g) => limit(async () => [g, await search(g, undefined)] as const)));
  for (const [g, outcome] of first) updated.set(g.resource.id, apply(g.result, outcome));

  // Second pass: a host's moves (found ones and permanent redirects) as rewrite rules for the rest.
  const moves = [...updated.values(), ...working]
    .filter((r) => (r.status === "moved" || r.status === "redirected") && r.suggestedUrl)
    .map((r) => ({ oldUrl: r.url, newUrl: r.suggestedUrl! }));
  const rules = learnRules(moves);
  const retry = gone.filter((g) => updated.get(g.resource.id)?.status === "broken");
  await Promise.all(
    retry.map((g) =>
      limit(async () => {
        const leads = applyRules(g.resource.url, rules).map((c) => ({
          url: c.url,
          anchorTexts: [],
          sources: [`the host's rewrite pattern (${c.support} other resource${c.support === 1 ? "" : "s"})`],
          rewriteSupport: c.support,
        }));
        if (leads.length === 0) return;
        const outcome = await search(g, leads);
        if (outcome.found) updated.set(g.resource.id, apply(g.result, outcome));
      }),
    ),
  );
  return updated;
}

function apply(result: CheckResult, outcome: MovedSearchResult): CheckResult {
  const next: CheckResult = { ...result, archivedUrl: outcome.archivedUrl };
  if (outcome.candidates.length > 0) next.candidates = outcome.candidates;
  else delete next.candidates;
  if (outcome.found) return moved(next, outcome.found);
  return next;
}

function moved(result: CheckResult, found: Judgement): CheckResult {
  return {
    ...result,
    status: "moved",
    suggestedUrl: found.url,
    archivedUrl: null,
    reason: `${result.reason}; same document found via ${found.sources.join(", ")} (${found.evidence})`,
  };
}
