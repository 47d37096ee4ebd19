// The web page in a real browser, as a reader gets it: made by the real export command, opened from
// the file in headless chromium, checked with axe-core (WCAG 2.2 AA), on a 375 px phone and with
// the keyboard. Skipped, saying why, where there is no browser.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess, testdir } from "@td/testkit";
import { exportCommand } from "../src/export-command.ts";
import { CHROMIUM, CHROMIUM_ARGS, HAS_BROWSER, NO_BROWSER_REASON } from "@td/testkit";
import { HOSTILE_TITLE, hostile, hostileReport } from "./fixture.ts";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

describe.skipIf(!HAS_BROWSER)(`directory.html in a real browser${HAS_BROWSER ? "" : ` (${NO_BROWSER_REASON})`}`, () => {
  let browser: Browser;
  let file: string;
  beforeAll(async () => {
    const dir = await testdir({ "data.json": JSON.stringify(hostile), "report.json": JSON.stringify(hostileReport) });
    const result = await runInProcess("export", exportCommand, ["--data", join(dir, "data.json"), "--report", join(dir, "report.json"), "--out", join(dir, "out"), "--format", "html", "--date", "2026-11-30"]);
    expect(result.code, result.stderr).toBe(0);
    file = join(dir, "out/directory.html");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the page, recording every request it makes and any dialog a script would open. */
  async function open(viewport = { width: 1024, height: 800 }): Promise<{ page: Page; requests: string[]; dialogs: string[] }> {
    const page = await browser.newPage({ viewport });
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    return { page, requests, dialogs };
  }

  it("has no serious or critical accessibility violation (axe-core, WCAG 2.2 AA)", async () => {
    const { page } = await open();
    await page.addScriptTag({ content: await readFile(AXE, "utf8") });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
    });
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    await page.close();
  });

  it("makes no request beyond the file itself, and hostile titles stay text", async () => {
    const { page, requests, dialogs } = await open();
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(dialogs).toEqual([]);
    expect(await page.locator("img, iframe, script").count()).toBe(0);
    expect(await page.locator("#resource-hostile h3 a").textContent()).toBe(HOSTILE_TITLE);
    await page.close();
  });

  it("makes every resource's address a link", async () => {
    const { page } = await open();
    const hrefs = new Set(await page.locator("main article h3 a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute("href"))));
    for (const r of hostile.resources) {
      const result = hostileReport.results.find((x) => x.id === r.id);
      expect(hrefs.has(result?.suggestedUrl ?? r.url), r.id).toBe(true);
    }
    await page.close();
  });

  it("fits a 375 px phone without sideways scrolling", async () => {
    const { page } = await open({ width: 375, height: 740 });
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await page.close();
  });

  it("reaches the first resource link by keyboard: the skip link first, then straight to the list", async () => {
    const { page } = await open();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to the directory");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute("href"));
    expect(first).toBe(await page.locator("main article h3 a").first().getAttribute("href"));
    await page.close();
  });

  it("prints every title link's address", async () => {
    const { page } = await open();
    await page.emulateMedia({ media: "print" });
    const after = await page.locator("main article h3 a").first().evaluate((a) => getComputedStyle(a, "::after").content);
    expect(after).toContain("http");
    await page.close();
  });
});
