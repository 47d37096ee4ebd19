// What `npm run fix` says about its changes: a line per change for the terminal, the pull
// request body (fixes.md) and fixes.json. Pure.
import type { FixPlan, ProvenFix, SkipReason } from "@td/data";
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
  return fixes.map(({ resource, result }) => ({
    id: resource.id,
    title: resource.title,
    status: result.status,
    oldUrl: resource.url,
    newUrl: result.suggestedUrl,
    evidence: describeEvidence(result),
    checkedAt: result.checkedAt,
  }));
}

export function toFixesFile(plan: FixPlan, dataFile: string, checkedAt: string): Fixes {
  return { schemaVersion: 1, dataFile, checkedAt, changes: toChanges(plan.fixes), skipped: plan.skipped };
}

const SKIPPED: Record<SkipReason, string> = {
  stale: "the report is about a URL the data no longer has",
  "not-in-data": "the resource is not in the data",
  "weak-candidates": "broken, with weaker candidates only (not proven)",
  "no-suggestion": "no new address to apply",
};

export function renderLines(fixes: Fixes): string[] {
  const lines = fixes.changes.map((c) => `${c.id}: ${c.oldUrl} -> ${c.newUrl} (${c.status}: ${c.evidence})`);
  for (const s of fixes.skipped) lines.push(`left alone: ${s.id} (${s.status}): ${SKIPPED[s.why]}`);
  return lines;
}

/** The pull request body: per change the title and id, old and new URL, status, evidence, when checked. */
export function renderFixesMarkdown(fixes: Fixes): string {
  const n = fixes.changes.length;
  const lines = [`## Link-health fixes from the check of ${fixes.checkedAt.slice(0, 10)}`, ""];
  if (n === 0) {
    lines.push("Nothing to fix: the check proved no new address for any resource.", "");
  } else {
    lines.push(
      `The weekly link check proved a new address for ${n} resource${n === 1 ? "" : "s"}. This pull request sets ${n === 1 ? "its" : "each"} \`url\` in ${codeSpan(fixes.dataFile)} to the new address and keeps the old one first in \`previousUrls\`; nothing else in the file changes.`,
      "",
    );
    for (const c of fixes.changes) {
      lines.push(
        `### ${escapeText(c.title)}`,
        "",
        `- id: ${codeSpan(c.id)}`,
        `- status: **${c.status}**`,
        `- old URL: ${linkUrl(c.oldUrl)}`,
        `- new URL: ${linkUrl(c.newUrl)}`,
        `- evidence: ${escapeText(c.evidence)}`,
        `- checked: ${c.checkedAt}`,
        "",
      );
    }
    lines.push(
      "Review each new address (open it: is it the same document?), then merge. The link-health issues of these resources close on the next weekly run, when the data has the new URLs. To leave a change out, edit this branch or close the pull request and dismiss the issue.",
      "",
    );
  }
  if (fixes.skipped.length > 0) {
    lines.push("<details><summary>Left alone</summary>", "", ...fixes.skipped.map((s) => `- ${codeSpan(s.id)} (${s.status}): ${SKIPPED[s.why]}`), "", "</details>", "");
  }
  return lines.join("\n");
}
