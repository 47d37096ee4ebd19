// Runs linkinator (the npm package, v7) on the bench's list page, as its users do, and writes
// each link's verdict as JSON. Plain JavaScript, so no TypeScript loader is measured with it.
import { writeFileSync } from "node:fs";
import { LinkChecker } from "linkinator";

const [url, concurrency, timeout, out, rssFile] = process.argv.slice(2);
const checker = new LinkChecker();
const result = await checker.check({ path: url, concurrency: Number(concurrency), timeout: Number(timeout), recurse: false });
writeFileSync(out, JSON.stringify(result.links.map((l) => ({ url: l.url, state: l.state, status: l.status ?? null }))));
writeFileSync(rssFile, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
