// What a run says: a line per resource whose copy it recorded, the pull request's section, and
// the summary. Pure.
import { codeSpan, escapeText, linkUrl } from "@td/markdown";
import type { Preserve, PreserveEntry } from "@td/schema";

export function recordedLine(entry: PreserveEntry, title: string): string {
  const copy = entry.recorded!;
  return `archived copy recorded: ${entry.id} (${title}): ${copy.url} (captured ${copy.capturedAt.slice(0, 10)}, ${entry.outcome === "saved" ? "new capture" : "existing capture"})`;
}

export function progressLine(entry: PreserveEntry, done: number, total: number): string {
  return `preserve: ${done}/${total} ${entry.id}: ${entry.outcome.replace(/-/g, " ")}: ${entry.why}`;
}

/** The pull request's section: the copies recorded this run (empty when there are none). */
export function renderPreserveMarkdown(preserve: Preserve, titles: ReadonlyMap<string, string>): string {
  const recorded = preserve.resources.filter((e) => e.recorded !== null);
  if (recorded.length === 0) return "";
  const lines = [
    "## Archived copies recorded",
    "",
    `This pull request also records the web archive's newest good copy of ${recorded.length === 1 ? "one resource" : `${recorded.length} resources`} in \`archivedCopy\` (only that key changes): every output offers it, and the check points to it when the link breaks. Each was judged with the check's rules (HTTP 200, the same kind of content, not a "not found" or challenge page).`,
    "",
    "| Resource | Archived copy | Captured | |",
    "| --- | --- | --- | --- |",
    ...recorded.map((e) => `| ${escapeText(titles.get(e.id) ?? e.id)} (${codeSpan(e.id)}) | ${linkUrl(e.recorded!.url)} | ${e.recorded!.capturedAt.slice(0, 10)} | ${e.outcome === "saved" ? "new capture" : "existing capture"} |`),
    "",
  ];
  const problems = summaryProblems(preserve);
  if (problems !== "") lines.push(problems, "");
  return `${lines.join("\n")}\n`;
}

export function summaryLine(preserve: Preserve, dataFile: string, outFile: string | undefined): string {
  const s = preserve.summary;
  const recorded = preserve.resources.filter((e) => e.recorded !== null).length;
  const parts = [
    `${s["recent-copy"] ?? 0} with a recent copy`,
    `${s.saved ?? 0} newly saved`,
    ...(s["not-saved"] ? [`${s["not-saved"]} not saved`] : []),
    ...(s["needs-keys"] ? [`${s["needs-keys"]} needing keys`] : []),
    ...(s["would-save"] ? [`${s["would-save"]} to save`] : []),
    ...(s["not-reached"] ? [`${s["not-reached"]} not reached`] : []),
    `${(s["not-working"] ?? 0) + (s["stale-result"] ?? 0)} not working or not checked`,
  ];
  const wrote = preserve.dryRun ? "dry run: nothing written" : `${recorded === 0 ? "no archived copy changed" : `${recorded} archived cop${recorded === 1 ? "y" : "ies"} recorded in ${dataFile}`}${outFile ? `; details in ${outFile}` : ""}`;
  return `preserve: ${parts.join(", ")}; ${wrote}\n${summaryProblems(preserve)}`;
}

function summaryProblems(preserve: Preserve): string {
  const a = preserve.archive;
  const notes: string[] = [];
  if (a.state === "rate-limited") notes.push(`The archive answered 429 (too many requests)${a.until ? ` and asked for a pause until ${a.until}` : ""}: nothing more was asked this run.`);
  if (a.state === "offline") notes.push("The archive did not answer three requests in a row: nothing more was asked this run.");
  if (a.state === "unauthorized") notes.push("The archive did not accept the Save Page Now keys (ARCHIVE_ORG_ACCESS_KEY, ARCHIVE_ORG_SECRET_KEY): no new capture was made.");
  if (a.state === "blocked") notes.push("The archive refused lookups (HTTP 403): nothing more was asked this run.");
  if (preserve.timeLimitReached) notes.push("The run's time limit was reached: the next run goes on with the resources whose copies are oldest or missing.");
  return notes.length === 0 ? "" : `${notes.join("\n")}\n`;
}
