// The search step of the pipeline, run beside the check: a resource's search starts as soon as its
// URL is known not to serve it (where did it go?) or, for a stand-in page, as soon as the page is
// read (where is the document behind it?), so searches (and web-archive lookups) overlap with the
// other hosts' checks; every request still waits for its host's slot. When the check is done, the
// archive gets a bounded wait, and a second pass tries the rewrite patterns that the found moves
// show on the rest. Results change only on strong evidence: `moved` with its new address, or a
// stand-in's `documentUrl`; a new address that is already another resource's URL is said so.
import type { ArchiveUse, CheckResult, FoundDocument, Resource } from "@td/schema";
import type { UrlEvidence } from "../check/check-url.ts";
import type { FetchContext } from "../check/fetch-chain.ts";
import { HostLimiter } from "../http/host-limiter.ts";
import { ArchiveClient } from "./archive.ts";
import { ArchiveGate } from "./archive-gate.ts";
import { RequestBudget } from "./budget.ts";
import { DiscoveryFetcher } from "./discovery-fetcher.ts";
import { findDocument, type DocumentSearchResult } from "./find-document.ts";
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
  /** The directory's language, primary subtag ("en"): other editions are other documents. */
  language: string;
  /** Every resource's URL → the ids of the resources that have it. */
  urlOwners: ReadonlyMap<string, readonly string[]>;
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
  private readonly slots: HostLimiter;
  private readonly searches = new Map<string, Promise<[GoneResource, MovedSearchResult]>>();
  private readonly documentSearches = new Map<string, Promise<[GoneResource, DocumentSearchResult]>>();
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
    // Searches mostly wait: for their host's turn, or for a page or document another search is
    // already fetching (stand-ins share pages). They are bounded per host as requests are (four
    // searches per request slot, there and in all), so that a directory whose resources come host
    // by host keeps every host busy, not only the first; and what they hold in memory stays bounded.
    this.slots = new HostLimiter(settings.archiveInFlight * 4, settings.concurrency * 4);
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

  /** Where a resource's search waits for its turn: with the other searches of its host. */
  private slotFor(url: string): <T>(work: () => Promise<T>) => Promise<T> {
    return (work) => this.slots.run(url, work);
  }

  /** The request budget of a resource: one for all its searches. */
  private budgetOf(id: string): RequestBudget {
    let budget = this.budgets.get(id);
    if (budget === undefined) {
      budget = new RequestBudget(this.settings.budget);
      this.budgets.set(id, budget);
    }
    return budget;
  }

  /** Starts the search for the document behind a stand-in page. */
  addStandIn(g: GoneResource): void {
    const { resource } = g;
    if (this.settings.budget < 1 || this.documentSearches.has(resource.id) || resource.standInFor === undefined) return;
    const chain = g.evidence.chain;
    const page = chain.page !== undefined && chain.final.kind === "response" && chain.final.status >= 200 && chain.final.status < 300 ? { url: chain.finalUrl, page: chain.page } : undefined;
    const search = findDocument({ resource: { ...resource, standInFor: resource.standInFor }, page, fetcher: this.fetcher, budget: this.budgetOf(resource.id), language: this.settings.language, slot: this.slotFor(resource.url) }).then(
      (outcome) => {
        this.done += 1;
        this.hooks.onProgress?.(this.done, this.total);
        return [g, outcome] as [GoneResource, DocumentSearchResult];
      },
    );
    this.documentSearches.set(resource.id, search);
  }

  private get total(): number {
    return this.searches.size + this.documentSearches.size;
  }

  /** Starts the search for a resource whose URL no longer serves it. */
  add(g: GoneResource): void {
    if (this.settings.budget < 1 || this.searches.has(g.resource.id)) return;
    const budget = this.budgetOf(g.resource.id);
    // The recorded copy first (its text is evidence when the data has no fingerprint), then one an earlier run found.
    const known = g.resource.archivedCopy?.url ?? this.settings.knownArchivedUrls.get(g.resource.url);
    if (known !== undefined) this.reused += 1;
    const search = findMovedDocument({
      resource: g.resource,
      deadUrl: g.resource.url,
      landingPage: landingPage(g),
      fetcher: this.fetcher,
      archive: this.archive,
      knownArchivedUrl: known,
      budget,
      language: this.settings.language,
      slot: this.slotFor(g.resource.url),
    }).then((outcome) => {
      this.done += 1;
      if (outcome.archiveMissed) this.missed += 1;
      this.sayIfClosed();
      this.hooks.onProgress?.(this.done, this.total);
      return [g, outcome] as [GoneResource, MovedSearchResult];
    });
    this.searches.set(g.resource.id, search);
  }

  get pending(): number {
    return this.total - this.done;
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
    for (const [g, outcome] of first) updated.set(g.resource.id, this.apply(g, outcome));
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
          source: `the host's rewrite pattern (${c.support} other resource${c.support === 1 ? "" : "s"})`,
          facts: { rewriteSupport: c.support },
        }));
        if (leads.length === 0) return;
        const budget = this.budgets.get(g.resource.id)!;
        const outcome = await findMovedDocument({ resource: g.resource, deadUrl: g.resource.url, landingPage: landingPage(g), fetcher: this.fetcher, archive: undefined, budget, leads, language: this.settings.language, slot: this.slotFor(g.resource.url) });
        if (outcome.found) updated.set(g.resource.id, this.apply({ ...g, result: updated.get(g.resource.id)! }, outcome));
      }),
    );
    // The documents behind stand-in pages, on whatever the result is by now (the page's own status).
    for (const [g, outcome] of await Promise.all(this.documentSearches.values())) {
      const result = updated.get(g.resource.id) ?? g.result;
      updated.set(g.resource.id, this.applyDocument(g.resource, result, outcome));
    }
    return updated;
  }

  /** The resources other than `id` whose URL is `url`. */
  private ownersOf(url: string, id: string): string[] {
    return (this.settings.urlOwners.get(url) ?? []).filter((owner) => owner !== id);
  }

  private apply(g: GoneResource, outcome: MovedSearchResult): CheckResult {
    const result = g.result;
    const next: CheckResult = { ...result, archivedUrl: outcome.archivedUrl ?? result.archivedUrl };
    if (outcome.candidates.length > 0) next.candidates = outcome.candidates;
    else if (result.candidates === undefined) delete next.candidates;
    const found = outcome.found;
    if (found === undefined) return next;
    const document = foundDocument(found, this.ownersOf(found.url, g.resource.id));
    const taken = document.addressOf !== undefined ? `; the document now lives at the address of resource "${document.addressOf}"` : "";
    return {
      ...next,
      status: "moved",
      suggestedUrl: found.url,
      archivedUrl: null,
      reason: `${result.reason}; same document found via ${found.sources.join(", ")} (${found.evidence})${taken}`,
      found: document,
    };
  }

  private applyDocument(resource: Resource, result: CheckResult, outcome: DocumentSearchResult): CheckResult {
    const next: CheckResult = { ...result };
    if (outcome.candidates.length > 0) next.documentCandidates = outcome.candidates;
    const found = outcome.found;
    if (found === undefined) return next;
    const document = foundDocument(found, this.ownersOf(found.url, resource.id));
    const taken = document.addressOf !== undefined ? `; it is already the address of resource "${document.addressOf}"` : "";
    return { ...next, documentUrl: found.url, documentEvidence: `found via ${found.sources.join(", ")}: ${found.evidence}${taken}`, document };
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

/** A judgement as the report keeps it, for a reviewer. */
function foundDocument(found: Judgement, owners: readonly string[]): FoundDocument {
  return {
    url: found.url,
    ...(found.documentTitle !== undefined ? { title: found.documentTitle } : {}),
    ...(found.label !== undefined ? { label: found.label } : {}),
    ...(found.linkedFrom !== undefined ? { linkedFrom: found.linkedFrom } : {}),
    sizeBytes: found.sizeBytes,
    evidence: found.evidence,
    ...(owners[0] !== undefined ? { addressOf: owners[0] } : {}),
  };
}
