// The checkers under test, each run as a child process on the same URL list with the same
// global concurrency, and their verdicts read back into one shape.
import { chmod, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import type { Report } from "@td/schema";
import type { BenchUrl } from "./latency-web.ts";
import { measure, type Measurement } from "./measure.ts";

export type Verdict = "alive" | "dead" | "inconclusive";

export interface ToolRun {
  tool: string;
  measurement: Measurement;
  verdicts: Map<string, Verdict>;
  note?: string;
}

export interface RunSettings {
  concurrency: number;
  perHost: number;
  repoRoot: string;
}

const require = createRequire(import.meta.url);
const here = fileURLToPath(new URL(".", import.meta.url));

/** What a checker is pointed at: the URLs (for ours) and the page listing them (for the others). */
export interface BenchTarget {
  urls: readonly BenchUrl[];
  listUrl: string;
}

/** One way of running our checker: the flags beyond the shared concurrency and per-host limit. */
export interface OursVariant {
  label: string;
  args: string[];
  note: string;
}

/**
 * Our checker as a user runs it: `npm run check` in a child process (npm, tsx and all), on a
 * directory file of the URLs, measured from outside.
 */
export async function runOurs({ urls }: BenchTarget, s: RunSettings, variant: OursVariant = { label: "defaults", args: [], note: "" }): Promise<ToolRun> {
  const dir = await mkdtemp(join(tmpdir(), "td-bench-ours-"));
  const directory = {
    title: "Benchmark",
    sections: [{ id: "s", title: "S" }],
    resources: urls.map((u, i) => ({
      id: `r${i}`,
      title: `Resource ${i}`,
      publisher: "Bench",
      description: "",
      url: u.url,
      format: u.url.endsWith(".pdf") ? "pdf" : "web",
      section: "s",
      audiences: ["law-enforcement"],
    })),
  };
  await writeFile(join(dir, "data.json"), JSON.stringify(directory, null, 2));
  const args = ["run", "check", "--", "--data", join(dir, "data.json"), "--out", join(dir, "out"), "--concurrency", String(s.concurrency), "--per-host", String(s.perHost), ...variant.args];
  const measurement = await measure("npm", args, { cwd: s.repoRoot, env: { CI: "true" } });
  const report = JSON.parse(await readFile(join(dir, "out/report.json"), "utf8")) as Report;
  const verdicts = new Map<string, Verdict>();
  report.results.forEach((r, i) => verdicts.set(urls[i]!.url, r.status === "ok" || r.status === "redirected" ? "alive" : r.status === "error" ? "inconclusive" : "dead"));
  const archive = report.archive ? `; archive ${report.archive.state}, ${report.archive.lookups} lookups, ${report.archive.notLookedUp} not looked up` : "";
  return {
    tool: `training-directory check (${variant.label})`,
    measurement,
    verdicts,
    note: `npm run check -- --concurrency ${s.concurrency} --per-host ${s.perHost}${variant.args.length ? ` ${variant.args.join(" ")}` : ""}${variant.note ? `; ${variant.note}` : ""}${archive}`,
  };
}

export async function runLinkinator({ listUrl }: BenchTarget, s: RunSettings): Promise<ToolRun> {
  const dir = await mkdtemp(join(tmpdir(), "td-bench-linkinator-"));
  const out = join(dir, "links.json");
  const rss = join(dir, "rss.json");
  const measurement = await measure(process.execPath, [join(here, "run-linkinator.mjs"), listUrl, String(s.concurrency), "15000", out, rss], { cwd: s.repoRoot });
  measurement.peakRssMb = await selfReportedRss(rss, measurement.peakRssMb);
  const links = JSON.parse(await readFile(out, "utf8")) as { url: string; state: string }[];
  const verdicts = new Map<string, Verdict>();
  for (const l of links) if (l.url !== listUrl) verdicts.set(l.url, l.state === "OK" ? "alive" : l.state === "BROKEN" ? "dead" : "inconclusive");
  // linkinator's exports hide package.json; its main module sits two folders below it.
  const version = (JSON.parse(await readFile(join(dirname(require.resolve("linkinator")), "../../package.json"), "utf8")) as { version: string }).version;
  return { tool: `linkinator ${version}`, measurement, verdicts, note: `concurrency ${s.concurrency}, no per-host limit` };
}

export async function runLinkChecker({ listUrl }: BenchTarget, s: RunSettings): Promise<ToolRun | { tool: string; skipped: string }> {
  const probe = await measure("sh", ["-c", "command -v linkchecker"]).catch(() => undefined);
  if (!probe || probe.code !== 0) return { tool: "LinkChecker", skipped: "not installed (Debian package linkchecker); skipped" };
  // LinkChecker drops root privileges to "nobody", so its output folder must be writable by all.
  const dir = await mkdtemp(join(tmpdir(), "td-bench-linkchecker-"));
  await chmod(dir, 0o777);
  const config = join(dir, "linkcheckerrc");
  await writeFile(config, "[checking]\nmaxrequestspersecond=1000\n[filtering]\ncheckextern=1\n");
  await chmod(config, 0o644);
  const out = join(dir, "out.csv");
  const measurement = await measure("linkchecker", ["--config", config, "--verbose", "--no-status", "--check-extern", "-r", "1", "-t", String(s.concurrency), "-F", `csv/utf-8/${out}`, listUrl]);
  const text = await readFile(out, "utf8");
  const rows = parse(text.split("\n").filter((l) => !l.startsWith("#")).join("\n"), { delimiter: ";", columns: true, relax_quotes: true, relax_column_count: true }) as Record<string, string>[];
  const verdicts = new Map<string, Verdict>();
  for (const row of rows) {
    const url = row.urlname ?? row.url ?? "";
    if (url === listUrl || url === "") continue;
    verdicts.set(url, row.valid === "True" ? "alive" : "dead");
  }
  const version = /LinkChecker ([\d.]+)/.exec((await measure("linkchecker", ["--version"])).stdout)?.[1] ?? "";
  return { tool: `LinkChecker ${version}`.trim(), measurement, verdicts, note: `${s.concurrency} threads, maxrequestspersecond raised to 1000` };
}

/** The peak RSS a Node tool reported of its own process (the loader's helper excluded). */
async function selfReportedRss(file: string, fallbackMb: number): Promise<number> {
  try {
    return (JSON.parse(await readFile(file, "utf8")) as { maxRssKb: number }).maxRssKb / 1024;
  } catch {
    return fallbackMb;
  }
}
