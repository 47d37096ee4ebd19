// `npm run export`: load data (+ report) → rows → PDF bytes, CSV text, HTML → write them all atomically.
import { join } from "node:path";
import { InputError, UsageError, checkWritable, parseFlags, writeFilesAtomic, type Io, type OutputFile as FileToWrite } from "@td/cli";
import { formatProblem, groupBySection, loadDirectoryFile, readJsonFile } from "@td/data";
import { DEFAULT_LANGUAGE, Report, type Directory } from "@td/schema";
import { csvChunks } from "./csv.ts";
import { progressLine } from "./progress.ts";
import type { Paper } from "./handout/render.ts";
import { buildRows, type ExportRow } from "./rows.ts";

/** `what` is asked once the file is written (a streamed file knows its size only then). */
type OutputFile = FileToWrite & { what: () => string };

export const USAGE = `Usage: npm run export -- [--data FILE] [--report FILE] [--out DIR] [--format LIST] [options]

Writes the printable handout DIR/handout.pdf, DIR/directory.csv for partner agencies, and the
web page DIR/directory.html (with DIR/directory.fragment.html, the same list for a site's CMS).

Options:
  --data FILE     the directory file (default: data/resources.json)
  --report FILE   a check report (out/report.json) of this data: prints link health, new
                  addresses of moved resources, and marks broken ones as currently
                  unavailable (a report whose results name other resources is refused)
  --out DIR       where to write (default: out)
  --format LIST   which of pdf,csv,html to write, separated by commas (default: all three)
  --paper SIZE    letter or a4 (default: letter)
  --no-qr         leave out the QR codes
  --omit-broken   leave broken resources out of the handout (the CSV keeps every resource)
  --date DATE     the date printed and stored in the PDF, YYYY-MM-DD (default: today), so the
                  same inputs give byte-identical files
  --excel         start the CSV with a UTF-8 byte-order mark, for Excel
  -h, --help      show this help

Exit codes: 0 written; 2 usage error, invalid data or report (or a report of another
directory), or text the handout's font cannot render (nothing is written then).
`;

export async function exportCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseFlags(argv, {
    data: { type: "string" },
    report: { type: "string" },
    out: { type: "string" },
    paper: { type: "string" },
    "no-qr": { type: "boolean" },
    "omit-broken": { type: "boolean" },
    date: { type: "string" },
    excel: { type: "boolean" },
    format: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const paper = values.paper ?? "letter";
  if (paper !== "letter" && paper !== "a4") throw new UsageError(`--paper must be letter or a4, got "${paper}"`);
  const date = parseDate(values.date);
  const formats = parseFormats(values.format);
  const dataFile = values.data ?? "data/resources.json";
  const outDir = values.out ?? "out";

  const directory = await readDirectory(dataFile);
  const report = values.report === undefined ? undefined : await readReport(values.report);
  if (report !== undefined) checkReportMatches(report, directory, values.report!, dataFile);
  await checkWritable(outDir);
  const rows = buildRows(directory, report);
  const sectionsOf = (list: readonly ExportRow[]) =>
    groupBySection(directory).map((g) => ({ id: g.section.id, title: g.section.title, rows: list.filter((r) => r.sectionId === g.section.id) }));
  const outputs: OutputFile[] = [];

  if (formats.has("pdf")) {
    // Each output's code (pdf-lib and fonts; Preact) is loaded only when that output is asked for.
    const { findUnrenderable, loadFontFiles } = await import("./handout/fonts.ts");
    const { renderHandout } = await import("./handout/render.ts");
    const fonts = await loadFontFiles();
    // Every character the handout will draw must be in its font; otherwise name the resource and stop.
    const problems = findUnrenderable(directory, rows, fonts);
    if (problems.length > 0) throw new InputError("the handout cannot be made; nothing was written:", problems);
    const handoutRows = values["omit-broken"] ? rows.filter((r) => r.status !== "broken") : rows;
    const progress = progressLine((line) => io.stderr(line), "handout", handoutRows.length);
    const pdf = renderHandout({
      title: directory.title,
      dateLine: `Printed ${formatDate(date)}`,
      checkedLine: report ? checkedLine(report, rows) : undefined,
      sections: sectionsOf(handoutRows),
      paper: paper as Paper,
      qr: !values["no-qr"],
      date,
      fonts,
      language: directory.language ?? DEFAULT_LANGUAGE,
      onProgress: progress,
    });
    // The handout is drawn while it is written: page by page into its temporary file.
    let size = 0;
    const counted = (async function* () {
      for await (const piece of pdf) {
        size += piece.length;
        yield piece;
      }
    })();
    outputs.push({ path: join(outDir, "handout.pdf"), data: counted, what: () => `${handoutRows.length} resources, ${Math.round(size / 1024)} KB` });
  }
  if (formats.has("csv")) {
    outputs.push({ path: join(outDir, "directory.csv"), data: csvChunks(rows, { bom: Boolean(values.excel) }), what: () => `${rows.length} rows` });
  }
  if (formats.has("html")) {
    const { renderFragment, renderPage } = await import("./page/directory-page.tsx");
    const page = {
      title: directory.title,
      language: directory.language ?? DEFAULT_LANGUAGE,
      // Only what is known: when this page was made, and (with a report) when its links were checked.
      dateLine: `Exported on ${formatDate(date)}`,
      checkedLine: report ? checkedLine(report, rows) : undefined,
      checkedOn: report ? formatDate(new Date(report.finishedAt)) : undefined,
      sections: sectionsOf(rows),
    };
    outputs.push({ path: join(outDir, "directory.html"), data: renderPage(page), what: () => `${rows.length} resources` });
    outputs.push({ path: join(outDir, "directory.fragment.html"), data: renderFragment(page), what: () => "the list alone, for a site's CMS" });
  }
  await writeFilesAtomic(outputs);
  io.stderr(`wrote ${outputs.map((o) => `${o.path} (${o.what()})`).join(", ")}\n`);
  return 0;
}

const FORMATS = ["pdf", "csv", "html"] as const;
type ExportFormat = (typeof FORMATS)[number];

function parseFormats(raw: string | undefined): Set<ExportFormat> {
  if (raw === undefined) return new Set(FORMATS);
  const parts = raw.split(",").map((p) => p.trim().toLowerCase()).filter((p) => p !== "");
  const unknown = parts.filter((p) => !(FORMATS as readonly string[]).includes(p));
  if (parts.length === 0 || unknown.length > 0) throw new UsageError(`--format must list some of ${FORMATS.join(", ")}, got "${raw}"`);
  return new Set(parts as ExportFormat[]);
}

function parseDate(raw: string | undefined): Date {
  if (raw === undefined) {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== raw) throw new UsageError(`--date must be a date as YYYY-MM-DD, got "${raw}"`);
  return date;
}

const formatDate = (d: Date) => d.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

/**
 * A report made for another directory (or an older version of this one) would put its counts and
 * statuses on resources it never checked: its results must all name resources of this data.
 */
function checkReportMatches(report: Report, directory: Directory, reportFile: string, dataFile: string): void {
  const ids = new Set(directory.resources.map((r) => r.id));
  const unknown = report.results.filter((r) => !ids.has(r.id)).map((r) => r.id);
  if (unknown.length === 0) return;
  const shown = unknown.slice(0, 5).map((id) => `"${id}"`).join(", ");
  throw new InputError(
    `${reportFile} does not belong to ${dataFile}: ${unknown.length} of its ${report.results.length} results name resources that are not in the data (${shown}${unknown.length > 5 ? ", …" : ""}); check the data again (npm run check) and export with that report; nothing was written`,
  );
}

/** Counts only the rows whose current URL the report checked; the rest are said to be unchecked. */
function checkedLine(report: Report, rows: readonly ExportRow[]): string {
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
