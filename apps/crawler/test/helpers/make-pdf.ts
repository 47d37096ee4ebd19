// Real-world shapes of PDFs, made by the test itself with pdf-lib (which writes object streams, as
// most producers since PDF 1.5 do): a title in the information dictionary, in UTF-16, only in the
// XMP metadata, or a useless one; and text generated from a seed, so a "re-saved copy" has the
// same words in different bytes and a "decoy" the same template with other words.
import { PDFDocument, PDFName, StandardFonts } from "pdf-lib";

export interface PdfShape {
  /** Information dictionary title (pdf-lib writes a UTF-16 string when it needs one). */
  title?: string;
  /** A title given only in the XMP metadata stream (dc:title). */
  xmpTitle?: string;
  /** Seed of the generated text: the same seed gives the same words. */
  seed: number;
  pages?: number;
  /** Words changed on the cover, as a re-save with a new date does. */
  cover?: string;
  creationDate?: Date;
  producer?: string;
}

const WORDS =
  "officer victim trafficking labor sex screening indicators interview trauma shelter referral hotline evidence witness investigation prosecution identification immigration visa certification task force community outreach partner agency training protocol safety assessment recruitment debt bondage coercion fraud force minor exploitation venue truck stop massage parlor agriculture domestic servitude restaurant construction documents passport wages housing transport".split(
    " ",
  );

/** A seed from a name, so tests can say `makePdf({ seed: seedOf("2019 edition") })`. */
export function seedOf(name: string): number {
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return h % 100_000;
}

/** Deterministic words from a seed (a small linear congruential generator). */
export function seededText(seed: number, count: number): string {
  let state = seed >>> 0 || 1;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out.push(WORDS[state % WORDS.length]!);
  }
  return out.join(" ");
}

export async function makePdf(shape: PdfShape): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const pages = shape.pages ?? 3;
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([612, 792]);
    const words = (p === 0 && shape.cover ? `${shape.cover} ` : "") + seededText(shape.seed * 100 + p, 220);
    const lines = words.match(/(?:\S+\s*){1,12}/g) ?? [];
    lines.forEach((line, i) => page.drawText(line.trim(), { x: 50, y: 740 - i * 14, size: 10, font }));
  }
  if (shape.title !== undefined) doc.setTitle(shape.title);
  doc.setProducer(shape.producer ?? "pdf-lib (test)");
  doc.setCreationDate(shape.creationDate ?? new Date("2019-03-01T00:00:00Z"));
  doc.setModificationDate(shape.creationDate ?? new Date("2019-03-01T00:00:00Z"));
  if (shape.xmpTitle !== undefined) {
    const xmp = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${shape.xmpTitle}</rdf:li></rdf:Alt></dc:title></rdf:Description>
</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
    const stream = doc.context.stream(Buffer.from(xmp, "utf8"), { Type: "Metadata", Subtype: "XML" });
    doc.catalog.set(PDFName.of("Metadata"), doc.context.register(stream));
  }
  return doc.save({ useObjectStreams: true });
}
