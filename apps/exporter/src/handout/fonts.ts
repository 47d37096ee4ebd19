// The handout's fonts: DejaVu Sans, embedded (subset), so text outside Latin-1 (Spanish, Russian,
// Greek…) renders. A character the font lacks is refused with the resource's name, not garbled.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";

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
