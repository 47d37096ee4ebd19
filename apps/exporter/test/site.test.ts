// `npm run site`: the public site built from a directory and a report, then again from changed data
// with the first site as --previous-site (a folder, and its public address served on loopback).
// Every file present and valid: the feed read back by a real feed parser, the data package's
// fields equal to the CSV's header in order, directory.json valid against its schema; the feed's
// entries are the changes; every relative link resolves; the page passes the browser checks.
import { createServer, type Server } from "node:http";
import { readFile, readdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { join, normalize } from "node:path";
import { pathToFileURL } from "node:url";
import { parseFeed } from "@rowanmanning/feed-parser";
import { Ajv2020 } from "ajv/dist/2020.js";
import * as cheerio from "cheerio";
import { parse } from "csv-parse/sync";
import { chromium } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { summarize, type Directory, type Report } from "@td/schema";
import { CHROMIUM, CHROMIUM_ARGS, HAS_BROWSER, NO_BROWSER_REASON, listFiles, runCli, runInProcess, testdir } from "@td/testkit";
import { siteCommand } from "../src/site/site-command.ts";
import { HOSTILE_TITLE, hostile, hostileReport, report, tricky } from "./fixture.ts";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const BASE = "https://example.github.io/training-directory/";

async function build(dir: string, data: Directory, r: Report | undefined, extra: string[] = [], date = "2026-11-30") {
  const files: Record<string, string> = { "data.json": JSON.stringify(data) };
  if (r) files["report.json"] = JSON.stringify(r);
  for (const [name, text] of Object.entries(files)) await (await import("node:fs/promises")).writeFile(join(dir, name), text);
  return runInProcess("site", (argv, io) => siteCommand(argv, io), ["--data", join(dir, "data.json"), ...(r ? ["--report", join(dir, "report.json")] : []), "--date", date, "--base-url", BASE, ...extra]);
}

/** Week 2: one resource added, one removed, one at a new address, one gone, the broken one back. */
function week2(): { data: Directory; report: Report } {
  const resources = tricky.resources
    .filter((r) => r.id !== "russian")
    .map((r) => (r.id === "spanish" ? { ...r, url: "https://www.example.org/publicaciones/guia-2026.pdf" } : r))
    .concat([{ ...tricky.resources[0]!, id: "new-guide", title: "A New Guide", url: "https://example.org/new-guide" }]);
  const results = report.results
    .filter((x) => x.id !== "russian" && x.id !== "spanish")
    .map((x) => (x.id === "quotes-commas" ? { ...x, status: "broken" as const, httpStatus: 404, reason: "HTTP 404 Not Found" } : x.id === "broken-doc" ? { ...x, status: "ok" as const, httpStatus: 200, reason: "HTTP 200", archivedUrl: null } : x));
  return { data: { ...tricky, resources }, report: { ...report, finishedAt: "2026-12-07T06:01:00.000Z", results, summary: summarize(results) } };
}

describe("npm run site", () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

  it("builds every file of the site, each valid, with relative links that resolve", async () => {
    const dir = await testdir();
    const result = await build(dir, tricky, report, ["--out", join(dir, "site")]);
    expect(result.code, result.stderr).toBe(0);
    const site = join(dir, "site");
    expect(await listFiles(site)).toEqual(["changes.json", "datapackage.json", "directory-spreadsheet.csv", "directory.csv", "directory.json", "directory.schema.json", "feed.xml", "handout.pdf", "index.html", "report.json"]);

    // The data package describes the CSV's columns, in order, and the CSV keeps values as written.
    const pkg = JSON.parse(await readFile(join(site, "datapackage.json"), "utf8")) as { resources: { path: string; schema: { fields: { name: string; type: string; description: string }[] } }[] };
    const csv = await readFile(join(site, "directory.csv"), "utf8");
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    expect(pkg.resources[0]!.path).toBe("directory.csv");
    expect(pkg.resources[0]!.schema.fields.map((f) => f.name)).toEqual(csv.split("\r\n")[0]!.split(","));
    expect(pkg.resources[0]!.schema.fields.every((f) => f.description.length > 10)).toBe(true);
    expect(records.find((r) => r.id === "formula")!.title).toBe('=HYPERLINK("http://evil.example","click")');
    const spreadsheet = parse((await readFile(join(site, "directory-spreadsheet.csv"), "utf8")).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    expect(spreadsheet.find((r) => r.id === "formula")!.title).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(records.find((r) => r.id === "stand-in")!.section_id).toBe("guides");

    // directory.json is valid against its published schema, every resource with its last check.
    const schema = JSON.parse(await readFile(join(site, "directory.schema.json"), "utf8"));
    const directory = JSON.parse(await readFile(join(site, "directory.json"), "utf8"));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(directory), JSON.stringify(validate.errors)).toBe(true);
    expect(directory.resources.find((r: { id: string }) => r.id === "moved-doc")).toMatchObject({ status: "moved", suggestedUrl: "https://example.org/files/2024/card.pdf", checkedAt: "2026-11-30T06:00:03.000Z" });

    // The feed, read by a real feed parser: the first publication.
    const feed = parseFeed(await readFile(join(site, "feed.xml"), "utf8"));
    expect(feed.meta.type).toBe("atom");
    expect(feed.items.map((i) => i.title)).toEqual(["Published: Training Resources for Law Enforcement"]);
    expect(feed.self).toBe(`${BASE}feed.xml`);

    // The page: its downloads and the feed linked relatively, every relative link a file of the site.
    const html = await readFile(join(site, "index.html"), "utf8");
    const $ = cheerio.load(html);
    expect($('link[rel="alternate"][type="application/atom+xml"]').attr("href")).toBe("feed.xml");
    expect($('link[rel="canonical"]').attr("href")).toBe(BASE);
    const relative = $("a[href], link[href]")
      .map((_, a) => $(a).attr("href")!)
      .get()
      .filter((h) => !/^(?:https?:|#|mailto:)/.test(h));
    expect(relative.sort()).toEqual(["datapackage.json", "directory-spreadsheet.csv", "directory.csv", "directory.json", "feed.xml", "feed.xml", "handout.pdf"]);
    const present = new Set(await readdir(site));
    for (const href of relative) expect(present.has(normalize(href)), href).toBe(true);
    // Structured data: an ItemList of the resources, text escaped.
    const ld = JSON.parse($('script[type="application/ld+json"]').text());
    expect(ld).toMatchObject({ "@context": "https://schema.org", "@type": "ItemList", numberOfItems: tricky.resources.length });
    expect(ld.itemListElement.find((e: { item: { name: string } }) => e.item.name === "A Vanished Fact Sheet").item).toMatchObject({ "@type": "DigitalDocument", encodingFormat: "application/pdf", archivedAt: "https://web.archive.org/web/20120301000000/https://example.org/gone.pdf" });
  });

  it("feeds the changes since the previous site (a folder, then its public address), keeping earlier entries, with stable ids", async () => {
    const dir = await testdir();
    expect((await build(dir, tricky, report, ["--out", join(dir, "week1")])).code).toBe(0);
    const next = week2();
    const second = await build(dir, next.data, next.report, ["--out", join(dir, "week2"), "--previous-site", join(dir, "week1")], "2026-12-07");
    expect(second.code, second.stderr).toBe(0);
    const feed = parseFeed(await readFile(join(dir, "week2/feed.xml"), "utf8"));
    expect(feed.items.map((i) => i.title).sort()).toEqual(
      [
        "Added: A New Guide",
        "New address: Guía de identificación de víctimas de trata",
        "Unavailable: The \"Smart Raids\", Blind Sweeps, and Others",
        "Recovered: A Vanished Fact Sheet",
        "Removed: Руководство по борьбе с торговлей людьми",
        "Published: Training Resources for Law Enforcement",
      ].sort(),
    );
    expect(feed.items.find((i) => i.title?.startsWith("New address"))!.id).toBe("urn:training-directory:change:2026-12-07:new-address:spanish");
    expect(feed.items.find((i) => i.title?.startsWith("New address"))!.description).toContain("is now at https://www.example.org/publicaciones/guia-2026.pdf");

    // The same from the site's public address (served here), and byte-identical for the same inputs and date.
    const server = createServer(async (q, s) => {
      const path = join(dir, "week1", (q.url ?? "/").replace(/^\/training-directory\//, ""));
      const body = await readFile(path).catch(() => undefined);
      s.writeHead(body ? 200 : 404).end(body);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/training-directory/`;
    const remote = await build(dir, next.data, next.report, ["--out", join(dir, "week2-remote"), "--previous-site", url], "2026-12-07");
    expect(remote.code, remote.stderr).toBe(0);
    expect(await readFile(join(dir, "week2-remote/feed.xml"), "utf8")).toBe(await readFile(join(dir, "week2/feed.xml"), "utf8"));
    expect(await readFile(join(dir, "week2-remote/index.html"), "utf8")).toBe(await readFile(join(dir, "week2/index.html"), "utf8"));
    // An address with no site yet (a first deploy) starts the feed afresh.
    const first = await build(dir, next.data, next.report, ["--out", join(dir, "fresh"), "--previous-site", `${url}nothing-here/`], "2026-12-07");
    expect(first.code).toBe(0);
    expect(first.stderr).toContain("(a first publication)");
  });

  it("exits 2 on a bad --base-url or a previous site that is not one, writing nothing", async () => {
    const dir = await testdir({ "bad/directory.json": "{}" });
    const bad = await build(dir, tricky, undefined, ["--out", join(dir, "site"), "--base-url", "ftp://x"]);
    expect(bad.code).toBe(2);
    const notSite = await build(dir, tricky, undefined, ["--out", join(dir, "site"), "--previous-site", join(dir, "bad")]);
    expect(notSite.code).toBe(2);
    expect(notSite.stderr).toContain("is not a published directory's");
    expect(await listFiles(dir)).toEqual(["bad/directory.json", "data.json"]);
  });

  it("prints usage for --help", async () => {
    const result = await runCli("apps/exporter/src/site-main.ts", ["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: npm run site");
  });
});

describe.skipIf(!HAS_BROWSER)(`the site's page in a real browser${HAS_BROWSER ? "" : ` (${NO_BROWSER_REASON})`}`, () => {
  it("passes axe, makes no request outside its folder, and keeps hostile titles as text", async () => {
    const dir = await testdir();
    expect((await build(dir, hostile, hostileReport, ["--out", join(dir, "site")])).code).toBe(0);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      const index = pathToFileURL(join(dir, "site/index.html")).href;
      await page.goto(index);
      expect(requests).toEqual([index]);
      expect(await page.locator("img, iframe, script:not([type='application/ld+json'])").count()).toBe(0);
      expect(await page.locator("#resource-hostile h3 a").textContent()).toBe(HOSTILE_TITLE);
      await page.addScriptTag({ content: await readFile(AXE, "utf8") });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
        return (await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } })).violations.map((v) => ({ id: v.id, impact: v.impact }));
      });
      expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
