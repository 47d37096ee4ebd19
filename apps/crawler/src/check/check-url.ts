// Gathers the evidence for one URL: its fetch chain and, for an HTML answer, the host's answer to
// a path that cannot exist in the same folder (fetched once per folder and shared).
import { randomBytes } from "node:crypto";
import { detectBotWall } from "../analyze/bot-wall.ts";
import { bodyText } from "../analyze/content-kind.ts";
import type { Probe } from "./classify.ts";
import { fetchChain, type Chain, type FetchContext } from "./fetch-chain.ts";

export interface UrlEvidence {
  chain: Chain;
  probe: Probe | undefined;
  checkedAt: Date;
}

/** Folders probed per origin and run at most; the rest share the root's probe. */
export const MAX_PROBED_FOLDERS = 16;

/**
 * The host's answers to paths that cannot exist, one per folder: a site's /ar/ or /fr/ section
 * often answers a missing page differently from its root (a 200 template in that language where
 * the root says 404). Each folder is probed once per run, and few per host, to stay polite.
 */
export class ProbeCache {
  private readonly probes = new Map<string, Promise<Probe | undefined>>();
  private readonly folders = new Map<string, number>();
  constructor(private readonly ctx: FetchContext) {}

  /** The answer to a random path in the folder of `url`; undefined when it gave no HTTP answer. */
  forFolderOf(url: string): Promise<Probe | undefined> {
    const at = new URL(url);
    let folder = probeFolder(at.pathname);
    const key = (f: string) => `${at.origin}${f}`;
    if (!this.probes.has(key(folder))) {
      const used = this.folders.get(at.origin) ?? 0;
      if (used >= MAX_PROBED_FOLDERS && folder !== "/") folder = "/";
      else if (folder !== "/") this.folders.set(at.origin, used + 1);
    }
    let probe = this.probes.get(key(folder));
    if (probe === undefined) {
      const path = `${folder}${randomBytes(12).toString("hex")}-no-such-page`;
      probe = fetchChain({ ...this.ctx, retry: { ...this.ctx.retry, retries: 0 } }, new URL(path, at.origin).href, { fingerprint: false }).then(
        (chain) => (chain.final.kind === "response" ? { folder, status: chain.final.status, finalUrl: chain.finalUrl, page: chain.page } : undefined),
      );
      this.probes.set(key(folder), probe);
    }
    return probe;
  }
}

/**
 * The folder whose missing-page answer a page is compared with: its own folder, or for a folder's
 * own page (`/ar/`, `/ar/index.html`) the parent folder, since a site may answer unknown paths in
 * a folder with that folder's page.
 */
export function probeFolder(pathname: string): string {
  let path = pathname.replace(/\/(?:index|default|home)\.\w+$/i, "/");
  if (path.endsWith("/")) path = path.slice(0, -1);
  return path.slice(0, path.lastIndexOf("/") + 1) || "/";
}

export async function checkUrl(
  ctx: FetchContext,
  probes: ProbeCache,
  url: string,
  needs: { fingerprint: boolean; htmlExpected: boolean },
  now: () => Date,
): Promise<UrlEvidence> {
  const chain = await fetchChain(ctx, url, { fingerprint: needs.fingerprint });
  const final = chain.final;
  const answeredHtml = final.kind === "response" && final.status >= 200 && final.status < 300 && chain.page !== undefined && final.body.readError === undefined;
  // A bot wall's page says nothing of the link, so there is nothing to compare it with.
  const wall = answeredHtml && detectBotWall({ status: final.status, headers: final.headers, text: bodyText(final) }) !== undefined;
  const probe = needs.htmlExpected && answeredHtml && !wall ? await probes.forFolderOf(chain.finalUrl) : undefined;
  return { chain, probe, checkedAt: now() };
}
