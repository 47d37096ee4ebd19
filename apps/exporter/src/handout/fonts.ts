// The handout's fonts: DejaVu Sans, embedded (subset), so text outside Latin-1 (Spanish, Russian,
// Greek…) renders. A character the font lacks is refused with the resource's name, not garbled.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import type { Directory } from "@td/schema";
import type { ExportRow } from "../rows.ts";

const require = createRequire(import.meta.url);

export interface FontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
}

export async function loadFontFiles(): Promise<FontFiles> {
  const [regular, bold] = await Promise.all([
    readFile(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")),
    readFile(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")),
  ]);
  return { regular, bold };
}

export interface GlyphChecker {
  /** Characters of `text` the font has no glyph for (each once). */
  missing(text: string): string[];
}

/**
 * Checks text against a font parsed once, remembering each code point's answer: the export
 * checks every field of every resource, and parsing the font per field cost minutes at 10,000.
 */
export function createGlyphChecker(fontBytes: Uint8Array): GlyphChecker {
  const font = fontkit.create(Buffer.from(fontBytes)) as unknown as { hasGlyphForCodePoint(cp: number): boolean };
  const known = new Map<number, boolean>();
  return {
    missing(text) {
      const missing = new Set<string>();
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (cp < 0x20 || cp === 0x7f) continue; // control characters are turned into spaces before drawing
        let has = known.get(cp);
        if (has === undefined) known.set(cp, (has = font.hasGlyphForCodePoint(cp)));
        if (!has) missing.add(ch);
      }
      return [...missing];
    },
  };
}

export function describeCharacter(ch: string): string {
  return `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`;
}

/** Where the handout's fonts lack a character of the text they would draw, one line per field. */
export function findUnrenderable(directory: Directory, rows: readonly ExportRow[], fonts: FontFiles): string[] {
  const problems: string[] = [];
  const regular = createGlyphChecker(fonts.regular);
  const bold = createGlyphChecker(fonts.bold);
  const check = (where: string, text: string, font: GlyphChecker) => {
    const missing = font.missing(text);
    if (missing.length > 0) problems.push(`${where}: the handout font cannot render ${missing.map(describeCharacter).join(", ")}`);
  };
  check("title", directory.title, bold);
  for (const s of directory.sections) check(`section "${s.id}" title`, s.title, bold);
  for (const r of rows) {
    check(`resource "${r.id}" title`, r.title, bold);
    for (const [field, text] of [["publisher", r.publisher], ["description", r.description], ["size", r.size]] as const) check(`resource "${r.id}" ${field}`, text, regular);
  }
  return problems;
}
