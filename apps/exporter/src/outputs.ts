// What `npm run export` and `npm run site` share: reading and checking the inputs, the dates,
// and the handout and page they both make from the same rows.
import { InputError, UsageError, type Io, type OutputFile as FileToWrite } from "@td/cli";
import { foreignResultIds, formatProblem, groupBySection, loadDirectoryFile, readJsonFile } from "@td/data";
import { DEFAULT_LANGUAGE, Report, type Directory } from "@td/schema";
import type { PageInput } from "./page/directory-page.tsx";
import { progressLine } from "./progress.ts";
import type { Paper } from "./handout/render.ts";
import type { ExportRow } from "./rows.ts";

/** `what` is asked once the file is written (a streamed file knows its size only then). */
export type OutputFile = FileToWrite & { what: () => string };

/** The validated directory and, when one is named, a report of it (refused when it belongs to another directory). */
export async function readInputs(dataFile: string, reportFile: string | undefined): Promise<{ directory: Directory; report: Report | undefined }> {
  const directory = await readDirectory(dataFile);
  const report = reportFile === undefined ? undefined : await readReport(reportFile);
  if (report !== undefined) checkReportMatches(report, directory, reportFile!, dataFile);
  return { directory, report };
}

export function parsePaper(raw: string | undefined): Paper {
  const paper = raw ?? "letter";
  if (paper !== "letter" && paper !== "a4") throw new UsageError(`--paper must be letter or a4, got "${paper}"`);
  return paper;
}

const sectionsOf = (directory: Directory, list: readonly ExportRow[]) =>
  groupBySection(directory).map((g) => ({ id: g.section.id, title: g.section.title, rows: list.filter((r) => r.sectionId === g.section.id) }));

/** The handout, drawn while it is written (page by page into its temporary file). */
export async function handoutFile(
  path: string,
  input: { directory: Directory; rows: ExportRow[]; report: Report | undefined; date: Date; paper: Paper; qr: boolean; omitBroken: boolean; io: Io },
): Promise<OutputFile> {
  const { directory, rows, report, date, io } = input;
  // Its code (pdf-lib and fonts) is loaded only when a handout is asked for.
  const { findUnrenderable, loadFontFiles } = await import("./handout/fonts.ts");
  const { renderHandout } = await import("./handout/render.ts");
  const fonts = await loadFontFiles();
  // Every character the handout will draw must be in its font; otherwise name the resource and stop.
  const problems = findUnrenderable(directory, rows, fonts);
  if (problems.length > 0) throw new InputError("the handout cannot be made; nothing was written:", problems);
  const handoutRows = input.omitBroken ? rows.filter((r) => r.status !== "broken") : rows;
  const progress = progressLine((line) => io.stderr(line), "handout", handoutRows.length);
  const pdf = renderHandout({
    title: directory.title,
    dateLine: `Printed ${formatDate(date)}`,
    checkedLine: report ? checkedLine(report, rows) : undefined,
    sections: sectionsOf(directory, handoutRows),
    paper: input.paper,
    qr: input.qr,
    date,
    fonts,
    language: directory.language ?? DEFAULT_LANGUAGE,
    onProgress: progress,
  });
  let size = 0;
  const counted = (async function* () {
    for await (const piece of pdf) {
      size += piece.length;
      yield piece;
    }
  })();
  return { path, data: counted, what: () => `${handoutRows.length} resources, ${Math.round(size / 1024)} KB` };
}

/** The web page's input: only what is known (when it was made, and with a report when its links were checked). */
export function pageInput(directory: Directory, rows: readonly ExportRow[], report: Report | undefined, date: Date): PageInput {
  return {
    title: directory.title,
    language: directory.language ?? DEFAULT_LANGUAGE,
    dateLine: `Exported on ${formatDate(date)}`,
    checkedLine: report ? checkedLine(report, rows) : undefined,
    checkedOn: report ? formatDate(new Date(report.finishedAt)) : undefined,
    sections: sectionsOf(directory, rows),
  };
}

export function parseDate(raw: string | undefined): Date {
  if (raw === undefined) {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== raw) throw new UsageError(`--date must be a date as YYYY-MM-DD, got "${raw}"`);
  return date;
}

export const formatDate = (d: Date) => d.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

/** A report's counts and statuses are only shown for the data it checked. */
function checkReportMatches(report: Report, directory: Directory, reportFile: string, dataFile: string): void {
  const unknown = foreignResultIds(report, directory);
  if (unknown.length === 0) return;
  const shown = unknown.slice(0, 5).map((id) => `"${id}"`).join(", ");
  throw new InputError(
    `${reportFile} does not belong to ${dataFile}: ${unknown.length} of its ${report.results.length} results name resources that are not in the data (${shown}${unknown.length > 5 ? ", …" : ""}); check the data again (npm run check) and export with that report; nothing was written`,
  );
}

/** Counts only the rows whose current URL the report checked; the rest are said to be unchecked. */
export function checkedLine(report: Report, rows: readonly ExportRow[]): string {
  const when = formatDate(new Date(report.finishedAt));
  if (report.inconclusive) return `Links checked on ${when}: the check was inconclusive.`;
  const count = (...statuses: ExportRow["status"][]) => rows.filter((r) => statuses.includes(r.status)).length;
  const unchecked = count("unchecked");
  const of = unchecked > 0 ? ` (${rows.length - unchecked} of ${rows.length} resources; the others were not checked at their current address)` : "";
  return `Links checked on ${when}${of}: ${count("ok", "redirected")} working, ${count("moved")} moved, ${count("broken")} unavailable, ${count("error")} not confirmed.`;
}

/** The validated directory alone: the file's text (twice the file's size in memory) is let go at once. */
async function readDirectory(file: string): Promise<Directory> {
  const loaded = await loadDirectoryFile(file);
  if (!loaded.ok) throw new InputError(`${file} is invalid; run "npm run validate":`, loaded.problems.map(formatProblem));
  return loaded.directory;
}

async function readReport(file: string): Promise<Report> {
  const read = await readJsonFile(file, Report, "check report");
  if (!read.ok) throw new InputError(read.message, read.problems);
  return read.value;
}
