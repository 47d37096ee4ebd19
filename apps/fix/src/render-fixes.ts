// What `npm run fix` says about its changes: a line per change for the terminal, the pull
// request body (fixes.md) and fixes.json. Pure. Each change shows what a reviewer needs to verify
// it in one look: the resource's title and published size beside the found document's own title,
// the label the linking page gives it and its size, the hash or text match in words.
import type { FixPlan, ProvenFix, SkippedResult } from "@td/data";
import { codeSpan, escapeText, linkUrl } from "@td/markdown";
import type { CheckResult, FixChange, Fixes } from "@td/schema";

/** How a new address was proven, in words: the redirect chain, or the search's evidence. */
export function describeEvidence(result: CheckResult): string {
  if (result.status === "redirected" && result.redirects && result.redirects.length > 0) {
    const hops = result.redirects.map((h) => `${h.url} (${h.kind === "meta" ? "meta refresh" : h.httpStatus})`);
    return `permanent redirect: ${[...hops, result.finalUrl ?? result.suggestedUrl ?? "?"].join(" → ")}`;
  }
  return result.reason;
}

export function toChanges(fixes: readonly ProvenFix[]): FixChange[] {
  return fixes.map((fix): FixChange => {
    const { resource, result } = fix;
    const base = { id: resource.id, title: resource.title, status: result.status, oldUrl: resource.url, checkedAt: result.checkedAt, ...(resource.sizeHint !== undefined ? { sizeHint: resource.sizeHint } : {}) };
    if (fix.kind === "document") {
      return { ...base, kind: "document", newUrl: fix.result.documentUrl, evidence: fix.result.documentEvidence ?? "", format: fix.resource.standInFor, ...(result.document ? { found: result.document } : {}) };
    }
    return { ...base, kind: "new-address", newUrl: fix.result.suggestedUrl, evidence: describeEvidence(result), ...(result.found ? { found: result.found } : {}) };
  });
}

export function toFixesFile(plan: FixPlan, dataFile: string, checkedAt: string): Fixes {
  return { schemaVersion: 1, dataFile, checkedAt, changes: toChanges(plan.fixes), skipped: plan.skipped };
}

function skippedWhy(s: SkippedResult | Fixes["skipped"][number]): string {
  // Every reason is a case; the type-checker holds it (the function must return a string).
  switch (s.why) {
    case "stale":
      return "the report is about a URL the data no longer has";
    case "not-in-data":
      return "the resource is not in the data";
    case "weak-candidates":
      return "broken, with weaker candidates only (not proven)";
    case "no-suggestion":
      return "no new address to apply";
    case "address-of-another-resource":
      return `the document found is already the address of resource "${s.other ?? "?"}": two entries with one URL are for a person to decide (merge them, or correct one)`;
  }
}

export function renderLines(fixes: Fixes): string[] {
  const lines = fixes.changes.map((c) => `${c.id}: ${c.oldUrl} -> ${c.newUrl} (${c.kind === "document" ? `document behind the stand-in page, ${c.format}` : c.status}: ${c.evidence})`);
  for (const s of fixes.skipped) lines.push(`left alone: ${s.id} (${s.status}): ${skippedWhy(s)}`);
  return lines;
}

const kb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`);
const cell = escapeText;

/** The resource beside what was found: titles, label, size, page, in a two-column table. */
function sideBySide(c: FixChange): string[] {
  const found = c.found;
  const rows: [string, string, string][] = [["title", cell(c.title), found?.title ? cell(found.title) : "(no title of its own)"]];
  if (found?.label !== undefined) rows.push(["label where linked", "", cell(found.label)]);
  if (found?.linkedFrom !== undefined) rows.push(["linked from", "", linkUrl(found.linkedFrom)]);
  if (c.sizeHint !== undefined || found?.sizeBytes !== undefined) rows.push(["size", c.sizeHint !== undefined ? `${cell(c.sizeHint)} (as published)` : "", found?.sizeBytes !== undefined ? kb(found.sizeBytes) : ""]);
  return ["| | in the data | found |", "| --- | --- | --- |", ...rows.map(([a, b, d]) => `| ${a} | ${b} | ${d} |`), ""];
}

function renderChange(c: FixChange): string[] {
  return [
    `### ${escapeText(c.title)}`,
    "",
    `- id: ${codeSpan(c.id)}`,
    `- status: **${c.status}**${c.kind === "document" ? ` (the stand-in page's own; the ${c.format} behind it was found)` : ""}`,
    `- old URL: ${linkUrl(c.oldUrl)}`,
    `- new URL: ${linkUrl(c.newUrl)}`,
    `- evidence: ${escapeText(c.evidence)}`,
    `- checked: ${c.checkedAt}`,
    "",
    ...(c.found !== undefined || c.kind === "document" ? sideBySide(c) : []),
  ];
}

/** The pull request body: the new addresses and the documents found behind stand-in pages, each under its own heading. */
export function renderFixesMarkdown(fixes: Fixes): string {
  const moves = fixes.changes.filter((c) => c.kind === "new-address");
  const documents = fixes.changes.filter((c) => c.kind === "document");
  const n = fixes.changes.length;
  const lines = [`## Link-health fixes from the check of ${fixes.checkedAt.slice(0, 10)}`, ""];
  if (n === 0) {
    lines.push("Nothing to fix: the check proved no new address and found no document behind a stand-in page.", "");
  } else {
    lines.push(`The weekly link check proved ${n} change${n === 1 ? "" : "s"} to ${codeSpan(fixes.dataFile)}; each changes only the keys named below.`, "");
    if (moves.length > 0) {
      lines.push(
        `## New addresses (${moves.length})`,
        "",
        `Each \`url\` is set to the new address and the old one is kept first in \`previousUrls\`.`,
        "",
        ...moves.flatMap(renderChange),
      );
    }
    if (documents.length > 0) {
      lines.push(
        `## Documents found behind stand-in pages (${documents.length})`,
        "",
        "These entries pointed at a publisher's page standing in for the document. Each `url` is set to the document itself, `format` to what it is, `standInFor` is removed, and the page is kept as `sourcePage` when the entry had none.",
        "",
        ...documents.flatMap(renderChange),
      );
    }
    lines.push(
      "Review each new address (open it: is it the same document, in the same language and edition?), then merge. The link-health issues of these resources close on the next weekly run, when the data has the new URLs. To leave a change out, edit this branch or close the pull request and dismiss the issue.",
      "",
    );
  }
  if (fixes.skipped.length > 0) {
    lines.push("<details><summary>Left alone</summary>", "", ...fixes.skipped.map((s) => `- ${codeSpan(s.id)} (${s.status}): ${escapeText(skippedWhy(s))}`), "", "</details>", "");
  }
  return lines.join("\n");
}
