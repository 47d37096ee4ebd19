// A real HTTP server on a loopback address and port 0: one "host" of a test web.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
}

export interface TestHost {
  address: string;
  port: number;
  origin: string;
  requests: SeenRequest[];
  /** Most requests that were in flight at once. */
  maxInFlight: number;
  url(path: string): string;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, host: TestHost) => void | Promise<void>;

export async function startHost(address: string, handler: Handler): Promise<TestHost> {
  const sockets = new Set<Socket>();
  let inFlight = 0;
  const host: TestHost = {
    address,
    port: 0,
    origin: "",
    requests: [],
    maxInFlight: 0,
    url: (path) => `${host.origin}${path}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    host.requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers });
    inFlight += 1;
    host.maxInFlight = Math.max(host.maxInFlight, inFlight);
    const done = () => (inFlight -= 1);
    res.on("close", done);
    void Promise.resolve(handler(req, res, host)).catch(() => res.destroy());
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  host.port = (server.address() as AddressInfo).port;
  host.origin = `http://${address}:${host.port}`;
  return host;
}

export const PDF_BYTES = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

export function html(title: string, body = `<h1>${title}</h1><p>Training material for officers.</p>`): string {
  return `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`;
}

export function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}
