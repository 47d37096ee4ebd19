// Judging a candidate: the one decision rule of both searches ("where did this resource go?" and
// "where is the document behind this stand-in page?"). Pure: evidence in, score and words out.
// Precision first: only strong evidence (score ≥ STRONG) makes a resource `moved` or gives a
// stand-in its `documentUrl`. Strong is: the same bytes (SHA-256, or the web archive's digest of
// the last good copy), the same text (fingerprint), or the same title where the document or the
// page that links it states one: the document's own title equal to the resource's, or a label on
// the page equal to it (or the old file name with a file name that spells the title). Equal means equal
// once normalised (titles.ts), never "similar". Evidence against caps a candidate as weak, however
// alike the rest: other text or bytes than recorded, a title of its own that is a near sibling of
// the resource's (another part, another audience), another language than the directory's, a size
// far from the published one.
import type { Format, Resource } from "@td/schema";
import { detectSoftNotFound } from "../analyze/soft-404.ts";
import { OTHER_TEXT_DISTANCE, SAME_TEXT_DISTANCE, fingerprintDistance } from "../analyze/text-fingerprint.ts";
import type { Fetched } from "./discovery-fetcher.ts";
import { fileNameOf, fileNameWords, languageHint, sameTitle, titleCloseness } from "./titles.ts";

/** What a search looks for. */
export interface SearchTarget {
  resource: Resource;
  /** "moved": where the resource at `deadUrl` lives now; "document": the document behind a stand-in page. */
  purpose: "moved" | "document";
  /** The address that no longer serves it (moved), whose file name a moved document may keep. */
  deadUrl: string | undefined;
  /** The format what is found must have: the resource's own, or a stand-in's `standInFor`. */
  format: Format;
  /** The directory's language (primary subtag): an edition in another language is another document. */
  language: string;
}

export interface Lead {
  url: string;
  /** What the pages that link it call it (link text, else aria-label or title, else its card's heading). */
  labels: string[];
  /** Where it was found: "sitemap.xml", "the resource's source page", … */
  sources: string[];
  /** The pages that link it. */
  linkedFrom: string[];
  /** Sizes printed beside its links, in bytes. */
  sizes: number[];
  /** Languages its links declare. */
  langs: string[];
  /** Resources of the same host that moved by the same rewrite, when the lead comes from one. */
  rewriteSupport?: number;
  /** The web archive's content digest of the last good copy, when the lead comes from it. */
  archiveDigest?: string;
}

export interface Judgement {
  url: string;
  score: number;
  strong: boolean;
  evidence: string;
  sha256: string | undefined;
  sources: string[];
  /** For a reviewer, beside the resource's own title and size. */
  documentTitle: string | undefined;
  label: string | undefined;
  linkedFrom: string | undefined;
  sizeBytes: number;
}

export const STRONG = 70;

/** What the missing document's text looked like: from the data, or from its last archived copy. */
export interface TextReference {
  textFingerprint: string;
  from: "data" | "archive";
}

const LANGUAGE_NAMES: Record<string, string> = { en: "English", es: "Spanish", fr: "French", ar: "Arabic", ru: "Russian", zh: "Chinese", pt: "Portuguese", de: "German" };

export function newLead(url: string): Lead {
  return { url, labels: [], sources: [], linkedFrom: [], sizes: [], langs: [] };
}

/** The language a lead's links say its document is in, when one says so. */
export function leadLanguage(lead: Lead): string | undefined {
  for (const lang of lead.langs) return lang.toLowerCase().split("-")[0];
  for (const label of lead.labels) {
    const hint = languageHint({ url: lead.url, label });
    if (hint !== undefined) return hint;
  }
  return languageHint({ url: lead.url, label: "" });
}

/** How promising a lead looks before spending a request on it (0: not worth one). Ranking only. */
export function leadScore(target: SearchTarget, lead: Lead): number {
  const { resource } = target;
  const language = leadLanguage(lead);
  if (language !== undefined && language !== target.language) return 0;
  let score = 0;
  if (target.deadUrl !== undefined && fileNameOf(lead.url) !== "" && fileNameOf(lead.url) === fileNameOf(target.deadUrl)) score += 3;
  if (lead.labels.some((l) => sameTitle(l, resource.title, resource.publisher))) score += 4;
  else score += 2 * Math.max(0, ...lead.labels.map((l) => titleCloseness(l, resource.title)).filter((c) => c >= 0.5));
  const name = titleCloseness(fileNameWords(lead.url), resource.title);
  if (sameTitle(fileNameWords(lead.url), resource.title)) score += 3;
  else if (name >= 0.8) score += 2;
  else if (name >= 0.6) score += 1;
  if ((lead.rewriteSupport ?? 0) > 0) score += 3;
  if (lead.archiveDigest !== undefined) score += 3;
  if (score > 0 && sizeFits(resource.sizeHint, lead.sizes) === true) score += 1;
  return score;
}

/** Whether the answer is alive and of the wanted format. */
export function isRightKind(format: Format, fetched: Fetched): boolean {
  if (fetched.status < 200 || fetched.status >= 300 || fetched.bytesRead === 0) return false;
  switch (format) {
    case "pdf":
      return fetched.pdf;
    case "ppt":
    case "doc":
      return !fetched.html;
    case "web":
    case "course":
    case "video":
      return fetched.html ? fetched.page !== undefined && detectSoftNotFound(fetched.page) === undefined : format === "video" && /^video\//.test(fetched.contentType ?? "");
    default: {
      const never: never = format;
      return never;
    }
  }
}

/**
 * Whether a size fits the published one ("PDF 57KB"): printed sizes are rounded (to the unit of
 * their last digit, up, down or to nearest) in units of 1,000 or 1,024, so 57 KB is anything from
 * 56 × 1,000 to 58 × 1,024 bytes, and 1.2 MB anything from 1.1 × 1,000² to 1.3 × 1,024². Returns
 * undefined when there is nothing to compare.
 */
export function sizeFits(sizeHint: string | undefined, sizes: readonly number[]): boolean | undefined {
  const range = publishedRange(sizeHint);
  if (range === undefined || sizes.length === 0) return undefined;
  return sizes.some((s) => s >= range.low && s <= range.high);
}

export function publishedRange(sizeHint: string | undefined): { low: number; high: number; text: string } | undefined {
  const match = sizeHint === undefined ? null : /(?<![\d.,])(\d+)(?:[.,](\d+))?\s?(KB|MB|kB|Kb|kb|mb)\b/.exec(sizeHint);
  if (!match) return undefined;
  const decimals = match[2]?.length ?? 0;
  const value = Number(`${match[1]}.${match[2] ?? "0"}`);
  const step = 10 ** -decimals;
  const power = /m/i.test(match[3]!) ? 2 : 1;
  return { low: Math.max(0, (value - step) * 1000 ** power), high: (value + step) * 1024 ** power, text: sizeHint!.trim() };
}

/** Far from the published size: more than twice or less than half of it (a re-saved file stays close). */
function sizeFar(sizeHint: string | undefined, size: number): boolean {
  const range = publishedRange(sizeHint);
  return range !== undefined && (size > range.high * 2 || size < range.low / 2);
}

const kb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`);

export function judge(target: SearchTarget, lead: Lead, fetched: Fetched, reference?: TextReference): Judgement | undefined {
  if (!isRightKind(target.format, fetched)) return undefined;
  const { resource } = target;
  const url = fetched.finalUrl;
  const deadName = target.deadUrl === undefined ? "" : fileNameOf(target.deadUrl);
  const sameName = deadName !== "" && (fileNameOf(url) === deadName || fileNameOf(lead.url) === deadName);
  // The document's own title: a PDF's metadata title, or a web page's title.
  const documentTitle = fetched.pdfFacts?.title ?? (fetched.page !== undefined && !fetched.pdf ? fetched.page.title || undefined : undefined);
  const candidateText = fetched.pdfFacts?.textFingerprint;
  const distance = reference && candidateText ? fingerprintDistance(reference.textFingerprint, candidateText) : undefined;
  const label = lead.labels.find((l) => sameTitle(l, resource.title, resource.publisher));
  const language = leadLanguage(lead);
  const facts = {
    sameHash: resource.sha256 !== undefined && fetched.sha256 === resource.sha256,
    otherHash: resource.sha256 !== undefined && fetched.sha256 !== undefined && fetched.sha256 !== resource.sha256,
    archiveSame: lead.archiveDigest !== undefined && fetched.sha1Base32 === lead.archiveDigest,
    // The same text in other bytes: a re-saved, re-exported or re-linearised copy.
    sameText: distance !== undefined && distance <= SAME_TEXT_DISTANCE,
    otherText: distance !== undefined && distance > OTHER_TEXT_DISTANCE,
    titleEqual: documentTitle !== undefined && titleVariants(documentTitle, fetched.pdf).some((t) => sameTitle(t, resource.title, resource.publisher)),
    labelEqual: label !== undefined,
    nameWords: sameTitle(fileNameWords(url), resource.title),
    rewrite: (lead.rewriteSupport ?? 0) >= 2 && sameName,
    size: sizeFits(resource.sizeHint, [fetched.bytesRead]),
    otherLanguage: language !== undefined && language !== target.language,
  };
  // A PDF's own title that is close to the resource's but not it: a sibling of a series. (A web
  // page's title carries the site's name and the like, so it is no evidence against.)
  const sibling = fetched.pdf && documentTitle !== undefined && !facts.titleEqual && titleCloseness(documentTitle, resource.title) >= 0.5;
  const recorded = reference?.from === "archive" ? "the web archive's last good copy" : "the recorded fingerprint";
  const linkedFrom = lead.linkedFrom[0];
  const words: string[] = [];
  if (sameName) words.push("same file name");
  if (facts.sameHash) words.push("same SHA-256");
  if (facts.archiveSame) words.push("same bytes as the web archive's last good copy");
  if (facts.sameText) words.push(`same text as ${recorded} (${distance} of 64 fingerprint bits differ)`);
  if (facts.titleEqual) words.push(fetched.pdf ? "same PDF title" : "same page title");
  if (facts.labelEqual) words.push("labelled with the title where it is linked");
  else if (facts.nameWords) words.push("file name is the title");
  if (facts.rewrite) words.push(`the host's rewrite pattern, seen for ${lead.rewriteSupport} other resources`);
  if (facts.size === true) words.push(`${kb(fetched.bytesRead)}, as published (${publishedRange(resource.sizeHint)!.text})`);

  let score = 0;
  if (facts.sameHash) score = 100;
  else if (facts.sameText) score = 95;
  else if (facts.archiveSame) score = 90;
  else if (facts.titleEqual || facts.labelEqual || facts.rewrite || (sameName && facts.nameWords)) score = STRONG;
  else if (facts.nameWords) score = 40;
  else if (sameName) score = 30;
  else {
    const near = Math.max(0, ...lead.labels.map((l) => titleCloseness(l, resource.title)), documentTitle ? titleCloseness(documentTitle, resource.title) : 0);
    if (near >= 0.5) {
      score = 20;
      words.push(`a similar title ("${documentTitle && titleCloseness(documentTitle, resource.title) === near ? documentTitle : (lead.labels.find((l) => titleCloseness(l, resource.title) === near) ?? "")}"), not the same`);
    }
  }
  if (score === 0) return undefined;
  const cap = (max: number, why: string) => {
    score = Math.min(score, max);
    words.push(why);
  };
  if (facts.otherText) cap(20, `different text from ${recorded} (${distance} of 64 fingerprint bits differ)`);
  else if (facts.otherHash && !facts.sameText) cap(20, "different bytes from the recorded SHA-256");
  if (facts.otherLanguage) cap(20, `an edition in ${LANGUAGE_NAMES[language!] ?? language}, not the directory's language`);
  if (sibling && score < 90) cap(40, `its own title is another one ("${documentTitle}")`);
  if (resource.sizeHint !== undefined && sizeFar(resource.sizeHint, fetched.bytesRead) && score < 90) cap(40, `${kb(fetched.bytesRead)}, far from the published ${publishedRange(resource.sizeHint)!.text}`);
  return {
    url,
    score,
    strong: score >= STRONG,
    evidence: words.join(", "),
    sha256: fetched.sha256,
    sources: lead.sources,
    documentTitle,
    label: label ?? lead.labels[0],
    linkedFrom,
    sizeBytes: fetched.bytesRead,
  };
}

/** A web page's title also without the site's or the kind's name after " | ", " - " or " – ". */
function titleVariants(title: string, pdf: boolean): string[] {
  if (pdf) return [title];
  const parts = title.split(/ [|–—-] /);
  return parts.length > 1 ? [title, parts.slice(0, -1).join(" - "), parts[0]!] : [title];
}

/** The one strong judgement to act on, or none when there is none or two disagree. */
export function choose(judgements: readonly Judgement[]): Judgement | undefined {
  const strong = judgements.filter((j) => j.strong).sort((a, b) => b.score - a.score);
  const [best, second] = strong;
  if (best === undefined) return undefined;
  if (second !== undefined && second.score === best.score && second.url !== best.url) {
    const sameBytes = best.sha256 !== undefined && best.sha256 === second.sha256;
    if (!sameBytes) return undefined;
  }
  return best;
}
