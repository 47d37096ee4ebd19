// The benchmark's web: H hosts on 127.0.0.2…, each answer delayed by L ms, a realistic mix of
// answers, and a list page linking every URL (for checkers that start from a page). Requests are
// counted per path, so "requests per URL" is measured by the server, not claimed by the tool.
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { PDFDocument, StandardFonts } from "pdf-lib";

export type UrlKind = "pdf" | "page" | "redirect" | "gone";

export interface BenchUrl {
  url: string;
  kind: UrlKind;
  dead: boolean;
}

export interface LatencyWeb {
  urls: BenchUrl[];
  listUrl: string;
  hosts: number;
  /** Requests seen per URL (origin + path). */
  requests: Map<string, number>;
  /** Most requests in flight at once, over all hosts and on any one host. */
  maxInFlight: { all: number; perHost: number };
  /** Mean time from a request's arrival to its answer's end, as the servers saw it (ms). */
  meanAnswerMs(): number;
  totalRequests(): number;
  reset(): void;
  close(): Promise<void>;
}

/** Real PDFs (pdf-lib, object streams): 6 pages of text each, a pool the PDF URLs share. */
async function pdfPool(count: number): Promise<Buffer[]> {
  const words = "officer victim trafficking labor screening indicators interview trauma shelter referral hotline evidence witness investigation prosecution identification immigration certification community outreach partner agency training protocol safety recruitment debt bondage coercion exploitation".split(" ");
  const pool: Buffer[] = [];
  for (let d = 0; d < count; d++) {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    let state = d + 1;
    for (let p = 0; p < 6; p++) {
      const page = doc.addPage([612, 792]);
      for (let line = 0; line < 45; line++) {
        const text: string[] = [];
        for (let w = 0; w < 12; w++) {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          text.push(words[state % words.length]!);
        }
        page.drawText(text.join(" "), { x: 40, y: 750 - line * 16, size: 10, font });
      }
    }
    doc.setTitle(`Training document ${d}`);
    pool.push(Buffer.from(await doc.save()));
  }
  return pool;
}
const page = (n: string) => `<!doctype html><html><head><title>Training page ${n}</title></head><body><h1>Training page ${n}</h1><p>${"Material for officers. ".repeat(40)}</p></body></html>`;

/** The mix: 60 % PDFs, 25 % pages, 8 % permanent redirects to a page, 7 % gone (404). */
export function kindOf(i: number): UrlKind {
  const r = i % 100;
  return r < 60 ? "pdf" : r < 85 ? "page" : r < 93 ? "redirect" : "gone";
}

export async function startLatencyWeb(options: { n: number; hosts: number; latencyMs: number }): Promise<LatencyWeb> {
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const requests = new Map<string, number>();
  const maxInFlight = { all: 0, perHost: 0 };
  let inFlight = 0;
  let answered = 0;
  let answerTimeMs = 0;
  const inFlightByHost = new Map<string, number>();
  const pdfs = await pdfPool(40);
  const listen = async (address: string, handler: Parameters<typeof createServer>[1]) => {
    const server = createServer({ keepAliveTimeout: 30_000 }, handler);
    server.maxHeadersCount = 100;
    server.on("connection", (s) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, address, 1024, resolve));
    servers.push(server);
    return `http://${address}:${(server.address() as AddressInfo).port}`;
  };

  const origins: string[] = [];
  for (let h = 0; h < options.hosts; h++) {
    const origin = await listen(`127.0.0.${h + 2}`, (req, res) => {
      const path = (req.url ?? "/").split("?")[0]!;
      const key = `${origin}${path}`;
      requests.set(key, (requests.get(key) ?? 0) + 1);
      inFlight += 1;
      inFlightByHost.set(origin, (inFlightByHost.get(origin) ?? 0) + 1);
      maxInFlight.all = Math.max(maxInFlight.all, inFlight);
      maxInFlight.perHost = Math.max(maxInFlight.perHost, inFlightByHost.get(origin)!);
      const arrived = performance.now();
      res.on("close", () => {
        answered += 1;
        answerTimeMs += performance.now() - arrived;
        inFlight -= 1;
        inFlightByHost.set(origin, inFlightByHost.get(origin)! - 1);
      });
      setTimeout(() => {
        let m: RegExpExecArray | null;
        if ((m = /^\/doc\/(\d+)\.pdf$/.exec(path))) {
          const pdf = pdfs[Number(m[1]) % pdfs.length]!;
          res.writeHead(200, { "content-type": "application/pdf", "content-length": pdf.length });
          res.end(pdf);
        } else if ((m = /^\/page\/(\d+)$/.exec(path))) {
          const body = page(m[1]!);
          res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(body) });
          res.end(body);
        } else if ((m = /^\/old\/(\d+)$/.exec(path))) {
          res.writeHead(301, { location: `/page/${m[1]}`, "content-length": 0 });
          res.end();
        } else {
          const body = "<!doctype html><html><head><title>Not Found</title></head><body><h1>Not Found</h1></body></html>";
          res.writeHead(404, { "content-type": "text/html", "content-length": Buffer.byteLength(body) });
          res.end(body);
        }
      }, options.latencyMs);
    });
    origins.push(origin);
  }

  const urls: BenchUrl[] = [];
  for (let i = 0; i < options.n; i++) {
    const origin = origins[i % options.hosts]!;
    const kind = kindOf(i);
    const path = kind === "pdf" ? `/doc/${i}.pdf` : kind === "page" ? `/page/${i}` : kind === "redirect" ? `/old/${i}` : `/gone/${i}.pdf`;
    urls.push({ url: `${origin}${path}`, kind, dead: kind === "gone" });
  }
  const list = `<!doctype html><html><head><title>Bench list</title></head><body><ul>${urls.map((u, i) => `<li><a href="${u.url}">Resource ${i}</a></li>`).join("")}</ul></body></html>`;
  const listOrigin = await listen("127.0.0.1", (req, res) => {
    if (req.url === "/list.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(list) });
      res.end(list);
    } else {
      res.writeHead(404, { "content-length": 0 });
      res.end();
    }
  });

  return {
    urls,
    listUrl: `${listOrigin}/list.html`,
    hosts: options.hosts,
    requests,
    maxInFlight,
    meanAnswerMs: () => (answered === 0 ? 0 : answerTimeMs / answered),
    totalRequests: () => [...requests.values()].reduce((a, b) => a + b, 0),
    reset: () => {
      requests.clear();
      answered = 0;
      answerTimeMs = 0;
      maxInFlight.all = 0;
      maxInFlight.perHost = 0;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}
