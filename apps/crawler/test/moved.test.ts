// Moved-document scenarios: each discovery path finds the new home with the right evidence, and
// decoys never get suggested. Real servers on loopback; requests counted by the servers.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { base32 } from "../src/http/read-body.ts";
import { check, checkOne, resource } from "./helpers/check.ts";
import { makePdf, seedOf } from "./helpers/make-pdf.ts";
import { html, send, startHost, type Handler, type TestHost } from "./helpers/test-host.ts";

const hosts: TestHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});
async function site(routes: Record<string, (h: TestHost) => [number, string, string | Buffer]>, address = "127.0.0.2"): Promise<TestHost> {
  const handler: Handler = (q, s, h) => {
    const route = routes[new URL(q.url ?? "/", "http://x").pathname];
    if (!route) return send(s, 404, "text/html", html("Not Found"));
    const [status, type, body] = route(h);
    send(s, status, type, body);
  };
  const host = await startHost(address, handler);
  hosts.push(host);
  return host;
}

// Real PDFs (pdf-lib, object streams): the text names a seed for its words, the title is the
// information dictionary's. Made once, before the tests.
const PDF_SPECS: [string, string?][] = [
  ["truck stops"], ["x", "Sex Trafficking at Truck Stops At-A-Glance"], ["y", "Sex Trafficking at Truck Stops At-A-Glance"],
  ["z", "Sex Trafficking at Truck Stops At-A-Glance"], ["card"], ["q"], ["2020 edition"], ["2019 edition", "Law Enforcement Pocket Card"],
  ["health", "Pocket Card for Health Workers"], ["another edition", "Law Enforcement Pocket Card"], ["en", "Law Enforcement Pocket Card"],
  ["es", "Law Enforcement Pocket Card"], ["a"], ["b"], ["c"], ["archived bytes"],
];
const made = new Map(
  await Promise.all(PDF_SPECS.map(async ([text, title]) => [`${text}|${title ?? ""}`, Buffer.from(await makePdf({ seed: seedOf(text), ...(title ? { title } : {}) }))] as const)),
);
const pdf = (text: string, title?: string) => made.get(`${text}|${title ?? ""}`)!;
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const PDF_T = "application/pdf";
const XML = "application/xml";
const urlset = (...urls: string[]) => `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<url><loc>${u}</loc></url>`).join("")}</urlset>`;
const links = (...items: [string, string][]) => html("Publications", `<ul>${items.map(([href, text]) => `<li><a href="${href}">${text}</a></li>`).join("")}</ul>`);
const TITLE = "Sex Trafficking at Truck Stops At-A-Glance";

describe("moved documents", () => {
  it("sitemap-same-file-name: same file name and same SHA-256 in sitemap.xml → moved", async () => {
    const doc = pdf("truck stops");
    const h = await site({
      "/sitemap.xml": (x) => [200, XML, urlset(x.url("/about"), x.url("/wp-content/uploads/2019/09/truck-stops.pdf"))],
      "/wp-content/uploads/2019/09/truck-stops.pdf": () => [200, PDF_T, doc],
    });
    const r = await checkOne(resource("truck", h.url("/documents/truck-stops.pdf"), "pdf", { title: TITLE, sha256: sha256(doc) }));
    expect(r).toMatchObject({ status: "moved", httpStatus: 404, suggestedUrl: h.url("/wp-content/uploads/2019/09/truck-stops.pdf") });
    expect(r.reason).toBe("HTTP 404 Not Found; same document found via sitemap.xml (same file name, same SHA-256)");
  });

  it("sitemap-index: a gzip sitemap inside a sitemap index, confirmed by the PDF's title", async () => {
    const h = await site({
      "/sitemap.xml": (x) => [200, XML, `<sitemapindex><sitemap><loc>${x.url("/sitemaps/docs.xml.gz")}</loc></sitemap></sitemapindex>`],
      "/sitemaps/docs.xml.gz": (x) => [200, "application/gzip", gzipSync(urlset(x.url("/files/2020/truck-stops.pdf")))],
      "/files/2020/truck-stops.pdf": () => [200, PDF_T, pdf("x", TITLE)],
    });
    const r = await checkOne(resource("truck", h.url("/old/truck-stops.pdf"), "pdf", { title: TITLE }));
    expect(r.status).toBe("moved");
    expect(r.suggestedUrl).toBe(h.url("/files/2020/truck-stops.pdf"));
    expect(r.reason).toContain("via docs.xml.gz (same file name, same PDF title)");
  });

  it("robots-sitemap: a sitemap named in robots.txt", async () => {
    const h = await site({
      "/robots.txt": (x) => [200, "text/plain", `User-agent: *\nDisallow: /private\nSitemap: ${x.url("/maps/site-map.xml")}\n`],
      "/maps/site-map.xml": (x) => [200, XML, urlset(x.url("/media/truck-stops.pdf"))],
      "/media/truck-stops.pdf": () => [200, PDF_T, pdf("y", TITLE)],
    });
    const r = await checkOne(resource("truck", h.url("/docs/truck-stops.pdf"), "pdf", { title: TITLE }));
    expect(r).toMatchObject({ status: "moved", suggestedUrl: h.url("/media/truck-stops.pdf") });
    expect(r.reason).toContain("via site-map.xml");
  });

  it("renamed-by-anchor-text: the page the old URL redirects to links the renamed file", async () => {
    const h = await site({
      "/publications/": () => [200, "text/html", links(["/files/ts-glance-final.pdf", "Sex Trafficking at Truck Stops At-A-Glance (PDF)"], ["/files/other.pdf", "Annual report"])],
      "/files/ts-glance-final.pdf": () => [200, PDF_T, pdf("z", TITLE)],
    });
    // The old URL answers with a redirect to the publications page.
    const old = await startHost("127.0.0.3", (_q, s) => send(s, 301, "text/plain", "", { location: h.url("/publications/") }));
    hosts.push(old);
    const r = await checkOne(resource("truck", old.url("/truck-stops.pdf"), "pdf", { title: TITLE }));
    expect(r).toMatchObject({ status: "moved", suggestedUrl: h.url("/files/ts-glance-final.pdf") });
    expect(r.reason).toContain("PDF replaced by an HTML page");
    expect(r.reason).toContain("via the page the old URL redirects to (same PDF title, labelled with the title where it is linked)");
  });

  it("source-page: the resource's sourcePage links it under its file name", async () => {
    const h = await site({
      "/resources/law-enforcement": () => [200, "text/html", links(["/sites/default/files/orr/pocket_card.pdf", "Law Enforcement Pocket Card"])],
      "/sites/default/files/orr/pocket_card.pdf": () => [200, PDF_T, pdf("card")],
    });
    const r = await checkOne(
      resource("card", h.url("/trafficking/campaign_kits/pocket_card.pdf"), "pdf", { title: "Law Enforcement Pocket Card", sourcePage: h.url("/resources/law-enforcement") }),
    );
    expect(r).toMatchObject({ status: "moved", suggestedUrl: h.url("/sites/default/files/orr/pocket_card.pdf") });
    expect(r.reason).toContain("via the resource's source page (same file name, labelled with the title where it is linked)");
  });

  it("parent-folder: a parent folder's index lists the file", async () => {
    const h = await site({
      "/docs/2012/": () => [200, "text/html", links(["/docs/2012/final/truck-stops.pdf", "Truck Stops At-A-Glance"])],
      "/docs/2012/final/truck-stops.pdf": () => [200, PDF_T, pdf("q")],
    });
    const r = await checkOne(resource("truck", h.url("/docs/2012/truck-stops.pdf"), "pdf", { title: "Truck Stops At-A-Glance" }));
    expect(r).toMatchObject({ status: "moved", suggestedUrl: h.url("/docs/2012/final/truck-stops.pdf") });
    expect(r.reason).toContain("via the parent folder /docs/2012/");
  });

  it("hash-choice: of two same-named files the one with the recorded SHA-256 wins", async () => {
    const ours = pdf("2020 edition");
    const h = await site({
      "/sitemap.xml": (x) => [200, XML, urlset(x.url("/2019/card.pdf"), x.url("/2020/card.pdf"))],
      "/2019/card.pdf": () => [200, PDF_T, pdf("2019 edition", "Law Enforcement Pocket Card")],
      "/2020/card.pdf": () => [200, PDF_T, ours],
    });
    const r = await checkOne(resource("card", h.url("/old/card.pdf"), "pdf", { title: "Law Enforcement Pocket Card", sha256: sha256(ours) }));
    expect(r).toMatchObject({ status: "moved", suggestedUrl: h.url("/2020/card.pdf") });
    expect(r.reason).toContain("same SHA-256");
  });

  it("decoy-similar-name: a different document with a similar name is never suggested", async () => {
    const h = await site({
      "/sitemap.xml": (x) => [200, XML, urlset(x.url("/files/pocket-card-health-workers.pdf"))],
      "/": () => [200, "text/html", links(["/files/pocket-card-health-workers.pdf", "Pocket Card for Health Workers"])],
      "/files/pocket-card-health-workers.pdf": () => [200, PDF_T, pdf("health", "Pocket Card for Health Workers")],
    });
    const r = await checkOne(resource("card", h.url("/files/pocket-card.pdf"), "pdf", { title: "Law Enforcement Pocket Card" }));
    expect(r).toMatchObject({ status: "broken", suggestedUrl: null });
  });

  it("decoy-common-word: a sitemap sharing one common word gives nothing and costs no confirmations", async () => {
    const h = await site({
      "/sitemap.xml": (x) => [200, XML, urlset(x.url("/trafficking-annual-report.pdf"), x.url("/stops-and-searches.pdf"))],
    });
    const r = await checkOne(resource("truck", h.url("/documents/truck-stops.pdf"), "pdf", { title: TITLE }));
    expect(r).toMatchObject({ status: "broken", suggestedUrl: null });
    expect(r.candidates).toBeUndefined();
    expect(h.requests.map((q) => q.path)).not.toContain("/trafficking-annual-report.pdf");
  });

  it("decoy-same-name-other-bytes: a same-named file whose bytes differ from the recorded hash stays a weak candidate", async () => {
    const h = await site({
      "/sitemap.xml": (x) => [200, XML, urlset(x.url("/new/card.pdf"))],
      "/new/card.pdf": () => [200, PDF_T, pdf("another edition", "Law Enforcement Pocket Card")],
    });
    const r = await checkOne(resource("card", h.url("/old/card.pdf"), "pdf", { title: "Law Enforcement Pocket Card", sha256: "0".repeat(64) }));
    expect(r).toMatchObject({ status: "broken", suggestedUrl: null });
    expect(r.candidates).toEqual([
      { url: h.url("/new/card.pdf"), score: 20, evidence: "same file name, same PDF title, different bytes from the recorded SHA-256 (via sitemap.xml)" },
    ]);
  });

  it("ambiguous: two equally good candidates with different bytes are listed, not suggested", async () => {
    const h = await site({
      "/sitemap.xml": (x) => [200, XML, urlset(x.url("/region-a/card.pdf"), x.url("/region-b/card.pdf"))],
      "/region-a/card.pdf": () => [200, PDF_T, pdf("en", "Law Enforcement Pocket Card")],
      "/region-b/card.pdf": () => [200, PDF_T, pdf("es", "Law Enforcement Pocket Card")],
    });
    const r = await checkOne(resource("card", h.url("/old/card.pdf"), "pdf", { title: "Law Enforcement Pocket Card" }));
    expect(r.status).toBe("broken");
    expect(r.candidates?.map((c) => c.url).sort()).toEqual([h.url("/region-a/card.pdf"), h.url("/region-b/card.pdf")]);
  });

  it("language-edition: of two same-named, same-titled files the one in the directory's language is the document; the Spanish edition is never suggested", async () => {
    const h = await site({
      "/sitemap.xml": (x) => [200, XML, urlset(x.url("/en/card.pdf"), x.url("/es/card.pdf"))],
      "/en/card.pdf": () => [200, PDF_T, pdf("en", "Law Enforcement Pocket Card")],
      "/es/card.pdf": () => [200, PDF_T, pdf("es", "Law Enforcement Pocket Card")],
    });
    const english = await checkOne(resource("card", h.url("/old/card.pdf"), "pdf", { title: "Law Enforcement Pocket Card" }));
    expect(english).toMatchObject({ status: "moved", suggestedUrl: h.url("/en/card.pdf") });
    // A directory in Spanish wants the other one.
    const spanish = await checkOne(resource("card", h.url("/old/card.pdf"), "pdf", { title: "Law Enforcement Pocket Card" }), { language: "es" });
    expect(spanish).toMatchObject({ status: "moved", suggestedUrl: h.url("/es/card.pdf") });
  });

  it("budget: the extra requests never exceed the budget, however many leads there are", async () => {
    const many = Array.from({ length: 40 }, (_, i) => [`/mirror/${i}/card.pdf`, "Law Enforcement Pocket Card"] as [string, string]);
    const h = await site({
      "/": () => [200, "text/html", links(...many)],
      "/sitemap.xml": (x) => [200, XML, urlset(...many.map(([p]) => x.url(p)))],
    });
    for (const budget of [1, 5, 20]) {
      h.requests.length = 0;
      const r = await checkOne(resource("card", h.url("/old/card.pdf"), "pdf", { title: "Law Enforcement Pocket Card" }), { discoveryBudget: budget });
      expect(r.status).toBe("broken");
      expect(h.requests.length - 1).toBe(budget); // one request is the check itself
    }
  });

  it("budget-with-archive: the archive's lookups are held back, so a broken resource still gets its archived copy", async () => {
    const many = Array.from({ length: 40 }, (_, i) => [`/mirror/${i}/card.pdf`, "Law Enforcement Pocket Card"] as [string, string]);
    const h = await site({ "/": () => [200, "text/html", links(...many)] });
    const cdx = await startHost("127.0.0.7", (q, s) => {
      const original = new URL(q.url ?? "/", "http://x").searchParams.get("url")!;
      send(s, 200, "application/json", JSON.stringify([["timestamp", "original", "digest"], ["20130101000000", original, "NOSUCHDIGEST"]]));
    });
    hosts.push(cdx);
    const r = await checkOne(resource("card", h.url("/old/card.pdf"), "pdf", { title: "Law Enforcement Pocket Card" }), {
      discoveryBudget: 6,
      archiveEndpoint: cdx.url("/cdx"),
    });
    expect(r).toMatchObject({ status: "broken", archivedUrl: `${cdx.origin}/web/20130101000000/${h.url("/old/card.pdf")}` });
    expect(h.requests.length - 1 + cdx.requests.length).toBeLessThanOrEqual(6);
    // The last good copy, that copy itself (its text: the data has no fingerprint), and its digest elsewhere.
    expect(cdx.requests.map((q) => q.path.split("?")[0])).toEqual(["/cdx", `/web/20130101000000id_/${h.url("/old/card.pdf")}`, "/cdx"]);
  });

  it("rewrite-pattern: two documents moved /old/ → /new/, so the third is tried there too", async () => {
    const a = pdf("a");
    const b = pdf("b");
    const c = pdf("c");
    const h = await site({
      "/sitemap.xml": (x) => [200, XML, urlset(x.url("/library/docs/a.pdf"), x.url("/library/docs/b.pdf"))],
      "/library/docs/a.pdf": () => [200, PDF_T, a],
      "/library/docs/b.pdf": () => [200, PDF_T, b],
      "/library/docs/c.pdf": () => [200, PDF_T, c],
    });
    const report = await check([
      resource("a", h.url("/old/a.pdf"), "pdf", { sha256: sha256(a) }),
      resource("b", h.url("/old/b.pdf"), "pdf", { sha256: sha256(b) }),
      resource("c", h.url("/old/c.pdf"), "pdf", { title: "Unrelated words" }),
    ]);
    expect(report.results.map((r) => [r.id, r.status, r.suggestedUrl])).toEqual([
      ["a", "moved", h.url("/library/docs/a.pdf")],
      ["b", "moved", h.url("/library/docs/b.pdf")],
      ["c", "moved", h.url("/library/docs/c.pdf")],
    ]);
    expect(report.results[2]!.reason).toContain("the host's rewrite pattern (2 other resources)");
  });

  it("web-archive: the last good copy becomes archivedUrl, and its digest finds the same bytes elsewhere", async () => {
    const doc = pdf("archived bytes");
    const digest = base32(createHash("sha1").update(doc).digest());
    const h = await site({ "/moved/x.pdf": () => [200, PDF_T, doc], "/gone/y.pdf": () => [404, "text/html", ""] });
    const cdx = await startHost("127.0.0.7", (q, s) => {
      const url = new URL(q.url ?? "/", "http://x");
      const query = url.searchParams;
      // The archived copy itself (asked for its text, the data having no fingerprint) is not kept here.
      if (url.pathname.startsWith("/web/")) return send(s, 404, "text/html", "");
      if (query.get("matchType") === "host") return send(s, 200, "application/json", JSON.stringify([["original"], [h.url("/moved/x.pdf")]]));
      const original = query.get("url")!;
      const digestOf = original.endsWith("/old/x.pdf") ? digest : "OTHERDIGEST";
      return send(s, 200, "application/json", JSON.stringify([["timestamp", "original", "digest"], ["20120301000000", original, digestOf]]));
    });
    hosts.push(cdx);
    const report = await check([resource("x", h.url("/old/x.pdf"), "pdf", { title: "Zz" }), resource("y", h.url("/gone/y.pdf"), "pdf", { title: "Yy" })], {
      archiveEndpoint: cdx.url("/cdx/search/cdx"),
    });
    expect(report.results[0]).toMatchObject({ status: "moved", suggestedUrl: h.url("/moved/x.pdf"), archivedUrl: null });
    expect(report.results[0]!.reason).toContain("via the web archive (same content digest) (same file name, same bytes as the web archive's last good copy)");
    expect(report.results[1]).toMatchObject({ status: "broken", archivedUrl: `${cdx.origin}/web/20120301000000/${h.url("/gone/y.pdf")}` });
  });

  it("web-archive-unreachable: an archive that does not answer is skipped quietly", async () => {
    const h = await site({});
    const r = await checkOne(resource("x", h.url("/old/x.pdf"), "pdf"), { archiveEndpoint: "http://127.0.0.2:1/cdx" });
    expect(r).toMatchObject({ status: "broken", archivedUrl: null, reason: "HTTP 404 Not Found" });
  });
});
