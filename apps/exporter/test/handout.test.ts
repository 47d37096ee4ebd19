// The handout read back: every title and URL in its text, every URL a link, metadata set,
// byte-identical runs, non-Latin text rendered, unrenderable text refused, entries never split.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listFiles, runCli, runInProcess, testdir } from "@td/testkit";
import { exportCommand } from "../src/export-command.ts";
import { layoutHandout } from "../src/handout/layout.ts";
import { buildRows } from "../src/rows.ts";
import { readPdf, type ReadPdf } from "./helpers.ts";
import { report, tricky } from "./fixture.ts";

const inProcess = (args: readonly string[]) => runInProcess("export", exportCommand, args);
const ENTRY = "apps/exporter/src/main.ts";
const squash = (s: string) => s.replace(/\s+/g, "");

async function exportTo(dir: string, extra: string[] = []) {
  return inProcess(["--data", join(dir, "data.json"), "--report", join(dir, "report.json"), "--out", join(dir, "out"), "--date", "2026-11-30", ...extra]);
}

describe("handout.pdf", () => {
  let dir: string;
  let bytes: Uint8Array;
  let pdf: ReadPdf;
  beforeAll(async () => {
    dir = await testdir({ "data.json": JSON.stringify(tricky), "report.json": JSON.stringify(report) });
    const result = await exportTo(dir);
    expect(result.stderr).toContain("wrote");
    expect(result.code).toBe(0);
    bytes = await readFile(join(dir, "out/handout.pdf"));
    pdf = await readPdf(bytes);
  });

  it("holds every title, with Spanish and Russian text rendered by the embedded font", () => {
    const text = squash(pdf.pages.join(""));
    for (const r of tricky.resources) expect(text, r.id).toContain(squash(r.title));
    expect(pdf.pages.join(" ")).toContain("Руководство по борьбе с торговлей людьми");
  });

  it("prints every URL in full and makes each a link; moved ones with their new address, broken ones with the archive copy", () => {
    const text = squash(pdf.pages.join(""));
    const expected = [
      tricky.resources[0]!.url,
      tricky.resources[1]!.url,
      tricky.resources[2]!.url,
      tricky.resources[3]!.url,
      "https://example.org/files/2024/card.pdf",
      "https://web.archive.org/web/20120301000000/https://example.org/gone.pdf",
    ];
    for (const url of expected) {
      expect(text).toContain(url);
      expect(pdf.links).toContain(url);
    }
    expect(text).toContain("Currentlyunavailable");
    expect(text).toContain("Moved:thenewaddressisprintedbelow.");
    expect(text).toContain("LinkscheckedonNovember30,2026");
  });

  it("has a contents list, page footers and document metadata", () => {
    expect(pdf.pages[0]).toContain("Contents");
    expect(pdf.pages.at(-1)).toContain(`Page ${pdf.pages.length} of ${pdf.pages.length}`);
    expect(pdf.info).toMatchObject({
      Title: "Training Resources for Law Enforcement",
      Author: "training-directory",
      Subject: expect.stringContaining("law enforcement"),
      Language: "en-US",
      CreationDate: "D:20261130000000Z",
      ModDate: "D:20261130000000Z",
    });
  });

  it("is byte-identical for the same inputs and --date", async () => {
    const again = await testdir({ "data.json": JSON.stringify(tricky), "report.json": JSON.stringify(report) });
    expect((await exportTo(again)).code).toBe(0);
    expect(Buffer.compare(await readFile(join(again, "out/handout.pdf")), Buffer.from(bytes))).toBe(0);
    expect(await readFile(join(again, "out/directory.csv"), "utf8")).toBe(await readFile(join(dir, "out/directory.csv"), "utf8"));
  });

  it("leaves broken resources out with --omit-broken, and QR codes with --no-qr", async () => {
    const other = await testdir({ "data.json": JSON.stringify(tricky), "report.json": JSON.stringify(report) });
    expect((await exportTo(other, ["--omit-broken", "--no-qr", "--paper", "a4"])).code).toBe(0);
    const read = await readPdf(await readFile(join(other, "out/handout.pdf")));
    expect(squash(read.pages.join(""))).not.toContain("AVanishedFactSheet");
    expect(read.links.filter((l) => l === tricky.resources[0]!.url)).toHaveLength(1); // the printed URL only, no QR link
  });
});

describe("npm run export --format", () => {
  it("writes all three by default, and only the formats asked for", async () => {
    const dir = await testdir({ "data.json": JSON.stringify(tricky), "report.json": JSON.stringify(report) });
    expect((await exportTo(dir)).code).toBe(0);
    expect(await listFiles(join(dir, "out"))).toEqual(["directory.csv", "directory.fragment.html", "directory.html", "handout.pdf"]);
    const csvOnly = await testdir({ "data.json": JSON.stringify(tricky), "report.json": JSON.stringify(report) });
    const r = await exportTo(csvOnly, ["--format", "csv"]);
    expect(r.code).toBe(0);
    expect(await listFiles(join(csvOnly, "out"))).toEqual(["directory.csv"]);
    const html = await testdir({ "data.json": JSON.stringify(tricky), "report.json": JSON.stringify(report) });
    expect((await exportTo(html, ["--format", "html, pdf"])).code).toBe(0);
    expect(await listFiles(join(html, "out"))).toEqual(["directory.fragment.html", "directory.html", "handout.pdf"]);
  });
});

describe("npm run export errors", () => {
  it("refuses a character the font cannot render, naming the resource, and writes nothing", async () => {
    const bad = { ...tricky, resources: [{ ...tricky.resources[0]!, id: "cjk", title: "人口贩运 training" }] };
    const dir = await testdir({ "data.json": JSON.stringify(bad), "report.json": JSON.stringify({ ...report, results: [], summary: { ok: 0, redirected: 0, moved: 0, broken: 0, error: 0 } }) });
    const result = await exportTo(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('resource "cjk" title: the handout font cannot render "人" (U+4EBA)');
    expect(await listFiles(dir)).toEqual(["data.json", "report.json"]);
  });

  it.each([
    [["--paper", "legal"], '--paper must be letter or a4, got "legal"'],
    [["--date", "2026-02-30"], '--date must be a date as YYYY-MM-DD, got "2026-02-30"'],
    [["--colour"], 'Unknown option "--colour"'],
    [["--format", "pdf,docx"], '--format must list some of pdf, csv, html, got "pdf,docx"'],
    [["--format", ""], '--format must list some of pdf, csv, html, got ""'],
  ])("exits 2 on %j", async (args, message) => {
    const dir = await testdir({ "data.json": JSON.stringify(tricky), "report.json": JSON.stringify(report) });
    const result = await exportTo(dir, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(await listFiles(dir)).toEqual(["data.json", "report.json"]);
  });

  it("exits 2 on an invalid report, naming the field", async () => {
    const dir = await testdir({ "data.json": JSON.stringify(tricky), "report.json": JSON.stringify({ ...report, schemaVersion: 2 }) });
    const result = await exportTo(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("report.json: schemaVersion: Invalid input: expected 1");
    expect(await listFiles(dir)).toEqual(["data.json", "report.json"]);
  });

  it("prints usage for --help", async () => {
    const result = await runCli(ENTRY, ["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchSnapshot();
  });
});

describe("layout", () => {
  it("never splits an entry across pages", () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...tricky.resources[0]!, id: `r${i}`, url: `https://example.org/r${i}/doc`, title: `Resource number ${i} ${"with a long title ".repeat(i % 4)}` }));
    const directory = { ...tricky, resources: many };
    const rows = buildRows(directory, undefined);
    const pages = [
      ...layoutHandout({
      title: directory.title,
      dateLine: "Printed",
      checkedLine: undefined,
      sections: [{ id: "guides", title: "Guides", rows }],
      paper: { width: 612, height: 792 },
      qr: true,
        measure: (text, _font, size) => text.length * size * 0.5,
      }),
    ];
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.map((p) => p.number)).toEqual(pages.map((_, i) => i + 1));
    for (const row of rows) {
      const onPages = pages.flatMap((p, i) => (p.ops.some((op) => op.kind === "text" && (op.text.startsWith(`Resource number ${row.id.slice(1)} `) || op.text === row.url)) ? [i] : []));
      expect(new Set(onPages).size, row.id).toBe(1);
    }
    for (const page of pages) for (const op of page.ops) if (op.kind === "text") expect(op.y).toBeGreaterThan(30);
  });
});
