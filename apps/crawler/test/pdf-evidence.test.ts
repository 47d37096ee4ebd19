// Moved-document evidence on real document shapes: titles read by a real PDF parser wherever they
// sit, and a text fingerprint that finds a re-saved copy (same text, other bytes) at its new
// address while a decoy of the same template with other text is never suggested.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Resource } from "@td/schema";
import { Report } from "@td/schema";
import { REPO_ROOT, runCli, testdir } from "@td/testkit";
import { readPdfFacts, usefulTitle } from "../src/analyze/pdf-facts.ts";
import { SAME_TEXT_DISTANCE, OTHER_TEXT_DISTANCE, fingerprintDistance, textFingerprint } from "../src/analyze/text-fingerprint.ts";
import { check, resource } from "./helpers/check.ts";
import { makePdf, seededText } from "./helpers/make-pdf.ts";
import { useSites } from "./helpers/sites.ts";
import { send, type TestHost } from "./helpers/test-host.ts";

const { site } = useSites();
const TITLE = "Screening for Human Trafficking: Guidelines for Law Enforcement";

// The original, a re-saved copy of it (same words; a new cover line, producer and dates, so other
// bytes), and a decoy made from the same template and title with other words.
const original = await makePdf({ title: TITLE, seed: 7 });
const resaved = await makePdf({ title: TITLE, seed: 7, cover: "Revised 2024", producer: "Acrobat PDFMaker 24", creationDate: new Date("2024-05-02T09:00:00Z") });
const decoy = await makePdf({ title: TITLE, seed: 8 });

describe("reading PDFs with a real parser", () => {
  it("reads the title from object streams, UTF-16, and the XMP metadata alone; useless titles count as none", async () => {
    expect((await readPdfFacts(original))?.title).toBe(TITLE);
    expect((await readPdfFacts(await makePdf({ title: "Руководство по выявлению жертв торговли людьми", seed: 1 })))?.title).toBe("Руководство по выявлению жертв торговли людьми");
    expect((await readPdfFacts(await makePdf({ xmpTitle: "Only in XMP: Pocket Card", seed: 2 })))?.title).toBe("Only in XMP: Pocket Card");
    const word = await readPdfFacts(await makePdf({ title: "Microsoft Word - final_v3.docx", seed: 3 }));
    expect(word).toMatchObject({ title: undefined, pageCount: 3 });
    expect(word?.textFingerprint).toMatch(/^simhash64:[0-9a-f]{16}$/);
    for (const useless of ["untitled", "Untitled-1", "Document1", "final_v3.docx", "PowerPoint Presentation", "  ", "12345"]) expect(usefulTitle(useless), useless).toBeUndefined();
    expect(usefulTitle("Blue Campaign: Indicators of Human Trafficking")).toBe("Blue Campaign: Indicators of Human Trafficking");
  });

  it("reads the title of the project's own handout (pdf-lib puts it in an object stream)", async () => {
    const out = await testdir();
    const exported = await runCli("apps/exporter/src/main.ts", ["--out", out, "--date", "2026-11-30"]);
    expect(exported.code).toBe(0);
    const facts = await readPdfFacts(await readFile(join(out, "handout.pdf")));
    const data = JSON.parse(await readFile(join(REPO_ROOT, "data/resources.json"), "utf8")) as { title: string };
    expect(facts?.title).toBe(data.title);
    expect(facts?.pageCount).toBeGreaterThan(1);
  }, 60_000);

  it("tells a re-saved copy from a decoy of the same template by the text fingerprint", async () => {
    const [a, b, c] = await Promise.all([original, resaved, decoy].map(readPdfFacts));
    expect(Buffer.compare(Buffer.from(original), Buffer.from(resaved))).not.toBe(0);
    expect(fingerprintDistance(a!.textFingerprint!, b!.textFingerprint!)).toBeLessThanOrEqual(SAME_TEXT_DISTANCE);
    expect(fingerprintDistance(a!.textFingerprint!, c!.textFingerprint!)).toBeGreaterThan(OTHER_TEXT_DISTANCE);
    expect(textFingerprint("too few words to judge by")).toBeUndefined();
    expect(textFingerprint(seededText(1, 200))).toBe(textFingerprint(seededText(1, 200)));
  });
});

/** An old URL that now answers 404, and a sitemap listing the given documents. */
function movedSite(docs: Record<string, Uint8Array>, old: Uint8Array | undefined) {
  return (q: { url?: string | undefined }, s: Parameters<Parameters<typeof site>[0]>[1], h: TestHost) => {
    const path = q.url ?? "/";
    if (path === "/old/screening.pdf" && old) return send(s, 200, "application/pdf", Buffer.from(old));
    if (path === "/sitemap.xml") {
      const urls = Object.keys(docs).map((p) => `<url><loc>${h.url(p)}</loc></url>`);
      return send(s, 200, "application/xml", `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join("")}</urlset>`);
    }
    const doc = docs[path];
    return doc ? send(s, 200, "application/pdf", Buffer.from(doc)) : send(s, 404, "text/html", "<html><head><title>Not Found</title></head></html>");
  };
}

const dataFile = (url: string) => ({
  title: "T",
  sections: [{ id: "s", title: "S" }],
  resources: [{ id: "screening", title: TITLE, publisher: "P", description: "", url, format: "pdf", section: "s", audiences: ["law-enforcement"] }],
});

describe("moved documents found by their text", () => {
  it("resaved-copy: --write-fingerprints records the text; when the document is re-saved elsewhere it is found there, and the same-named decoy is not", async () => {
    // Week 1: the document is where the data says; the check records its fingerprints.
    let served: Uint8Array | undefined = original;
    let docs: Record<string, Uint8Array> = {};
    const h = await site((q, s, host) => movedSite(docs, served)(q, s, host));
    const dir = await testdir({ "data.json": JSON.stringify(dataFile(h.url("/old/screening.pdf")), null, 2) });
    const first = await runCli("apps/crawler/src/main.ts", ["--data", join(dir, "data.json"), "--out", join(dir, "out"), "--archive", "off", "--write-fingerprints"]);
    expect(first.code).toBe(0);
    expect(h.requests.filter((q) => q.path === "/old/screening.pdf")).toHaveLength(1); // still one request for a healthy link
    const report = Report.parse(JSON.parse(await readFile(join(dir, "out/report.json"), "utf8")));
    const data = JSON.parse(await readFile(join(dir, "data.json"), "utf8")) as { resources: Resource[] };
    const recorded = data.resources[0]!;
    expect(recorded.textFingerprint).toBe((await readPdfFacts(original))!.textFingerprint);
    expect(report.results[0]!.textFingerprint).toBe(recorded.textFingerprint);

    // Week 2: the old URL is gone; the re-saved copy and a decoy with the old file name are in the sitemap.
    served = undefined;
    docs = { "/2024/screening.pdf": decoy, "/2024/screening-human-trafficking-guidelines-law-enforcement.pdf": resaved };
    const week2 = await check([{ ...recorded }], { archiveEndpoint: null });
    const r = week2.results[0]!;
    expect(r).toMatchObject({ status: "moved", suggestedUrl: h.url("/2024/screening-human-trafficking-guidelines-law-enforcement.pdf") });
    expect(r.reason).toMatch(/same document found via sitemap\.xml \(same text as the recorded fingerprint \(\d of 64 fingerprint bits differ\), same PDF title\)$/);
    expect(r.candidates?.map((c) => c.url)).toEqual([h.url("/2024/screening.pdf")]);
    expect(r.candidates?.[0]?.evidence).toMatch(/different text from the recorded fingerprint/);
  });

  it("decoy-only: a same-named, same-titled document with other text stays a weak candidate and the resource broken", async () => {
    const h = await site(movedSite({ "/2024/screening.pdf": decoy }, undefined));
    const fingerprint = (await readPdfFacts(original))!.textFingerprint!;
    const report = await check([resource("screening", h.url("/old/screening.pdf"), "pdf", { title: TITLE, textFingerprint: fingerprint })]);
    const r = report.results[0]!;
    expect(r).toMatchObject({ status: "broken", suggestedUrl: null });
    expect(r.candidates).toEqual([
      expect.objectContaining({ url: h.url("/2024/screening.pdf"), score: 20, evidence: expect.stringContaining("same file name, same PDF title, different text from the recorded fingerprint") }),
    ]);
  });

  it("archived-text: without a fingerprint in the data, the last archived copy's text picks the re-saved copy out of two that look alike", async () => {
    const h = await site(movedSite({ "/2024/screening.pdf": decoy, "/2024/screening-human-trafficking-guidelines-law-enforcement.pdf": resaved }, undefined));
    const archive = await site((q, s) => {
      const path = new URL(q.url ?? "/", "http://x").pathname;
      if (path === "/cdx/search/cdx") return send(s, 200, "application/json", JSON.stringify([["timestamp", "original", "digest"], ["20190301000000", h.url("/old/screening.pdf"), "NOTTHESAMEBYTES"]]));
      if (path === `/web/20190301000000id_/${h.url("/old/screening.pdf")}`) return send(s, 200, "application/pdf", Buffer.from(original));
      return send(s, 404, "text/plain", "");
    }, "127.0.0.6");
    const without = await check([resource("screening", h.url("/old/screening.pdf"), "pdf", { title: TITLE })], { archiveEndpoint: null });
    // Both have the title, one also the old file name: equally strong, different bytes: ambiguous.
    expect(without.results[0]!.status).toBe("broken");
    const report = await check([resource("screening", h.url("/old/screening.pdf"), "pdf", { title: TITLE })], { archiveEndpoint: archive.url("/cdx/search/cdx") });
    const r = report.results[0]!;
    expect(r).toMatchObject({ status: "moved", suggestedUrl: h.url("/2024/screening-human-trafficking-guidelines-law-enforcement.pdf"), archivedUrl: null });
    expect(r.reason).toContain("same text as the web archive's last good copy");
  });

  it("recorded-copy-text: the archivedCopy in the data is the copy whose text decides, without asking the CDX API", async () => {
    const h = await site(movedSite({ "/2024/screening.pdf": decoy, "/2024/screening-human-trafficking-guidelines-law-enforcement.pdf": resaved }, undefined));
    const archive = await site((q, s) => {
      const path = new URL(q.url ?? "/", "http://x").pathname;
      if (path === `/web/20250301000000id_/${h.url("/old/screening.pdf")}`) return send(s, 200, "application/pdf", Buffer.from(original));
      return send(s, 404, "text/plain", "");
    }, "127.0.0.6");
    const archivedCopy = { url: `${archive.origin}/web/20250301000000/${h.url("/old/screening.pdf")}`, capturedAt: "2025-03-01T00:00:00Z" };
    const report = await check([resource("screening", h.url("/old/screening.pdf"), "pdf", { title: TITLE, archivedCopy })], { archiveEndpoint: archive.url("/cdx/search/cdx") });
    const r = report.results[0]!;
    expect(r).toMatchObject({ status: "moved", suggestedUrl: h.url("/2024/screening-human-trafficking-guidelines-law-enforcement.pdf") });
    expect(r.reason).toContain("same text as the web archive's last good copy");
    expect(archive.requests.map((q) => q.path.split("?")[0])).toEqual([`/web/20250301000000id_/${h.url("/old/screening.pdf")}`]);
  });

  it("recorded-copy-broken: a broken resource's archived copy is the one recorded in the data, even with the archive off", async () => {
    const h = await site(movedSite({}, undefined));
    const archivedCopy = { url: `https://web.archive.org/web/20250301000000/${h.url("/old/screening.pdf")}`, capturedAt: "2025-03-01T00:00:00Z" };
    const report = await check([resource("screening", h.url("/old/screening.pdf"), "pdf", { title: TITLE, archivedCopy })], { archiveEndpoint: null });
    expect(report.results[0]).toMatchObject({ status: "broken", archivedUrl: archivedCopy.url });
  });
});
