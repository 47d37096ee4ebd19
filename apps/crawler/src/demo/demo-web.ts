// A small demonstration web on loopback with one resource of every kind of trouble, so a new
// user sees the checker work without internet. Two "sites" on 127.0.0.1, told apart by port.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export const DEMO_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

type Route = (req: IncomingMessage, res: ServerResponse) => void;

function reply(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

let rateLimited = false;

/** The agency site: documents that work, moved, vanished, or hide behind trouble. */
const agency: Record<string, Route> = {
  "/": (_q, s) => reply(s, 200, "text/html", page("Demo Agency", '<p>Welcome.</p><a href="/publications/">Publications</a>')),
  "/publications/": (_q, s) =>
    reply(s, 200, "text/html", page("Publications", '<ul><li><a href="/files/2024/pocket-card.pdf">Law Enforcement Pocket Card</a></li></ul>')),
  "/files/guide.pdf": (_q, s) => reply(s, 200, "application/pdf", DEMO_PDF),
  "/files/octet.pdf": (_q, s) => reply(s, 200, "application/octet-stream", DEMO_PDF),
  "/training/": (_q, s) => reply(s, 200, "text/html", page("Online training", "<p>Courses for officers.</p>")),
  "/old/manual.pdf": (_q, s) => reply(s, 301, "text/plain", "", { location: "/files/2023/manual.pdf" }),
  "/files/2023/manual.pdf": (_q, s) => reply(s, 200, "application/pdf", DEMO_PDF),
  "/latest/fact-sheet": (_q, s) => reply(s, 302, "text/plain", "", { location: "/training/" }),
  "/e-guide": (_q, s) => reply(s, 200, "text/html", `<html><head><meta http-equiv="refresh" content="0; url=/e-guide/v2/"></head></html>`),
  "/e-guide/v2/": (_q, s) => reply(s, 200, "text/html", page("Task Force e-Guide", "<p>Strategy and operations.</p>")),
  "/removed.pdf": (_q, s) => reply(s, 404, "text/html", page("Not Found", "<p>Sorry.</p>")),
  "/programs/old-toolkit": (_q, s) => reply(s, 200, "text/html", page("Page Not Found", "<p>The page you requested could not be found.</p>")),
  "/docs/screening.pdf": (_q, s) => reply(s, 200, "text/html", page("Resources", "<p>Browse our resources.</p>")),
  "/loop/a": (_q, s) => reply(s, 301, "text/plain", "", { location: "/loop/b" }),
  "/loop/b": (_q, s) => reply(s, 301, "text/plain", "", { location: "/loop/a" }),
  "/files/pocket-card.pdf": (_q, s) => reply(s, 404, "text/html", page("Not Found", "")),
  "/files/2024/pocket-card.pdf": (_q, s) => reply(s, 200, "application/pdf", DEMO_PDF),
  // A campaign page standing in for the tool kit's files: each linked under a card heading.
  "/campaign/tool-kit": (_q, s) =>
    reply(
      s,
      200,
      "text/html",
      page(
        "Campaign Tool Kit",
        '<div class="card"><h3>Resource Overview</h3><a href="/files/kit/ro-2019.pdf">Download (PDF, 1 KB)</a></div><div class="card"><h3>Tips for Identifying the Crime</h3><a href="/files/kit/tic-2019.pdf">Download (PDF, 1 KB)</a></div>',
      ),
    ),
  "/files/kit/ro-2019.pdf": (_q, s) => reply(s, 200, "application/pdf", DEMO_PDF),
  "/files/kit/tic-2019.pdf": (_q, s) => reply(s, 200, "application/pdf", DEMO_PDF),
  "/busy.pdf": (_q, s) => {
    if (!rateLimited) {
      rateLimited = true;
      return reply(s, 429, "text/plain", "slow down", { "retry-after": "1" });
    }
    return reply(s, 200, "application/pdf", DEMO_PDF);
  },
};

/** The NGO site: bot protection, a firewall page, cut-short transfers, a broken server, a server that never answers. */
const ngo: Record<string, Route> = {
  "/": (_q, s) => reply(s, 200, "text/html", page("Demo NGO", "<p>Welcome.</p>")),
  "/protected": (_q, s) => reply(s, 403, "text/html", page("Just a moment...", "<p>Checking your browser.</p>"), { "cf-mitigated": "challenge", server: "cloudflare" }),
  "/down": (_q, s) => reply(s, 503, "text/html", page("Service Unavailable", "")),
  // A firewall that answers 200 with its rejection page where a PDF should be.
  "/files/annual-report.pdf": (_q, s) =>
    reply(s, 200, "text/html", "<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. Please consult with your administrator.<br>Your support ID is: 11234567890123456789</body></html>"),
  // A proxy that closes the connection halfway through the document, every time.
  "/files/handbook.pdf": (_q, s) => {
    s.writeHead(200, { "content-type": "application/pdf", "content-length": String(DEMO_PDF.length * 10) });
    s.write(DEMO_PDF);
    setTimeout(() => s.socket?.destroy(), 10);
  },
  "/hangs": () => {},
};

function serve(routes: Record<string, Route>): Route {
  return (req, res) => {
    const route = routes[new URL(req.url ?? "/", "http://x").pathname];
    if (route) route(req, res);
    else reply(res, 404, "text/html", page("Not Found", "<p>No such page.</p>"));
  };
}

export interface DemoWeb {
  agency: string;
  ngo: string;
  close(): Promise<void>;
}

export async function startDemoWeb(): Promise<DemoWeb> {
  rateLimited = false;
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const start = async (route: Route, name: string) => {
    const server = createServer(route);
    server.on("connection", (s) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    return `http://${name}:${(server.address() as AddressInfo).port}`;
  };
  const agencyOrigin = await start(serve(agency), "www.agency.demo");
  const ngoOrigin = await start(serve(ngo), "www.ngo.demo");
  return {
    agency: agencyOrigin,
    ngo: ngoOrigin,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

/** The demonstration directory: one resource per kind of trouble. */
export function demoDirectory(web: DemoWeb) {
  const r = (id: string, title: string, url: string, format: string, notes: string, extra: Record<string, unknown> = {}) => ({
    id,
    title,
    publisher: "Demo",
    description: "",
    url,
    format,
    section: "demo",
    audiences: ["law-enforcement"],
    notes,
    ...extra,
  });
  const a = web.agency;
  const n = web.ngo;
  return {
    title: "Demonstration directory",
    sections: [{ id: "demo", title: "Demonstration" }],
    resources: [
      r("working-pdf", "A working PDF", `${a}/files/guide.pdf`, "pdf", "ok: 200 with PDF bytes"),
      r("pdf-as-octet-stream", "A PDF served as octet-stream", `${a}/files/octet.pdf`, "pdf", "ok: the bytes decide, not the Content-Type"),
      r("working-page", "Online training", `${a}/training/`, "course", "ok"),
      r("permanent-redirect", "A manual moved with a 301", `${a}/old/manual.pdf`, "pdf", "redirected: update the URL"),
      r("temporary-redirect", "A fact sheet behind a 302", `${a}/latest/fact-sheet`, "web", "ok: temporary redirects are fine"),
      r("meta-refresh", "Task Force e-Guide", `${a}/e-guide`, "web", "redirected by a meta refresh"),
      r("rate-limited", "A busy server (429, then 200)", `${a}/busy.pdf`, "pdf", "ok after honouring Retry-After"),
      r("not-found", "A removed document", `${a}/removed.pdf`, "pdf", "broken: 404"),
      r("soft-404", "An old toolkit page", `${a}/programs/old-toolkit`, "web", "broken: 200 that says not found"),
      r("pdf-replaced-by-html", "Screening questions", `${a}/docs/screening.pdf`, "pdf", "broken: a PDF became an HTML page"),
      r("redirect-loop", "A redirect loop", `${a}/loop/a`, "web", "broken: loop"),
      r("stand-in", "Resource Overview", `${a}/campaign/tool-kit`, "web", "ok, and the PDF behind this stand-in page is found (documentUrl): npm run fix would point the entry at it", {
        standInFor: "pdf",
      }),
      r("moved-pdf", "Law Enforcement Pocket Card", `${a}/files/pocket-card.pdf`, "pdf", "moved: still linked from the publications page", {
        sourcePage: `${a}/publications/`,
      }),
      r("bot-protection", "Behind a bot challenge", `${n}/protected`, "web", "error: 403 Cloudflare challenge, check in a browser"),
      r("firewall-page", "An annual report behind a firewall", `${n}/files/annual-report.pdf`, "pdf", "error: a 200 firewall rejection page (F5 BIG-IP), not a broken link"),
      r("cut-short", "A handbook the server cuts short", `${n}/files/handbook.pdf`, "pdf", "error: the transfer is cut short every time, so it is not ok"),
      r("server-error", "A server that keeps failing", `${n}/down`, "web", "error: 503 after retries"),
      r("hanging-server", "A server that never answers", `${n}/hangs`, "web", "error: timeout"),
      r("no-such-host", "A host that does not exist", "http://no-such-host.invalid/guide.pdf", "pdf", "broken: the host name does not exist"),
    ],
  };
}
