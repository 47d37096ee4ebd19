import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, neutralizeFormula, toCsv } from "../src/csv.ts";
import { buildRows } from "../src/rows.ts";
import { report, tricky } from "./fixture.ts";

describe("directory.csv", () => {
  const rows = buildRows(tricky, report);

  it("reads back with a CSV parser to exactly the data, formula cells neutralised", () => {
    const csv = toCsv(rows, { bom: false });
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(rows.length);
    records.forEach((record, i) => {
      const row = rows[i]!;
      expect(record).toEqual({
        id: row.id,
        title: neutralizeFormula(row.title),
        publisher: neutralizeFormula(row.publisher),
        section: row.section,
        format: row.format,
        url: row.url,
        description: neutralizeFormula(row.description),
        audiences: row.audiences.join("; "),
        size: row.size,
        status: row.status,
        suggested_url: row.suggestedUrl ?? "",
        archived_url: row.archivedUrl ?? "",
        last_checked: row.lastChecked ?? "",
        section_id: row.sectionId,
        url_note: row.urlNote,
        archived_at: row.archivedAt ?? "",
      });
    });
    const formula = records.find((r) => r.id === "formula")!;
    expect(formula.title).toBe("'=HYPERLINK(\"http://evil.example\",\"click\")");
    expect(formula.publisher).toBe("'+Publisher");
    expect(formula.description).toBe("'-starts with minus; @at too");
    expect(records.find((r) => r.id === "quotes-commas")!.description).toBe('Line one,\nline two with a "quote" and a comma, and ünïcödé.');
    // A stand-in says in words what its URL is; an ordinary resource's note is empty.
    expect(records.find((r) => r.id === "stand-in")!.url_note).toBe("This links to the publisher's page for the PDF: the PDF's own address is not known yet.");
    expect(records.find((r) => r.id === "formula")!.url_note).toBe("");
  });

  it("keeps a stable order (section order, then title) and uses CRLF line ends", () => {
    const csv = toCsv(rows, { bom: false });
    expect(rows.map((r) => r.id)).toEqual(["formula", "broken-doc", "stand-in", "moved-doc", "quotes-commas", "spanish", "russian"]);
    expect(csv.split("\r\n")[0]).toBe(CSV_COLUMNS.join(","));
    expect(csv).toMatchSnapshot();
  });

  it("starts with a byte-order mark for Excel when asked", () => {
    expect(toCsv(rows, { bom: true }).startsWith("\uFEFF")).toBe(true);
    expect(toCsv(rows, { bom: false }).startsWith("\uFEFF")).toBe(false);
  });

  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])("neutralises %j", (cell) => {
    expect(neutralizeFormula(cell)).toBe(`'${cell}`);
  });
});

describe("rows", () => {
  it("ignores a report result for a URL the data no longer has", () => {
    const stale = { ...report, results: report.results.map((r) => (r.id === "moved-doc" ? { ...r, url: "https://example.org/older.pdf" } : r)) };
    const row = buildRows(tricky, stale).find((r) => r.id === "moved-doc")!;
    expect(row).toMatchObject({ status: "unchecked", suggestedUrl: null });
  });
  it("is unchecked without a report", () => {
    expect(new Set(buildRows(tricky, undefined).map((r) => r.status))).toEqual(new Set(["unchecked"]));
  });
});
