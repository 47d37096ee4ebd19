// The handout read back: every title and URL in its text, every URL a link, metadata set,
// byte-identical runs, non-Latin text rendered, unrenderable text refused, entries never split.
import { spawn } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { summarize } from "@td/schema";
import { REPO_ROOT, listFiles, runCli, runInProcess, testdir } from "@td/testkit";
import { exportCommand } from "../src/export-command.ts";
import { layoutHandout } from "../src/handout/layout.ts";
import { urlPieces, wrapUrl } from "../src/handout/wrap.ts";
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
    // A stand-in says what its address is.
    expect(text).toContain(squash("This links to the publisher's page for the PDF: the PDF's own address is not known yet."));
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

  it("exits 2 for a report of another directory, naming how many of its results are not in the data, and writes nothing", async () => {
    const results = [...report.results.slice(0, 2), { ...report.results[2]!, id: "not-ours" }, { ...report.results[3]!, id: "nor-this" }];
    const other = { ...report, results, summary: summarize(results) };
    const dir = await testdir({ "data.json": JSON.stringify(tricky), "report.json": JSON.stringify(other) });
    const result = await exportTo(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`does not belong to ${join(dir, "data.json")}: 2 of its 4 results name resources that are not in the data ("not-ours", "nor-this")`);
    expect(await listFiles(dir)).toEqual(["data.json", "report.json"]);
  });

  it("counts in its checked line only the resources the report checked at their current address", async () => {
    // A report of some resources only (--only), one of them checked at an address the data no longer has.
    const byId = (id: string) => report.results.find((r) => r.id === id)!;
    const results = [byId("quotes-commas"), { ...byId("moved-doc"), url: "https://example.org/older/card.pdf" }, byId("broken-doc")];
    const some = { ...report, results, summary: summarize(results) };
    const dir = await testdir({ "data.json": JSON.stringify(tricky), "report.json": JSON.stringify(some) });
    expect((await exportTo(dir, ["--format", "pdf,html"])).code).toBe(0);
    const line = "Links checked on November 30, 2026 (2 of 7 resources; the others were not checked at their current address): 1 working, 0 moved, 1 unavailable, 0 not confirmed.";
    expect(squash((await readPdf(await readFile(join(dir, "out/handout.pdf")))).pages[0]!)).toContain(squash(line));
    expect(await readFile(join(dir, "out/directory.html"), "utf8")).toContain(line);
  });

  it("says on the page when it was exported, and that its links were checked only when a report was given", async () => {
    const dir = await testdir({ "data.json": JSON.stringify(tricky) });
    const result = await inProcess(["--data", join(dir, "data.json"), "--out", join(dir, "out"), "--date", "2026-11-30", "--format", "html"]);
    expect(result.code).toBe(0);
    const page = await readFile(join(dir, "out/directory.html"), "utf8");
    expect(page).toContain("Exported on November 30, 2026");
    expect(page).not.toContain("Updated");
    expect(page).not.toContain("Links checked");
    expect(page).toContain("its links were not checked for this page");
    const checked = await readFile(join(dir, "out/directory.html"), "utf8");
    expect(checked).not.toContain("latest link check");
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

  const layoutOf = (sections: { id: string; title: string; rows: ReturnType<typeof buildRows> }[], checkedLine?: string) => {
    const run = layoutHandout({
      title: tricky.title,
      dateLine: "Printed",
      checkedLine,
      sections,
      paper: { width: 612, height: 792 },
      qr: true,
      measure: (text, _font, size) => text.length * size * 0.5,
    });
    const pages = [];
    let step = run.next();
    for (; !step.done; step = run.next()) pages.push(step.value);
    return { pages, end: step.value };
  };
  /** Content (not the footers, added later) stays above the footer band. */
  const aboveFooter = (pages: { ops: { kind: string; y: number }[] }[]) => pages.every((p) => p.ops.every((op) => op.y > 50));

  it("runs the contents over as many pages as 80 sections need, every line above the footer, each with its section's page", () => {
    const sections = Array.from({ length: 80 }, (_, i) => ({ id: `s${i}`, title: `Section ${i}`, rows: buildRows({ ...tricky, resources: [{ ...tricky.resources[0]!, id: `r${i}` }] }, undefined) }));
    const { pages, end } = layoutOf(sections);
    const tocPages = end.contents.map((c) => c.page);
    expect(tocPages.length).toBeGreaterThan(1);
    expect(tocPages).toEqual(tocPages.map((_, i) => i + 1));
    const lines = end.contents.flatMap((c) => c.ops.filter((op) => op.kind === "text" && op.text.startsWith("Section ")));
    expect(lines.map((op) => (op.kind === "text" ? op.text : ""))).toEqual(sections.map((s) => s.title));
    expect(end.contents.every((c) => c.ops.every((op) => op.y > 50))).toBe(true);
    // Every section starts after the contents, on the page its contents line names.
    const numbers = end.contents.flatMap((c) => c.ops.filter((op) => op.kind === "text" && /^\d+$/.test(op.text)).map((op) => Number(op.kind === "text" ? op.text : 0)));
    sections.forEach((s, i) => {
      const page = pages.find((p) => p.outline.some((o) => o.level === 0 && o.title === s.title))!;
      expect(page.number, s.title).toBe(numbers[i]);
      expect(page.number).toBeGreaterThan(tocPages.at(-1)!);
    });
    expect(aboveFooter(pages)).toBe(true);
  });

  it("continues a description longer than a page on the next page, every line above the footer, none lost", () => {
    const words = Array.from({ length: 900 }, (_, i) => `word${i}`);
    const long = { ...tricky.resources[0]!, id: "long", description: words.join(" ") };
    const rows = buildRows({ ...tricky, resources: [tricky.resources[1]!, long, tricky.resources[2]!] }, undefined);
    const { pages } = layoutOf([{ id: "guides", title: "Guides", rows }]);
    expect(aboveFooter(pages)).toBe(true);
    const text = pages.flatMap((p) => p.ops.flatMap((op) => (op.kind === "text" ? [op.text] : []))).join(" ");
    expect(text.split(" ").filter((w) => w.startsWith("word"))).toEqual(words);
    const on = (w: string) => pages.findIndex((p) => p.ops.some((op) => op.kind === "text" && op.text.split(" ").includes(w)));
    expect(on("word899")).toBeGreaterThan(on("word0"));
  });

  it("never ends a page with a section heading: it moves to the page of its first entry", () => {
    // Sections of one entry each, with descriptions of many lengths (some longer than a page), so
    // headings fall at every height.
    const sections = Array.from({ length: 40 }, (_, i) => ({
      id: `s${i}`,
      title: `Section ${i}`,
      rows: buildRows({ ...tricky, resources: [{ ...tricky.resources[0]!, id: `r${i}`, title: `Entry ${i}`, description: "text ".repeat(i % 10 === 5 ? 1200 : 20 + ((i * 37) % 300)) }] }, undefined),
    }));
    const { pages } = layoutOf(sections);
    for (const page of pages) {
      for (const item of page.outline.filter((o) => o.level === 0)) {
        const entry = page.outline.find((o) => o.level === 1 && o.title === `Entry ${item.title.slice("Section ".length)}`);
        expect(entry, `${item.title} on page ${page.number}`).toBeDefined();
      }
    }
    expect(aboveFooter(pages)).toBe(true);
  });

  it("wraps a long check line instead of running it off the page", () => {
    const line = `Links checked on November 30, 2026 (2 of 7 resources; the others were not checked at their current address): ${"1 working, ".repeat(8)}.`;
    const { pages } = layoutOf([{ id: "g", title: "G", rows: buildRows(tricky, undefined).slice(0, 1) }], line);
    const subtitle = pages[0]!.ops.filter((op) => op.kind === "text" && op.size === 11 && op.color === "muted");
    expect(subtitle.length).toBeGreaterThan(1);
    for (const op of subtitle) if (op.kind === "text") expect(op.text.length * 11 * 0.5).toBeLessThanOrEqual(612 - 2 * 54);
  });
});

describe("URL line breaks", () => {
  const measure = (t: string) => t.length;
  it("break after / ? & = # and before . - _ ~, never leaving a hyphen at a line's end", () => {
    const url = "https://www.example.org/publicaciones/gu%C3%ADa-identificaci%C3%B3n-v%C3%ADctimas-trata-de-personas-2019-versi%C3%B3n-final-para-imprimir.pdf?lang=es&x=1";
    for (const width of [12, 20, 28, 36, 44, 60]) {
      const lines = wrapUrl(url, width, measure);
      expect(lines.join(""), `width ${width}`).toBe(url);
      for (const l of lines.slice(0, -1)) expect(l.endsWith("-") || l.endsWith(".") || l.endsWith("_"), `"${l}" at width ${width}`).toBe(false);
    }
    expect(urlPieces("https://a.org/x-y.pdf?a=1&b=2")).toEqual(["https://", "a", ".org/", "x", "-y", ".pdf?", "a=", "1&", "b=", "2"]);
  });
});

describe("npm run export stopped or blocked", () => {
  it("removes its unfinished temporary file when stopped by Ctrl-C (SIGINT), and exits 130", async () => {
    const base = tricky.resources[0]!;
    const big = { ...tricky, resources: Array.from({ length: 20_000 }, (_, i) => ({ ...base, id: `r${i}`, url: `https://example.org/r/${i}` })) };
    const dir = await testdir({ "data.json": JSON.stringify(big) });
    const out = join(dir, "out");
    const child = spawn(process.execPath, ["--import", "tsx", ENTRY, "--data", join(dir, "data.json"), "--out", out, "--format", "pdf"], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // Waits for the handout's temporary file: the export is then writing it.
    const temp = async (): Promise<string[]> => (await readdir(out).catch(() => [] as string[])).filter((f) => f.startsWith(".handout.pdf.") && f.endsWith(".tmp"));
    while ((await temp()).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain("export: stopped by SIGINT; 1 unfinished file removed");
    expect(await readdir(out)).toEqual([]);
  }, 120_000);
});
