// Makes docs/page-preview.png, the README's picture of the web page: the real export of the
// directory, opened in headless chromium (as the browser tests do) and photographed at the top.
// Run: npx tsx apps/exporter/scripts/page-preview.ts
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { REPO_ROOT, runCli } from "@td/testkit";
import { CHROMIUM, CHROMIUM_ARGS } from "@td/testkit";

const out = await mkdtemp(join(tmpdir(), "td-page-preview-"));
const exported = await runCli("apps/exporter/src/main.ts", ["--out", out, "--format", "html"]);
if (exported.code !== 0) throw new Error(exported.stderr);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 900, height: 1100 }, deviceScaleFactor: 1 });
await page.goto(pathToFileURL(join(out, "directory.html")).href);
await page.screenshot({ path: join(REPO_ROOT, "docs/page-preview.png") });
await browser.close();
process.stdout.write(`wrote ${join(REPO_ROOT, "docs/page-preview.png")}\n`);
