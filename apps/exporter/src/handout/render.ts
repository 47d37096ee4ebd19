// Draws the laid-out handout with pdf-lib. Each page's content is written as one compact PDF
// content stream (text, rules and QR modules as plain operators), not as pdf-lib drawing calls:
// at 10,000 resources those calls built millions of operator objects and ran out of memory.
// Fonts are embedded (subset) through pdf-lib, links are URI annotations, metadata is set, and
// the same inputs give byte-identical files (all dates come from the input).
import { deflateSync } from "node:zlib";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, PDFString, type PDFFont, type PDFName, type PDFPage } from "pdf-lib";
import type { FontFiles } from "./fonts.ts";
import { layoutHandout, type Color, type DrawOp, type FontName, type LayoutInput } from "./layout.ts";
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
}

/** A number as PDF wants it: short, no exponent. */
const n = (x: number) => (Math.round(x * 100) / 100).toString();

export async function renderHandout(input: HandoutInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const fonts: Record<FontName, PDFFont> = {
    regular: await doc.embedFont(input.fonts.regular, { subset: true }),
    bold: await doc.embedFont(input.fonts.bold, { subset: true }),
  };
  const paper = PAPER[input.paper];
  const { pages } = layoutHandout({ ...input, paper, measure: createMeasure(fonts) });
  const encode = createEncoder(fonts);
  for (const layout of pages) {
    const page = doc.addPage([paper.width, paper.height]);
    const keys: Record<FontName, PDFName> = {
      regular: page.node.newFontDictionary(fonts.regular.name, fonts.regular.ref),
      bold: page.node.newFontDictionary(fonts.bold.name, fonts.bold.ref),
    };
    const content: string[] = [];
    for (const op of layout.ops) draw(doc, page, op, encode, keys, content);
    // A page's drawing operations are done with once drawn: let them go before the next page.
    layout.ops = [];
    // Node's zlib rather than pdf-lib's JavaScript deflate: the same bytes every run, much faster.
    const compressed = deflateSync(Buffer.from(content.join("\n"), "latin1"));
    page.node.addContentStream(doc.context.register(doc.context.stream(compressed, { Filter: "FlateDecode" })));
  }
  doc.setTitle(input.title, { showInWindowTitleBar: true });
  doc.setAuthor("training-directory");
  doc.setSubject("Anti-human-trafficking training resources for law enforcement: a printable handout");
  doc.setKeywords(["human trafficking", "law enforcement", "training", "directory"]);
  doc.setLanguage("en-US");
  doc.setCreator("training-directory exporter");
  doc.setProducer("training-directory (pdf-lib)");
  doc.setCreationDate(input.date);
  doc.setModificationDate(input.date);
  return doc.save({ useObjectStreams: true });
}

/**
 * Text width from per-character advances, cached: laying out whole strings with fontkit for every
 * candidate line was the export's main cost. Kerning is left out, so lines come out a hair shorter.
 */
function createMeasure(fonts: Record<FontName, PDFFont>): LayoutInput["measure"] {
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
function createEncoder(fonts: Record<FontName, PDFFont>): (text: string, font: FontName) => string {
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

function draw(doc: PDFDocument, page: PDFPage, op: DrawOp, encode: Encode, keys: Record<FontName, PDFName>, out: string[]): void {
  switch (op.kind) {
    case "text":
      out.push(`BT ${keys[op.font].toString()} ${n(op.size)} Tf ${COLORS[op.color]} rg 1 0 0 1 ${n(op.x)} ${n(op.y)} Tm ${encode(op.text, op.font)} Tj ET`);
      return;
    case "rule":
      out.push(`q ${COLORS.rule} RG 0.6 w ${n(op.x)} ${n(op.y)} m ${n(op.x + op.width)} ${n(op.y)} l S Q`);
      return;
    case "link":
      addLink(doc, page, op);
      return;
    case "qr": {
      const matrix = qrMatrix(op.url);
      const module = op.size / matrix.size;
      // In module units (one `cm`), each run of dark modules is a short "x y w 1 re".
      const rects = darkRuns(matrix).map((run) => `${run.x} ${matrix.size - run.y - 1} ${run.length} 1 re`);
      out.push(`q ${n(module)} 0 0 ${n(module)} ${n(op.x)} ${n(op.y)} cm ${COLORS.text} rg ${rects.join(" ")} f Q`);
      addLink(doc, page, { x: op.x, y: op.y, width: op.size, height: op.size, url: op.url });
      return;
    }
    default: {
      const never: never = op;
      throw new Error(`unknown draw op ${JSON.stringify(never)}`);
    }
  }
}

/** A URI link annotation over a rectangle of the page, without a visible border. */
function addLink(doc: PDFDocument, page: PDFPage, link: { x: number; y: number; width: number; height: number; url: string }): void {
  const annotation = doc.context.register(
    doc.context.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [link.x, link.y, link.x + link.width, link.y + link.height],
      Border: [0, 0, 0],
      A: { Type: "Action", S: "URI", URI: PDFString.of(link.url) },
    }),
  );
  page.node.addAnnot(annotation);
}
