// `npm run bench`: our checker beside linkinator and LinkChecker on one latency web, then the
// exporter at scale; writes docs/benchmarks.md. Targets are reported, never asserted.
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { cpus, freemem, platform, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseFlags, parseIntegerFlag, UsageError, type Io } from "@td/cli";
import type { Directory } from "@td/schema";
import { startLatencyWeb } from "./latency-web.ts";
import { measure } from "./measure.ts";
import { renderPreserve, runPreserveBench, type PreserveBench } from "./preserve-bench.ts";
import { renderReportScale, runReportScale, type ReportScaleRun } from "./report-scale.ts";
import { politenessBoundSeconds, requestsPerHealthyUrl, score, type Score } from "./results.ts";
import { startSlowArchive } from "./slow-archive.ts";
import { startStandInWeb, type StandInWeb } from "./stand-in-web.ts";
import { syntheticDirectory } from "./synthetic-directory.ts";
import { runLinkChecker, runLinkinator, runOurs, type OursVariant, type RunSettings, type ToolRun } from "./tools.ts";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

const TOOL_KEYS = ["ours", "ours-slow-archive", "ours-budget0", "ours-fingerprints", "linkinator", "linkchecker", "ours-max"] as const;
type ToolKey = (typeof TOOL_KEYS)[number];

export const USAGE = `Usage: npm run bench -- [options]

Runs our checker as users run it (npm run check, default settings first), then with a slow,
rate-limited web archive, without the moved-document search (--budget 0), with
--write-fingerprints, and linkinator (v7) and LinkChecker (when installed), all on the same
latency web on loopback; then exports a synthetic directory at scale. Writes the results as
Markdown.

Options:
  --sizes N,N        numbers of URLs (default 4000; none to skip the link checkers)
  --latency MS       delay of every answer (default 50)
  --hosts H          hosts on 127.0.0.2… (default 20)
  --per-host P       our per-host limit (default 2)
  --concurrency C    global concurrency of every tool (default 32)
  --tools LIST       ${TOOL_KEYS.join(",")} (default all); ours is npm run check
                     with its defaults (the real web archive, unreachable without internet),
                     ours-slow-archive points it at a slow, rate-limited archive on loopback,
                     ours-max is our checker at --concurrency 256 --per-host 32, since
                     linkinator's concurrency setting does not bound its requests in flight
  --export N         resources in the export benchmark (default 10000): npm run export with
                     its defaults and --format pdf,csv at N, then --format csv and
                     --format pdf at 10×N; 0 to skip
  --linkchecker-max N  largest size LinkChecker runs at; it paces itself per host and takes
                     minutes where the others take seconds (default 1000)
  --search-hosts H   hosts of the search benchmark (default 10; 0 to skip): npm run check with
                     its defaults on topic pages standing in for the documents they list and on
                     moved documents found by their SHA-256 in a sitemap of other names
  --report-scale N   resources of the issue-sync benchmark (default 10000; 0 to skip):
                     npm run report -- --dry-run on a report of N resources, 70 % in error
                     on one host, against a local GitHub answering as an empty repository
  --preserve LIST    directories of the preserve benchmark (default ours,1000; none to skip):
                     npm run preserve with its defaults and keys against a local web archive,
                     "ours" being data/resources.json, a number a synthetic directory that size
  --out FILE         where to write the results (default docs/benchmarks.md)
  -h, --help         show this help
`;


/** Our checker's runs: the flags each adds to npm run check. */
const VARIANTS: Partial<Record<ToolKey, (archive: string) => OursVariant>> = {
  ours: () => ({ label: "defaults", args: [], note: "default settings: moved-document search, the web archive at web.archive.org (unreachable here, as on any machine without internet)" }),
  "ours-slow-archive": (archive) => ({ label: "slow archive", args: ["--archive", archive], note: "a web archive on loopback answering in 1–2 s, 429 past 30 requests a minute" }),
  "ours-budget0": () => ({ label: "--budget 0", args: ["--budget", "0"], note: "no moved-document search (the others have none)" }),
  "ours-fingerprints": () => ({ label: "--write-fingerprints", args: ["--budget", "0", "--write-fingerprints"], note: "as --budget 0, and every working PDF read with pdf.js for its text fingerprint" }),
  "ours-max": () => ({ label: "unconstrained", args: ["--budget", "0"], note: "--budget 0 at --concurrency 256 --per-host 32, to meet linkinator's real concurrency" }),
};

interface Row {
  n: number;
  key: ToolKey;
  run: ToolRun;
  requestsPerUrl: number;
  requestsPerHealthy: number;
  bound: number;
  score: Score;
  maxInFlight: { all: number; perHost: number };
  meanAnswerMs: number;
  archive?: { requests: number; rateLimited: number; maxInFlight: number };
}

interface ExportRun {
  n: number;
  formats: string | undefined;
  /** A cap on V8's heap (MB), to show the run's memory is bounded; undefined for the default run. */
  heapCap?: number;
  code: number;
  wall: number;
  cpu: number;
  rss: number;
  sizes: Record<string, number>;
}

/**
 * The export runs: 10,000 with the defaults and as PDF + CSV, then 10× that as CSV alone and as PDF
 * alone, and the PDF again with V8's heap capped: a run that finishes under the cap holds less
 * than the cap at every moment, whenever V8 chooses to collect (the default run's peak RSS moves
 * with that choice from run to run).
 */
const HEAP_CAP_MB = 512;
function exportPlan(n: number): { n: number; formats: string | undefined; heapCap?: number }[] {
  return [
    { n, formats: undefined },
    { n, formats: "pdf,csv" },
    { n: n * 10, formats: "csv" },
    { n: n * 10, formats: "pdf" },
    { n: n * 10, formats: "pdf", heapCap: HEAP_CAP_MB },
  ];
}

/** `npm run export` as users run it, on a synthetic directory written to a file, measured from outside. */
async function runExport(n: number, formats: string | undefined, heapCap?: number): Promise<ExportRun> {
  const dir = await mkdtemp(join(tmpdir(), "td-bench-export-"));
  await writeFile(join(dir, "data.json"), JSON.stringify(syntheticDirectory(n), null, 2));
  const args = ["run", "export", "--", "--data", join(dir, "data.json"), "--out", join(dir, "out"), "--date", "2026-11-30", ...(formats ? ["--format", formats] : [])];
  const m = await measure("npm", args, { cwd: REPO_ROOT, ...(heapCap ? { env: { NODE_OPTIONS: `--max-old-space-size=${heapCap}` } } : {}) });
  const sizes: Record<string, number> = {};
  for (const file of ["handout.pdf", "directory.csv", "directory.html"]) {
    const size = await stat(join(dir, "out", file)).then((s) => s.size).catch(() => undefined);
    if (size !== undefined) sizes[file] = size;
  }
  return { n, formats, ...(heapCap ? { heapCap } : {}), code: m.code, wall: m.wallSeconds, cpu: m.cpuSeconds, rss: m.peakRssMb, sizes };
}

/**
 * What no export of this file can go under on this machine: a bare node reading and parsing it
 * (the data must be read whole and validated before anything is written), and the start of the
 * command itself (npm, node, tsx and the exporter's modules, measured with --help).
 */
interface ExportFloor {
  n: number;
  readParse: number;
  start: number;
}

async function measureFloor(n: number): Promise<ExportFloor> {
  const dir = await mkdtemp(join(tmpdir(), "td-bench-floor-"));
  const file = join(dir, "data.json");
  await writeFile(file, JSON.stringify(syntheticDirectory(n), null, 2));
  // The best of three runs each: a floor should not carry a slow moment of the machine.
  const best = async (command: string, args: string[]) => {
    const walls: number[] = [];
    for (let i = 0; i < 3; i++) walls.push((await measure(command, args, { cwd: REPO_ROOT })).wallSeconds);
    return Math.min(...walls);
  };
  const readParse = await best(process.execPath, ["-e", `JSON.parse(require("node:fs").readFileSync(${JSON.stringify(file)}).toString("utf8"))`]);
  const start = await best("npm", ["run", "export", "--", "--help"]);
  return { n, readParse, start };
}

export async function bench(argv: string[], io: Io): Promise<number> {
  const { values } = parseFlags(argv, {
    sizes: { type: "string" },
    latency: { type: "string" },
    hosts: { type: "string" },
    "per-host": { type: "string" },
    concurrency: { type: "string" },
    tools: { type: "string" },
    export: { type: "string" },
    "linkchecker-max": { type: "string" },
    "search-hosts": { type: "string" },
    preserve: { type: "string" },
    "report-scale": { type: "string" },
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const sizes = values.sizes === "none" ? [] : (values.sizes ?? "4000").split(",").map((s) => parseIntegerFlag("sizes", s.trim(), 0, 1, 1_000_000));
  const latencyMs = parseIntegerFlag("latency", values.latency, 50, 0, 10_000);
  const hosts = parseIntegerFlag("hosts", values.hosts, 20, 1, 200);
  const perHost = parseIntegerFlag("per-host", values["per-host"], 2, 1, 32);
  const concurrency = parseIntegerFlag("concurrency", values.concurrency, 32, 1, 256);
  const exportN = parseIntegerFlag("export", values.export, 10_000, 0, 1_000_000);
  const linkcheckerMax = parseIntegerFlag("linkchecker-max", values["linkchecker-max"], 1000, 0, 1_000_000);
  const searchHosts = parseIntegerFlag("search-hosts", values["search-hosts"], 10, 0, 200);
  const reportScaleN = parseIntegerFlag("report-scale", values["report-scale"], 10_000, 0, 1_000_000);
  const preserveSizes = (values.preserve ?? "ours,1000").split(",").map((p) => p.trim()).filter((p) => p !== "" && p !== "none" && p !== "0");
  for (const p of preserveSizes) if (p !== "ours" && !/^\d+$/.test(p)) throw new UsageError(`--preserve: "${p}" is neither "ours" nor a number of resources`);
  const tools = (values.tools ?? TOOL_KEYS.join(",")).split(",").map((t) => t.trim()) as ToolKey[];
  for (const t of tools) if (!(TOOL_KEYS as readonly string[]).includes(t)) throw new UsageError(`--tools: unknown tool "${t}"`);
  const out = values.out ?? join(REPO_ROOT, "docs/benchmarks.md");
  const settings: RunSettings = { concurrency, perHost, repoRoot: REPO_ROOT };

  const rows: Row[] = [];
  const skipped: string[] = [];
  for (const n of sizes) {
    const web = await startLatencyWeb({ n, hosts, latencyMs });
    const archive = await startSlowArchive({ address: "127.0.0.1" });
    try {
      for (const tool of tools) {
        if (tool === "linkchecker" && n > linkcheckerMax) {
          skipped.push(`LinkChecker at ${n} URLs: skipped (--linkchecker-max ${linkcheckerMax})`);
          continue;
        }
        web.reset();
        archive.reset();
        io.stderr(`bench: ${tool} on ${n} URLs…\n`);
        // ours-max lifts our limits, since linkinator's concurrency setting does not bound it.
        const toolSettings = tool === "ours-max" ? { ...settings, concurrency: 256, perHost: 32 } : settings;
        const variant = VARIANTS[tool];
        const run =
          variant !== undefined
            ? await runOurs(web, toolSettings, variant(archive.endpoint))
            : tool === "linkinator"
              ? await runLinkinator(web, toolSettings)
              : await runLinkChecker(web, toolSettings);
        if ("skipped" in run) {
          skipped.push(`${run.tool}: ${run.skipped}`);
          continue;
        }
        const s = score(web.urls, run.verdicts);
        rows.push({
          n,
          key: tool,
          run,
          // The list page is how linkinator and LinkChecker are given the URLs; it is not counted.
          requestsPerUrl: (web.totalRequests() - (web.requests.get(web.listUrl) ?? 0)) / n,
          requestsPerHealthy: requestsPerHealthyUrl(web.urls, web.requests),
          bound: politenessBoundSeconds(n, hosts, toolSettings.perHost, latencyMs, toolSettings.concurrency),
          score: s,
          maxInFlight: { ...web.maxInFlight },
          meanAnswerMs: web.meanAnswerMs(),
          ...(tool === "ours-slow-archive" ? { archive: { requests: archive.requests, rateLimited: archive.rateLimited, maxInFlight: archive.maxInFlight } } : {}),
        });
        io.stderr(`bench: ${run.tool}: ${run.measurement.wallSeconds.toFixed(1)} s, ${run.measurement.peakRssMb.toFixed(0)} MB, missed ${s.missedDead}, false alarms ${s.falseAlarms}\n`);
      }
    } finally {
      await web.close();
      await archive.close();
    }
  }

  const exportRuns: ExportRun[] = [];
  if (exportN > 0) {
    for (const { n, formats, heapCap } of exportPlan(exportN)) {
      io.stderr(`bench: npm run export of ${n} resources${formats ? ` (--format ${formats})` : ""}${heapCap ? ` with the heap capped at ${heapCap} MB` : ""}…\n`);
      exportRuns.push(await runExport(n, formats, heapCap));
      const last = exportRuns.at(-1)!;
      io.stderr(`bench: ${last.wall.toFixed(1)} s, ${last.rss.toFixed(0)} MB${last.code !== 0 ? `, exit ${last.code}` : ""}\n`);
    }
  }
  const floor = exportN > 0 ? await measureFloor(exportN * 10) : undefined;

  let searches: SearchRun | undefined;
  if (searchHosts > 0) {
    io.stderr(`bench: the searches (stand-in pages, moved documents by SHA-256) on ${searchHosts} hosts…\n`);
    searches = await runSearches(searchHosts, latencyMs);
    io.stderr(`bench: ${searches.wall.toFixed(1)} s; stand-ins ${searches.standIns.right} right, ${searches.standIns.wrong} wrong; moved ${searches.moved.right} right, ${searches.moved.wrong} wrong\n`);
  }

  let reportScale: ReportScaleRun | undefined;
  if (reportScaleN > 0) {
    io.stderr(`bench: npm run report -- --dry-run on ${reportScaleN} resources…\n`);
    reportScale = await runReportScale(reportScaleN, REPO_ROOT);
    io.stderr(`bench: ${reportScale.wall.toFixed(1)} s, largest body planned ${reportScale.largest ?? "?"} characters\n`);
  }

  const preserves: PreserveBench[] = [];
  for (const p of preserveSizes) {
    const directory = p === "ours" ? (JSON.parse(await readFile(join(REPO_ROOT, "data/resources.json"), "utf8")) as Directory) : syntheticDirectory(Number(p));
    const name = p === "ours" ? "ours (data/resources.json)" : `synthetic, ${p}`;
    io.stderr(`bench: npm run preserve on ${name} (${directory.resources.length} resources)…\n`);
    const b = await runPreserveBench(name, directory, REPO_ROOT);
    preserves.push(b);
    io.stderr(`bench: first run ${b.first.wall.toFixed(1)} s${b.second ? `, next run ${b.second.wall.toFixed(1)} s` : ""}\n`);
  }

  const notes = await readFile(join(REPO_ROOT, "apps/bench/NOTES.md"), "utf8").catch(() => "");
  const markdown = `${renderMarkdown({ rows, skipped, exportRuns, floor, latencyMs, hosts, perHost, concurrency, argv })}${searches ? renderSearches(searches, latencyMs) : ""}${reportScale ? renderReportScale(reportScale) : ""}${preserves.length > 0 ? renderPreserve(preserves) : ""}${notes ? `\n${notes}` : ""}`;
  await writeFile(out, markdown);
  io.stdout(markdown);
  io.stderr(`bench: written to ${out}\n`);
  return 0;
}

function renderMarkdown(input: {
  rows: Row[];
  skipped: string[];
  exportRuns: ExportRun[];
  floor: ExportFloor | undefined;
  latencyMs: number;
  hosts: number;
  perHost: number;
  concurrency: number;
  argv: string[];
}): string {
  const cpu = cpus();
  const lines = [
    "# Benchmarks",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench${input.argv.length ? ` -- ${input.argv.join(" ")}` : ""}\`.`,
    "",
    `Machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB memory (${(freemem() / 2 ** 30).toFixed(0)} GiB free), ${platform()} ${release()}, Node ${process.version}.`,
    "",
    "## Link checkers",
    "",
    `A latency web on loopback: ${input.hosts} hosts (127.0.0.2…), every answer delayed ${input.latencyMs} ms; 60 % PDFs (real ones: pdf-lib, 6 pages of text) and 25 % pages answering 200, 8 % permanent redirects (301) to a page, 7 % gone (404, like every other unknown path: robots.txt, sitemaps, folders). Each tool gets the same URLs and a global concurrency of ${input.concurrency}; ours also keeps to ${input.perHost} requests per host. Ours runs as users run it, \`npm run check\` in a child process, first with its default settings (the moved-document search and the web archive at web.archive.org, which is unreachable here as on any machine without internet), then against a slow web archive on loopback (every answer after 1–2 s, 429 past 30 requests a minute), with \`--budget 0\` (no search: the others have none) and with \`--write-fingerprints\`. linkinator and LinkChecker start from one page listing every URL (how they are used). Wall and CPU time and peak RSS are measured from outside the process (getrusage of the child tree: npm, tsx and the checker). Requests are counted by the servers.`,
    "",
    `The politeness bound: N URLs over H hosts at p requests per host with latency L cannot take less than about N/(H·p)·L (here H·p = ${input.hosts * input.perHost}, capped by the concurrency ${input.concurrency}).`,
    "",
    "| URLs | tool | wall s | × bound | answer ms | CPU s | peak RSS MB | most in flight (one host) | requests / URL | requests / healthy URL | missed dead | false alarms | inconclusive | settings and notes |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const row of input.rows) {
    const m = row.run.measurement;
    const s = row.score;
    const archive = row.archive ? `; the archive saw ${row.archive.requests} requests (${row.archive.rateLimited} answered 429), at most ${row.archive.maxInFlight} at once` : "";
    lines.push(
      `| ${row.n} | ${row.run.tool} | ${m.wallSeconds.toFixed(1)} | ${(m.wallSeconds / row.bound).toFixed(2)} | ${row.meanAnswerMs.toFixed(1)} | ${m.cpuSeconds.toFixed(1)} | ${m.peakRssMb.toFixed(0)} | ${row.maxInFlight.all} (${row.maxInFlight.perHost}) | ${row.requestsPerUrl.toFixed(2)} | ${row.requestsPerHealthy.toFixed(2)} | ${s.missedDead} | ${s.falseAlarms} | ${s.inconclusive + s.unchecked} | ${row.run.note ?? ""}${archive} |`,
    );
  }
  for (const s of input.skipped) lines.push("", `- ${s}`);
  lines.push("", "### Targets", "", ...checkerTargets(input.rows, input));
  if (input.exportRuns.length > 0) {
    const runs = input.exportRuns;
    lines.push(
      "",
      "## Export at scale",
      "",
      "`npm run export` as users run it (npm, tsx and the command, in a child process, measured from outside), on a synthetic directory written to a file: 12 sections, titles in English, Spanish and Russian (so the handout embeds Cyrillic glyphs), descriptions of 10–60 words, long URLs, size hints; `--date 2026-11-30`. The default writes the handout, the CSV and the web page.",
      "",
      "| resources | --format | wall s | CPU s | peak RSS MB | exit | files |",
      "| ---: | --- | ---: | ---: | ---: | ---: | --- |",
      ...runs.map((r) => `| ${r.n} | ${r.formats ?? "(default: pdf,csv,html)"}${r.heapCap ? ` (NODE_OPTIONS=--max-old-space-size=${r.heapCap})` : ""} | ${r.wall.toFixed(1)} | ${r.cpu.toFixed(1)} | ${r.rss.toFixed(0)} | ${r.code} | ${Object.entries(r.sizes).map(([f, b]) => `${f} ${(b / 2 ** 20).toFixed(1)} MB`).join(", ")} |`),
      "",
    );
    const find = (n: number, formats: string | undefined, heapCap?: number) => runs.find((r) => r.n === n && r.formats === formats && r.heapCap === heapCap);
    const n = runs[0]!.n;
    const pdfCsv = find(n, "pdf,csv");
    const csv = find(n * 10, "csv");
    const pdf = find(n * 10, "pdf");
    if (pdfCsv) lines.push(`- ${n} resources to PDF + CSV within 10 s: ${met(pdfCsv.code === 0 && pdfCsv.wall <= 10)} (${pdfCsv.wall.toFixed(1)} s); peak RSS within 500 MB: ${met(pdfCsv.rss <= 500)} (${pdfCsv.rss.toFixed(0)} MB).`);
    const floor = input.floor;
    if (csv) {
      const below = floor ? ` The floor here: a bare node reads and parses the same file in ${floor.readParse.toFixed(1)} s (best of three), and the command starts (npm, node, tsx and its modules: \`npm run export -- --help\`) in ${floor.start.toFixed(1)} s (best of three): ${(floor.readParse + floor.start).toFixed(1)} s before any validation or CSV is done.` : "";
      lines.push(`- ${n * 10} resources to CSV (\`--format csv\`) within 3 s: ${met(csv.code === 0 && csv.wall <= 3)} (${csv.wall.toFixed(1)} s).${below}`);
    }
    const capped = find(n * 10, "pdf", HEAP_CAP_MB);
    if (pdf) {
      const data = csv ? `; the CSV alone from the same file: ${csv.rss.toFixed(0)} MB` : "";
      const cap = capped ? `, and again with V8's heap capped at ${HEAP_CAP_MB} MB: ${capped.code === 0 ? `finished (${capped.wall.toFixed(1)} s, peak RSS ${capped.rss.toFixed(0)} MB)` : `exit ${capped.code}`}` : "";
      lines.push(`- ${n * 10} resources to PDF completes, with memory that does not grow without bound: ${met(pdf.code === 0 && capped !== undefined && capped.code === 0)} (${pdf.wall.toFixed(1)} s, peak RSS ${pdf.rss.toFixed(0)} MB${data}${cap}).`);
    }
  }
  return `${lines.join("\n")}\n`;
}

const met = (ok: boolean) => (ok ? "met" : "**missed**");

interface Tally {
  cases: number;
  findable: number;
  right: number;
  wrong: number;
  missed: number;
}

interface SearchRun {
  hosts: number;
  code: number;
  wall: number;
  cpu: number;
  rss: number;
  standIns: Tally;
  moved: Tally;
  requests: StandInWeb["requests"];
  pages: number;
}

/** `npm run check` with its defaults on the search web; every proposal scored against the known truth. */
async function runSearches(hosts: number, latencyMs: number): Promise<SearchRun> {
  const web = await startStandInWeb({ hosts, latencyMs });
  try {
    const dir = await mkdtemp(join(tmpdir(), "td-bench-search-"));
    const directory = {
      title: "Search benchmark",
      sections: [{ id: "s", title: "S" }],
      resources: web.cases.map((c) => ({
        id: c.id,
        title: c.title,
        publisher: "Bench",
        description: "",
        url: c.url,
        format: c.format,
        ...(c.standInFor ? { standInFor: c.standInFor } : {}),
        ...(c.sha256 ? { sha256: c.sha256 } : {}),
        section: "s",
        audiences: ["law-enforcement"],
      })),
    };
    await writeFile(join(dir, "data.json"), JSON.stringify(directory, null, 2));
    const m = await measure("npm", ["run", "check", "--", "--data", join(dir, "data.json"), "--out", join(dir, "out")], { cwd: REPO_ROOT, env: { CI: "true" } });
    const report = JSON.parse(await readFile(join(dir, "out/report.json"), "utf8")) as { results: { id: string; status: string; suggestedUrl: string | null; documentUrl?: string }[] };
    const byId = new Map(report.results.map((r) => [r.id, r]));
    const tally = (standIn: boolean): Tally => {
      const cases = web.cases.filter((c) => (c.standInFor !== undefined) === standIn);
      const t: Tally = { cases: cases.length, findable: cases.filter((c) => c.expected !== null).length, right: 0, wrong: 0, missed: 0 };
      for (const c of cases) {
        const r = byId.get(c.id);
        const proposed = standIn ? r?.documentUrl : r?.status === "moved" ? r.suggestedUrl : undefined;
        if (proposed === undefined || proposed === null) {
          if (c.expected !== null) t.missed += 1;
        } else if (proposed === c.expected) t.right += 1;
        else t.wrong += 1;
      }
      return t;
    };
    return { hosts, code: m.code, wall: m.wallSeconds, cpu: m.cpuSeconds, rss: m.peakRssMb, standIns: tally(true), moved: tally(false), requests: { ...web.requests }, pages: hosts * 10 };
  } finally {
    await web.close();
  }
}

function renderSearches(s: SearchRun, latencyMs: number): string {
  const r = s.requests;
  const total = Object.values(r).reduce((a, b) => a + b, 0);
  const lines = [
    "",
    "## The searches: documents behind stand-in pages, moved documents by content",
    "",
    `\`npm run check\` with its default settings (budget 20 extra requests a resource, the web archive at web.archive.org, unreachable here) on ${s.hosts} hosts on loopback, every answer delayed ${latencyMs} ms. Each host has ${s.pages / s.hosts} topic pages standing in for the 8 PDFs each lists under card headings with a "Download PDF" button; 7 stand-ins share each page (6 whose PDF it lists, 1 it does not), and 20 documents moved to names that resemble nothing, listed in the host's sitemap among 20 decoys, the data holding each one's SHA-256 (the wider search opens them on that evidence). A proposal is right when it is the document the web was built with, wrong otherwise.`,
    "",
    "| | resources | findable | right | wrong | not found |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    `| stand-ins (documentUrl) | ${s.standIns.cases} | ${s.standIns.findable} | ${s.standIns.right} | ${s.standIns.wrong} | ${s.standIns.missed} |`,
    `| moved by SHA-256 (suggestedUrl) | ${s.moved.cases} | ${s.moved.findable} | ${s.moved.right} | ${s.moved.wrong} | ${s.moved.missed} |`,
    "",
    `Wall ${s.wall.toFixed(1)} s, CPU ${s.cpu.toFixed(1)} s, peak RSS ${s.rss.toFixed(0)} MB, exit ${s.code}. Requests seen by the servers: ${total} in all; ${r.pages} for the ${s.pages} stand-in pages (one each, shared by their 7 stand-ins), ${r.pageDocuments} for the ${s.pages * 8} documents on them (${(r.pageDocuments / s.standIns.cases).toFixed(2)} per stand-in), ${r.oldAddresses} for the ${s.moved.cases} moved documents' old addresses, ${r.sitemapDocuments} for documents in the sitemaps (${(r.sitemapDocuments / s.moved.cases).toFixed(2)} per moved document), ${r.sitemaps} for robots.txt and sitemaps, ${r.other} others (home pages, probes, folders).`,
    "",
    `- No wrong proposal: ${met(s.standIns.wrong + s.moved.wrong === 0)}. Every findable document found: ${met(s.standIns.missed + s.moved.missed === 0)}.`,
  ];
  return `${lines.join("\n")}\n`;
}

/** The checker targets, judged on the largest size our checker ran at. */
function checkerTargets(rows: readonly Row[], input: { latencyMs: number }): string[] {
  const n = Math.max(0, ...rows.filter((r) => r.key.startsWith("ours")).map((r) => r.n));
  const at = (key: ToolKey) => rows.find((r) => r.n === n && r.key === key);
  const ours = at("ours");
  const budget0 = at("ours-budget0");
  const slow = at("ours-slow-archive");
  const prints = at("ours-fingerprints");
  const wall = (r: Row) => r.run.measurement.wallSeconds;
  const out: string[] = [];
  if (budget0) {
    const ratio = wall(budget0) / budget0.bound;
    const floor = (budget0.bound * budget0.requestsPerUrl * budget0.meanAnswerMs) / input.latencyMs;
    out.push(
      `- \`--budget 0\` within 1.3× of the politeness bound at ${n} URLs: ${met(ratio <= 1.3)} (${ratio.toFixed(2)}×: ${wall(budget0).toFixed(1)} s against ${budget0.bound.toFixed(1)} s). Counting the requests really needed (${budget0.requestsPerUrl.toFixed(2)} per URL) and the servers' real answer time (${budget0.meanAnswerMs.toFixed(1)} ms), the floor is ${floor.toFixed(1)} s; npm, tsx and loading the data take the rest.`,
    );
  }
  if (ours && budget0) out.push(`- Default settings (archive unreachable) at most 1.5× the \`--budget 0\` run: ${met(wall(ours) <= 1.5 * wall(budget0))} (${(wall(ours) / wall(budget0)).toFixed(2)}×: ${wall(ours).toFixed(1)} s).`);
  if (slow && ours) {
    out.push(
      `- With the slow, rate-limited archive the run ends within the wait it states (30 s for the archive once the links are checked): ${met(wall(slow) <= wall(ours) + 30 + 5)} (${wall(slow).toFixed(1)} s against ${wall(ours).toFixed(1)} s with the archive unreachable); every missing resource still got its verdict: ${met(slow.score.unchecked + slow.score.inconclusive === 0 && slow.score.missedDead === 0)}; the archive saw at most ${slow.archive?.maxInFlight ?? 0} requests at once${slow.archive && slow.archive.rateLimited > 0 ? `, and its first 429 stopped the lookups (${slow.archive.rateLimited} answered 429: those already in flight)` : ""}.`,
    );
  }
  const polite = rows.filter((r) => r.n === n && r.key.startsWith("ours") && r.key !== "ours-max");
  if (polite.length > 0) {
    const same = polite.every((r) => [...r.run.verdicts].every(([url, v]) => polite[0]!.run.verdicts.get(url) === v));
    out.push(`- No verdict changes between our runs: ${met(same)}; zero false alarms and no missed dead link: ${met(polite.every((r) => r.score.falseAlarms === 0 && r.score.missedDead === 0))}.`);
    out.push(`- At most 2 requests in flight per host: ${met(polite.every((r) => r.maxInFlight.perHost <= 2))} (most seen: ${Math.max(...polite.map((r) => r.maxInFlight.perHost))}).`);
    out.push(`- At most 1.05 requests per healthy URL: ${met(polite.every((r) => r.requestsPerHealthy <= 1.05))} (${polite.map((r) => r.requestsPerHealthy.toFixed(2)).join(", ")}).`);
  }
  if (prints && budget0) {
    out.push(
      `- The cost of \`--write-fingerprints\` (pdf.js reads every working PDF, from the bytes the check reads anyway: ${prints.requestsPerHealthy.toFixed(2)} requests per healthy URL): ${(wall(prints) - wall(budget0)).toFixed(1)} s more wall time and ${(prints.run.measurement.cpuSeconds - budget0.run.measurement.cpuSeconds).toFixed(1)} s more CPU than \`--budget 0\`, peak RSS ${prints.run.measurement.peakRssMb.toFixed(0)} MB against ${budget0.run.measurement.peakRssMb.toFixed(0)} MB. A plain check parses no PDF.`,
    );
  }
  const linkinator = at("linkinator");
  const oursMax = at("ours-max");
  if (linkinator && oursMax) {
    out.push(
      `- Unconstrained (--concurrency 256 --per-host 32, at most ${oursMax.maxInFlight.all} in flight against linkinator's ${linkinator.maxInFlight.all}): ${wall(oursMax).toFixed(1)} s against ${wall(linkinator).toFixed(1)} s, ${met(wall(oursMax) < wall(linkinator))}.`,
    );
  }
  return out.length > 0 ? out : ["- Our checker was not run."];
}
