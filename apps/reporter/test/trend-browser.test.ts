// The weekly report's trend chart drawn as GitHub draws it: Mermaid 11 in a real browser (Debian's
// chromium driven by playwright-core). Its title must not be cut, and small problem counts must
// be told apart: each line spans a good part of the plot, not its bottom tenth.
import { createRequire } from "node:module";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS, HAS_BROWSER, NO_BROWSER_REASON } from "@td/testkit";
import { TREND_TITLE, renderTrend } from "../src/render/weekly-report.ts";

const require = createRequire(import.meta.url);
const MERMAID = require.resolve("mermaid/dist/mermaid.min.js");

describe.skipIf(!HAS_BROWSER)(`the trend chart in a real browser with Mermaid${HAS_BROWSER ? "" : ` (${NO_BROWSER_REASON})`}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("keeps its whole title inside the drawing and gives problem counts of 1, 2 and 3 room to be told apart, with 45 links ok", async () => {
    const runs = Array.from({ length: 6 }, (_, i) => `2026-11-${String(2 + i * 4).padStart(2, "0")}T06:01:00.000Z`);
    // ok near 45; redirected, moved, broken and error between 0 and 3.
    const trend: [number, number, number, number, number][] = [
      [45, 1, 0, 2, 3],
      [46, 1, 1, 2, 1],
      [44, 2, 0, 3, 2],
      [45, 1, 1, 1, 3],
      [47, 0, 1, 2, 1],
      [45, 1, 0, 3, 2],
    ];
    const markdown = renderTrend({ runs, trend }).join("\n");
    const code = /```mermaid\n([\s\S]*?)```/.exec(markdown)![1]!;
    const page = await browser.newPage({ viewport: { width: 1012, height: 800 } });
    await page.setContent("<!doctype html><html><body><div id='chart'></div></body></html>");
    await page.addScriptTag({ path: MERMAID });
    const drawn = await page.evaluate(async (source) => {
      const m = (window as unknown as { mermaid: { initialize(o: object): void; render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
      m.initialize({ startOnLoad: false });
      const { svg } = await m.render("trend", source);
      const box = document.getElementById("chart")!;
      box.innerHTML = svg;
      const root = box.querySelector("svg")!;
      const frame = root.getBoundingClientRect();
      // Where each element is drawn on the screen (its transforms applied), against the drawing's own frame.
      const rect = (el: Element) => {
        const b = el.getBoundingClientRect();
        return { x: b.x - frame.x, y: b.y - frame.y, width: b.width, height: b.height };
      };
      const texts = [...root.querySelectorAll("text")].map((t) => ({ text: t.textContent ?? "", box: rect(t) }));
      const lines = [...root.querySelectorAll("path")].map(rect).filter((b) => b.width > 50);
      return { view: { x: 0, y: 0, width: frame.width, height: frame.height }, texts, lines };
    }, code);
    await page.close();
    const title = drawn.texts.find((t) => t.text === TREND_TITLE);
    expect(title, `the title "${TREND_TITLE}" among ${JSON.stringify(drawn.texts.map((t) => t.text))}`).toBeDefined();
    expect(title!.box.x).toBeGreaterThanOrEqual(drawn.view.x);
    expect(title!.box.x + title!.box.width).toBeLessThanOrEqual(drawn.view.x + drawn.view.width);
    // Four problem lines, each of which rises and falls over a good part of the drawing.
    expect(drawn.lines.length).toBeGreaterThanOrEqual(4);
    const tall = drawn.lines.filter((b) => b.height > drawn.view.height * 0.2);
    expect(tall.length).toBeGreaterThanOrEqual(3);
  });
});
