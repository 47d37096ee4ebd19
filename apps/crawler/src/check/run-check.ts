// The checker's pipeline: plan → fetch (global and per-host limits) → classify → find moved
// documents → report. I/O happens in the fetch step only; the rest works on values.
import pLimit from "p-limit";
import type { ArchiveUse, CheckResult, Report, Resource } from "@td/schema";
import { isPdf } from "../analyze/content-kind.ts";
import { MAX_PARSED_PDF_BYTES, readPdfFacts } from "../analyze/pdf-facts.ts";
import { createHttpClient } from "../http/client.ts";
import { HostLimiter } from "../http/host-limiter.ts";
import { buildReport } from "../report/build-report.ts";
import type { DiscoverySession, GoneResource } from "../discover/discover-phase.ts";
import { checkUrl, ProbeCache, type UrlEvidence } from "./check-url.ts";
import { classify, type Verdict } from "./classify.ts";
import type { FetchContext } from "./fetch-chain.ts";
import type { CheckOptions } from "./options.ts";
import { judgeNetwork, type NetworkHealth } from "./network-health.ts";
import type { UrlTask } from "./plan.ts";

export interface RunHooks {
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Called as each resource gets its result. */
  onResult?: (result: CheckResult, done: number, total: number) => void;
  onRequest?: (url: string) => void;
  /** Called once the links are checked, with the resources searched for and how many searches are still going. */
  onDiscoveryStart?: (count: number, pending: number) => void;
  /** Called as each moved-document search ends. */
  onDiscoveryProgress?: (done: number, total: number) => void;
  /** Called when host names that did not resolve are about to be tried again, with how many and the wait. */
  onDnsRetry?: (count: number, waitMs: number) => void;
  /** Called once if the web archive closes for the rest of the run, with what happened. */
  onArchiveClosed?: (note: string) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runCheck(
  resources: readonly Resource[],
  tasks: readonly UrlTask[],
  options: CheckOptions,
  hooks: RunHooks = {},
): Promise<Report> {
  const now = hooks.now ?? (() => new Date());
  const startedAt = now();
  const client = createHttpClient({ userAgent: options.userAgent, perHost: options.perHost, timeoutMs: options.timeoutMs, resolve: options.resolve, dnsLookup: options.dnsLookup });
  const ctx: FetchContext = {
    client,
    limiter: new HostLimiter(options.perHost, options.concurrency),
    retry: { retries: options.retries, baseDelayMs: options.baseDelayMs, maxDelayMs: options.maxDelayMs, maxRetryAfterMs: options.maxRetryAfterMs },
    sleep: hooks.sleep ?? realSleep,
    timeoutMs: options.timeoutMs,
    prefixBytes: options.prefixBytes,
    maxDocumentBytes: options.maxDocumentBytes,
    maxRedirects: options.maxRedirects,
    maxMetaRefreshSeconds: options.maxMetaRefreshSeconds,
    // The text fingerprint needs the whole file; only --write-fingerprints asks for it.
    ...(options.readPdfText ? { keepDocumentBytes: MAX_PARSED_PDF_BYTES } : {}),
    ...(hooks.onRequest ? { onRequest: hooks.onRequest } : {}),
  };
  const probes = new ProbeCache(ctx);
  // Requests are limited where they are sent (HostLimiter); this only bounds how many URLs are
  // being worked on at once, and so the memory their evidence takes.
  const limit = pLimit(options.concurrency * 4);
  const byId = new Map<string, CheckResult>();
  const gone: GoneResource[] = [];
  // The moved-document search (and what it loads: sitemaps, ranking, the archive, pdf.js) is
  // imported only when a first resource turns out to be gone: most weekly runs find few or none.
  let discovery: Promise<DiscoverySession> | undefined;
  const startDiscovery = () =>
    (discovery ??= import("../discover/discover-phase.ts").then(
      ({ DiscoverySession }) =>
        new DiscoverySession(
          ctx,
          {
            budget: options.discoveryBudget,
            archiveEndpoint: options.archiveEndpoint,
            concurrency: options.concurrency,
            archiveIntervalMs: options.archiveIntervalMs,
            archiveInFlight: options.perHost,
            archiveWaitMs: options.archiveWaitMs,
            knownArchivedUrls: options.knownArchivedUrls,
            archiveClosedUntil: options.archiveClosedUntil,
            language: options.language.toLowerCase().split("-")[0]!,
            urlOwners: ownersOf(resources),
          },
          {
            ...(hooks.onDiscoveryProgress ? { onProgress: hooks.onDiscoveryProgress } : {}),
            ...(hooks.onArchiveClosed ? { onArchiveClosed: hooks.onArchiveClosed } : {}),
          },
        ),
    ));
  let done = 0;
  const settle = (result: CheckResult) => {
    byId.set(result.id, result);
    done += 1;
    hooks.onResult?.(result, done, resources.length);
  };
  let archive: ArchiveUse | undefined;
  const chains: { url: string; chain: UrlEvidence["chain"] }[] = [];
  /** URLs whose host name did not resolve: tried once more a while later, before they are called broken. */
  const unresolved: { task: UrlTask; evidence: UrlEvidence; at: number }[] = [];
  let network: NetworkHealth | undefined;
  const judgeTask = async (task: UrlTask, evidence: UrlEvidence, note = "") => {
          const text = options.readPdfText ? await textFingerprintOf(evidence) : undefined;
          for (const resource of task.resources) {
            const verdict = classify(task.url, resource.format, evidence.chain, evidence.probe);
            const result = toResult(resource, verdict, evidence);
            result.reason += note;
            if (text !== undefined && result.sha256 !== undefined) result.textFingerprint = text;
            // Gone resources are searched for at once, beside the rest of the check, and so are the
            // documents behind stand-in pages (unless the page's answer was inconclusive); they
            // count as done when their searches are.
            const standIn = resource.standInFor !== undefined && verdict.status !== "error";
            if ((verdict.gone || standIn) && options.discoveryBudget > 0) {
              const g = { resource, result, evidence: withoutBody(evidence) };
              gone.push(g);
              void startDiscovery().then((session) => {
                if (verdict.gone) session.add(g);
                if (standIn) session.addStandIn(g);
              });
            } else settle(result);
          }
  };
  try {
    await Promise.all(
      tasks.map((task) =>
        limit(async () => {
          const evidence = await checkUrl(ctx, probes, task.url, task, now);
          chains.push({ url: task.url, chain: evidence.chain });
          const final = evidence.chain.final;
          if (final.kind === "network-error" && final.error === "dns-not-found" && evidence.chain.hops.length === 0 && options.dnsRetryDelayMs > 0) {
            unresolved.push({ task, evidence, at: Date.now() });
            return;
          }
          await judgeTask(task, evidence);
        }),
      ),
    );
    network = judgeNetwork(chains);
    // A name that did not resolve may be a passing failure of the resolver: once more, a while
    // after the first try (unless the network itself is failing, when nothing will be judged).
    if (unresolved.length > 0 && network.inconclusive === undefined) {
      const wait = Math.max(0, Math.max(...unresolved.map((u) => u.at)) + options.dnsRetryDelayMs - Date.now());
      hooks.onDnsRetry?.(unresolved.length, wait);
      if (wait > 0) await ctx.sleep(wait);
      await Promise.all(
        unresolved.map(({ task }) =>
          limit(async () => {
            const evidence = await checkUrl(ctx, probes, task.url, task, now);
            const final = evidence.chain.final;
            const again = final.kind === "network-error" && final.error === "dns-not-found";
            await judgeTask(task, evidence, again ? ` (also on a second try ${Math.max(1, Math.round(options.dnsRetryDelayMs / 1000))} s later)` : "");
          }),
        ),
      );
    } else {
      for (const { task, evidence } of unresolved) await judgeTask(task, evidence);
    }
    if (discovery !== undefined) {
      const session = await discovery;
      hooks.onDiscoveryStart?.(gone.length, session.pending);
      const found = await session.finish([...byId.values()]);
      for (const g of gone) settle(found.get(g.resource.id) ?? g.result);
      if (options.archiveEndpoint !== null) archive = session.archiveUse();
    }
  } finally {
    await client.close();
  }
  return buildReport({
    results: resources.map((r) => byId.get(r.id)!),
    startedAt,
    finishedAt: now(),
    inconclusive: network?.inconclusive,
    archive,
  });
}

/** Each URL of the directory and the resources that have it. */
function ownersOf(resources: readonly Resource[]): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const r of resources) owners.set(r.url, [...(owners.get(r.url) ?? []), r.id]);
  return owners;
}

/** The text fingerprint of a working PDF read whole (from the bytes the check read anyway). */
async function textFingerprintOf(evidence: UrlEvidence): Promise<string | undefined> {
  const final = evidence.chain.final;
  if (final.kind !== "response" || final.status < 200 || final.status >= 300) return undefined;
  const body = final.body;
  if (!body.complete || body.readError !== undefined || body.prefix.length !== body.bytesRead || !isPdf(body.prefix)) return undefined;
  return (await readPdfFacts(body.prefix))?.textFingerprint;
}

/** The search for a moved document needs the redirects and the parsed page, not the raw bytes. */
function withoutBody(evidence: UrlEvidence): UrlEvidence {
  const final = evidence.chain.final;
  if (final.kind !== "response") return evidence;
  return { ...evidence, chain: { ...evidence.chain, final: { ...final, body: { ...final.body, prefix: new Uint8Array(0) } } } };
}

function toResult(resource: Resource, verdict: Verdict, evidence: UrlEvidence): CheckResult {
  const result: CheckResult = {
    id: resource.id,
    url: resource.url,
    status: verdict.status,
    httpStatus: verdict.httpStatus,
    finalUrl: verdict.finalUrl,
    suggestedUrl: verdict.suggestedUrl,
    // The copy `npm run preserve` recorded is the archived copy of a broken resource: no lookup needed.
    archivedUrl: verdict.status === "broken" ? (resource.archivedCopy?.url ?? null) : null,
    reason: verdict.reason,
    checkedAt: evidence.checkedAt.toISOString(),
    redirects: evidence.chain.hops,
    contentType: verdict.contentType,
  };
  const final = evidence.chain.final;
  if (resource.format === "pdf" && (verdict.status === "ok" || verdict.status === "redirected") && final.kind === "response" && final.body.sha256) {
    result.sha256 = final.body.sha256;
    result.sizeBytes = final.body.bytesRead;
  }
  return result;
}
