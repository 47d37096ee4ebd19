// Runs in a child process of test/adversarial-text.test.ts: a super-linear pattern blocks its
// thread, which no in-process test timeout can interrupt, while the parent can kill a child.
// Prints one line per run of hostile text as it is analysed, then "done".
import { detectBotWall } from "../../src/analyze/bot-wall.ts";
import { looksLikeHtml } from "../../src/analyze/content-kind.ts";
import { parseMetaRefresh, readHtmlPage } from "../../src/analyze/html-page.ts";
import { usefulTitle } from "../../src/analyze/pdf-facts.ts";
import { detectSoftNotFound, textSimilarity } from "../../src/analyze/soft-404.ts";
import { textFingerprint } from "../../src/analyze/text-fingerprint.ts";
import { hubLinks } from "../../src/discover/hub-pages.ts";
import { fileNameWords, titleCloseness } from "../../src/discover/titles.ts";
import { parseSitemap, sitemapsFromRobots } from "../../src/discover/sitemaps.ts";

const MB = 1024 * 1024;
/** Runs of one character class, each ending in what makes the usual match fail at the last moment. */
export const RUNS: Record<string, string> = {
  "word characters": `${"a".repeat(MB)}!`,
  "dotted words": `${"a.".repeat(MB / 2)}!`,
  spaces: `0${" ".repeat(MB)};x`,
  digits: `slide ${"1".repeat(MB)}x`,
  slashes: `${"/".repeat(MB)}x`,
  hyphens: `${"-".repeat(MB)}x`,
  "comment openers": "<!--".repeat(MB / 4),
  "reference numbers": "Reference #1.".repeat(MB / 13),
  "not-found words": "page not ".repeat(MB / 9),
};

const only = process.argv[2];
for (const [name, text] of Object.entries(RUNS)) {
  if (only !== undefined && only !== name) continue;
  const headers = { server: "cloudflare", "cf-ray": "1", "set-cookie": [text.slice(0, 64 * 1024)] };
  if (detectBotWall({ status: 200, headers, text }) !== undefined) throw new Error(`${name}: taken for a bot wall`);
  const page = readHtmlPage(`<html><head><title>${text}</title><meta http-equiv="refresh" content="${text}"></head><body><h1>${text}</h1><a href="/x">${text}</a></body></html>`, "https://a.org/");
  if (page.title.length === 0) throw new Error(`${name}: the title was lost`);
  detectSoftNotFound(page);
  detectSoftNotFound({ ...page, title: text, headings: [text], text });
  parseMetaRefresh(text, "https://a.org/");
  hubLinks(page, "https://a.org");
  usefulTitle(text);
  looksLikeHtml(Buffer.from(text), null);
  textSimilarity(text, text.slice(1));
  titleCloseness(text, text.slice(1));
  fileNameWords(`https://a.org/${encodeURIComponent(text.slice(0, 64 * 1024))}.pdf`);
  textFingerprint(text);
  sitemapsFromRobots(`Sitemap: ${text}\n${text}`, "https://a.org/");
  parseSitemap(Buffer.from(`<urlset><url><loc>${text}</loc></url></urlset>`), 5 * MB, 10);
  process.stdout.write(`${name}\n`);
}
process.stdout.write("done\n");
