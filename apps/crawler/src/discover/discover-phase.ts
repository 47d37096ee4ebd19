// The moved-document step of the pipeline, run beside the check: each resource's search starts as
// soon as its URL is known not to serve it, so searches (and web-archive lookups) overlap with
// the other hosts' checks; every request still waits for its host's slot. When the check is done,
// the archive gets a bounded wait, and a second pass tries the rewrite patterns that the found
// moves show on the rest. Results are updated to `moved` only on strong evidence.
import pLimit, { type LimitFunction } from "p-limit";
import type { ArchiveUse, CheckResult, Resource } from "@td/schema";
import type { UrlEvidence } from "../check/check-url.ts";
import type { FetchContext } from "../check/fetch-chain.ts";
import { ArchiveClient } from "./archive.ts";
import { ArchiveGate } from "./archive-gate.ts";
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
  /** Least time between two archive lookups (the archive asks for at most 60 a minute). */
  archiveIntervalMs: number;
  /** Archive lookups in flight at once: the per-host limit. */
  archiveInFlight: number;
  /** How long the run still waits for queued archive lookups once the links are checked. */
  archiveWaitMs: number;
  /** Archived copies of dead URLs found by an earlier run (URL → archivedUrl). */
  knownArchivedUrls: ReadonlyMap<string, string>;
  /** The archive asked an earlier run to wait until then (a 429's Retry-After). */
  archiveClosedUntil?: number | undefined;
}

export interface DiscoveryHooks {
  onProgress?: (done: number, total: number) => void;
  /** Once, when the archive closes for the rest of the run. */
  onArchiveClosed?: (note: string) => void;
  now?: () => number;
}

export class DiscoverySession {
  private readonly fetcher: DiscoveryFetcher;
  private readonly archive: ArchiveClient | undefined;
  private readonly gate: ArchiveGate | undefined;
  private readonly slot: LimitFunction;
  private readonly searches = new Map<string, Promise<[GoneResource, MovedSearchResult]>>();
  private readonly budgets = new Map<string, RequestBudget>();
  private done = 0;
  private missed = 0;
  private reused = 0;
  private closedSaid = false;

  constructor(
    ctx: FetchContext,
    private readonly settings: DiscoverySettings,
    private readonly hooks: DiscoveryHooks = {},
  ) {
    this.fetcher = new DiscoveryFetcher(ctx);
    this.slot = pLimit(settings.concurrency);
    if (settings.archiveEndpoint !== null) {
      this.gate = new ArchiveGate({ intervalMs: settings.archiveIntervalMs, maxInFlight: settings.archiveInFlight, ...(hooks.now ? { now: hooks.now } : {}) });
      const now = (hooks.now ?? Date.now)();
      if (settings.archiveClosedUntil !== undefined && settings.archiveClosedUntil > now) {
        this.gate.until = settings.archiveClosedUntil;
        this.gate.close("rate-limited");
      }
      this.archive = new ArchiveClient(settings.archiveEndpoint, this.fetcher, this.gate);
    }
  }

  /** Starts the search for a resource whose URL no longer serves it. */
  add(g: GoneResource): void {
    if (this.settings.budget < 1 || this.searches.has(g.resource.id)) return;
    const budget = new RequestBudget(this.settings.budget);
    this.budgets.set(g.resource.id, budget);
    const known = this.settings.knownArchivedUrls.get(g.resource.url);
    if (known !== undefined) this.reused += 1;
    const search = findMovedDocument({
      resource: g.resource,
      deadUrl: g.resource.url,
      landingPage: landingPage(g),
      fetcher: this.fetcher,
      archive: this.archive,
      knownArchivedUrl: known,
      budget,
      slot: this.slot,
    }).then((outcome) => {
      this.done += 1;
      if (outcome.archiveMissed) this.missed += 1;
      this.sayIfClosed();
      this.hooks.onProgress?.(this.done, this.searches.size);
      return [g, outcome] as [GoneResource, MovedSearchResult];
    });
    this.searches.set(g.resource.id, search);
  }

  get pending(): number {
    return this.searches.size - this.done;
  }

  /**
   * Waits for every search (the archive's queued lookups at most `archiveWaitMs` more), then tries
   * the rewrite rules learnt from the moves found and the permanent redirects among `working`.
   */
  async finish(working: readonly CheckResult[]): Promise<Map<string, CheckResult>> {
    this.gate?.closeAt((this.hooks.now ?? Date.now)() + this.settings.archiveWaitMs);
    const updated = new Map<string, CheckResult>();
    const first = await Promise.all(this.searches.values());
    this.gate?.dispose();
    for (const [g, outcome] of first) updated.set(g.resource.id, apply(g.result, outcome));
    this.sayIfClosed();

    // Second pass: a host's moves (found ones and permanent redirects) as rewrite rules for the rest.
    const moves = [...updated.values(), ...working]
      .filter((r) => (r.status === "moved" || r.status === "redirected") && r.suggestedUrl)
      .map((r) => ({ oldUrl: r.url, newUrl: r.suggestedUrl! }));
    const rules = learnRules(moves);
    const retry = first.map(([g]) => g).filter((g) => updated.get(g.resource.id)?.status === "broken");
    await Promise.all(
      retry.map(async (g) => {
        const leads = applyRules(g.resource.url, rules).map((c) => ({
          url: c.url,
          anchorTexts: [],
          sources: [`the host's rewrite pattern (${c.support} other resource${c.support === 1 ? "" : "s"})`],
          rewriteSupport: c.support,
        }));
        if (leads.length === 0) return;
        const budget = this.budgets.get(g.resource.id)!;
        const outcome = await findMovedDocument({ resource: g.resource, deadUrl: g.resource.url, landingPage: landingPage(g), fetcher: this.fetcher, archive: undefined, budget, leads, slot: this.slot });
        if (outcome.found) updated.set(g.resource.id, apply(updated.get(g.resource.id)!, outcome));
      }),
    );
    return updated;
  }

  /** How the run used the archive, for the report. */
  archiveUse(): ArchiveUse {
    const gate = this.gate;
    if (gate === undefined) return { state: "off", lookups: 0, reused: 0, notLookedUp: 0 };
    const use: ArchiveUse = { state: gate.state, lookups: gate.sent, reused: this.reused, notLookedUp: this.missed };
    if (gate.until !== undefined) use.until = new Date(gate.until).toISOString();
    const note = describeArchive(use, this.settings.archiveWaitMs);
    if (note !== undefined) use.note = note;
    return use;
  }

  private sayIfClosed(): void {
    if (this.closedSaid || this.gate === undefined || this.gate.state === "open") return;
    this.closedSaid = true;
    this.hooks.onArchiveClosed?.(describeArchive({ state: this.gate.state, lookups: this.gate.sent, reused: this.reused, notLookedUp: 0, ...(this.gate.until !== undefined ? { until: new Date(this.gate.until).toISOString() } : {}) }, this.settings.archiveWaitMs)!);
  }
}

/** The archive's story in one sentence, when there is something to tell. */
export function describeArchive(use: ArchiveUse, waitMs: number): string | undefined {
  const missed = use.notLookedUp > 0 ? `; ${use.notLookedUp} missing resource${use.notLookedUp === 1 ? " was" : "s were"} not looked up` : "";
  switch (use.state) {
    case "off":
      return undefined;
    case "offline":
      return `the web archive gave no answer to ${use.lookups} lookup${use.lookups === 1 ? "" : "s"} in a row (offline?), so it was skipped for the rest of the run${missed}`;
    case "rate-limited":
      return `the web archive asked us to slow down (429${use.until ? `, retry after ${use.until}` : ""}), so it was not asked again in this run${missed}`;
    case "blocked":
      return `the web archive refused our lookups (403), so it was not asked again in this run${missed}`;
    case "open":
      return use.notLookedUp > 0 ? `the run waited ${Math.round(waitMs / 1000)} s for the web archive after checking the links${missed}; the next run reuses what was found` : undefined;
    default: {
      const never: never = use.state;
      return never;
    }
  }
}

function landingPage(g: GoneResource) {
  const chain = g.evidence.chain;
  return chain.hops.length > 0 && chain.page ? { url: chain.finalUrl, page: chain.page } : undefined;
}

function apply(result: CheckResult, outcome: MovedSearchResult): CheckResult {
  const next: CheckResult = { ...result, archivedUrl: outcome.archivedUrl ?? result.archivedUrl };
  if (outcome.candidates.length > 0) next.candidates = outcome.candidates;
  else if (result.candidates === undefined) delete next.candidates;
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
