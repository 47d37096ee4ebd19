// `npm run check`: flags and config → load data → run the pipeline → write the report → exit code.
import { existsSync } from "node:fs";
import { isIP } from "node:net";
import { dirname, join } from "node:path";
import { InputError, UsageError, checkWritable, parseDurationFlag, parseFlags, parseIntegerFlag, writeFilesAtomic, type Io } from "@td/cli";
import { formatProblem, loadDirectoryFile, readJsonFile } from "@td/data";
import { DEFAULT_LANGUAGE, Report, formatPath, toProblems } from "@td/schema";
import { CheckConfigFile, DEFAULT_OPTIONS, optionsFromConfig, type CheckOptions } from "./check/options.ts";
import { planChecks } from "./check/plan.ts";
import { runCheck, type RunHooks } from "./check/run-check.ts";
import { exitCodeFor } from "./report/build-report.ts";
import { writeFingerprints } from "./fingerprints/write-fingerprints.ts";
import { reuseFromPrevious } from "./check/previous.ts";
import { createProgress } from "./report/progress.ts";
import { renderMarkdown } from "./report/render-markdown.ts";

export const USAGE = `Usage: npm run check -- [--data FILE] [--out DIR] [options]

Checks every resource URL of the directory, tells ok / redirected / moved / broken / error
apart, and writes DIR/report.json and DIR/report.md.

Options:
  --data FILE          the directory file (default: data/resources.json)
  --out DIR            where to write the report (default: out)
  --config FILE        a JSON config file with any of: concurrency, perHost, timeoutSeconds,
                       retries, userAgent, only, maxRetryAfterSeconds, backoffBaseMs, resolve,
                       discoveryBudget, archiveEndpoint, archiveWaitSeconds, archivePerMinute
                       (flags override it)
  --concurrency N      requests in flight in all (default 16)
  --per-host N         requests in flight to one host (default 2)
  --timeout T          deadline for a whole request, body included: 15, 15s, 1500ms (default 15s)
  --retries N          retries after a 5xx, 429, timeout or reset, with exponential backoff and
                       jitter; Retry-After is honoured up to 60 s (default 2)
  --user-agent UA      the User-Agent header (default: a browser's, naming this checker)
  --only ID            check only this resource; repeat or separate ids by commas
  --resolve HOST=ADDR  connect to ADDR for HOST, like curl's --resolve (repeatable; for tests)
  --budget N           extra requests per missing resource to find where it moved (default 20;
                       0 turns the search off)
  --archive URL|off    the Wayback Machine CDX endpoint for archived copies
                       (default https://web.archive.org/cdx/search/cdx; off to skip it).
                       Lookups start as soon as a resource is found missing, at most 48 a
                       minute; a 429 or 403 stops them for the run, and 3 without an answer
                       (offline) skip the archive for the rest of the run
  --archive-wait T     how long to wait for queued archive lookups once the links are checked
                       (default 30s; 0 to not wait)
  --dns-retry-wait T   a host name that does not resolve is tried once more this long after its
                       first try, before it counts as nonexistent (default 20s; 0: no second try)
  --previous FILE      an earlier report whose archived copies (of the last 8 weeks) are reused
                       instead of asked again, and whose archive Retry-After is kept (default:
                       DIR/report.json when it exists)
  --write-fingerprints store sha256, sizeBytes and textFingerprint (a near-duplicate fingerprint
                       of its first pages' text) of every working PDF into the data file (its
                       formatting kept), so the next move can be confirmed by content, even of
                       a re-saved copy
  -h, --help           show this help

Exit codes: 0 no broken or moved links; 1 at least one broken or moved; 2 usage error or
invalid data; 3 inconclusive run (no request got an HTTP answer, or most hosts failed to
resolve or connect while some answered: this machine's network is failing, not the sites).
Progress goes to stderr; nothing is written to DIR unless the whole report is.
`;

export async function checkCommand(argv: string[], io: Io, hooks: RunHooks = {}): Promise<number> {
  const { values } = parseFlags(argv, {
    data: { type: "string" },
    out: { type: "string" },
    config: { type: "string" },
    concurrency: { type: "string" },
    "per-host": { type: "string" },
    timeout: { type: "string" },
    retries: { type: "string" },
    "user-agent": { type: "string" },
    only: { type: "string", multiple: true },
    resolve: { type: "string", multiple: true },
    budget: { type: "string" },
    archive: { type: "string" },
    "write-fingerprints": { type: "boolean" },
    "archive-wait": { type: "string" },
    "dns-retry-wait": { type: "string" },
    previous: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const dataFile = values.data ?? "data/resources.json";
  const outDir = values.out ?? "out";
  const base = values.config !== undefined ? optionsFromConfig(await readConfig(values.config)) : { ...DEFAULT_OPTIONS, resolve: new Map<string, string>() };
  const options: CheckOptions = {
    ...base,
    concurrency: parseIntegerFlag("concurrency", values.concurrency, base.concurrency, 1, 256),
    perHost: parseIntegerFlag("per-host", values["per-host"], base.perHost, 1, 32),
    timeoutMs: parseDurationFlag("timeout", values.timeout, base.timeoutMs),
    retries: parseIntegerFlag("retries", values.retries, base.retries, 0, 10),
    userAgent: values["user-agent"] ?? base.userAgent,
    only: values.only ? values.only.flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v !== "") : base.only,
    resolve: new Map([...base.resolve, ...parseResolve(values.resolve ?? [])]),
    discoveryBudget: parseIntegerFlag("budget", values.budget, base.discoveryBudget, 0, 200),
    archiveEndpoint: parseArchive(values.archive, base.archiveEndpoint),
    readPdfText: Boolean(values["write-fingerprints"]),
    archiveWaitMs: /^0+(?:ms|s|m)?$/.test(values["archive-wait"] ?? "") ? 0 : parseDurationFlag("archive-wait", values["archive-wait"], base.archiveWaitMs),
    dnsRetryDelayMs: /^0+(?:ms|s|m)?$/.test(values["dns-retry-wait"] ?? "") ? 0 : parseDurationFlag("dns-retry-wait", values["dns-retry-wait"], base.dnsRetryDelayMs),
  };
  const previous = await readPrevious(values.previous, join(outDir, "report.json"), io);
  if (previous !== undefined) Object.assign(options, reuseFromPrevious(previous, Date.now()));

  const loaded = await loadDirectoryFile(dataFile);
  if (!loaded.ok) {
    throw new InputError(`${dataFile} is invalid (${loaded.problems.length} problem${loaded.problems.length === 1 ? "" : "s"}); run "npm run validate":`, loaded.problems.map(formatProblem));
  }
  options.language = loaded.directory.language ?? DEFAULT_LANGUAGE;
  const plan = planChecks(loaded.directory, options.only);
  if (!plan.ok) throw new UsageError(`--only names unknown resource id${plan.unknownIds.length > 1 ? "s" : ""}: ${plan.unknownIds.join(", ")}`);

  // Before the run, which may take minutes: the report (and the fingerprints) must have somewhere to go.
  await checkWritable(outDir);
  if (values["write-fingerprints"]) await checkWritable(dirname(dataFile));

  io.stderr(`checking ${plural(plan.resources.length, "resource")} (${plural(plan.tasks.length, "distinct URL")}), ${options.concurrency} at a time, ${options.perHost} per host\n`);
  const progress = createProgress({ write: (s: string) => io.stderr(s), isTTY: process.stderr.isTTY });
  let searching = false;
  let lastSearchLine = Date.now();
  const report = await runCheck(plan.resources, plan.tasks, options, {
    ...hooks,
    onDiscoveryStart: (count, pending) => {
      io.stderr(`links checked; searching for ${plural(count, "resource")} (where missing ones moved, the documents behind stand-in pages; at most ${options.discoveryBudget} extra requests each): ${count - pending} done\n`);
      searching = true;
    },
    onDiscoveryProgress: (done, total) => {
      if (searching && (done === total || Date.now() - lastSearchLine >= 5000)) {
        io.stderr(`searching: ${done} of ${plural(total, "search")} done\n`);
        lastSearchLine = Date.now();
      }
    },
    onArchiveClosed: (note) => io.stderr(`web archive: ${note}\n`),
    onDnsRetry: (count, waitMs) => io.stderr(`${plural(count, "host name")} did not resolve; trying again${waitMs > 0 ? ` in ${Math.ceil(waitMs / 1000)} s` : ""} before calling ${count === 1 ? "it" : "them"} nonexistent\n`),
    onResult: (result, done, total) => {
      progress.onResult(result, done, total);
      hooks.onResult?.(result, done, total);
    },
  });

  // The report is validated before it is written: a report that breaks the schema is a bug.
  const checked = Report.safeParse(report);
  if (!checked.success) {
    throw new Error(`the report does not match its schema: ${toProblems(checked.error).map((p) => `${formatPath(p.path)}: ${p.message}`).join("; ")}`);
  }
  await writeFilesAtomic([
    { path: join(outDir, "report.json"), data: `${JSON.stringify(checked.data, null, 2)}\n` },
    { path: join(outDir, "report.md"), data: renderMarkdown(checked.data, plan.resources) },
  ]);
  if (values["write-fingerprints"]) {
    if (report.inconclusive) io.stderr("fingerprints not written: the run was inconclusive\n");
    else {
      const written = await writeFingerprints(dataFile, loaded.text, plan.resources, checked.data.results);
      io.stderr(`fingerprints: ${plural(written, "resource")} updated in ${dataFile}\n`);
    }
  }
  const seconds = (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000;
  progress.finish(report.summary, seconds, outDir, report.inconclusive);
  if (report.inconclusive) io.stderr("inconclusive: no link is judged (exit 3)\n");
  return exitCodeFor(report);
}

/** The earlier report: the one named, which must be valid, or the one at the output path, if it is. */
async function readPrevious(named: string | undefined, atOutput: string, io: Io): Promise<Report | undefined> {
  if (named !== undefined) {
    const read = await readJsonFile(named, Report, "previous report");
    if (!read.ok) throw new InputError(read.message, read.problems);
    return read.value;
  }
  if (!existsSync(atOutput)) return undefined;
  const read = await readJsonFile(atOutput, Report, "previous report");
  if (!read.ok) io.stderr(`note: ${atOutput} is not a valid report, so nothing of it is reused\n`);
  return read.ok ? read.value : undefined;
}

async function readConfig(file: string): Promise<CheckConfigFile> {
  const read = await readJsonFile(file, CheckConfigFile, "config file");
  if (!read.ok) throw new InputError(read.message, read.problems);
  return read.value;
}

function parseArchive(raw: string | undefined, fallback: string | null): string | null {
  if (raw === undefined) return fallback;
  if (raw === "off" || raw === "none") return null;
  try {
    const url = new URL(raw);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  } catch {
    // fall through to the usage error
  }
  throw new UsageError(`--archive must be an http(s) URL or "off", got "${raw}"`);
}

function parseResolve(values: readonly string[]): [string, string][] {
  return values.map((value) => {
    const match = /^([^=\s]+)=(\S+)$/.exec(value);
    if (!match || isIP(match[2]!) === 0) throw new UsageError(`--resolve must be HOST=ADDRESS with an IP address, got "${value}"`);
    return [match[1]!.toLowerCase(), match[2]!];
  });
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
