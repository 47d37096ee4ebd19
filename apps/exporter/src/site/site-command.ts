// `npm run site`: the public site, one static folder from the same checked data as the export:
// index.html (the directory page with its downloads, feed link and structured data), handout.pdf,
// directory.csv (values as written) and directory-spreadsheet.csv (formulas neutralised),
// directory.json with its JSON Schema, datapackage.json, feed.xml (Atom) with changes.json (the
// feed's entries, read by the next build), and report.json. Links inside are relative, so the
// folder works at any path; --base-url makes the canonical and feed links absolute.
import { join } from "node:path";
import { UsageError, checkWritable, parseFlags, writeFilesAtomic, type Io } from "@td/cli";
import { DEFAULT_LANGUAGE, publishedDirectoryJsonSchema } from "@td/schema";
import { csvChunks } from "../csv.ts";
import { handoutFile, pageInput, parseDate, parsePaper, readInputs, type OutputFile } from "../outputs.ts";
import { buildRows } from "../rows.ts";
import { findChanges, mergeChanges } from "./changes.ts";
import { dataPackage } from "./datapackage.ts";
import { renderFeed } from "./feed.ts";
import { directoryJsonLd } from "./json-ld.ts";
import { readPreviousSite } from "./previous-site.ts";
import { publishDirectory } from "./published.ts";

export const USAGE = `Usage: npm run site -- [--data FILE] [--report FILE] [--previous-site DIR|URL] [--out DIR]
                      [--base-url URL] [--date YYYY-MM-DD]

Builds the public site: one static folder from the directory and (with --report) its check:
index.html, handout.pdf, directory.csv, directory-spreadsheet.csv, directory.json (with
directory.schema.json), datapackage.json, feed.xml (with changes.json) and report.json.

Options:
  --data FILE            the directory file (default: data/resources.json)
  --report FILE          a check report of this data (out/report.json)
  --previous-site DIR|URL  the previous published site (a folder, or its public address): the
                         feed lists what changed since; without it (or where none is published
                         yet) the feed starts with this publication
  --out DIR              where to build it (default: out/site)
  --base-url URL         the site's public address, for the canonical link and the feed's links
  --date DATE            the publication date, YYYY-MM-DD (default: today), so the same inputs
                         give byte-identical files
  --paper SIZE           the handout's paper, letter or a4 (default: letter)
  -h, --help             show this help

Exit codes: 0 built; 2 usage error, invalid data, report or previous site (nothing is written then).
`;

export async function siteCommand(argv: string[], io: Io, deps: { fetch?: typeof fetch } = {}): Promise<number> {
  const { values } = parseFlags(argv, {
    data: { type: "string" },
    report: { type: "string" },
    "previous-site": { type: "string" },
    out: { type: "string" },
    "base-url": { type: "string" },
    date: { type: "string" },
    paper: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const date = parseDate(values.date);
  const day = date.toISOString().slice(0, 10);
  const paper = parsePaper(values.paper);
  const baseUrl = parseBaseUrl(values["base-url"]);
  const outDir = values.out ?? join("out", "site");
  const { directory, report } = await readInputs(values.data ?? "data/resources.json", values.report);
  const previous = await readPreviousSite(values["previous-site"], deps.fetch);
  await checkWritable(outDir);

  const rows = buildRows(directory, report);
  const published = publishDirectory(directory, report, day);
  const changes = mergeChanges(previous.changes, findChanges(previous.directory, published));
  const language = directory.language ?? DEFAULT_LANGUAGE;
  const { renderPage } = await import("../page/directory-page.tsx");
  const downloads = [
    { href: "handout.pdf", label: "Printable handout (PDF)", description: "every resource with its address and a QR code, to print or carry" },
    { href: "directory.csv", label: "The directory as CSV", description: "one row per resource, every value as written, for databases (described by datapackage.json)" },
    { href: "directory-spreadsheet.csv", label: "CSV for spreadsheets", description: "the same table, safe to open in Excel or Sheets (no cell runs as a formula)" },
    { href: "directory.json", label: "The directory as JSON", description: "every resource with its last check (schema: directory.schema.json)" },
    { href: "datapackage.json", label: "Data package", description: "a Frictionless Data Package describing the CSV's columns" },
    { href: "feed.xml", label: "Feed of changes (Atom)", description: "resources added, removed, given a new address, unavailable or recovered" },
  ];
  const page = {
    ...pageInput(directory, rows, report, date),
    dateLine: `Published on ${new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" })}`,
    site: { canonical: baseUrl, feedHref: "feed.xml", downloads, jsonLd: directoryJsonLd(published, baseUrl) },
  };
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const file = (name: string, data: OutputFile["data"], what: string): OutputFile => ({ path: join(outDir, name), data, what: () => what });
  const outputs: OutputFile[] = [
    file("index.html", renderPage(page), `${rows.length} resources`),
    await handoutFile(join(outDir, "handout.pdf"), { directory, rows, report, date, paper, qr: true, omitBroken: false, io }),
    file("directory.csv", csvChunks(rows, { bom: false, values: "as-written" }), `${rows.length} rows, values as written`),
    file("directory-spreadsheet.csv", csvChunks(rows, { bom: true }), `${rows.length} rows, for spreadsheets`),
    file("directory.json", json(published), `${published.resources.length} resources`),
    file("directory.schema.json", json(publishedDirectoryJsonSchema()), "its JSON Schema"),
    file("datapackage.json", json(dataPackage(directory.title, day, language)), "describing directory.csv"),
    file("feed.xml", renderFeed({ title: directory.title, published: day, baseUrl, language, changes }), `${changes.length} change(s)`),
    file("changes.json", json({ changes }), "the feed's entries"),
  ];
  if (report !== undefined) outputs.push(file("report.json", json(report), "the check report"));
  await writeFilesAtomic(outputs);
  io.stderr(`site: ${previous.note}\n`);
  io.stderr(`site: wrote ${outDir}/: ${outputs.map((o) => `${o.path.slice(outDir.length + 1)} (${o.what()})`).join(", ")}\n`);
  return 0;
}

/** The public address, ending with a slash (so relative names resolve under it). */
function parseBaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--base-url must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--base-url must be an absolute http(s) URL, got "${raw}"`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}
