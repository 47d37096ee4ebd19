// Child process of the export benchmark: a synthetic directory of N resources to CSV and PDF,
// timing each phase; the parent measures wall time and peak RSS from outside.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { groupBySection } from "@td/data";
import { buildRows, renderHandout, toCsv } from "@td/exporter";
import { loadFontFiles } from "../../exporter/src/handout/fonts.ts";
import type { Directory } from "@td/schema";

const n = Number(process.argv[2] ?? 10_000);
const outDir = process.argv[3] ?? ".";
const sections = Array.from({ length: 12 }, (_, i) => ({ id: `section-${i}`, title: `Section ${i + 1}: training resources` }));
const directory: Directory = {
  title: "Synthetic training directory",
  sections,
  resources: Array.from({ length: n }, (_, i) => ({
    id: `resource-${i}`,
    title: `Training resource number ${i}: a guide for law enforcement on identifying victims`,
    publisher: ["UNODC", "Polaris Project", "HHS", "DHS", "IOM"][i % 5]!,
    description: "A description of the resource as it appeared on the page, long enough to wrap onto a second line of the handout.",
    url: `https://www.example-agency-${i % 40}.org/documents/publications/${2010 + (i % 15)}/resource-${i}.pdf`,
    format: "pdf" as const,
    section: sections[i % sections.length]!.id,
    audiences: ["law-enforcement" as const],
    sizeHint: "PDF 57KB",
  })),
};

let t = performance.now();
const rows = buildRows(directory, undefined);
const csv = toCsv(rows, { bom: false });
const csvSeconds = (performance.now() - t) / 1000;
await writeFile(join(outDir, "directory.csv"), csv);

t = performance.now();
const pdf = await renderHandout({
  title: directory.title,
  dateLine: "Printed November 29, 2026",
  checkedLine: undefined,
  sections: groupBySection(directory).map((g) => ({ id: g.section.id, title: g.section.title, rows: rows.filter((r) => r.sectionId === g.section.id) })),
  paper: "letter",
  qr: true,
  date: new Date("2026-11-29T00:00:00Z"),
  fonts: await loadFontFiles(),
});
const pdfSeconds = (performance.now() - t) / 1000;
await writeFile(join(outDir, "handout.pdf"), pdf);
process.stdout.write(`${JSON.stringify({ n, csvSeconds, pdfSeconds, pdfBytes: pdf.length, csvBytes: csv.length })}\n`);
