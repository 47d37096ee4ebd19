// Reading a PDF back for tests: text per page, link annotations and metadata (pdf.js).
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface ReadPdf {
  pages: string[];
  links: string[];
  info: Record<string, unknown>;
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  const links: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join("\n"));
    for (const annotation of await page.getAnnotations()) if (annotation.subtype === "Link" && annotation.url) links.push(annotation.url as string);
  }
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return { pages, links, info: info as Record<string, unknown> };
}
