// Comparing names: a resource's title with PDF titles, link labels, card headings, page titles and
// file names. Pure. Two rules, kept apart on purpose:
// - `sameTitle` decides: titles are the same only when they are equal once normalised (Unicode
//   NFKC, case, diacritics, punctuation, spacing, and a leading or trailing publisher name or
//   file-type word such as "(PDF)"). Titles a word apart ("… for Officers" / "… for Service
//   Providers", "Part 1" / "Part 2", an English / a Spanish edition) are different documents.
// - `titleCloseness` only ranks what is worth a request: word overlap, or character pairs for
//   scripts written without spaces (a Japanese title is one "word").

/** File-type and download words a label or title may carry around the title itself. */
const WRAPPERS = new Set(["pdf", "doc", "docx", "ppt", "pptx", "powerpoint", "html", "htm", "file", "download", "downloads", "kb", "mb", "bytes"]);
/** What a link may say after its title about how it opens. */
const OPENS = [["opens", "in", "a", "new", "window"], ["opens", "in", "a", "new", "tab"], ["opens", "in", "new", "window"], ["new", "window"]];
/** Words of labels that name no document ("Download", "Read more", "here"). */
const GENERIC = new Set([...WRAPPERS, "click", "here", "read", "more", "view", "open", "get", "the", "this", "document", "full", "text", "report", "link", "see", "now", "free", "copy", "print", "printable", "en", "english"]);
/** Scripts written without spaces between words. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Lower-case words (letters and digits), accents folded: the units titles are compared in. */
export function words(text: string): string[] {
  const folded = text.normalize("NFKC").normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The title as compared: its words, without a publisher's name or file-type words around it. */
export function normalizeTitle(text: string, publisher?: string): string {
  let w = words(text);
  const strip = (edge: readonly string[]) => {
    if (edge.length === 0 || edge.length >= w.length) return;
    if (edge.every((x, i) => w[i] === x)) w = w.slice(edge.length);
    else if (edge.every((x, i) => w[w.length - edge.length + i] === x)) w = w.slice(0, w.length - edge.length);
  };
  // "Polaris Project - Child Sex Trafficking At-A-Glance", "… | UNODC".
  if (publisher !== undefined) {
    strip(words(publisher));
    // A publisher given with its parent body ("HHS ACF Office of …") is also seen by its first words.
    const short = words(publisher.split(/[(,–—-]/)[0] ?? "");
    strip(short);
  }
  for (const phrase of OPENS) strip(phrase);
  // "(PDF, 57 KB)", "Download", "[PDF]" around the title, and sizes such as "57" "kb".
  while (w.length > 1 && (WRAPPERS.has(w[0]!) || /^\d+(?:kb|mb)?$/.test(w[0]!))) w = w.slice(1);
  while (w.length > 1 && (WRAPPERS.has(w.at(-1)!) || /^\d+(?:kb|mb)$/.test(w.at(-1)!) || (/^\d+$/.test(w.at(-1)!) && WRAPPERS.has(w.at(-2) ?? "")))) w = w.slice(0, -1);
  return w.join(" ");
}

/** The same title: equal once normalised (and not empty). */
export function sameTitle(a: string, b: string, publisher?: string): boolean {
  const x = normalizeTitle(a, publisher);
  return x !== "" && x === normalizeTitle(b, publisher);
}

/** A label that names no document: "Download", "PDF (57 KB)", "Read more", "here". */
export function isGenericLabel(text: string): boolean {
  return words(text).every((w) => GENERIC.has(w) || /^\d+(?:kb|mb)?$/.test(w));
}

/** How close two titles are, 0..1, for ranking leads only (never for deciding). */
export function titleCloseness(a: string, b: string): number {
  const x = normalizeTitle(a);
  const y = normalizeTitle(b);
  if (x === "" || y === "") return 0;
  if (x === y) return 1;
  if (UNSPACED.test(x) || UNSPACED.test(y)) return dice(pairs(x.replace(/ /g, "")), pairs(y.replace(/ /g, "")));
  return dice(x.split(" "), y.split(" "));
}

function pairs(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((c, i) => chars[i]! + c);
}

function dice(a: readonly string[], b: readonly string[]): number {
  const x = new Set(a);
  const y = new Set(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared += 1;
  return (2 * shared) / (x.size + y.size);
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

/** Languages a label, a file name or a link's attributes may name, as BCP 47 primary subtags. */
const LANGUAGE_WORDS: Record<string, string> = {
  english: "en", anglais: "en", inglés: "en", ingles: "en",
  spanish: "es", español: "es", espanol: "es", espagnol: "es", castellano: "es",
  french: "fr", français: "fr", francais: "fr", francés: "fr", frances: "fr",
  arabic: "ar", العربية: "ar", russian: "ru", русский: "ru", chinese: "zh", 中文: "zh",
  portuguese: "pt", português: "pt", portugues: "pt", german: "de", deutsch: "de",
};
const LANGUAGE_CODES = new Set(["en", "es", "fr", "ar", "ru", "zh", "pt", "de"]);

const EDITION_WORDS = new Set(["version", "edition", "translation", "language", "in", "en", "the", "download", "pdf"]);

/**
 * The language a label names as its document's: a label that is only a language ("Español",
 * "Spanish version") or ends with one set apart ("…, Part 1 (Spanish)", "… - French"). A language
 * word inside a title ("Russian Driving Networks") says what the document is about, not its language.
 */
function labelLanguage(label: string): string | undefined {
  const ws = label.normalize("NFKC").toLowerCase().match(/[\p{L}]+/gu) ?? [];
  const rest = ws.filter((w) => !EDITION_WORDS.has(w));
  if (rest.length > 0 && rest.every((w) => LANGUAGE_WORDS[w] !== undefined)) return LANGUAGE_WORDS[rest[0]!];
  const last = /(?:\(([\p{L}]+)(?:\s+(?:version|edition|translation))?\)|[-–—:]\s*([\p{L}]+)(?:\s+(?:version|edition))?)\s*$/u.exec(label.normalize("NFKC").toLowerCase().trim());
  const word = last?.[1] ?? last?.[2];
  return word === undefined ? undefined : LANGUAGE_WORDS[word];
}

/**
 * The language a link says its document is in, when it says one: an hreflang or lang attribute,
 * a language named in its label ("Español", "(French)"), or a language code in the file name or
 * path ("guide-es.pdf", "/fr/guide.pdf").
 */
export function languageHint(link: { url: string; label: string; lang?: string | undefined }): string | undefined {
  if (link.lang) return link.lang.toLowerCase().split("-")[0];
  const fromLabel = labelLanguage(link.label);
  if (fromLabel !== undefined) return fromLabel;
  let path: string;
  try {
    path = decodeURIComponent(new URL(link.url).pathname).toLowerCase();
  } catch {
    return undefined;
  }
  const name = path.split("/").at(-1) ?? "";
  const suffix = /[-_.]([a-z]{2})\.[a-z0-9]{2,5}$/.exec(name)?.[1];
  if (suffix !== undefined && LANGUAGE_CODES.has(suffix)) return suffix;
  for (const segment of path.split("/").slice(0, -1)) if (LANGUAGE_CODES.has(segment)) return segment;
  // A file name that ends with a language ("handbook-spanish.pdf"), not one that merely contains one.
  const last = fileNameWords(link.url).split(" ").at(-1) ?? "";
  return LANGUAGE_WORDS[last];
}
