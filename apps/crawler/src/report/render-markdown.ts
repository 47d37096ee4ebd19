// report.md: a readable summary grouped by status, worst first. Pure text from the report.
import type { CheckResult, FoundDocument, LinkStatus, Report, Resource } from "@td/schema";

const ORDER: { status: LinkStatus; heading: string }[] = [
  { status: "broken", heading: "Broken: gone, no new home found" },
  { status: "moved", heading: "Moved: found at a new URL" },
  { status: "error", heading: "Errors: inconclusive, check again or by hand" },
  { status: "redirected", heading: "Redirected permanently: update the URL" },
  { status: "ok", heading: "OK" },
];

/** Text from data or remote pages must not turn into Markdown or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, "\\$&").replace(/@/g, "@\u200b").replace(/\r?\n/g, " ");
}

export function renderMarkdown(report: Report, resources: readonly Resource[]): string {
  const titles = new Map(resources.map((r) => [r.id, r.title]));
  const byId = new Map(resources.map((r) => [r.id, r]));
  const s = report.summary;
  const lines = [
    "# Link check report",
    "",
    `Checked ${report.results.length} resources, ${report.startedAt} to ${report.finishedAt}.`,
    "",
  ];
  if (report.inconclusive) {
    lines.push("> **Inconclusive run:** no request got an HTTP answer, so nothing here says a link is dead. Check the network and run again.", "");
  }
  lines.push("| ok | redirected | moved | broken | error |", "| ---: | ---: | ---: | ---: | ---: |", `| ${s.ok} | ${s.redirected} | ${s.moved} | ${s.broken} | ${s.error} |`, "");
  const archive = report.archive;
  if (archive !== undefined && archive.state !== "off") {
    const reused = archive.reused > 0 ? `, ${archive.reused} archived cop${archive.reused === 1 ? "y" : "ies"} reused from the previous report` : "";
    lines.push(`Web archive: ${archive.lookups} lookup${archive.lookups === 1 ? "" : "s"}${reused}.${archive.note ? ` Note: ${escapeMarkdown(archive.note)}.` : ""}`, "");
  }
  const standIns = resources.filter((r) => r.standInFor !== undefined).length;
  const documents = report.results.filter((r) => r.documentUrl !== undefined);
  if (standIns > 0) lines.push(`Stand-ins: ${standIns} resource${standIns === 1 ? " points" : "s point"} at a page standing in for the document; the check found the document behind ${documents.length}.`, "");
  if (documents.length > 0) {
    lines.push(`## Documents found behind stand-in pages (${documents.length})`, "");
    for (const r of documents) {
      const resource = byId.get(r.id);
      lines.push(`### ${escapeMarkdown(titles.get(r.id) ?? r.id)}`, "", `- id: \`${r.id}\``, `- stand-in page: <${r.url}> (${r.status})`, `- document (${resource?.standInFor ?? "?"}): <${r.documentUrl}>`, `- evidence: ${escapeMarkdown(r.documentEvidence ?? "")}`);
      if (r.document) lines.push(...sideBySide(resource, r.document));
      lines.push("");
    }
  }
  for (const { status, heading } of ORDER) {
    const group = report.results.filter((r) => r.status === status);
    if (group.length === 0) continue;
    lines.push(`## ${heading} (${group.length})`, "");
    if (status === "ok") {
      for (const r of group) lines.push(`- ${escapeMarkdown(titles.get(r.id) ?? r.id)}: <${r.url}>`);
      lines.push("");
      continue;
    }
    for (const r of group) lines.push(...renderEntry(r, titles.get(r.id) ?? r.id, byId.get(r.id)), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

const kb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`);

/** The resource beside what was found, for a reviewer: titles, label, page, size. */
function sideBySide(resource: Resource | undefined, found: FoundDocument): string[] {
  const rows = [
    `| | in the data | found |`,
    `| --- | --- | --- |`,
    `| title | ${escapeMarkdown(resource?.title ?? "")} | ${found.title ? escapeMarkdown(found.title) : "(no title of its own)"} |`,
  ];
  if (found.label !== undefined) rows.push(`| label where linked | | ${escapeMarkdown(found.label)} |`);
  if (found.linkedFrom !== undefined) rows.push(`| linked from | | <${found.linkedFrom}> |`);
  if (resource?.sizeHint !== undefined || found.sizeBytes !== undefined) rows.push(`| size | ${resource?.sizeHint ? `${escapeMarkdown(resource.sizeHint)} (as published)` : ""} | ${found.sizeBytes !== undefined ? kb(found.sizeBytes) : ""} |`);
  if (found.addressOf !== undefined) rows.push(`| already the address of | | \`${found.addressOf}\` |`);
  return ["", ...rows];
}

function renderEntry(r: CheckResult, title: string, resource: Resource | undefined): string[] {
  const out = [`### ${escapeMarkdown(title)}`, "", `- id: \`${r.id}\``, `- URL: <${r.url}>`];
  out.push(`- reason: ${escapeMarkdown(r.reason)}`);
  if (r.httpStatus !== null) out.push(`- HTTP status: ${r.httpStatus}`);
  if (r.redirects && r.redirects.length > 0) {
    const chain = r.redirects.map((h) => `${h.url} (${h.kind === "meta" ? "meta refresh" : h.httpStatus})`);
    out.push(`- redirects: ${[...chain, r.finalUrl ?? "?"].map((u) => `\`${u}\``).join(" → ")}`);
  }
  if (r.suggestedUrl) out.push(`- suggested URL: <${r.suggestedUrl}>`);
  if (r.archivedUrl) out.push(`- archived copy: <${r.archivedUrl}>`);
  for (const c of r.candidates ?? []) out.push(`- weaker candidate: <${c.url}> (${escapeMarkdown(c.evidence)})`);
  for (const c of r.documentCandidates ?? []) out.push(`- weaker candidate for the document behind this page: <${c.url}> (${escapeMarkdown(c.evidence)})`);
  if (r.found) out.push(...sideBySide(resource, r.found));
  return out;
}
