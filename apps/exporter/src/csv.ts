// directory.csv for partner agencies: RFC 4180 quoting by csv-stringify, and cells that a
// spreadsheet would run as a formula neutralised (OWASP: prefix a single quote).
import { stringify } from "csv-stringify/sync";
import { COLUMNS, CSV_COLUMNS } from "./columns.ts";
import type { ExportRow } from "./rows.ts";

export { CSV_COLUMNS } from "./columns.ts";

/** A cell starting with = + - @ tab or carriage return would be a formula in Excel or Sheets. */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function toCsv(rows: readonly ExportRow[], options: { bom: boolean }): string {
  return [...csvChunks(rows, options)].join("");
}

/**
 * The CSV in pieces of `batch` records, so a large directory is written without ever holding the
 * whole file as one string. Each piece is csv-stringify's own output; joined, they are the file.
 */
/**
 * `values: "as-written"` keeps every cell exactly as the data has it (for a database); by default
 * a cell a spreadsheet would run as a formula gets a leading ' (for Excel, Sheets, LibreOffice).
 */
export function* csvChunks(rows: readonly ExportRow[], options: { bom: boolean; values?: "as-written" | "spreadsheet" }, batch = 2000): Generator<string> {
  const cell = options.values === "as-written" ? (c: string) => c : neutralizeFormula;
  const settings = { record_delimiter: "windows", quoted_match: /^\s|\s$/ } as const;
  yield stringify([[...CSV_COLUMNS]], { ...settings, bom: options.bom });
  for (let start = 0; start < rows.length; start += batch) {
    yield stringify(rows.slice(start, start + batch).map((r) => COLUMNS.map((c) => cell(c.value(r)))), settings);
  }
}
