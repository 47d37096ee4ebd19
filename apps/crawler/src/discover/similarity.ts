// Comparing names: a resource's title with anchor texts, file names and PDF titles. Pure.

const STOPWORDS = new Set(["a", "an", "the", "of", "for", "and", "to", "in", "on", "with", "by", "at", "or", "from", "pdf", "doc", "ppt", "html", "htm", "www"]);

/** Lower-case word tokens without stopwords; "At-A-Glance" → ["glance"]. */
export function titleTokens(text: string): string[] {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  return (words ?? []).filter((w) => !STOPWORDS.has(w));
}

/** Dice similarity of two texts' token sets, 0..1. */
export function titleSimilarity(a: string, b: string): number {
  const x = new Set(titleTokens(a));
  const y = new Set(titleTokens(b));
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared += 1;
  return (2 * shared) / (x.size + y.size);
}

/** The threshold above which two names are taken for the same title. */
export const TITLE_MATCH = 0.8;

export function titlesMatch(a: string, b: string): boolean {
  return titleSimilarity(a, b) >= TITLE_MATCH;
}

/** The last path segment, decoded and lower-cased: "Truck%20Stops.PDF" → "truck stops.pdf". */
export function fileNameOf(url: string): string {
  const segment = new URL(url).pathname.split("/").filter((s) => s !== "").at(-1) ?? "";
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

/** A file name read as words: "law_enforcement-pocket-card.pdf" → "law enforcement pocket card". */
export function fileNameWords(url: string): string {
  return fileNameOf(url).replace(/\.[a-z0-9]{1,5}$/, "").replace(/[-_.+]+/g, " ");
}
