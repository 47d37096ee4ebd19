// The HTTP client of one run: an undici Agent with keep-alive connection pools per origin, the
// guarded resolver, and the headers a browser sends (many government sites turn bots away).
import { Agent } from "undici";
import { createLookup, type ResolveOverrides } from "./resolver.ts";

export const DEFAULT_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 training-directory-link-check/1.0";

export interface HttpClient {
  agent: Agent;
  headers: Record<string, string>;
  close(): Promise<void>;
}

export function createHttpClient(options: {
  userAgent: string;
  perHost: number;
  timeoutMs: number;
  resolve: ResolveOverrides;
  /** The system's name lookup, replaceable for tests. */
  dnsLookup?: typeof import("node:dns").lookup | undefined;
}): HttpClient {
  const agent = new Agent({
    connections: options.perHost,
    keepAliveTimeout: 10_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: { timeout: options.timeoutMs, lookup: createLookup(options.resolve, options.dnsLookup) as never },
  });
  return {
    agent,
    headers: {
      "user-agent": options.userAgent,
      accept: "text/html,application/xhtml+xml,application/xml;q=0.9,application/pdf;q=0.9,*/*;q=0.8",
      "accept-language": "en-US,en;q=0.9",
      "accept-encoding": "gzip, deflate, br",
    },
    close: () => agent.close(),
  };
}
