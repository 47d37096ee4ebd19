// The benchmark's web for the searches: hosts with topic pages that stand in for the documents
// they list (each document under a card heading, as on a publisher's "resources" page), and
// documents that moved to names that resemble nothing, listed only in the host's sitemap among
// others (found by their recorded SHA-256: the wider search). Every answer delayed by L ms;
// requests counted per path by the servers. The truth (which document is whose) is known here,
// so a wrong proposal is counted, not guessed.
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface SearchCase {
  id: string;
  title: string;
  url: string;
  format: "web" | "pdf";
  standInFor?: "pdf";
  sha256?: string;
  /** The address the search should give: the document behind the page, or the moved document's new home; null when it cannot be found. */
  expected: string | null;
}

export interface StandInWeb {
  cases: SearchCase[];
  /** Requests by what they asked for: stand-in pages, the documents on them, moved documents' old and new addresses, sitemaps, the rest. */
  requests: Record<"pages" | "pageDocuments" | "oldAddresses" | "sitemapDocuments" | "sitemaps" | "other", number>;
  close(): Promise<void>;
}

const PAGES_PER_HOST = 10;
const DOCS_PER_PAGE = 8;
/** Stand-ins per page whose document the page lists; one more per page is not listed (not findable). */
const FINDABLE_PER_PAGE = 6;
const MOVED_PER_HOST = 20;
const SITEMAP_DECOYS = 20;

/** A small valid PDF whose bytes are its own (the SHA-256 tells documents apart). */
function pdfBytes(name: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}
const page = (title: string, body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

export async function startStandInWeb(options: { hosts: number; latencyMs: number }): Promise<StandInWeb> {
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const requests: StandInWeb["requests"] = { pages: 0, pageDocuments: 0, oldAddresses: 0, sitemapDocuments: 0, sitemaps: 0, other: 0 };
  const cases: SearchCase[] = [];
  for (let h = 0; h < options.hosts; h++) {
    const routes = new Map<string, { type: string; body: string | Buffer }>();
    const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
      const path = (req.url ?? "/").split("?")[0]!;
      const kind = path.startsWith("/topic/") ? "pages" : path.startsWith("/wp-content/") ? "pageDocuments" : path.startsWith("/documents/") ? "oldAddresses" : path.startsWith("/media/") ? "sitemapDocuments" : /sitemap|robots/.test(path) ? "sitemaps" : "other";
      requests[kind] += 1;
      setTimeout(() => {
        const route = routes.get(path);
        const body = route?.body ?? page("Not Found", "<p>No such page.</p>");
        res.writeHead(route ? 200 : 404, { "content-type": route?.type ?? "text/html", "content-length": Buffer.byteLength(body) });
        res.end(body);
      }, options.latencyMs);
    });
    server.on("connection", (s) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, `127.0.0.${h + 2}`, 1024, resolve));
    servers.push(server);
    const origin = `http://127.0.0.${h + 2}:${(server.address() as AddressInfo).port}`;
    routes.set("/", { type: "text/html", body: page(`Agency ${h}`, "<p>Welcome.</p>") });

    for (let p = 0; p < PAGES_PER_HOST; p++) {
      const cards: string[] = [];
      for (let d = 0; d < DOCS_PER_PAGE; d++) {
        const title = `Brief ${h}-${p}-${d}: indicators of trafficking in sector ${d}`;
        const path = `/wp-content/uploads/2019/${p}/doc-${d}.pdf`;
        routes.set(path, { type: "application/pdf", body: pdfBytes(`${h}-${p}-${d}`) });
        cards.push(`<article class="card"><h3>${title}</h3><a class="button" href="${path}">Download PDF</a></article>`);
        if (d < FINDABLE_PER_PAGE) cases.push({ id: `s-${h}-${p}-${d}`, title, url: `${origin}/topic/${p}`, format: "web", standInFor: "pdf", expected: `${origin}${path}` });
      }
      routes.set(`/topic/${p}`, { type: "text/html", body: page(`Resources by topic ${p}`, cards.join("")) });
      cases.push({ id: `s-${h}-${p}-unlisted`, title: `Brief ${h}-${p}-x: a brief this page does not list`, url: `${origin}/topic/${p}`, format: "web", standInFor: "pdf", expected: null });
    }

    // Moved documents: the old address is gone; the sitemap lists the new homes among decoys,
    // all under names that resemble nothing; the data has each one's SHA-256.
    const listed: string[] = [];
    for (let m = 0; m < MOVED_PER_HOST; m++) {
      const bytes = pdfBytes(`moved ${h}-${m}`);
      const path = `/media/${(m * 7919) % 1000}-f${m}.pdf`;
      routes.set(path, { type: "application/pdf", body: bytes });
      listed.push(path);
      cases.push({ id: `m-${h}-${m}`, title: `Guide ${h}-${m}`, url: `${origin}/documents/guide-${m}.pdf`, format: "pdf", sha256: createHash("sha256").update(bytes).digest("hex"), expected: `${origin}${path}` });
    }
    for (let x = 0; x < SITEMAP_DECOYS; x++) {
      const path = `/media/${(x * 104729) % 1000}-x${x}.pdf`;
      routes.set(path, { type: "application/pdf", body: pdfBytes(`decoy ${h}-${x}`) });
      listed.push(path);
    }
    routes.set("/sitemap.xml", { type: "application/xml", body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${listed.map((p) => `<url><loc>${origin}${p}</loc></url>`).join("")}</urlset>` });
  }
  return {
    cases,
    requests,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}
