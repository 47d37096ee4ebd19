// One named scenario per behaviour: each starts its own tiny site on loopback (port 0) and runs
// the real checker pipeline against it. Several 127.0.0.x addresses stand for separate hosts.
import { readFile } from "node:fs/promises";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { check, checkOne, resource } from "./helpers/check.ts";
import { useSites } from "./helpers/sites.ts";
import { PDF_BYTES, html, send, type Handler } from "./helpers/test-host.ts";

const { site, withHealthyNeighbour } = useSites();

describe("crawler scenarios", () => {
  it("ok-pdf: a PDF answers 200 with %PDF- bytes and gets fingerprinted", async () => {
    const h = await site((_q, s) => send(s, 200, "application/pdf", PDF_BYTES));
    const r = await checkOne(resource("doc", h.url("/doc.pdf"), "pdf"));
    expect(r).toMatchObject({ status: "ok", httpStatus: 200, sizeBytes: PDF_BYTES.length, suggestedUrl: null });
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(h.requests).toHaveLength(1);
  });

  it("head-refused: a server that rejects HEAD is checked with one GET", async () => {
    const h = await site((q, s) => {
      if (q.url !== "/guide") return send(s, 404, "text/html", html("Not here"));
      return q.method === "HEAD" ? send(s, 405, "text/plain", "") : send(s, 200, "text/html", html("Guide"));
    });
    const r = await checkOne(resource("page", h.url("/guide")));
    expect(r.status).toBe("ok");
    expect(h.requests.map((q) => q.method)).toEqual(["GET", "GET"]); // the page, then the soft-404 probe
    expect(h.requests[0]!.headers.range).toBe("bytes=0-262143");
  });

  it("ranged-get-ignored: a server that sends the whole large body is read only up to the prefix", async () => {
    // Every chunk handed to the socket is counted (a write that fills the buffer too); the server
    // stops when the client hangs up. What it could send is bounded by the prefix the checker
    // reads plus the sockets' buffers, far below the 50 MB it offers, whatever the machine's speed.
    let sent = 0;
    let hungUp = false;
    const h = await site((q, s) => {
      if (q.url !== "/big") return send(s, 404, "text/html", html("Not here"));
      s.writeHead(200, { "content-type": "text/html" });
      s.write(html("Big page", "<p>big</p>"));
      s.on("close", () => (hungUp = true));
      const chunk = Buffer.alloc(64 * 1024, "a");
      const pump = () => {
        while (sent < 50 * 1024 * 1024 && !s.destroyed) {
          sent += chunk.length;
          if (!s.write(chunk)) return void s.once("drain", pump);
        }
        s.end();
      };
      pump();
    });
    const r = await checkOne(resource("big", h.url("/big")));
    expect(r.status).toBe("ok");
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(50 * 1024 * 1024);
    expect(hungUp).toBe(true);
  });

  it("range-not-satisfiable: a 416 to the ranged GET falls back to a plain GET", async () => {
    const h = await site((q, s) => (q.headers.range ? send(s, 416, "text/plain", "") : send(s, 200, "application/vnd.ms-powerpoint", "PPTBYTES")));
    const r = await checkOne(resource("deck", h.url("/deck.ppt"), "ppt"));
    expect(r.status).toBe("ok");
    expect(h.requests.map((q) => Boolean(q.headers.range))).toEqual([true, false]);
  });

  it("redirect-301-chain: permanent redirects to a working PDF suggest the final URL", async () => {
    const h = await site((q, s) => {
      if (q.url === "/old.pdf") return send(s, 301, "text/plain", "", { location: "/mid.pdf" });
      if (q.url === "/mid.pdf") return send(s, 308, "text/plain", "", { location: "/new/doc.pdf" });
      return send(s, 200, "application/pdf", PDF_BYTES);
    });
    const r = await checkOne(resource("doc", h.url("/old.pdf"), "pdf"));
    expect(r).toMatchObject({ status: "redirected", suggestedUrl: h.url("/new/doc.pdf"), finalUrl: h.url("/new/doc.pdf"), httpStatus: 200 });
    expect(r.redirects).toEqual([
      { url: h.url("/old.pdf"), httpStatus: 301, kind: "permanent" },
      { url: h.url("/mid.pdf"), httpStatus: 308, kind: "permanent" },
    ]);
  });

  it("redirect-temporary: 302, 303 and 307 hops count as ok", async () => {
    const h = await site((q, s) => {
      if (q.url === "/a") return send(s, 302, "text/plain", "", { location: "/b" });
      if (q.url === "/b") return send(s, 303, "text/plain", "", { location: "/c" });
      if (q.url === "/c") return send(s, 307, "text/plain", "", { location: "/d" });
      if (q.url === "/d") return send(s, 200, "text/html", html("Final page"));
      return send(s, 404, "text/html", html("Not here"));
    });
    const r = await checkOne(resource("page", h.url("/a")));
    expect(r).toMatchObject({ status: "ok", suggestedUrl: null, finalUrl: h.url("/d") });
    expect(r.redirects?.map((x) => x.kind)).toEqual(["temporary", "temporary", "temporary"]);
  });

  it("redirect-cross-host: a 301 to another host is followed", async () => {
    const target = await site((q, s) => (q.url === "/guide" ? send(s, 200, "text/html", html("New home of the guide")) : send(s, 404, "text/html", "")), "127.0.0.3");
    const h = await site((_q, s) => send(s, 301, "text/plain", "", { location: target.url("/guide") }));
    const r = await checkOne(resource("page", h.url("/guide")));
    expect(r).toMatchObject({ status: "redirected", suggestedUrl: target.url("/guide") });
  });

  it("meta-refresh: an HTML meta refresh is a permanent redirect", async () => {
    const h = await site((q, s) =>
      q.url === "/old"
        ? send(s, 200, "text/html", `<html><head><meta http-equiv="refresh" content="0; url=/new"></head><body>Moved</body></html>`)
        : q.url === "/new"
          ? send(s, 200, "text/html", html("The guide"))
          : send(s, 404, "text/html", html("Missing")),
    );
    const r = await checkOne(resource("page", h.url("/old")));
    expect(r).toMatchObject({ status: "redirected", suggestedUrl: h.url("/new") });
    expect(r.redirects).toEqual([{ url: h.url("/old"), httpStatus: 200, kind: "meta" }]);
  });

  it("redirect-loop: a loop is broken and named", async () => {
    const h = await site((q, s) => send(s, 301, "text/plain", "", { location: q.url === "/a" ? "/b" : "/a" }));
    const r = await checkOne(resource("page", h.url("/a")));
    expect(r.status).toBe("broken");
    expect(r.reason).toBe(`redirect loop: ${h.url("/a")} → ${h.url("/b")} → ${h.url("/a")}`);
  });

  it("cookie-redirect: a redirect that sets a session cookie and comes back is not a loop", async () => {
    const h = await site((q, s) => {
      if (!/session=ok/.test(q.headers.cookie ?? "")) return send(s, 302, "text/plain", "", { location: "/doc.pdf", "set-cookie": "session=ok; Path=/; HttpOnly" });
      return send(s, 200, "application/pdf", PDF_BYTES);
    });
    const r = await checkOne(resource("doc", h.url("/doc.pdf"), "pdf"));
    expect(r).toMatchObject({ status: "ok", reason: "HTTP 200 after temporary redirect (302)" });
    expect(h.requests.map((q) => q.headers.cookie ?? "")).toEqual(["", "session=ok"]);
  });

  it.each([404, 410])("gone-%i: the status is broken", async (status) => {
    const h = await site((_q, s) => send(s, status, "text/html", html("Gone")));
    const r = await checkOne(resource("doc", h.url("/doc.pdf"), "pdf"));
    expect(r).toMatchObject({ status: "broken", httpStatus: status, suggestedUrl: null });
    expect(r.reason).toMatch(new RegExp(`^HTTP ${status}`));
  });

  it("soft-404-html: a 200 page titled 'Page not found' is broken", async () => {
    const h = await site((_q, s) => send(s, 200, "text/html", html("Page Not Found | Agency", "<p>Sorry.</p>")));
    const r = await checkOne(resource("page", h.url("/programs/guide")));
    expect(r.status).toBe("broken");
    expect(r.reason).toBe('HTTP 200; soft 404: the page title is "Page Not Found | Agency"');
  });

  it("soft-404-pdf-url: a PDF URL answering a 'not found' HTML page is broken", async () => {
    const h = await site((_q, s) => send(s, 200, "text/html", html("Agency", "<h1>The page you requested could not be found</h1>")));
    const r = await checkOne(resource("doc", h.url("/files/doc.pdf"), "pdf"));
    expect(r.status).toBe("broken");
    expect(r.reason).toContain("PDF replaced by an HTML page (soft 404: the page heading says");
  });

  it("soft-404-probe: a page identical to the host's answer for a path that cannot exist is broken", async () => {
    const h = await site((_q, s) => send(s, 200, "text/html", html("Welcome to the Agency", "<p>News and services of the agency.</p>")));
    const r = await checkOne(resource("page", h.url("/resources/old-toolkit")));
    expect(r.status).toBe("broken");
    expect(r.reason).toContain("the same as the host's answer to a path that cannot exist");
  });

  it("parked-domain: a parked domain page is broken", async () => {
    const h = await site((_q, s) => send(s, 200, "text/html", html("example-ngo.org", "<p>This domain is for sale! Buy this domain today.</p>")));
    const r = await checkOne(resource("page", h.url("/training")));
    expect(r).toMatchObject({ status: "broken", reason: "HTTP 200; parked domain page" });
  });

  it("redirect-to-home-page: a deep URL that ends on the home page is broken", async () => {
    const h = await site((q, s) =>
      q.url === "/" ? send(s, 200, "text/html", html("Agency home")) : send(s, 301, "text/plain", "", { location: "/" }),
    );
    const r = await checkOne(resource("page", h.url("/programs/old-training")));
    expect(r).toMatchObject({ status: "broken", reason: "HTTP 200; redirected to the site's home page" });
  });

  it("pdf-replaced-by-html: an ordinary HTML page where a PDF was is broken", async () => {
    const h = await site((_q, s) => send(s, 200, "text/html", html("Publications", "<p>Our publications are listed below.</p>")));
    const r = await checkOne(resource("doc", h.url("/doc.pdf"), "pdf"));
    expect(r).toMatchObject({ status: "broken", reason: "HTTP 200; PDF replaced by an HTML page", contentType: "text/html" });
  });

  it("pdf-as-octet-stream: a PDF served as application/octet-stream is ok", async () => {
    const h = await site((_q, s) => send(s, 200, "application/octet-stream", PDF_BYTES));
    expect((await checkOne(resource("doc", h.url("/doc.pdf"), "pdf"))).status).toBe("ok");
  });

  it("pdf-labelled-but-not-pdf: application/pdf without the signature is broken", async () => {
    const h = await site((_q, s) => send(s, 200, "application/pdf", "PK\u0003\u0004zipdata"));
    const r = await checkOne(resource("doc", h.url("/doc.pdf"), "pdf"));
    expect(r).toMatchObject({ status: "broken", reason: "HTTP 200; not a PDF (application/pdf, no %PDF- signature)" });
  });

  it("empty-body: a 200 with no bytes is broken", async () => {
    const h = await site((_q, s) => send(s, 200, "application/pdf", ""));
    const r = await checkOne(resource("doc", h.url("/doc.pdf"), "pdf"));
    expect(r).toMatchObject({ status: "broken", reason: "HTTP 200; empty file" });
  });

  it("403-to-bots-only: the browser-like User-Agent passes where a bot's is refused", async () => {
    const h = await site((q, s) => {
      if (!/Mozilla/.test(q.headers["user-agent"] ?? "")) return send(s, 403, "text/html", html("Forbidden"));
      return q.url === "/guide" ? send(s, 200, "text/html", html("Guide")) : send(s, 404, "text/html", html("Missing"));
    });
    expect((await checkOne(resource("page", h.url("/guide")))).status).toBe("ok");
    const asBot = await checkOne(resource("page", h.url("/guide")), { userAgent: "curl/8.0" });
    expect(asBot).toMatchObject({ status: "error", httpStatus: 403, reason: "HTTP 403 Forbidden: access denied; check it in a browser" });
  });

  it("cloudflare-challenge: a cf-mitigated challenge is an error naming bot protection", async () => {
    const h = await site((_q, s) => send(s, 403, "text/html", html("Just a moment..."), { "cf-mitigated": "challenge", server: "cloudflare" }));
    const r = await checkOne(resource("page", h.url("/guide")));
    expect(r).toMatchObject({
      status: "error",
      reason: "HTTP 403 Forbidden: bot protection (Cloudflare, cf-mitigated: challenge header): the site answered the checker with a challenge instead of the resource; check it in a browser",
    });
  });

  it("401: authentication required is an error, not broken", async () => {
    const h = await site((_q, s) => send(s, 401, "text/html", html("Login")));
    expect((await checkOne(resource("page", h.url("/members")))).status).toBe("error");
  });

  it("429-retry-after: the checker waits as told and then succeeds", async () => {
    let first = true;
    const h = await site((_q, s) => {
      if (first) {
        first = false;
        return send(s, 429, "text/plain", "slow down", { "retry-after": "1" });
      }
      return send(s, 200, "application/pdf", PDF_BYTES);
    });
    const slept: number[] = [];
    const r = await checkOne(resource("doc", h.url("/doc.pdf"), "pdf"), {}, { sleep: async (ms) => void slept.push(ms) });
    expect(r.status).toBe("ok");
    expect(slept).toEqual([1000]);
    expect(h.requests).toHaveLength(2);
  });

  it("429-persistent: rate limiting that outlasts the retries is an error, and a Retry-After over the cap ends them", async () => {
    const h = await site((_q, s) => send(s, 429, "text/plain", "", { "retry-after": "3600" }));
    const r = await checkOne(resource("doc", h.url("/doc.pdf"), "pdf"), {}, { sleep: async () => {} });
    expect(r.status).toBe("error");
    expect(r.reason).toBe("HTTP 429 Too Many Requests: rate limited; Retry-After 3600 s is longer than the 2 s cap");
    expect(h.requests).toHaveLength(1);
  });

  it("503-then-200: a transient server error is retried", async () => {
    let calls = 0;
    const h = await site((_q, s) => (++calls < 3 ? send(s, 503, "text/html", html("Busy")) : send(s, 200, "application/pdf", PDF_BYTES)));
    const r = await checkOne(resource("doc", h.url("/doc.pdf"), "pdf"));
    expect(r.status).toBe("ok");
    expect(calls).toBe(3);
  });

  it("503-persistent: a server error after all retries is an error", async () => {
    const h = await site((_q, s) => send(s, 503, "text/html", html("Busy")));
    const r = await checkOne(resource("doc", h.url("/doc.pdf"), "pdf"));
    expect(r).toMatchObject({ status: "error", reason: "HTTP 503: server error, transient after 3 attempts" });
  });

  it("connection-reset: a reset is retried and then reported as an error", async () => {
    const neighbour = await withHealthyNeighbour();
    const h = await site((q) => void q.socket.destroy());
    const report = await check([resource("doc", h.url("/doc.pdf"), "pdf"), neighbour]);
    expect(report.results[0]).toMatchObject({ status: "error", reason: "connection reset after 3 attempts" });
    expect(h.requests).toHaveLength(3);
  });

  it("tls-failure: a certificate that cannot be trusted is an error naming TLS", async () => {
    const neighbour = await withHealthyNeighbour();
    const fixtures = new URL("./fixtures/tls/", import.meta.url);
    const server = createHttpsServer({ key: await readFile(new URL("key.pem", fixtures)), cert: await readFile(new URL("cert.pem", fixtures)) }, (_q, s) =>
      send(s, 200, "text/html", html("Secure")),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.2", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const report = await check([resource("secure", `https://127.0.0.2:${port}/guide`), neighbour]);
      expect(report.results[0]).toMatchObject({ status: "error", reason: "TLS failure: DEPTH_ZERO_SELF_SIGNED_CERT" });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("never-answers: a server that accepts and never answers times out", async () => {
    const neighbour = await withHealthyNeighbour();
    const h = await site(() => {});
    // The deadline applies to the healthy neighbour too: 2 s is a thousand times what its answer takes.
    const report = await check([resource("page", h.url("/x")), neighbour], { timeoutMs: 2_000, retries: 1 });
    expect(report.results[0]).toMatchObject({ status: "error", reason: "timed out after 2 attempts" });
  });

  it("trickling-body: a body that trickles forever is cut at the deadline", async () => {
    const h = await site((_q, s) => {
      s.writeHead(200, { "content-type": "text/html" });
      s.write("<html><head><title>Slow</title>");
      const timer = setInterval(() => s.write(" "), 50);
      s.on("close", () => clearInterval(timer));
    });
    // The headers come at once; the deadline (a thousand times what they take) ends the body.
    const r = await checkOne(resource("page", h.url("/slow")), { timeoutMs: 2_000 });
    expect(r).toMatchObject({ status: "error", reason: "HTTP 200, then the checker's own time limit ran out while the body was still arriving (--timeout)" });
  });

  it("endless-body: an endless PDF is read to the document bound, judged by its start, not fingerprinted", async () => {
    const h = await site((_q, s) => {
      s.writeHead(200, { "content-type": "application/pdf" });
      s.write(PDF_BYTES);
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const pump = () => {
        while (!s.destroyed && s.write(chunk));
        if (!s.destroyed) s.once("drain", pump);
      };
      pump();
    });
    const r = await checkOne(resource("doc", h.url("/doc.pdf"), "pdf"), { maxDocumentBytes: 1024 * 1024 });
    expect(r.status).toBe("ok");
    expect(r.sha256).toBeUndefined();
  });

  it("gzip-bomb: a small gzip body that inflates to 200 MB is decoded only up to the prefix", async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from(html("Bomb")), Buffer.alloc(200 * 1024 * 1024)]));
    const h = await site((q, s) => (q.url === "/bomb" ? send(s, 200, "text/html", bomb, { "content-encoding": "gzip" }) : send(s, 404, "text/html", "")));
    const before = process.memoryUsage().rss;
    const r = await checkOne(resource("page", h.url("/bomb")));
    expect(r.status).toBe("ok");
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it("duplicate-url: two resources with the same URL cost one request", async () => {
    const h = await site((_q, s) => send(s, 200, "application/pdf", PDF_BYTES));
    const report = await check([resource("a", h.url("/doc.pdf"), "pdf"), resource("b", h.url("/doc.pdf"), "pdf")]);
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ["a", "ok"],
      ["b", "ok"],
    ]);
    expect(h.requests).toHaveLength(1);
  });

  it("per-host-limit: no more than --per-host requests reach one host at once, while hosts run in parallel", async () => {
    const slow: Handler = (_q, s) => void setTimeout(() => send(s, 200, "application/pdf", PDF_BYTES), 60);
    const a = await site(slow, "127.0.0.4");
    const b = await site(slow, "127.0.0.5");
    const resources = Array.from({ length: 8 }, (_, i) => [resource(`a${i}`, a.url(`/${i}.pdf`), "pdf"), resource(`b${i}`, b.url(`/${i}.pdf`), "pdf")]).flat();
    const report = await check(resources, { concurrency: 16, perHost: 2 });
    expect(report.summary.ok).toBe(16);
    // Never more than the limit on a host; the limit is reached (the run is not serial).
    expect(a.maxInFlight).toBeLessThanOrEqual(2);
    expect(b.maxInFlight).toBeLessThanOrEqual(2);
    expect(Math.max(a.maxInFlight, b.maxInFlight)).toBe(2);
  });

  it("nonexistent-host: a host name that does not exist is broken", async () => {
    const neighbour = await withHealthyNeighbour();
    const report = await check([resource("gone", "http://no-such-host.invalid/doc.pdf", "pdf"), neighbour]);
    expect(report.inconclusive).toBe(false);
    expect(report.results[0]).toMatchObject({ status: "broken", reason: "host name does not exist: no-such-host.invalid (also on a second try 1 s later)" });
  });

  it("link-local-redirect: a redirect to a cloud-metadata address is refused", async () => {
    const h = await site((_q, s) => send(s, 302, "text/plain", "", { location: "http://169.254.169.254/latest/meta-data/" }));
    const r = await checkOne(resource("page", h.url("/x")));
    expect(r.status).toBe("error");
    expect(r.reason).toContain("refused: the address is link-local or a cloud-metadata service");
  });

  it("link-local-by-name: a host name resolving to a link-local address is refused", async () => {
    const neighbour = await withHealthyNeighbour();
    const report = await check([resource("meta", "http://metadata.test/x"), neighbour], { resolve: new Map([["metadata.test", "169.254.169.254"]]) });
    expect(report.results[0]!.reason).toContain("refused");
  });

  it("offline: when no request gets an HTTP answer the run is inconclusive and nothing is broken", async () => {
    const report = await check([resource("a", "http://no-such-host.invalid/a.pdf", "pdf"), resource("b", "http://127.0.0.2:1/b")]);
    expect(report.inconclusive).toBe(true);
    expect(report.summary).toEqual({ ok: 0, redirected: 0, moved: 0, broken: 0, error: 2 });
  });
});
