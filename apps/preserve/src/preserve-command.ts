// `npm run preserve -- --report FILE [--data FILE] [--out DIR] [--max-age DAYS] [--archive-base URL]
// [--time-limit MINUTES] [--dry-run]`: makes sure every working resource has a recent good copy
// in the web archive, and records it in the data.
// read report + data → plan (pure) → the archive, one resource at a time → record (pure edit) →
// write the data file and preserve.json together, atomically, after every copy recorded.
import { join } from "node:path";
import { dirname } from "node:path";
import { InputError, UsageError, checkWritable, parseFlags, parseIntegerFlag, writeFilesAtomic, type Io } from "@td/cli";
import { DEFAULT_USER_AGENT } from "@td/crawler";
import { formatProblem, readReportInputs, validateDirectoryText } from "@td/data";
import { PRESERVE_OUTCOMES, type ArchivedCopy, type Preserve, type PreserveEntry } from "@td/schema";
import { ArchiveSession, type SessionSettings } from "./archive-session.ts";
import { realClock, type Clock } from "./clock.ts";
import type { PaceRule } from "./pacer.ts";
import { planTargets } from "./plan.ts";
import { preserveTargets } from "./preserve-run.ts";
import { recordCopies } from "./record.ts";
import { progressLine, recordedLine, renderPreserveMarkdown, summaryLine } from "./render.ts";
import type { SaveTiming } from "./save-copy.ts";

export const USAGE = `Usage: npm run preserve -- --report FILE [--data FILE] [--out DIR] [--max-age DAYS]
                          [--archive-base URL] [--time-limit MINUTES] [--dry-run]

Makes sure every working resource (ok or redirected in the check report) has a recent good copy
in the web archive, and records the newest in the data as "archivedCopy". A good copy answered
200 with the resource itself, judged as the check judges a link: a PDF is a PDF, a page is no
"not found" or challenge page. When the newest is older than --max-age, a new capture is asked
for through Save Page Now 2, followed to its end and confirmed in the archive's index.

Keys for new captures come from ARCHIVE_ORG_ACCESS_KEY and ARCHIVE_ORG_SECRET_KEY (an
archive.org account's S3 keys: https://archive.org/account/s3.php); without them only existing
captures are recorded. Keys are never printed.

Polite by design: one request at a time, lookups at most 48 a minute, captures at most 4 a
minute and at least 15 s apart (retries included); a 429 stops the run's requests (its
Retry-After is noted in preserve.json), and so do three requests in a row without an answer.
Resources without a copy go first, then the oldest copies, so a run that reaches its time limit
leaves the rest to the next run.

Options:
  --report FILE         the check report (out/report.json); required
  --data FILE           the directory file (default: data/resources.json)
  --out DIR             where preserve.json and preserve.md (a pull request section) go (default: out)
  --max-age DAYS        a copy older than this is renewed (default: 180)
  --archive-base URL    the web archive (default: https://web.archive.org)
  --time-limit MINUTES  stop asking after this long (default: 20)
  --dry-run             ask the archive's index only; save nothing, write nothing
  -h, --help            show this help

Exit codes: 0 done (also when the archive was unreachable or limited: preserve.json says so);
2 usage error, invalid data or invalid report (nothing is written then).
`;

/** What the tests replace: the clock (pacing, time limit), the environment (keys) and the waits. */
export interface PreserveDeps {
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  requestTimeoutMs?: number;
  timing?: Partial<SaveTiming>;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const LOOKUP_PACE: PaceRule = { gapMs: 1250, perWindow: 48, windowMs: MINUTE };
const SAVE_PACE: PaceRule = { gapMs: 15_000, perWindow: 4, windowMs: MINUTE };
const DEFAULT_TIMING: SaveTiming = { pollIntervalMs: 6000, jobTimeoutMs: 3 * MINUTE, sessionLimitWaitMs: MINUTE };

export async function preserveCommand(argv: string[], io: Io, deps: PreserveDeps = {}): Promise<number> {
  const { values } = parseFlags(argv, {
    report: { type: "string" },
    data: { type: "string" },
    out: { type: "string" },
    "max-age": { type: "string" },
    "archive-base": { type: "string" },
    "time-limit": { type: "string" },
    "dry-run": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.report === undefined) throw new UsageError("--report FILE is required");
  const dataFile = values.data ?? "data/resources.json";
  const outDir = values.out ?? "out";
  const dryRun = Boolean(values["dry-run"]);
  const maxAgeDays = parseIntegerFlag("max-age", values["max-age"], 180, 1, 3650);
  const timeLimitMinutes = parseIntegerFlag("time-limit", values["time-limit"], 20, 1, 360);
  const base = archiveBase(values["archive-base"]);
  const keys = readKeys(deps.env ?? process.env);
  const clock = deps.clock ?? realClock;

  const inputs = await readReportInputs(values.report, dataFile, "refuse");
  if (!inputs.ok) throw new InputError(inputs.message, inputs.problems);
  const { report, loaded } = inputs;
  if (!dryRun) for (const dir of new Set([outDir, dirname(dataFile)])) await checkWritable(dir);

  const startedAt = clock.now();
  if (keys === undefined) io.stderr("preserve: no Save Page Now keys (ARCHIVE_ORG_ACCESS_KEY, ARCHIVE_ORG_SECRET_KEY): existing captures are recorded, no new capture is asked for\n");
  if (report.inconclusive) io.stderr(`preserve: ${values.report} is from an inconclusive check: no resource is known to be working, nothing is asked\n`);
  const settings: SessionSettings = {
    base,
    keys,
    userAgent: DEFAULT_USER_AGENT,
    lookupPace: LOOKUP_PACE,
    savePace: SAVE_PACE,
    pollPace: { gapMs: 0, perWindow: Number.MAX_SAFE_INTEGER, windowMs: 1 },
    requestTimeoutMs: deps.requestTimeoutMs ?? 30_000,
    deadline: startedAt + timeLimitMinutes * MINUTE,
    clock,
  };
  const session = new ArchiveSession(settings);
  const targets = report.inconclusive ? [] : planTargets(loaded.directory, report);
  const titles = new Map(loaded.directory.resources.map((r) => [r.id, r.title] as const));

  const recorded = new Map<number, ArchivedCopy>();
  const preserveFile = join(outDir, "preserve.json");
  const markdownFile = join(outDir, "preserve.md");
  const snapshot = (entries: readonly PreserveEntry[], timeLimitReached: boolean): Preserve => ({
    schemaVersion: 1,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(clock.now()).toISOString(),
    dataFile,
    archiveBase: base,
    maxAgeDays,
    dryRun,
    keys: keys !== undefined,
    timeLimitReached,
    archive: { state: session.state, until: session.until !== undefined ? new Date(session.until).toISOString() : null, requests: { ...session.requests } },
    summary: Object.fromEntries(PRESERVE_OUTCOMES.map((o) => [o, entries.filter((e) => e.outcome === o).length])) as Preserve["summary"],
    resources: [...entries],
  });
  const sofar: PreserveEntry[] = [];
  /** The data with every copy recorded so far, validated, written with the run's record so far: a stopped run keeps them. */
  const persist = async (preserve: Preserve) => {
    const text = recordCopies(loaded.text, recorded);
    const check = validateDirectoryText(text, dataFile);
    if (!check.ok) throw new Error(`the data with archived copies recorded would be invalid:\n${check.problems.map(formatProblem).join("\n")}`);
    const files = [
      { path: preserveFile, data: `${JSON.stringify(preserve, null, 2)}\n` },
      { path: markdownFile, data: renderPreserveMarkdown(preserve, titles) },
    ];
    if (text !== loaded.text) files.push({ path: dataFile, data: text });
    await writeFilesAtomic(files);
  };

  const { entries, timeLimitReached } = await preserveTargets(
    targets,
    session,
    { maxAgeMs: maxAgeDays * DAY, maxAgeDays, dryRun, timing: { ...DEFAULT_TIMING, ...deps.timing } },
    {
      onRecord: async (target, copy) => {
        if (dryRun) return;
        recorded.set(target.index, copy);
        await persist(snapshot(sofar, false));
      },
      onEntry: (entry, done) => {
        sofar.push(entry);
        io.stderr(`${progressLine(entry, done, targets.length)}\n`);
        if (entry.recorded !== null && !dryRun) io.stdout(`${recordedLine(entry, titles.get(entry.id) ?? entry.id)}\n`);
      },
    },
  );
  const preserve = snapshot(entries, timeLimitReached);
  if (!dryRun) await persist(preserve);
  io.stdout(summaryLine(preserve, dataFile, dryRun ? undefined : preserveFile));
  return 0;
}

function archiveBase(raw: string | undefined): string {
  if (raw === undefined) return "https://web.archive.org";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--archive-base must be an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--archive-base must be an http(s) URL, got "${raw}"`);
  let href = url.href;
  while (href.endsWith("/")) href = href.slice(0, -1);
  return href;
}

/** Both keys, or neither; an empty value counts as unset (GitHub passes unset secrets as ""). */
function readKeys(env: NodeJS.ProcessEnv): { access: string; secret: string } | undefined {
  const access = env.ARCHIVE_ORG_ACCESS_KEY?.trim() ?? "";
  const secret = env.ARCHIVE_ORG_SECRET_KEY?.trim() ?? "";
  if (access === "" && secret === "") return undefined;
  if (access === "" || secret === "") {
    throw new UsageError(`${access === "" ? "ARCHIVE_ORG_ACCESS_KEY" : "ARCHIVE_ORG_SECRET_KEY"} is not set while ${access === "" ? "ARCHIVE_ORG_SECRET_KEY" : "ARCHIVE_ORG_ACCESS_KEY"} is: set both (an archive.org account's S3 keys), or neither for lookups only`);
  }
  return { access, secret };
}
