// Draws the laid-out handout with pdf-lib: embedded fonts, link annotations, vector QR codes,
// document metadata. The same inputs give byte-identical files (all dates come from the input).
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, PDFString, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { FontFiles } from "./fonts.ts";
import { layoutHandout, type Color, type DrawOp, type FontName, type LayoutInput } from "./layout.ts";
import { darkRuns, qrMatrix } from "./qr.ts";

export const PAPER = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
} as const;
export type Paper = keyof typeof PAPER;

const COLORS: Record<Color, ReturnType<typeof rgb>> = {
  text: rgb(0.1, 0.1, 0.12),
  muted: rgb(0.38, 0.38, 0.42),
  link: rgb(0.05, 0.27, 0.62),
  alert: rgb(0.7, 0.1, 0.1),
  good: rgb(0.1, 0.45, 0.2),
  rule: rgb(0.6, 0.6, 0.64),
};

export interface HandoutInput extends Omit<LayoutInput, "measure" | "paper"> {
  paper: Paper;
  date: Date;
  fonts: FontFiles;
}

export async function renderHandout(input: HandoutInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const fonts: Record<FontName, PDFFont> = {
    regular: await doc.embedFont(input.fonts.regular, { subset: true }),
    bold: await doc.embedFont(input.fonts.bold, { subset: true }),
  };
  const paper = PAPER[input.paper];
  const { pages } = layoutHandout({ ...input, paper, measure: (text, font, size) => fonts[font].widthOfTextAtSize(text, size) });
  const qrCache: QrCache = new Map();
  for (const layout of pages) {
    const page = doc.addPage([paper.width, paper.height]);
    for (const op of layout.ops) draw(doc, page, op, fonts, qrCache);
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

type QrCache = Map<string, { size: number; runs: ReturnType<typeof darkRuns> }>;

function draw(doc: PDFDocument, page: PDFPage, op: DrawOp, fonts: Record<FontName, PDFFont>, qrCache: QrCache): void {
  switch (op.kind) {
    case "text":
      page.drawText(op.text, { x: op.x, y: op.y, size: op.size, font: fonts[op.font], color: COLORS[op.color] });
      return;
    case "rule":
      page.drawLine({ start: { x: op.x, y: op.y }, end: { x: op.x + op.width, y: op.y }, thickness: 0.6, color: COLORS.rule });
      return;
    case "link":
      addLink(doc, page, op);
      return;
    case "qr": {
      let qr = qrCache.get(op.url);
      if (qr === undefined) {
        const matrix = qrMatrix(op.url);
        qr = { size: matrix.size, runs: darkRuns(matrix) };
        qrCache.set(op.url, qr);
      }
      const { runs } = qr;
      const module = op.size / qr.size;
      for (const run of runs) {
        page.drawRectangle({
          x: op.x + run.x * module,
          y: op.y + op.size - (run.y + 1) * module,
          width: run.length * module,
          height: module,
          color: COLORS.text,
        });
      }
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
