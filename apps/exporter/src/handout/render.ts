// Draws the laid-out handout with pdf-lib. Each page's content is written as one compact PDF
// content stream (text, rules and QR modules as plain operators), not as pdf-lib drawing calls:
// at 10,000 resources those calls built millions of operator objects and ran out of memory.
// Fonts are embedded (subset) through pdf-lib, links are URI annotations, metadata is set, and
// the same inputs give byte-identical files (all dates come from the input).
import { deflateSync } from "node:zlib";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, PDFName, PDFNumber, PDFStreamWriter, PDFString, type PDFFont, type PDFPage, type PDFRef } from "pdf-lib";
import { pdfText } from "./pdf-text.ts";
import type { FontFiles } from "./fonts.ts";
import { layoutHandout, type Color, type DrawOp, type FontName, type LayoutInput, type Tag } from "./layout.ts";
import { writeOutline } from "./outline.ts";
import { Tagging, type PageTagger } from "./tagging.ts";
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
}

/** A number as PDF wants it: short, no exponent. */
const n = (x: number) => (Math.round(x * 100) / 100).toString();

const SUBJECT = "Anti-human-trafficking training resources for law enforcement: a printable handout";
const CREATOR = "training-directory exporter";
const PRODUCER = "training-directory (pdf-lib)";

export async function renderHandout(input: HandoutInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const fonts: Record<FontName, PDFFont> = {
    regular: await doc.embedFont(input.fonts.regular, { subset: true }),
    bold: await doc.embedFont(input.fonts.bold, { subset: true }),
  };
  const paper = PAPER[input.paper];
  const layout = layoutHandout({ ...input, paper, measure: createMeasure(fonts) });
  const encode = createEncoder(fonts);
  const tagging = new Tagging(doc.context, layout.structure);
  const pageRefs: PDFRef[] = [];
  for (const pageLayout of layout.pages) {
    const page = doc.addPage([paper.width, paper.height]);
    pageRefs.push(page.ref);
    const keys: Record<FontName, PDFName> = {
      regular: page.node.newFontDictionary(fonts.regular.name, fonts.regular.ref),
      bold: page.node.newFontDictionary(fonts.bold.name, fonts.bold.ref),
    };
    const { key, tagger } = tagging.page(page.ref);
    page.node.set(PDFName.of("StructParents"), PDFNumber.of(key));
    // Tab through annotations in the order of the structure (PDF/UA).
    page.node.set(PDFName.of("Tabs"), PDFName.of("S"));
    const content: string[] = [];
    for (const op of pageLayout.ops) draw(doc, page, op, encode, keys, tagger, content);
    // A page's drawing operations are done with once drawn: let them go before the next page.
    pageLayout.ops = [];
    // Node's zlib rather than pdf-lib's JavaScript deflate: the same bytes every run, much faster.
    // Level 3: at 10,000 resources a tenth faster than the default for a file a seventh larger.
    const compressed = deflateSync(Buffer.from(content.join("\n"), "latin1"), { level: 3 });
    page.node.addContentStream(doc.context.register(doc.context.stream(compressed, { Filter: "FlateDecode" })));
  }

  // Tagged PDF (PDF/UA-1): structure tree, marked content, language, title shown, outline, XMP.
  const catalog = doc.catalog;
  catalog.set(PDFName.of("StructTreeRoot"), tagging.finish());
  catalog.set(PDFName.of("MarkInfo"), doc.context.obj({ Marked: true }));
  catalog.set(PDFName.of("Lang"), PDFString.of(input.language));
  const outline = writeOutline(doc.context, layout.outline, pageRefs);
  if (outline !== undefined) {
    catalog.set(PDFName.of("Outlines"), outline);
    catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
  }
  const xmp = xmpMetadata({ title: input.title, description: SUBJECT, language: input.language, date: input.date, producer: PRODUCER, creator: CREATOR });
  catalog.set(PDFName.of("Metadata"), doc.context.register(doc.context.stream(Buffer.from(xmp, "utf8"), { Type: "Metadata", Subtype: "XML" })));

  doc.setTitle(input.title, { showInWindowTitleBar: true });
  doc.setAuthor("training-directory");
  doc.setSubject(SUBJECT);
  doc.setKeywords(["human trafficking", "law enforcement", "training", "directory"]);
  doc.setLanguage(input.language);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  doc.setCreationDate(input.date);
  doc.setModificationDate(input.date);
  // What doc.save() does, with two of its settings changed for a large handout: it yields to the
  // event loop every 50 objects (a timer each: seconds idle at 100,000 objects), and compresses
  // every 50 objects as a stream of their own (a deflate set-up each). Nothing else waits on us.
  await doc.flush();
  return PDFStreamWriter.forContext(doc.context, Number.MAX_SAFE_INTEGER, true, 1000).serializeToBuffer();
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

function draw(doc: PDFDocument, page: PDFPage, op: DrawOp, encode: Encode, keys: Record<FontName, PDFName>, tagger: PageTagger, out: string[]): void {
  switch (op.kind) {
    case "text":
      out.push(`${tagger.open(op.tag)} BT ${keys[op.font].toString()} ${n(op.size)} Tf ${COLORS[op.color]} rg 1 0 0 1 ${n(op.x)} ${n(op.y)} Tm ${encode(op.text, op.font)} Tj ET EMC`);
      return;
    case "rule":
      out.push(`${tagger.open(op.tag)} q ${COLORS.rule} RG 0.6 w ${n(op.x)} ${n(op.y)} m ${n(op.x + op.width)} ${n(op.y)} l S Q EMC`);
      return;
    case "link":
      addLink(doc, page, op, tagger);
      return;
    case "qr": {
      const matrix = qrMatrix(op.url);
      const module = op.size / matrix.size;
      // In module units (one `cm`), each run of dark modules is a short "x y w 1 re".
      const rects = darkRuns(matrix).map((run) => `${run.x} ${matrix.size - run.y - 1} ${run.length} 1 re`);
      out.push(`${tagger.open(op.tag)} q ${n(module)} 0 0 ${n(module)} ${n(op.x)} ${n(op.y)} cm ${COLORS.text} rg ${rects.join(" ")} f Q EMC`);
      addLink(doc, page, { x: op.x, y: op.y, width: op.size, height: op.size, url: op.url, tag: op.tag }, tagger);
      return;
    }
    default: {
      const never: never = op;
      throw new Error(`unknown draw op ${JSON.stringify(never)}`);
    }
  }
}

/** A URI link annotation over a rectangle of the page, without a visible border, owned by its Link element. */
function addLink(doc: PDFDocument, page: PDFPage, link: { x: number; y: number; width: number; height: number; url: string; tag: Tag }, tagger: PageTagger): void {
  const annotation = doc.context.nextRef();
  const key = tagger.annotation(link.tag, annotation);
  doc.context.assign(
    annotation,
    doc.context.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [link.x, link.y, link.x + link.width, link.y + link.height],
      Border: [0, 0, 0],
      // What a screen reader says for the link (PDF/UA asks for it).
      Contents: pdfText(`Link to ${link.url}`),
      A: { Type: "Action", S: "URI", URI: PDFString.of(link.url) },
      ...(key !== undefined ? { StructParent: key } : {}),
    }),
  );
  page.node.addAnnot(annotation);
}
