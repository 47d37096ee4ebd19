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

/** Breaks a URL after / ? & = - _ . or #, where a reader expects it; anywhere only as a last resort. */
export function wrapUrl(url: string, width: number, measure: Measure): string[] {
  const parts = url.match(/[^/?&=\-_.#]*[/?&=\-_.#]*/g)?.filter((p) => p !== "") ?? [url];
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
