// Line breaking for the handout, given a function that measures text. Pure.

export type Measure = (text: string) => number;

/** Breaks prose at spaces; a word wider than the line is broken where it must be. */
export function wrapText(text: string, width: number, measure: Measure): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ").filter((w) => w !== "");
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (measure(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line !== "") lines.push(line);
    if (measure(word) <= width) {
      line = word;
    } else {
      const pieces = breakAnywhere(word, width, measure);
      lines.push(...pieces.slice(0, -1));
      line = pieces.at(-1) ?? "";
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

/**
 * Breaks a URL where a reader cannot mistake the break for part of the address (the Chicago
 * Manual's rule): after a slash, ?, &, = or #; before a period, hyphen, underscore or tilde, so a
 * line never ends in a hyphen that looks like a word break. Anywhere only as a last resort.
 */
export function wrapUrl(url: string, width: number, measure: Measure): string[] {
  const parts = urlPieces(url);
  const lines: string[] = [];
  let line = "";
  for (const part of parts) {
    if (measure(line + part) <= width) {
      line += part;
      continue;
    }
    if (line !== "") lines.push(line);
    if (measure(part) <= width) line = part;
    else {
      const pieces = breakAnywhere(part, width, measure);
      lines.push(...pieces.slice(0, -1));
      line = pieces.at(-1) ?? "";
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

const BREAK_AFTER = new Set(["/", "?", "&", "=", "#"]);
const BREAK_BEFORE = new Set([".", "-", "_", "~"]);

/** The URL in pieces that may each start a line. */
export function urlPieces(url: string): string[] {
  const pieces: string[] = [];
  let piece = "";
  for (let i = 0; i < url.length; i++) {
    const ch = url[i]!;
    // Before ". - _ ~", unless the piece so far ends in one of them too (a run such as "--" stays whole).
    if (BREAK_BEFORE.has(ch) && piece !== "" && !BREAK_BEFORE.has(piece.at(-1)!) && !BREAK_AFTER.has(piece.at(-1)!)) {
      pieces.push(piece);
      piece = "";
    }
    piece += ch;
    // After "/ ? & = #", but a run of them ("//", "/?") stays whole.
    if (BREAK_AFTER.has(ch) && !BREAK_AFTER.has(url[i + 1] ?? "")) {
      pieces.push(piece);
      piece = "";
    }
  }
  if (piece !== "") pieces.push(piece);
  return pieces;
}

function breakAnywhere(text: string, width: number, measure: Measure): string[] {
  const out: string[] = [];
  let line = "";
  for (const ch of text) {
    if (line !== "" && measure(line + ch) > width) {
      out.push(line);
      line = "";
    }
    line += ch;
  }
  if (line !== "") out.push(line);
  return out;
}
