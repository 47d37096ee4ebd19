// `npm run bench`: our checker beside linkinator and LinkChecker on one latency web, then the
// exporter at scale; writes docs/benchmarks.md. Targets are reported, never asserted.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { cpus, freemem, platform, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { parseFlags, parseIntegerFlag, UsageError, type Io } from "@td/cli";
import { startLatencyWeb } from "./latency-web.ts";
import { measure } from "./measure.ts";
import { politenessBoundSeconds, requestsPerHealthyUrl, score, type Score } from "./results.ts";
import { runLinkChecker, runLinkinator, runOurs, type RunSettings, type ToolRun } from "./tools.ts";

const require = createRequire(import.meta.url);
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export const USAGE = `Usage: npm run bench -- [options]

Runs our checker, linkinator (v7) and LinkChecker (when installed) on the same latency web on
loopback, then exports a synthetic directory at scale; writes the results as Markdown.

Options:
  --sizes N,N        numbers of URLs (default 1000,10000)
  --latency MS       delay of every answer (default 50)
  --hosts H          hosts on 127.0.0.2… (default 8)
  --per-host P       our per-host limit (default 2)
  --concurrency C    global concurrency of every tool (default 16)
  --tools LIST       ours,linkinator,linkchecker,ours-max (default all); ours-max is our
                     checker at --concurrency 256 --per-host 32, since linkinator's
                     concurrency setting does not bound its requests in flight
  --export N         resources in the export benchmark, 0 to skip (default 10000)
  --linkchecker-max N  largest size LinkChecker runs at; it paces itself per host and takes
                     minutes where the others take seconds (default 1000)
  --out FILE         where to write the results (default docs/benchmarks.md)
  -h, --help         show this help
`;

type ToolKey = "ours" | "ours-max" | "linkinator" | "linkchecker";

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
}

interface ExportResult {
  n: number;
  wall: number;
  rss: number;
  csvSeconds: number;
  pdfSeconds: number;
  pdfBytes: number;
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
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const sizes = (values.sizes ?? "1000,10000").split(",").map((s) => parseIntegerFlag("sizes", s.trim(), 0, 1, 1_000_000));
  const latencyMs = parseIntegerFlag("latency", values.latency, 50, 0, 10_000);
  const hosts = parseIntegerFlag("hosts", values.hosts, 8, 1, 200);
  const perHost = parseIntegerFlag("per-host", values["per-host"], 2, 1, 32);
  const concurrency = parseIntegerFlag("concurrency", values.concurrency, 16, 1, 256);
  const exportN = parseIntegerFlag("export", values.export, 10_000, 0, 1_000_000);
  const linkcheckerMax = parseIntegerFlag("linkchecker-max", values["linkchecker-max"], 1000, 0, 1_000_000);
  const tools = (values.tools ?? "ours,linkinator,linkchecker,ours-max").split(",").map((t) => t.trim()) as ToolKey[];
  for (const t of tools) if (!["ours", "linkinator", "linkchecker", "ours-max"].includes(t)) throw new UsageError(`--tools: unknown tool "${t}"`);
  const out = values.out ?? join(REPO_ROOT, "docs/benchmarks.md");
  const settings: RunSettings = { concurrency, perHost, repoRoot: REPO_ROOT };

  const rows: Row[] = [];
  const skipped: string[] = [];
  for (const n of sizes) {
    const web = await startLatencyWeb({ n, hosts, latencyMs });
    try {
      for (const tool of tools) {
        if (tool === "linkchecker" && n > linkcheckerMax) {
          skipped.push(`LinkChecker at ${n} URLs: skipped (--linkchecker-max ${linkcheckerMax})`);
          continue;
        }
        web.reset();
        io.stderr(`bench: ${tool} on ${n} URLs…\n`);
        // ours-max lifts our limits, since linkinator's concurrency setting does not bound it.
        const toolSettings = tool === "ours-max" ? { ...settings, concurrency: 256, perHost: 32 } : settings;
        const run =
          tool === "ours" || tool === "ours-max"
            ? await runOurs(web, toolSettings)
            : tool === "linkinator"
              ? await runLinkinator(web, toolSettings)
              : await runLinkChecker(web, toolSettings);
        if (tool === "ours-max" && !("skipped" in run)) run.note = `${run.note}; unconstrained, to meet linkinator's real concurrency`;
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
        });
        io.stderr(`bench: ${run.tool}: ${run.measurement.wallSeconds.toFixed(1)} s, ${run.measurement.peakRssMb.toFixed(0)} MB, missed ${s.missedDead}, false alarms ${s.falseAlarms}\n`);
      }
    } finally {
      await web.close();
    }
  }

  let exportResult: ExportResult | undefined;
  if (exportN > 0) {
    io.stderr(`bench: export of ${exportN} resources…\n`);
    const dir = await mkdtemp(join(tmpdir(), "td-bench-export-"));
    const m = await measure(process.execPath, [require.resolve("tsx/cli"), join(REPO_ROOT, "apps/bench/src/export-scale.ts"), String(exportN), dir], { cwd: REPO_ROOT });
    const inner = JSON.parse(m.stdout.trim().split("\n").at(-1) ?? "{}") as { csvSeconds: number; pdfSeconds: number; pdfBytes: number };
    exportResult = { n: exportN, wall: m.wallSeconds, rss: m.peakRssMb, ...inner };
  }

  const notes = await readFile(join(REPO_ROOT, "apps/bench/NOTES.md"), "utf8").catch(() => "");
  const markdown = `${renderMarkdown({ rows, skipped, exportResult, latencyMs, hosts, perHost, concurrency, argv })}${notes ? `\n${notes}` : ""}`;
  await writeFile(out, markdown);
  io.stdout(markdown);
  io.stderr(`bench: written to ${out}\n`);
  return 0;
}

function renderMarkdown(input: {
  rows: Row[];
  skipped: string[];
  exportResult: ExportResult | undefined;
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
    `A latency web on loopback: ${input.hosts} hosts (127.0.0.2…), every answer delayed ${input.latencyMs} ms; 60 % PDFs and 25 % pages answering 200, 8 % permanent redirects (301) to a page, 7 % gone (404). Each tool gets the same URLs and a global concurrency of ${input.concurrency}; ours also keeps to ${input.perHost} requests per host. linkinator and LinkChecker start from one page listing every URL (how they are used); ours reads them from a directory file. Wall and CPU time and peak RSS are measured from outside the process (getrusage of the child). Requests are counted by the servers.`,
    "",
    `The politeness bound: N URLs over H hosts at p requests per host with latency L cannot take less than about N/(H·p)·L (here H·p = ${input.hosts * input.perHost}, capped by the concurrency ${input.concurrency}).`,
    "",
    "| URLs | tool | wall s | × bound | answer ms | CPU s | peak RSS MB | most in flight (one host) | requests / URL | requests / healthy URL | missed dead | false alarms | inconclusive | notes |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const row of input.rows) {
    const m = row.run.measurement;
    const s = row.score;
    lines.push(
      `| ${row.n} | ${row.run.tool} | ${m.wallSeconds.toFixed(1)} | ${(m.wallSeconds / row.bound).toFixed(2)} | ${row.meanAnswerMs.toFixed(1)} | ${m.cpuSeconds.toFixed(1)} | ${m.peakRssMb.toFixed(0)} | ${row.maxInFlight.all} (${row.maxInFlight.perHost}) | ${row.requestsPerUrl.toFixed(2)} | ${row.requestsPerHealthy.toFixed(2)} | ${s.missedDead} | ${s.falseAlarms} | ${s.inconclusive + s.unchecked} | ${row.run.note ?? ""} |`,
    );
  }
  for (const s of input.skipped) lines.push("", `- ${s}`);
  lines.push("", "### Targets", "", ...checkerTargets(input.rows, input));
  if (input.exportResult) {
    const e = input.exportResult;
    lines.push(
      "",
      "## Export at scale",
      "",
      `A synthetic directory of ${e.n} resources (12 sections, PDF entries with long URLs) to the handout and the CSV, in one process.`,
      "",
      "| resources | PDF s | CSV s | whole process s | peak RSS MB | PDF size MB |",
      "| ---: | ---: | ---: | ---: | ---: | ---: |",
      `| ${e.n} | ${e.pdfSeconds.toFixed(1)} | ${e.csvSeconds.toFixed(2)} | ${e.wall.toFixed(1)} | ${e.rss.toFixed(0)} | ${(e.pdfBytes / 2 ** 20).toFixed(1)} |`,
      "",
      `- PDF under 10 s: ${met(e.pdfSeconds < 10)} (${e.pdfSeconds.toFixed(1)} s); peak RSS under 500 MB: ${met(e.rss < 500)} (${e.rss.toFixed(0)} MB); CSV under 2 s: ${met(e.csvSeconds < 2)} (${e.csvSeconds.toFixed(2)} s).`,
    );
  }
  return `${lines.join("\n")}\n`;
}

const met = (ok: boolean) => (ok ? "met" : "**missed**");

/** The checker targets of the issue, judged on the largest run of each tool. */
function checkerTargets(rows: readonly Row[], input: { latencyMs: number }): string[] {
  const polite = rows.filter((r) => r.key === "ours");
  const ours = [...polite].sort((a, b) => b.n - a.n)[0];
  if (!ours) return ["- Our checker was not run."];
  const linkinator = rows.find((r) => r.n === ours.n && r.key === "linkinator");
  const equal = linkinator !== undefined && linkinator.maxInFlight.all <= ours.maxInFlight.all;
  const ratio = ours.run.measurement.wallSeconds / ours.bound;
  const floor = (ours.bound * ours.requestsPerUrl * ours.meanAnswerMs) / input.latencyMs;
  const out = [
    `- Within 1.2× of the politeness bound at ${ours.n} URLs: ${met(ratio <= 1.2)} (${ratio.toFixed(2)}×). Counting the requests really needed (${ours.requestsPerUrl.toFixed(2)} per URL) and the servers' real answer time (${ours.meanAnswerMs.toFixed(1)} ms, not ${input.latencyMs}), the floor is ${floor.toFixed(1)} s and the run took ${(ours.run.measurement.wallSeconds / floor).toFixed(2)}× it, start-up included.`,
    `- At most 1.1 requests per healthy URL: ${met(ours.requestsPerHealthy <= 1.1)} (${ours.requestsPerHealthy.toFixed(2)}).`,
    `- Peak RSS under 150 MB at ${ours.n} URLs: ${met(ours.run.measurement.peakRssMb < 150)} (${ours.run.measurement.peakRssMb.toFixed(0)} MB).`,
    `- Zero false alarms: ${met(polite.every((r) => r.score.falseAlarms === 0))}.`,
  ];
  const oursMax = rows.find((r) => r.n === ours.n && r.key === "ours-max");
  if (linkinator && oursMax) {
    out.push(
      `- Unconstrained (--concurrency 256 --per-host 32, at most ${oursMax.maxInFlight.all} in flight against linkinator's ${linkinator.maxInFlight.all}): ${oursMax.run.measurement.wallSeconds.toFixed(1)} s against ${linkinator.run.measurement.wallSeconds.toFixed(1)} s, ${met(oursMax.run.measurement.wallSeconds < linkinator.run.measurement.wallSeconds)}.`,
    );
  }
  if (linkinator) {
    out.push(
      `- Faster than linkinator at equal concurrency: ${met(ours.run.measurement.wallSeconds < linkinator.run.measurement.wallSeconds)} (${ours.run.measurement.wallSeconds.toFixed(1)} s against ${linkinator.run.measurement.wallSeconds.toFixed(1)} s)${
        equal ? "." : `; but the concurrency was not equal: the servers saw up to ${linkinator.maxInFlight.all} linkinator requests in flight (${linkinator.maxInFlight.perHost} on one host) against our ${ours.maxInFlight.all} (${ours.maxInFlight.perHost}).`
      }`,
    );
  }
  return out;
}
