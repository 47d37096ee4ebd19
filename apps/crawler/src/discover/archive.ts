// The Wayback Machine: the last good copy of a URL (for `archivedUrl`), that copy's own bytes (the
// `id_` form, for its text), and by the copy's content digest the same bytes archived under
// another URL of the host. Every request waits for the run's ArchiveGate (pacing, breaker, time
// limit); any failure is skipped quietly: the archive is a help, never a requirement.
import { parseRetryAfter } from "../http/retry.ts";
import type { ArchiveGate, GateOutcome } from "./archive-gate.ts";
import type { RequestBudget } from "./budget.ts";
import type { DiscoveryFetcher, Fetched, FetchKind } from "./discovery-fetcher.ts";

export interface ArchivedCopy {
  archivedUrl: string;
  digest: string | undefined;
  timestamp: string;
  original: string;
}

export class ArchiveClient {
  constructor(
    private readonly endpoint: string,
    private readonly fetcher: DiscoveryFetcher,
    readonly gate: ArchiveGate,
  ) {}

  /** The web-facing base for snapshots: the CDX server's origin, as web.archive.org serves both. */
  private get webBase(): string {
    return `${new URL(this.endpoint).origin}/web`;
  }

  /**
   * `wanted` is asked when the lookup's turn comes: a resource found on its site meanwhile needs
   * none. `made` is false when the lookup was never sent or was abandoned at the run's deadline.
   */
  async lastGoodCopy(url: string, budget: RequestBudget, wanted?: () => boolean): Promise<{ copy: ArchivedCopy | undefined; made: boolean }> {
    const query = new URL(this.endpoint);
    query.searchParams.set("url", url);
    query.searchParams.set("output", "json");
    query.searchParams.set("fl", "timestamp,original,digest");
    query.searchParams.set("filter", "statuscode:200");
    query.searchParams.set("limit", "-1");
    const { rows, made } = await this.rows(query.href, budget, wanted);
    const last = rows.at(-1);
    if (last === undefined || !/^\d{14}$/.test(last[0] ?? "") || !last[1]) return { copy: undefined, made };
    return { copy: { archivedUrl: `${this.webBase}/${last[0]}/${last[1]}`, digest: last[2] || undefined, timestamp: last[0]!, original: last[1] }, made };
  }

  /** A copy known from an earlier run's `archivedUrl` (its digest is not kept, so it is not searched by). */
  copyFromUrl(archivedUrl: string): ArchivedCopy | undefined {
    const match = /\/web\/(\d{14})\/(https?:\/\/.+)$/.exec(archivedUrl);
    return match ? { archivedUrl, digest: undefined, timestamp: match[1]!, original: match[2]! } : undefined;
  }

  /** The archived bytes as they were served (the `id_` form, without the archive's banner or rewriting). */
  async rawCopy(copy: ArchivedCopy, budget: RequestBudget): Promise<Fetched | undefined> {
    return (await this.send(`${this.webBase}/${copy.timestamp}id_/${copy.original}`, "document", budget)).value;
  }

  /** Other URLs of the same host whose archived copies have these exact bytes. */
  async sameDigest(url: string, digest: string, budget: RequestBudget): Promise<string[]> {
    const query = new URL(this.endpoint);
    query.searchParams.set("url", new URL(url).host);
    query.searchParams.set("matchType", "host");
    query.searchParams.set("output", "json");
    query.searchParams.set("fl", "original");
    query.searchParams.set("filter", `digest:${digest}`);
    query.searchParams.set("collapse", "urlkey");
    query.searchParams.set("limit", "20");
    const { rows } = await this.rows(query.href, budget);
    return [...new Set(rows.map((r) => r[0] ?? "").filter((u) => /^https?:\/\//.test(u) && u !== url))];
  }

  private send(url: string, kind: FetchKind, budget: RequestBudget, wanted?: () => boolean): Promise<GateOutcome<Fetched>> {
    if (budget.remaining < 1) return Promise.resolve({ value: undefined, made: false });
    return this.gate.run(async (signal) => {
      const answer = await this.fetcher.fetchAnswer(url, kind, budget, signal);
      return { value: answer.fetched, status: answer.status, retryAfterMs: parseRetryAfter(answer.retryAfter, Date.now()) };
    }, wanted);
  }

  private async rows(queryUrl: string, budget: RequestBudget, wanted?: () => boolean): Promise<{ rows: string[][]; made: boolean }> {
    const { value: fetched, made } = await this.send(queryUrl, "archive", budget, wanted);
    if (fetched === undefined || fetched.status !== 200) return { rows: [], made };
    try {
      const data: unknown = JSON.parse(Buffer.from(fetched.prefix).toString("utf8"));
      if (!Array.isArray(data)) return { rows: [], made };
      // The first row names the fields.
      return { rows: data.slice(1).filter((row): row is string[] => Array.isArray(row) && row.every((c) => typeof c === "string")), made };
    } catch {
      return { rows: [], made };
    }
  }
}
