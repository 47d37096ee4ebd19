// Draws the handout page by page as the layout gives the pages, and writes each page's objects
// as soon as it is drawn (pdf-writer.ts), so memory does not grow with the directory: a page's
// content is one compact content stream (text, rules and QR modules as plain PDF operators), links
// are URI annotations, and the structure tree and outline are written as they complete. What only
// the end knows comes last: the contents pages (their list needs every section's page), each
// page's footer ("Page n of N", a small stream of its own), the fonts (subset by pdf-lib to the
// glyphs used), the catalog. The same inputs give byte-identical files (all dates come from the input).
import { deflateSync } from "node:zlib";
import fontkit from "@pdf-lib/fontkit";
import { CustomFontSubsetEmbedder, PDFContext, PDFRef } from "pdf-lib";
import type { FontFiles } from "./fonts.ts";
import { footerOp, layoutHandout, type Color, type DrawOp, type FontName, type LayoutInput, type PageLayout, type Tag } from "./layout.ts";
import { OutlineWriter } from "./outline.ts";
import { array, dict, num as n, ref, text, uri } from "./pdf-syntax.ts";
import { PdfWriter } from "./pdf-writer.ts";
import { openArtifact, Tagging, type PageTagger } from "./tagging.ts";
import { xmpMetadata } from "./xmp.ts";
import { darkRuns, qrMatrix } from "./qr.ts";

export const PAPER = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
} as const;
export type Paper = keyof typeof PAPER;

const COLORS: Record<Color, string> = {
  text: "0.1 0.1 0.12",
  muted: "0.38 0.38 0.42",
  link: "0.05 0.27 0.62",
  alert: "0.7 0.1 0.1",
  good: "0.1 0.45 0.2",
  rule: "0.6 0.6 0.64",
};

export interface HandoutInput extends Omit<LayoutInput, "measure" | "paper"> {
  paper: Paper;
  date: Date;
  fonts: FontFiles;
  /** BCP 47, for the catalog's /Lang and the XMP metadata. */
  language: string;
  /** Called after each page with the resources drawn so far. */
  onProgress?: (resources: number) => void;
}

type Fonts = Record<FontName, CustomFontSubsetEmbedder>;
const FONT_KEYS: Record<FontName, string> = { regular: "/F1", bold: "/F2" };

const SUBJECT = "Anti-human-trafficking training resources for law enforcement: a printable handout";
const CREATOR = "training-directory exporter";
const PRODUCER = "training-directory (pdf-lib)";

/** The handout's bytes, in pieces as they are made (about a page each): write them in order. */
export async function* renderHandout(input: HandoutInput): AsyncGenerator<Uint8Array, void, undefined> {
  const out = new PdfWriter();
  const fonts: Fonts = {
    regular: await CustomFontSubsetEmbedder.for(fontkit, input.fonts.regular),
    bold: await CustomFontSubsetEmbedder.for(fontkit, input.fonts.bold),
  };
  const fontNums: Record<FontName, number> = { regular: out.allocate(), bold: out.allocate() };
  const paper = PAPER[input.paper];
  const measure = createMeasure(fonts);
  const pages = out.allocate();
  const page = {
    parent: ref(pages),
    mediaBox: array(["0", "0", n(paper.width), n(paper.height)]),
    resources: dict({ Font: dict({ F1: ref(fontNums.regular), F2: ref(fontNums.bold) }) }),
  };
  const painter = new Painter(out, createEncoder(fonts), new Tagging(out), page);
  const outline = new OutlineWriter(out);
  const pageNums: number[] = [];
  const footerNums: number[] = [];
  /** The contents pages, drawn last: their contents list needs the page of every section. */
  const deferred = new Map<number, { layout: PageLayout; num: number; footer: number }>();
  let drawn = 0;

  const layout = layoutHandout({ ...input, paper, measure });
  let step = layout.next();
  for (; !step.done; step = layout.next()) {
    const pageLayout = step.value;
    const num = out.allocate();
    const footer = out.allocate();
    pageNums.push(num);
    footerNums.push(footer);
    for (const item of pageLayout.outline) outline.add(item, num);
    drawn += pageLayout.outline.filter((i) => i.level === 1).length;
    if (pageLayout.contentsAt !== undefined) deferred.set(pageLayout.number, { layout: pageLayout, num, footer });
    else painter.page(pageLayout.ops, num, footer);
    input.onProgress?.(drawn);
    yield out.take();
  }
  const end = step.value;
  if (!deferred.has(1)) throw new Error("the layout gave no first page");
  for (const { page: number, ops } of end.contents) {
    const at = deferred.get(number)!;
    at.layout.ops.splice(at.layout.contentsAt ?? 0, 0, ...ops);
    painter.page(at.layout.ops, at.num, at.footer);
  }
  footerNums.forEach((footer, i) => painter.footer(footer, footerOp(i + 1, end.pageCount, { paper, measure })));
  yield out.take();

  // Tagged PDF (PDF/UA-1): structure tree, marked content, language, title shown, outline, XMP.
  painter.tagging.finish();
  const outlineRoot = outline.finish();
  out.object(pages, dict({ Type: "/Pages", Kids: array(pageNums.map(ref)), Count: String(pageNums.length) }));
  await writeFonts(out, fonts, fontNums);
  const xmp = xmpMetadata({ title: input.title, description: SUBJECT, language: input.language, date: input.date, producer: PRODUCER, creator: CREATOR });
  const metadata = out.allocate();
  out.stream(metadata, " /Type /Metadata /Subtype /XML", Buffer.from(xmp, "utf8"));
  const date = text(pdfDate(input.date));
  const info = out.allocate();
  out.object(
    info,
    dict({
      Title: text(input.title),
      Author: text("training-directory"),
      Subject: text(SUBJECT),
      Keywords: text(["human trafficking", "law enforcement", "training", "directory"].join(" ")),
      Creator: text(CREATOR),
      Producer: text(PRODUCER),
      CreationDate: date,
      ModDate: date,
    }),
  );
  const catalog = out.allocate();
  out.object(
    catalog,
    dict({
      Type: "/Catalog",
      Pages: ref(pages),
      StructTreeRoot: ref(painter.tagging.root),
      MarkInfo: dict({ Marked: "true" }),
      Lang: text(input.language),
      Outlines: outlineRoot === undefined ? undefined : ref(outlineRoot),
      PageMode: outlineRoot === undefined ? undefined : "/UseOutlines",
      Metadata: ref(metadata),
      ViewerPreferences: dict({ DisplayDocTitle: "true" }),
    }),
  );
  out.finish({ root: catalog, info });
  yield out.take();
}

/** The whole handout as one buffer (small directories, tests). */
export async function renderHandoutBytes(input: HandoutInput): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  for await (const piece of renderHandout(input)) pieces.push(piece);
  return Buffer.concat(pieces);
}

/** pdf-lib embeds the fonts, subset to the glyphs drawn, under the numbers the pages refer to. */
async function writeFonts(out: PdfWriter, fonts: Fonts, nums: Record<FontName, number>): Promise<void> {
  const context = PDFContext.create();
  context.largestObjectNumber = out.lastNumber;
  for (const name of ["regular", "bold"] as const) await fonts[name].embedIntoContext(context, PDFRef.of(nums[name]));
  out.lastNumber = context.largestObjectNumber;
  for (const [objectRef, object] of context.enumerateIndirectObjects()) {
    const bytes = new Uint8Array(object.sizeInBytes());
    object.copyBytesInto(bytes, 0);
    out.raw(objectRef.objectNumber, bytes);
  }
}

/** A PDF date, D:YYYYMMDDHHmmSSZ, in UTC. */
function pdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;
}

/** Draws pages: their content streams, link annotations and page objects, tagged as it goes. */
class Painter {
  constructor(
    private readonly out: PdfWriter,
    private readonly encode: Encode,
    readonly tagging: Tagging,
    private readonly shared: { parent: string; mediaBox: string; resources: string },
  ) {}

  page(ops: readonly DrawOp[], num: number, footer: number): void {
    const tagger = this.tagging.page(num);
    const annots: number[] = [];
    const content: string[] = [];
    for (const op of ops) this.draw(op, tagger, content, annots, num);
    tagger.end();
    const contents = this.out.allocate();
    this.out.stream(contents, " /Filter /FlateDecode", deflate(content));
    this.out.object(
      num,
      dict({
        Type: "/Page",
        Parent: this.shared.parent,
        MediaBox: this.shared.mediaBox,
        Resources: this.shared.resources,
        Contents: array([ref(contents), ref(footer)]),
        Annots: annots.length > 0 ? array(annots.map(ref)) : undefined,
        StructParents: String(tagger.key),
        // Tab through annotations in the order of the structure (PDF/UA).
        Tabs: "/S",
      }),
    );
  }

  /** A page's footer: a content stream of its own, written once the number of pages is known. */
  footer(num: number, op: DrawOp): void {
    const content: string[] = [];
    const artifactsOnly: PageTagger = {
      key: -1,
      open: (tag) => ("artifact" in tag ? openArtifact(tag.artifact) : fail("a footer is page furniture, not content")),
      annotation: () => undefined,
      end: () => undefined,
    };
    this.draw(op, artifactsOnly, content, [], 0);
    this.out.stream(num, " /Filter /FlateDecode", deflate(content));
  }

  private draw(op: DrawOp, tagger: PageTagger, out: string[], annots: number[], page: number): void {
    switch (op.kind) {
      case "text":
        out.push(`${tagger.open(op.tag)} BT ${FONT_KEYS[op.font]} ${n(op.size)} Tf ${COLORS[op.color]} rg 1 0 0 1 ${n(op.x)} ${n(op.y)} Tm ${this.encode(op.text, op.font)} Tj ET EMC`);
        return;
      case "rule":
        out.push(`${tagger.open(op.tag)} q ${COLORS.rule} RG 0.6 w ${n(op.x)} ${n(op.y)} m ${n(op.x + op.width)} ${n(op.y)} l S Q EMC`);
        return;
      case "link":
        annots.push(this.link(op, tagger, page));
        return;
      case "qr": {
        const matrix = qrMatrix(op.url);
        const module = op.size / matrix.size;
        // In module units (one `cm`), each run of dark modules is a short "x y w 1 re".
        const rects = darkRuns(matrix).map((run) => `${run.x} ${matrix.size - run.y - 1} ${run.length} 1 re`);
        out.push(`${tagger.open(op.tag)} q ${n(module)} 0 0 ${n(module)} ${n(op.x)} ${n(op.y)} cm ${COLORS.text} rg ${rects.join(" ")} f Q EMC`);
        annots.push(this.link({ x: op.x, y: op.y, width: op.size, height: op.size, url: op.url, tag: op.tag }, tagger, page));
        return;
      }
      default: {
        const never: never = op;
        throw new Error(`unknown draw op ${JSON.stringify(never)}`);
      }
    }
  }

  /** A URI link annotation over a rectangle of the page, without a visible border, owned by its Link element. */
  private link(link: { x: number; y: number; width: number; height: number; url: string; tag: Tag }, tagger: PageTagger, page: number): number {
    const annotation = this.out.allocate();
    const key = tagger.annotation(link.tag, annotation);
    this.out.object(
      annotation,
      dict({
        Type: "/Annot",
        Subtype: "/Link",
        Rect: array([n(link.x), n(link.y), n(link.x + link.width), n(link.y + link.height)]),
        Border: "[0 0 0]",
        P: ref(page),
        // What a screen reader says for the link (PDF/UA asks for it).
        Contents: text(`Link to ${link.url}`),
        A: dict({ Type: "/Action", S: "/URI", URI: uri(link.url) }),
        StructParent: key === undefined ? undefined : String(key),
      }),
    );
    return annotation;
  }
}

/** Node's zlib: the same bytes every run, and fast. Level 3: at 10,000 resources a tenth faster than the default for a file a seventh larger. */
const deflate = (lines: readonly string[]) => deflateSync(Buffer.from(lines.join("\n"), "latin1"), { level: 3 });

function fail(message: string): never {
  throw new Error(message);
}

/**
 * Text width from per-character advances, cached: laying out whole strings with fontkit for every
 * candidate line was the export's main cost. Kerning is left out, so lines come out a hair shorter.
 */
function createMeasure(fonts: Fonts): LayoutInput["measure"] {
  const widths: Record<FontName, Map<string, number>> = { regular: new Map(), bold: new Map() };
  return (text, font, size) => {
    const table = widths[font];
    let total = 0;
    for (const ch of text) {
      let w = table.get(ch);
      if (w === undefined) {
        w = fonts[font].widthOfTextAtSize(ch, 1000);
        table.set(ch, w);
      }
      total += w;
    }
    return (total * size) / 1000;
  };
}

/**
 * Glyph codes of text, one character at a time and cached (the subset font records each glyph the
 * first time). Shaping whole strings cost more than everything else; per character the text has
 * no ligatures or kerning, which the handout's Latin, Greek and Cyrillic text does not need.
 * The codes are written as a literal string of raw bytes, half the size of hex: the content
 * streams are the bulk of what is compressed, and compressing them was the export's largest cost.
 */
function createEncoder(fonts: Fonts): (text: string, font: FontName) => string {
  const codes: Record<FontName, Map<string, string>> = { regular: new Map(), bold: new Map() };
  return (text, font) => {
    const table = codes[font];
    let bytes = "";
    for (const ch of text) {
      let code = table.get(ch);
      if (code === undefined) {
        code = literalBytes(fonts[font].encodeText(ch).toString().slice(1, -1));
        table.set(ch, code);
      }
      bytes += code;
    }
    return `(${bytes})`;
  };
}

/** Hex digits as the bytes of a PDF literal string, escaping what a literal string must. */
function literalBytes(hex: string): string {
  let out = "";
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const byte = parseInt(hex.slice(i, i + 2), 16);
    const ch = String.fromCharCode(byte);
    out += ch === "(" || ch === ")" || ch === "\\" ? `\\${ch}` : byte === 0x0d ? "\\r" : byte === 0x0a ? "\\n" : ch;
  }
  return out;
}

type Encode = ReturnType<typeof createEncoder>;
