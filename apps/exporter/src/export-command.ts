// `npm run export`: load data (+ report) → rows → PDF bytes, CSV text, HTML → write them all atomically.
import { join } from "node:path";
import { UsageError, checkWritable, parseFlags, writeFilesAtomic, type Io } from "@td/cli";
import { csvChunks } from "./csv.ts";
import { handoutFile, pageInput, parseDate, parsePaper, readInputs, type OutputFile } from "./outputs.ts";
import { buildRows } from "./rows.ts";

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
  const paper = parsePaper(values.paper);
  const date = parseDate(values.date);
  const formats = parseFormats(values.format);
  const dataFile = values.data ?? "data/resources.json";
  const outDir = values.out ?? "out";

  const { directory, report } = await readInputs(dataFile, values.report);
  await checkWritable(outDir);
  const rows = buildRows(directory, report);
  const outputs: OutputFile[] = [];

  if (formats.has("pdf")) {
    const handout = await handoutFile(join(outDir, "handout.pdf"), { directory, rows, report, date, paper, qr: !values["no-qr"], omitBroken: Boolean(values["omit-broken"]), io });
    outputs.push(handout);
  }
  if (formats.has("csv")) {
    outputs.push({ path: join(outDir, "directory.csv"), data: csvChunks(rows, { bom: Boolean(values.excel) }), what: () => `${rows.length} rows` });
  }
  if (formats.has("html")) {
    const { renderFragment, renderPage } = await import("./page/directory-page.tsx");
    const page = pageInput(directory, rows, report, date);
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






