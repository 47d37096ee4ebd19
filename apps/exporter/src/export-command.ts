// `npm run export`: load data (+ report) → rows → CSV text and PDF bytes → write both atomically.
import { join } from "node:path";
import { InputError, UsageError, parseFlags, writeFilesAtomic, type Io } from "@td/cli";
import { formatProblem, groupBySection, loadDirectoryFile, readJsonFile } from "@td/data";
import { Report, type Directory } from "@td/schema";
import { toCsv } from "./csv.ts";
import { describeCharacter, loadFontFiles, missingGlyphs, type FontFiles } from "./handout/fonts.ts";
import { PAPER, renderHandout, type Paper } from "./handout/render.ts";
import { buildRows, type ExportRow } from "./rows.ts";

export const USAGE = `Usage: npm run export -- [--data FILE] [--report FILE] [--out DIR] [options]

Writes the printable handout DIR/handout.pdf and DIR/directory.csv for partner agencies.

Options:
  --data FILE     the directory file (default: data/resources.json)
  --report FILE   a check report (out/report.json): prints link health, new addresses of
                  moved resources, and marks broken ones as currently unavailable
  --out DIR       where to write (default: out)
  --paper SIZE    letter or a4 (default: letter)
  --no-qr         leave out the QR codes
  --omit-broken   leave broken resources out of the handout (the CSV keeps every resource)
  --date DATE     the date printed and stored in the PDF, YYYY-MM-DD (default: today), so the
                  same inputs give byte-identical files
  --excel         start the CSV with a UTF-8 byte-order mark, for Excel
  -h, --help      show this help

Exit codes: 0 written; 2 usage error, invalid data or report, or text the handout's font
cannot render (nothing is written then).
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
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const paper = values.paper ?? "letter";
  if (!(paper in PAPER)) throw new UsageError(`--paper must be letter or a4, got "${paper}"`);
  const date = parseDate(values.date);
  const dataFile = values.data ?? "data/resources.json";
  const outDir = values.out ?? "out";

  const loaded = await loadDirectoryFile(dataFile);
  if (!loaded.ok) throw new InputError(`${dataFile} is invalid; run "npm run validate":`, loaded.problems.map(formatProblem));
  const report = values.report === undefined ? undefined : await readReport(values.report);
  const directory = loaded.directory;
  const rows = buildRows(directory, report);
  const fonts = await loadFontFiles();
  checkRenderable(rows, directory, fonts);

  const handoutRows = values["omit-broken"] ? rows.filter((r) => r.status !== "broken") : rows;
  const pdf = await renderHandout({
    title: directory.title,
    dateLine: `Printed ${formatDate(date)}`,
    checkedLine: report ? checkedLine(report) : undefined,
    sections: groupBySection(directory).map((g) => ({ id: g.section.id, title: g.section.title, rows: handoutRows.filter((r) => r.sectionId === g.section.id) })),
    paper: paper as Paper,
    qr: !values["no-qr"],
    date,
    fonts,
  });
  const csv = toCsv(rows, { bom: Boolean(values.excel) });
  await writeFilesAtomic([
    { path: join(outDir, "handout.pdf"), data: pdf },
    { path: join(outDir, "directory.csv"), data: csv },
  ]);
  io.stderr(`wrote ${join(outDir, "handout.pdf")} (${handoutRows.length} resources, ${Math.round(pdf.length / 1024)} KB) and ${join(outDir, "directory.csv")} (${rows.length} rows)\n`);
  return 0;
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

function checkedLine(report: Report): string {
  const s = report.summary;
  const when = formatDate(new Date(report.finishedAt));
  if (report.inconclusive) return `Links checked on ${when}: the check was inconclusive.`;
  return `Links checked on ${when}: ${s.ok + s.redirected} working, ${s.moved} moved, ${s.broken} unavailable, ${s.error} not confirmed.`;
}

async function readReport(file: string): Promise<Report> {
  const read = await readJsonFile(file, Report, "check report");
  if (!read.ok) throw new InputError(read.message, read.problems);
  return read.value;
}

/** Every character the handout will draw must be in its font; otherwise name the resource and stop. */
function checkRenderable(rows: readonly ExportRow[], directory: Directory, fonts: FontFiles): void {
  const problems: string[] = [];
  const check = (where: string, text: string, bytes: Uint8Array) => {
    const missing = missingGlyphs(bytes, text);
    if (missing.length > 0) problems.push(`${where}: the handout font cannot render ${missing.map(describeCharacter).join(", ")}`);
  };
  check("title", directory.title, fonts.bold);
  for (const s of directory.sections) check(`section "${s.id}" title`, s.title, fonts.bold);
  for (const r of rows) {
    check(`resource "${r.id}" title`, r.title, fonts.bold);
    for (const [field, text] of [["publisher", r.publisher], ["description", r.description], ["size", r.size]] as const) check(`resource "${r.id}" ${field}`, text, fonts.regular);
  }
  if (problems.length > 0) throw new InputError("the handout cannot be made; nothing was written:", problems);
}
