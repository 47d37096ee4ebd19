// The handout is written as it is drawn: the PDF writer's own rules (object streams, the
// cross-reference stream, numbers written once), and a large handout coming out page by page,
// read back whole by pdf.js and by pdf-lib.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { loadFontFiles } from "../src/handout/fonts.ts";
import { PdfWriter } from "../src/handout/pdf-writer.ts";
import { renderHandout } from "../src/handout/render.ts";
import { buildRows } from "../src/rows.ts";
import { tricky } from "./fixture.ts";
import { readPdf } from "./helpers.ts";

describe("PdfWriter", () => {
  it("packs small objects into object streams and finds every object through its cross-reference stream", async () => {
    const out = new PdfWriter();
    const pages = out.allocate();
    const page = out.allocate();
    const content = out.allocate();
    // More objects than one object stream holds, so there are two.
    const extras = Array.from({ length: 1200 }, () => out.allocate());
    extras.forEach((num, i) => out.object(num, `<< /Index ${i} /Note (object ${i}) >>`));
    out.stream(content, "", Buffer.from("0 0 1 rg 10 10 50 50 re f", "latin1"));
    out.object(page, `<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 100 100] /Contents ${content} 0 R >>`);
    out.object(pages, `<< /Type /Pages /Kids [${page} 0 R] /Count 1 >>`);
    const catalog = out.allocate();
    out.object(catalog, `<< /Type /Catalog /Pages ${pages} 0 R >>`);
    const info = out.allocate();
    out.object(info, "<< /Title (Written by PdfWriter) >>");
    out.finish({ root: catalog, info });
    const bytes = out.take();

    expect(bytes.subarray(0, 9).toString("latin1")).toBe("%PDF-1.7\n");
    expect(bytes.toString("latin1").match(/\/Type \/ObjStm/g)).toHaveLength(2);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe("Written by PdfWriter");
    for (const [i, num] of extras.entries()) {
      const object = doc.context.lookup(PDFRef.of(num), PDFDict);
      expect(object.get(PDFName.of("Index"))?.toString()).toBe(String(i));
    }
    const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
    expect(pdf.numPages).toBe(1);
    await pdf.destroy();
  });

  it("refuses a number allocated and never written, and one written twice", () => {
    const out = new PdfWriter();
    const a = out.allocate();
    out.allocate();
    out.object(a, "<< >>");
    expect(() => out.finish({ root: a, info: a })).toThrow(/object 2 was allocated but never written/);
    const twice = new PdfWriter();
    const b = twice.allocate();
    twice.stream(b, "", Buffer.from("x"));
    expect(() => twice.stream(b, "", Buffer.from("y"))).toThrow(/written twice/);
  });
});

describe("a large handout", () => {
  it("comes out page by page, and reads back whole: every page, link, outline item and structure element", async () => {
    const base = tricky.resources[0]!;
    const resources = Array.from({ length: 600 }, (_, i) => ({ ...base, id: `r${i}`, title: `Resource ${String(i).padStart(3, "0")}`, url: `https://example.org/doc-${i}.pdf`, section: i % 2 === 0 ? "guides" : "international" }));
    const directory = { ...tricky, resources };
    const rows = buildRows(directory, undefined);
    const sections = directory.sections.map((s) => ({ id: s.id, title: s.title, rows: rows.filter((r) => r.sectionId === s.id) }));
    const progress: number[] = [];
    const pieces: Uint8Array[] = [];
    for await (const piece of renderHandout({
      title: directory.title,
      dateLine: "Printed November 30, 2026",
      checkedLine: undefined,
      sections,
      paper: "letter",
      qr: true,
      date: new Date("2026-11-30T00:00:00Z"),
      fonts: await loadFontFiles(),
      language: "en-US",
      onProgress: (n) => progress.push(n),
    })) {
      pieces.push(piece);
    }
    const bytes = Buffer.concat(pieces);
    // One piece a page and a few at the end; most of the file is out before the end.
    const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
    expect(pieces.length).toBeGreaterThanOrEqual(pdf.numPages);
    const lastTwo = pieces.slice(-2).reduce((sum, p) => sum + p.length, 0);
    expect(lastTwo / bytes.length).toBeLessThan(0.5);
    expect(progress.at(-1)).toBe(600);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    expect(pdf.numPages).toBeGreaterThan(50);
    const last = await pdf.getPage(pdf.numPages);
    const lastText = (await last.getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join(" ");
    expect(lastText).toContain(`Page ${pdf.numPages} of ${pdf.numPages}`);
    let links = 0;
    for (let p = 1; p <= pdf.numPages; p++) links += (await (await pdf.getPage(p)).getAnnotations()).filter((a: { subtype: string }) => a.subtype === "Link").length;
    // Each resource: its address (one line here) and its QR code.
    expect(links).toBe(600 * 2);
    const outline = (await pdf.getOutline()) as { title: string; items: { title: string }[] }[];
    expect(outline.map((o) => [o.title, o.items.length])).toEqual([
      ["Guides and manuals", 300],
      ["International", 300],
    ]);
    expect(outline[1]!.items.at(-1)!.title).toBe("Resource 599");
    await pdf.destroy();

    // The structure tree: 600 titles (H3) under two sections, each element's parent recorded.
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const roles = new Map<string, number>();
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      if (object instanceof PDFRawStream || !(object instanceof PDFDict)) continue;
      if (object.get(PDFName.of("Type")) !== PDFName.of("StructElem")) continue;
      const role = object.get(PDFName.of("S"))!.toString();
      roles.set(role, (roles.get(role) ?? 0) + 1);
      expect(object.get(PDFName.of("P")), role).toBeDefined();
    }
    expect(roles.get("/H3")).toBe(600);
    expect(roles.get("/Sect")).toBe(2);
    expect(roles.get("/Figure")).toBe(600);
    expect(roles.get("/Document")).toBe(1);
  }, 60_000);

  it("with 80 sections and a description longer than a page: contents pages drawn last, every page read back, the long entry's text whole", async () => {
    const base = tricky.resources[0]!;
    const sections = Array.from({ length: 80 }, (_, i) => ({ id: `s${i}`, title: `Section ${i}` }));
    const words = Array.from({ length: 900 }, (_, i) => `word${i}`).join(" ");
    const resources = sections.map((s, i) => ({ ...base, id: `r${i}`, title: `Resource ${i}`, section: s.id, description: i === 3 ? words : base.description }));
    const directory = { ...tricky, sections, resources };
    const rows = buildRows(directory, undefined);
    const pieces: Uint8Array[] = [];
    for await (const piece of renderHandout({
      title: directory.title,
      dateLine: "Printed November 30, 2026",
      checkedLine: undefined,
      sections: sections.map((s) => ({ ...s, rows: rows.filter((r) => r.sectionId === s.id) })),
      paper: "letter",
      qr: true,
      date: new Date("2026-11-30T00:00:00Z"),
      fonts: await loadFontFiles(),
      language: "en-US",
    })) {
      pieces.push(piece);
    }
    const pdf = await readPdf(Buffer.concat(pieces));
    expect(pdf.pages[1]).toContain("Contents (continued)");
    const contents = pdf.pages.filter((p) => p.includes("Contents")).join(" ");
    for (const s of sections) expect(contents).toContain(s.title);
    // Every word of the long description, in order, across the pages it runs over.
    expect(pdf.pages.join(" ").match(/word\d+/g)?.join(" ")).toBe(words);
    expect(pdf.pages.every((p, i) => p.includes(`Page ${i + 1} of ${pdf.pages.length}`))).toBe(true);
  }, 60_000);
});
