// The handout as a tagged PDF, read back: the structure tree in reading order with the right roles
// (pdf.js), the link annotations owned by Link elements, QR codes as Figures with alternative text,
// artifacts for page furniture, the outline, and the catalog entries of PDF/UA-1. Where poppler's
// pdfinfo is installed, its reading of the structure is checked too.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { PDFDocument, PDFName } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { runInProcess, testdir } from "@td/testkit";
import { exportCommand } from "../src/export-command.ts";
import { buildRows } from "../src/rows.ts";
import { report, tricky } from "./fixture.ts";

interface StructNode {
  role?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/** A flat, readable form of the structure: role paths with the text each element holds, in order. */
interface Element {
  role: string;
  text: string;
  alt: string | undefined;
  children: Element[];
}

let bytes: Uint8Array;
let tree: Element;
let doc: Awaited<ReturnType<typeof getDocument>["promise"]>;
const directory = { ...tricky, language: "en-GB" };

beforeAll(async () => {
  const dir = await testdir({ "data.json": JSON.stringify(directory), "report.json": JSON.stringify(report) });
  const result = await runInProcess("export", exportCommand, ["--data", join(dir, "data.json"), "--report", join(dir, "report.json"), "--out", join(dir, "out"), "--date", "2026-11-30", "--format", "pdf"]);
  expect(result.code, result.stderr).toBe(0);
  bytes = await readFile(join(dir, "out/handout.pdf"));
  doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  // The text of each marked-content id on every page, then the pages' structure trees joined.
  const textById = new Map<string, string>();
  const roots: StructNode[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent({ includeMarkedContent: true });
    let current: string | undefined;
    for (const item of content.items as { type?: string; id?: string; str?: string }[]) {
      if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") current = item.id;
      else if (item.type === "endMarkedContent") current = undefined;
      else if (current !== undefined && item.str !== undefined) textById.set(current, `${textById.get(current) ?? ""}${item.str}`);
    }
    roots.push((await page.getStructTree()) as StructNode);
  }
  const convert = (node: StructNode): Element => {
    const children = (node.children ?? []).filter((c) => c.role !== undefined).map(convert);
    const text = (node.children ?? []).filter((c) => c.type === "content").map((c) => textById.get(c.id!) ?? "").join(" ");
    return { role: node.role!, text, alt: node.alt, children };
  };
  // pdf.js gives each page the part of the tree with content on it; the Document element's
  // children, merged in page order with repeated (continued) elements joined, are the whole.
  const merged: Element = { role: "Document", text: "", alt: undefined, children: [] };
  for (const root of roots) {
    const document = convert(root).children[0]!;
    for (const child of document.children) {
      const last = merged.children.at(-1);
      // A section that goes on from the previous page starts there without its heading.
      if (last?.role === "Sect" && child.role === "Sect" && child.children[0]?.role !== "H2") last.children.push(...child.children);
      else merged.children.push(child);
    }
  }
  tree = merged;
});

const find = (el: Element, role: string): Element[] => [...(el.role === role ? [el] : []), ...el.children.flatMap((c) => find(c, role))];

describe("the handout's structure", () => {
  it("reads the title, the contents and then each section in order", () => {
    const roles = tree.children.map((c) => c.role);
    expect(roles.slice(0, 5)).toEqual(["H1", "P", "P", "H2", "TOC"]);
    expect(tree.children[0]!.text.replace(/\s+/g, " ")).toBe(directory.title);
    expect(tree.children[3]!.text).toBe("Contents");
    const tocItems = tree.children[4]!.children;
    expect(tocItems.every((c) => c.role === "TOCI")).toBe(true);
    expect(tocItems.map((c) => c.text.split(" ")[0])).toEqual(["Guides", "International"]);
    const sections = tree.children.filter((c) => c.role === "Sect");
    expect(sections.map((s) => s.children[0]!.role)).toEqual(["H2", "H2"]);
  });

  it("gives every resource, in order, its title (H3), its lines (P), and its address as a Link holding the QR code as a Figure with alternative text", () => {
    const rows = buildRows(directory, report).filter((r) => r.sectionId !== "empty");
    // A resource is its H3 and what follows it up to the next H3, in its section.
    const entries = tree.children
      .filter((c) => c.role === "Sect")
      .flatMap((sect) => {
        const groups: Element[][] = [];
        for (const child of sect.children.slice(1)) {
          if (child.role === "H3") groups.push([child]);
          else groups.at(-1)!.push(child);
        }
        return groups;
      });
    expect(entries).toHaveLength(rows.length);
    entries.forEach((entry, i) => {
      const row = rows[i]!;
      expect(entry[0]!.text.replace(/\s+/g, "")).toBe(row.title.replace(/\s+/g, ""));
      expect(entry.filter((c) => c.role === "P").length).toBeGreaterThanOrEqual(1);
      const target = row.status === "broken" ? row.archivedUrl! : (row.suggestedUrl ?? row.url);
      const link = entry.find((c) => c.role === "Link")!;
      expect(link.text.replace(/\s+/g, "")).toBe(target);
      expect(link.children).toEqual([expect.objectContaining({ role: "Figure", alt: `QR code linking to ${target}` })]);
    });
  });

  it("makes every link annotation say where it goes and belong to a Link element; page furniture is an artifact", async () => {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const annotations = (await page.getAnnotations()) as { subtype: string; url?: string; structParent?: number; contentsObj?: { str: string } }[];
      for (const a of annotations.filter((x) => x.subtype === "Link")) {
        expect(a.contentsObj?.str).toBe(`Link to ${a.url}`);
        expect(a.structParent).toBeGreaterThanOrEqual(0);
      }
      const content = await page.getTextContent({ includeMarkedContent: true });
      const items = content.items as { type?: string; tag?: string; str?: string }[];
      const footer = items.findIndex((i) => i.str === `Page ${p} of ${doc.numPages}`);
      const opened = items.slice(0, footer).filter((i) => i.type === "beginMarkedContent" || i.type === "beginMarkedContentProps").at(-1);
      expect(opened?.tag).toBe("Artifact");
    }
  });

  it("has an outline: every section, and every resource beneath it", async () => {
    const outline = (await doc.getOutline()) as { title: string; items: { title: string }[] }[];
    const rows = buildRows(directory, report);
    expect(outline.map((o) => o.title)).toEqual(["Guides and manuals", "International"]);
    for (const section of outline) {
      const sectionId = directory.sections.find((s) => s.title === section.title)!.id;
      expect(section.items.map((i) => i.title)).toEqual(rows.filter((r) => r.sectionId === sectionId).map((r) => r.title));
    }
  });

  it("declares itself tagged, in the data's language, showing its title, with PDF/UA-1 in its XMP metadata and tab order by structure", async () => {
    expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
    const { info, metadata } = await doc.getMetadata();
    expect((info as { Language?: string }).Language).toBe("en-GB");
    expect(metadata?.get("pdfuaid:part")).toBe("1");
    expect(metadata?.get("dc:title")).toBe(directory.title);
    expect(await doc.getViewerPreferences()).toMatchObject({ DisplayDocTitle: true });
    const raw = await PDFDocument.load(bytes, { updateMetadata: false });
    for (const page of raw.getPages()) expect(page.node.get(PDFName.of("Tabs"))).toBe(PDFName.of("S"));
    expect(raw.catalog.get(PDFName.of("PageMode"))).toBe(PDFName.of("UseOutlines"));
  });
});

const pdfinfo = "/usr/bin/pdfinfo";
describe.skipIf(!existsSync(pdfinfo))(`pdfinfo -struct-text (poppler)${existsSync(pdfinfo) ? "" : " (skipped: pdfinfo is not installed)"}`, () => {
  it("reads the same structure: the title as H1, each resource title as H3, QR codes as Figures", async () => {
    const dir = await testdir({ "handout.pdf": bytes });
    const { stdout } = await promisify(execFile)(pdfinfo, ["-struct-text", join(dir, "handout.pdf")]);
    expect(stdout.startsWith("Document\n  H1 (block)\n")).toBe(true);
    expect(stdout.match(/H3 \(block\)/g)).toHaveLength(tricky.resources.length);
    expect(stdout).toMatch(/H3 \(block\)\n\s+"Guía de identificación de víctimas de trata"/);
    expect(stdout).toMatch(/H3 \(block\)\n\s+"Руководство по борьбе с торговлей людьми"/);
    expect(stdout).toContain("Figure");
    expect(stdout).toMatch(/Link \(inline\)\n\s+"https:\/\/example\.org\/files\/2024\/card\.pdf"\n\s+Object \d+ 0\n\s+Figure/);
  });
});
