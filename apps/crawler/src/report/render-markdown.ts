// report.md: a readable summary grouped by status, worst first. Pure text from the report.
import type { CheckResult, LinkStatus, Report, Resource } from "@td/schema";

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
  for (const { status, heading } of ORDER) {
    const group = report.results.filter((r) => r.status === status);
    if (group.length === 0) continue;
    lines.push(`## ${heading} (${group.length})`, "");
    if (status === "ok") {
      for (const r of group) lines.push(`- ${escapeMarkdown(titles.get(r.id) ?? r.id)}: <${r.url}>`);
      lines.push("");
      continue;
    }
    for (const r of group) lines.push(...renderEntry(r, titles.get(r.id) ?? r.id), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function renderEntry(r: CheckResult, title: string): string[] {
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
  return out;
}
