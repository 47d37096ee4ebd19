// What a PDF says about itself, read with a real parser (pdf.js): its title wherever it sits (the
// information dictionary in an object stream, a UTF-16 string, an incremental update, or only
// the XMP metadata's dc:title), its page count, and a fingerprint of the text of its first pages.
// pdf.js is loaded only when a PDF is read, so runs that read none never pay for it.
import pLimit from "p-limit";
import { textFingerprint } from "./text-fingerprint.ts";

export interface PdfFacts {
  /** A title worth comparing: file names, "Microsoft Word - …" and "untitled" count as none. */
  title: string | undefined;
  pageCount: number;
  /** Of the first TEXT_PAGES pages; undefined when they hold too little text. */
  textFingerprint: string | undefined;
}

export const TEXT_PAGES = 5;
/** A document is kept whole up to this size to be read as a PDF; larger ones are only hashed. */
export const MAX_PARSED_PDF_BYTES = 32 * 1024 * 1024;
/** A PDF that takes longer than this to read is left unread (a crafted file must not stall a run). */
const READ_DEADLINE_MS = 15_000;

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjs: Promise<PdfJs> | undefined;
let worker: InstanceType<PdfJs["PDFWorker"]> | undefined;

// pdf.js runs in this thread, so reading two PDFs at once is no faster, only bigger: one at a time.
const oneAtATime = pLimit(1);

/** The facts of a whole PDF file, or undefined when it cannot be read as one. */
export function readPdfFacts(bytes: Uint8Array): Promise<PdfFacts | undefined> {
  return oneAtATime(() => read(bytes));
}

async function read(bytes: Uint8Array): Promise<PdfFacts | undefined> {
  pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  const { getDocument, PDFWorker } = await pdfjs;
  // One (in-thread) worker for every document of the run: a worker per document leaks its set-up.
  worker ??= new PDFWorker({ verbosity: 0 });
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, stopAtErrors: false, verbosity: 0, worker });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), READ_DEADLINE_MS);
  });
  try {
    return await Promise.race([readFacts(await task.promise), deadline]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => {});
  }
}

async function readFacts(doc: Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>): Promise<PdfFacts> {
  const { info, metadata } = await doc.getMetadata().catch(() => ({ info: {}, metadata: null }));
  const xmpTitle: unknown = metadata?.get("dc:title");
  const infoTitle: unknown = (info as { Title?: unknown }).Title;
  const title = [xmpTitle, infoTitle].map((t) => (typeof t === "string" ? usefulTitle(t) : undefined)).find((t) => t !== undefined);
  const parts: string[] = [];
  for (let n = 1; n <= Math.min(doc.numPages, TEXT_PAGES); n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ disableNormalization: true });
    for (const item of content.items) if ("str" in item) parts.push(item.str);
    page.cleanup();
  }
  return { title, pageCount: doc.numPages, textFingerprint: textFingerprint(parts.join(" ")) };
}

const USELESS = [
  /^microsoft (?:word|powerpoint|excel) - /i,
  /^(?:untitled|document|presentation|powerpoint presentation|slide|title|no title|none|null)(?:[\s_-]*\d+)?$/i,
  /\.(?:docx?|pptx?|xlsx?|pdf|indd|rtf|odt|pages|qxp|tex|dvi|ps|txt|html?)$/i,
  /^[\w-]+\.\w{2,4}$/, // a bare file name
  /^[^\p{L}]*$/u, // no letters at all
];

/** The title, unless it says nothing about the document. */
export function usefulTitle(raw: string): string | undefined {
  const title = raw.replace(/\s+/g, " ").trim();
  if (title.length < 3 || USELESS.some((p) => p.test(title))) return undefined;
  return title;
}
