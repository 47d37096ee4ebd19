// PDF object syntax for the objects the handout writes itself (pdf-writer.ts): references,
// numbers, names' dictionaries and arrays as text. Text strings are escaped by pdf-lib (pdf-text.ts).
import { pdfText } from "./pdf-text.ts";

export const ref = (num: number): string => `${num} 0 R`;

/** A number as PDF wants it: short, no exponent. */
export const num = (x: number): string => (Math.round(x * 100) / 100).toString();

export const array = (items: readonly string[]): string => `[${items.join(" ")}]`;

/** A text string (any language). */
export const text = (value: string): string => pdfText(value).toString();

/** A URI as the 7-bit ASCII a URI action holds: the URL parser percent-encodes anything else. */
export const uri = (url: string): string => pdfText(/^[\x20-\x7e]*$/.test(url) ? url : new URL(url).href).toString();

/** A dictionary from names to values already in PDF syntax; undefined values are left out. */
export function dict(entries: Record<string, string | undefined>): string {
  let out = "<<";
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out += ` /${key} ${value}`;
  return `${out} >>`;
}
