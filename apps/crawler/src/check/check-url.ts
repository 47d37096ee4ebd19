// Gathers the evidence for one URL: its fetch chain and, for an HTML answer, the host's answer to
// a path that cannot exist (fetched once per origin and shared).
import { randomBytes } from "node:crypto";
import type { Probe } from "./classify.ts";
import { fetchChain, type Chain, type FetchContext } from "./fetch-chain.ts";

export interface UrlEvidence {
  chain: Chain;
  probe: Probe | undefined;
  checkedAt: Date;
}

export class ProbeCache {
  private readonly probes = new Map<string, Promise<Probe | undefined>>();
  constructor(private readonly ctx: FetchContext) {}

  /** The origin's answer to a random path; undefined when it gave no HTTP answer. */
  forOrigin(origin: string): Promise<Probe | undefined> {
    let probe = this.probes.get(origin);
    if (probe === undefined) {
      const path = `/${randomBytes(12).toString("hex")}-no-such-page`;
      probe = fetchChain({ ...this.ctx, retry: { ...this.ctx.retry, retries: 0 } }, new URL(path, origin).href, { fingerprint: false }).then(
        (chain) => (chain.final.kind === "response" ? { status: chain.final.status, finalUrl: chain.finalUrl, page: chain.page } : undefined),
      );
      this.probes.set(origin, probe);
    }
    return probe;
  }
}

export async function checkUrl(
  ctx: FetchContext,
  probes: ProbeCache,
  url: string,
  needs: { fingerprint: boolean; htmlExpected: boolean },
  now: () => Date,
): Promise<UrlEvidence> {
  const chain = await fetchChain(ctx, url, { fingerprint: needs.fingerprint });
  const answeredHtml = chain.final.kind === "response" && chain.final.status >= 200 && chain.final.status < 300 && chain.page !== undefined;
  const probe = needs.htmlExpected && answeredHtml ? await probes.forOrigin(new URL(chain.finalUrl).origin) : undefined;
  return { chain, probe, checkedAt: now() };
}
