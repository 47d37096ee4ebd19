// Judging a candidate for a missing resource's new home. Pure: evidence in, score and words out.
// Precision first: only strong evidence (score ≥ STRONG) makes a resource `moved`.
import type { Resource } from "@td/schema";
import { detectSoftNotFound } from "../analyze/soft-404.ts";
import type { Fetched } from "./discovery-fetcher.ts";
import { OTHER_TEXT_DISTANCE, SAME_TEXT_DISTANCE, fingerprintDistance } from "../analyze/text-fingerprint.ts";
import { fileNameOf, fileNameWords, titlesMatch } from "./similarity.ts";

export interface Lead {
  url: string;
  /** Anchor texts of links to it. */
  anchorTexts: string[];
  /** Where it was found: "sitemap.xml", "the source page", … */
  sources: string[];
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
}

export const STRONG = 70;

/** What the missing document's text looked like: from the data, or from its last archived copy. */
export interface TextReference {
  textFingerprint: string;
  from: "data" | "archive";
}

/** How promising a lead looks before spending a request on it (0: not worth one). */
export function preScore(resource: Resource, deadUrl: string, lead: Lead): number {
  let score = 0;
  if (fileNameOf(lead.url) !== "" && fileNameOf(lead.url) === fileNameOf(deadUrl)) score += 3;
  if (lead.anchorTexts.some((t) => titlesMatch(t, resource.title))) score += 3;
  if (titlesMatch(fileNameWords(lead.url), resource.title)) score += 2;
  if ((lead.rewriteSupport ?? 0) > 0) score += 3;
  if (lead.archiveDigest !== undefined) score += 3;
  return score;
}

/** Whether the answer is alive and of the resource's kind. */
export function isRightKind(resource: Resource, fetched: Fetched): boolean {
  if (fetched.status < 200 || fetched.status >= 300 || fetched.bytesRead === 0) return false;
  switch (resource.format) {
    case "pdf":
      return fetched.pdf;
    case "ppt":
    case "doc":
      return !fetched.html;
    case "web":
    case "course":
    case "video":
      return fetched.html && fetched.page !== undefined && detectSoftNotFound(fetched.page) === undefined;
    default: {
      const never: never = resource.format;
      return never;
    }
  }
}

export function judge(resource: Resource, deadUrl: string, lead: Lead, fetched: Fetched, reference?: TextReference): Judgement | undefined {
  if (!isRightKind(resource, fetched)) return undefined;
  const url = fetched.finalUrl;
  const sameName = fileNameOf(url) !== "" && (fileNameOf(url) === fileNameOf(deadUrl) || fileNameOf(lead.url) === fileNameOf(deadUrl));
  const pdfTitle = fetched.pdfFacts?.title;
  const candidateText = fetched.pdfFacts?.textFingerprint;
  const distance = reference && candidateText ? fingerprintDistance(reference.textFingerprint, candidateText) : undefined;
  const facts = {
    sameHash: resource.sha256 !== undefined && fetched.sha256 === resource.sha256,
    otherHash: resource.sha256 !== undefined && fetched.sha256 !== undefined && fetched.sha256 !== resource.sha256,
    archiveSame: lead.archiveDigest !== undefined && fetched.sha1Base32 === lead.archiveDigest,
    // The same text in other bytes: a re-saved, re-exported or re-linearised copy.
    sameText: distance !== undefined && distance <= SAME_TEXT_DISTANCE,
    otherText: distance !== undefined && distance > OTHER_TEXT_DISTANCE,
    pdfTitle: pdfTitle !== undefined && titlesMatch(pdfTitle, resource.title),
    anchor: lead.anchorTexts.some((t) => titlesMatch(t, resource.title)),
    nameWords: titlesMatch(fileNameWords(url), resource.title),
    pageTitle: fetched.page !== undefined && titlesMatch(fetched.page.title, resource.title),
    rewrite: (lead.rewriteSupport ?? 0) >= 2 && sameName,
  };
  const titleMatch = facts.anchor || facts.nameWords || facts.pageTitle || facts.pdfTitle;
  const recorded = reference?.from === "archive" ? "the web archive's last good copy" : "the recorded fingerprint";
  const words: string[] = [];
  if (sameName) words.push("same file name");
  if (facts.sameHash) words.push("same SHA-256");
  if (facts.archiveSame) words.push("same bytes as the web archive's last good copy");
  if (facts.sameText) words.push(`same text as ${recorded} (${distance} of 64 fingerprint bits differ)`);
  if (facts.pdfTitle) words.push("same PDF title");
  else if (facts.anchor) words.push("link text matches the title");
  else if (facts.pageTitle) words.push("page title matches");
  else if (facts.nameWords) words.push("file name matches the title");
  if (facts.rewrite) words.push(`the host's rewrite pattern, seen for ${lead.rewriteSupport} other resources`);

  let score = 0;
  if (facts.sameHash) score = 100;
  else if (facts.sameText) score = 95;
  else if (facts.archiveSame) score = 90;
  else if (facts.pdfTitle || (sameName && titleMatch) || facts.rewrite) score = STRONG;
  else if (titleMatch) score = 40;
  else if (sameName) score = 30;
  if (facts.otherText) {
    // The text is known and this one's differs: another document, however alike its name and title.
    score = Math.min(score, 20);
    words.push(`different text from ${recorded} (${distance} of 64 fingerprint bits differ)`);
  } else if (facts.otherHash && !facts.sameText) {
    // The data knows the document's bytes and these differ: a different document or edition.
    score = Math.min(score, 20);
    words.push("different bytes from the recorded SHA-256");
  }
  if (score === 0) return undefined;
  return { url, score, strong: score >= STRONG, evidence: words.join(", "), sha256: fetched.sha256, sources: lead.sources };
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
