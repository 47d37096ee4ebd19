// The checker's settings: defaults, the strict config-file schema, and CLI > file > defaults.
import { z } from "zod";
import { DEFAULT_USER_AGENT } from "../http/client.ts";

export interface CheckOptions {
  concurrency: number;
  perHost: number;
  timeoutMs: number;
  retries: number;
  userAgent: string;
  /** Check only these resource ids (all when undefined). */
  only: string[] | undefined;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  prefixBytes: number;
  maxDocumentBytes: number;
  maxRedirects: number;
  maxMetaRefreshSeconds: number;
  /** Fixed name resolution, hostname → address (curl's --resolve). */
  resolve: Map<string, string>;
  /** Extra requests allowed per resource when searching for a moved document. */
  discoveryBudget: number;
  /** Wayback Machine CDX endpoint, or null to skip the archive. */
  archiveEndpoint: string | null;
  /** Read working PDFs with pdf.js for their text fingerprint (for --write-fingerprints). */
  readPdfText: boolean;
  /** Least time between two web-archive lookups: 48 a minute, under the archive's 60. */
  archiveIntervalMs: number;
  /** How long the run still waits for queued archive lookups once the links are checked. */
  archiveWaitMs: number;
  /** From the previous report: archived copies already found (dead URL → archivedUrl). */
  knownArchivedUrls: Map<string, string>;
  /** From the previous report: the archive asked to be left alone until then (ms since the epoch). */
  archiveClosedUntil: number | undefined;
  /** The directory's language (BCP 47): a document's edition in another language is another document. */
  language: string;
  /** How long after a host name failed to resolve it is tried once more before it counts as not existing (0: not retried). */
  dnsRetryDelayMs: number;
  /** The system's name lookup (a test replaces it to make a name fail once). */
  dnsLookup?: typeof import("node:dns").lookup;
}

export const DEFAULT_OPTIONS: CheckOptions = {
  concurrency: 16,
  perHost: 2,
  timeoutMs: 15_000,
  retries: 2,
  userAgent: DEFAULT_USER_AGENT,
  only: undefined,
  baseDelayMs: 1_000,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  prefixBytes: 256 * 1024,
  maxDocumentBytes: 64 * 1024 * 1024,
  maxRedirects: 10,
  maxMetaRefreshSeconds: 10,
  resolve: new Map(),
  discoveryBudget: 20,
  archiveEndpoint: "https://web.archive.org/cdx/search/cdx",
  readPdfText: false,
  archiveIntervalMs: 1250,
  archiveWaitMs: 30_000,
  knownArchivedUrls: new Map(),
  archiveClosedUntil: undefined,
  language: "en-US",
  dnsRetryDelayMs: 20_000,
};

const seconds = z.number().positive().max(600);

/** The config file (`--config FILE`): every key optional, unknown keys rejected. */
export const CheckConfigFile = z.strictObject({
  concurrency: z.int().min(1).max(256).optional(),
  perHost: z.int().min(1).max(32).optional(),
  timeoutSeconds: seconds.optional(),
  retries: z.int().min(0).max(10).optional(),
  userAgent: z.string().min(1).optional(),
  only: z.array(z.string().min(1)).optional(),
  maxRetryAfterSeconds: seconds.optional(),
  backoffBaseMs: z.int().min(0).max(60_000).optional(),
  resolve: z.record(z.string(), z.union([z.ipv4(), z.ipv6()])).optional(),
  discoveryBudget: z.int().min(0).max(200).optional(),
  archiveEndpoint: z.union([z.url({ protocol: /^https?$/ }), z.null()]).optional(),
  archiveWaitSeconds: z.number().min(0).max(3600).optional(),
  archivePerMinute: z.number().positive().max(600).optional(),
});
export type CheckConfigFile = z.infer<typeof CheckConfigFile>;

/** Applies a config file over the defaults; CLI flags are applied over the result by the command. */
export function optionsFromConfig(config: CheckConfigFile, defaults: CheckOptions = DEFAULT_OPTIONS): CheckOptions {
  const options: CheckOptions = { ...defaults, resolve: new Map(defaults.resolve), knownArchivedUrls: new Map(defaults.knownArchivedUrls) };
  if (config.concurrency !== undefined) options.concurrency = config.concurrency;
  if (config.perHost !== undefined) options.perHost = config.perHost;
  if (config.timeoutSeconds !== undefined) options.timeoutMs = Math.round(config.timeoutSeconds * 1000);
  if (config.retries !== undefined) options.retries = config.retries;
  if (config.userAgent !== undefined) options.userAgent = config.userAgent;
  if (config.only !== undefined) options.only = config.only;
  if (config.maxRetryAfterSeconds !== undefined) options.maxRetryAfterMs = Math.round(config.maxRetryAfterSeconds * 1000);
  if (config.backoffBaseMs !== undefined) options.baseDelayMs = config.backoffBaseMs;
  if (config.discoveryBudget !== undefined) options.discoveryBudget = config.discoveryBudget;
  if (config.archiveEndpoint !== undefined) options.archiveEndpoint = config.archiveEndpoint;
  if (config.archiveWaitSeconds !== undefined) options.archiveWaitMs = Math.round(config.archiveWaitSeconds * 1000);
  if (config.archivePerMinute !== undefined) options.archiveIntervalMs = Math.round(60_000 / config.archivePerMinute);
  for (const [host, address] of Object.entries(config.resolve ?? {})) options.resolve.set(host.toLowerCase(), address);
  return options;
}
