// A web archive as a busy one behaves, on loopback: every CDX answer takes 1–2 s, and past a
// rate (30 requests in any minute by default) it answers 429 with a Retry-After. Requests and the
// most in flight are counted, so the benchmark sees how the checker treats it.
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface SlowArchive {
  endpoint: string;
  requests: number;
  rateLimited: number;
  maxInFlight: number;
  reset(): void;
  close(): Promise<void>;
}

export async function startSlowArchive(options: { address?: string; perMinute?: number; minMs?: number; maxMs?: number } = {}): Promise<SlowArchive> {
  const perMinute = options.perMinute ?? 30;
  const minMs = options.minMs ?? 1000;
  const maxMs = options.maxMs ?? 2000;
  const sockets = new Set<Socket>();
  let times: number[] = [];
  let inFlight = 0;
  let n = 0;
  const archive: SlowArchive = {
    endpoint: "",
    requests: 0,
    rateLimited: 0,
    maxInFlight: 0,
    reset: () => {
      times = [];
      archive.requests = 0;
      archive.rateLimited = 0;
      archive.maxInFlight = 0;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    archive.requests += 1;
    inFlight += 1;
    archive.maxInFlight = Math.max(archive.maxInFlight, inFlight);
    res.on("close", () => (inFlight -= 1));
    const now = Date.now();
    times = times.filter((t) => now - t < 60_000);
    times.push(now);
    // A deterministic spread of answer times between minMs and maxMs.
    const delay = minMs + ((n++ * 397) % (maxMs - minMs + 1));
    setTimeout(() => {
      if (times.length > perMinute) {
        archive.rateLimited += 1;
        res.writeHead(429, { "content-type": "text/plain", "retry-after": "60" });
        res.end("Too Many Requests");
        return;
      }
      const url = new URL(req.url ?? "/", "http://x");
      const original = url.searchParams.get("url") ?? "";
      const rows = url.pathname.endsWith("/cdx") && original ? [["timestamp", "original", "digest"], ["20200101000000", original, ""]] : [];
      const body = JSON.stringify(rows);
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    }, delay);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, options.address ?? "127.0.0.1", resolve));
  archive.endpoint = `http://${options.address ?? "127.0.0.1"}:${(server.address() as AddressInfo).port}/cdx/search/cdx`;
  return archive;
}
