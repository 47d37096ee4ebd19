// Every output offers a resource's archived copy and its date: the one npm run preserve recorded
// in the data for a working resource, the one the check named for a broken one.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as cheerio from "cheerio";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { runInProcess, testdir } from "@td/testkit";
import { exportCommand } from "../src/export-command.ts";
import { siteCommand } from "../src/site/site-command.ts";
import { readPdf } from "./helpers.ts";
import { report, tricky } from "./fixture.ts";

const SPANISH_COPY = tricky.resources.find((r) => r.id === "spanish")!.archivedCopy!.url;
const BROKEN_COPY = "https://web.archive.org/web/20120301000000/https://example.org/gone.pdf";

describe("archived copies in every output", () => {
  it("the CSV, the page and the handout show the recorded copy with its date, and the check's for a broken link", async () => {
    const dir = await testdir({ "data.json": JSON.stringify(tricky), "report.json": JSON.stringify(report) });
    const result = await runInProcess("export", exportCommand, ["--data", join(dir, "data.json"), "--report", join(dir, "report.json"), "--out", join(dir, "out"), "--date", "2026-11-30"]);
    expect(result.code, result.stderr).toBe(0);

    const records = parse(await readFile(join(dir, "out/directory.csv"), "utf8"), { columns: true, bom: true }) as Record<string, string>[];
    expect(records.find((r) => r.id === "spanish")).toMatchObject({ status: "ok", archived_url: SPANISH_COPY, archived_at: "2026-11-15T08:00:00Z" });
    expect(records.find((r) => r.id === "broken-doc")).toMatchObject({ archived_url: BROKEN_COPY, archived_at: "2012-03-01T00:00:00Z" });
    expect(records.find((r) => r.id === "russian")).toMatchObject({ archived_url: "", archived_at: "" });

    const $ = cheerio.load(await readFile(join(dir, "out/directory.html"), "utf8"));
    const spanish = $("#resource-spanish .archived");
    expect(spanish.text()).toBe("Archived copy of November 15, 2026 in the web archive");
    expect(spanish.find("a").attr("href")).toBe(SPANISH_COPY);
    expect($("#resource-broken-doc").text()).toContain("an archived copy of March 1, 2012 may help");

    const pdf = await readPdf(await readFile(join(dir, "out/handout.pdf")));
    const text = pdf.pages.join("\n");
    expect(text).toContain("Archived copy of November 15, 2026 in the web archive");
    expect(text).toContain("Archived copy (captured March 1, 2012):");
    expect(pdf.links).toContain(SPANISH_COPY);
  });

  it("the site's directory.json carries the recorded copy as archivedCopy and archivedUrl", async () => {
    const dir = await testdir({ "data.json": JSON.stringify(tricky), "report.json": JSON.stringify(report) });
    const result = await runInProcess("site", (argv, io) => siteCommand(argv, io), ["--data", join(dir, "data.json"), "--report", join(dir, "report.json"), "--out", join(dir, "site"), "--date", "2026-11-30"]);
    expect(result.code, result.stderr).toBe(0);
    const published = JSON.parse(await readFile(join(dir, "site/directory.json"), "utf8"));
    const spanish = published.resources.find((r: { id: string }) => r.id === "spanish");
    expect(spanish.archivedCopy).toEqual({ url: SPANISH_COPY, capturedAt: "2026-11-15T08:00:00Z" });
    expect(spanish.archivedUrl).toBe(SPANISH_COPY);
    const $ = cheerio.load(await readFile(join(dir, "site/index.html"), "utf8"));
    expect($("#resource-spanish .archived a").attr("href")).toBe(SPANISH_COPY);
  });
});
