// Telling the runner's network from the sites: when most of a run's hosts fail to resolve or to
// connect while some answer, the failures are the machine's (a runner whose DNS fails for most
// names), not the sites', and the run proves nothing: inconclusive, as when nothing answers. Pure.
import type { Chain } from "./fetch-chain.ts";

/** Failures that say more about our network than about the site (resets, TLS, timeouts say the site answered something). */
const NETWORK_KINDS = new Set(["dns-not-found", "dns-failure", "connection-refused", "other"]);
/** At least this many hosts must fail so before the run is blamed on the network. */
export const MIN_FAILING_HOSTS = 3;

export interface NetworkHealth {
  hosts: number;
  /** Hosts where every request failed to resolve or connect. */
  failing: number;
  /** Hosts that gave at least one HTTP answer. */
  answering: number;
  /** Why the run is inconclusive, or undefined when its verdicts stand. */
  inconclusive: string | undefined;
}

export function judgeNetwork(chains: readonly { url: string; chain: Chain }[]): NetworkHealth {
  const byHost = new Map<string, { answered: boolean; failed: boolean; other: boolean }>();
  for (const { url, chain } of chains) {
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      continue;
    }
    const h = byHost.get(host) ?? { answered: false, failed: false, other: false };
    const final = chain.final;
    if (final.kind === "response" || chain.hops.length > 0) h.answered = true;
    else if (NETWORK_KINDS.has(final.error)) h.failed = true;
    else h.other = true;
    byHost.set(host, h);
  }
  const hosts = byHost.size;
  const answering = [...byHost.values()].filter((h) => h.answered).length;
  const failing = [...byHost.values()].filter((h) => h.failed && !h.answered && !h.other).length;
  let inconclusive: string | undefined;
  if (hosts > 0 && answering === 0) inconclusive = "no request got an HTTP answer (is this machine offline?)";
  else if (failing >= MIN_FAILING_HOSTS && failing * 2 > hosts) {
    inconclusive = `${failing} of ${hosts} hosts could not be resolved or reached while ${answering} answered: this machine's network (its DNS) is failing, not the sites`;
  }
  return { hosts, failing, answering, inconclusive };
}
