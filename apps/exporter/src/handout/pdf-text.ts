// A text string for the PDF's structure and annotations: a literal string when the text is plain
// printable ASCII (short, and cheap to write), otherwise UTF-16 (pdf-lib's hex string), so any
// language survives. Literal strings escape backslashes and parentheses, as PDF requires.
import { PDFHexString, PDFString } from "pdf-lib";

export function pdfText(text: string): PDFString | PDFHexString {
  if (/^[\x20-\x7e]*$/.test(text)) return PDFString.of(text.replace(/[\\()]/g, "\\$&"));
  return PDFHexString.fromText(text);
}
