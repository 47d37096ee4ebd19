// `npm run report -- --report FILE [--dry-run]`: makes the repository's issues match a check
// report and writes the weekly summary. load → plan (pure) → apply → write.
import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError, UsageError, checkWritable, parseFlags, parseIntegerFlag, writeFilesAtomic, type Io } from "@td/cli";
import { formatProblem, loadDirectoryFile, planFixes, readJsonFile } from "@td/data";
import { Report, formatPath, toProblems } from "@td/schema";
import { closesToIdentify } from "./plan/closed-issues.ts";
import { applyActions, describeAction, describeError, prepareLabels } from "./apply.ts";
import { readEnv } from "./env.ts";
import { createGitHub } from "./github/client.ts";
import { addComment, createIssue, deleteComment, getCloser, listClosedIssues, listComments, listOpenIssues, updateComment, updateIssue, type Repo } from "./github/issues-api.ts";
import { MAX_PARTS, isStatePart, packReportState, partsWanted, unpackReportState } from "./plan/state-parts.ts";
import { LABEL, REPORT_LABEL, planIssueActions } from "./plan/plan-actions.ts";
import { MAX_STATE, decodeIssueState, fitReportState, type ReportState } from "./plan/marker.ts";
import { truncate } from "@td/markdown";
import { MAX_ISSUE_BODY, type ResourceInfo } from "./render/issue-body.ts";
import { MAX_STEP_SUMMARY, renderChangeComment, renderWeeklyReport } from "./render/weekly-report.ts";

export const USAGE = `Usage: npm run report -- --report FILE [--dry-run] [options]

Makes the repository's issues match a check report: one issue per resource that needs a
maintainer (broken, moved, redirected; error once it persisted), kept up to date, closed when
the link recovers or its URL changes in the data. Writes the weekly summary to
DIR/weekly-report.md, to $GITHUB_STEP_SUMMARY when set, and to one rolling issue, which also
keeps each link's last 12 results (streaks, flapping links, the trend).

A maintainer dismisses a problem by closing its issue as "not planned": no issue is opened or
touched for it while its URL and status stay the same. Reopening the issue undoes that. An issue
a person closes as "completed" while the link still fails is reopened with one comment.

Options:
  --report FILE          the check report (out/report.json); required
  --data FILE            the directory file, for titles and current URLs (default: data/resources.json)
  --out DIR              where weekly-report.md goes (default: out)
  --dry-run              print the planned actions; call no GitHub endpoint that writes
  --error-threshold N    consecutive error runs before an issue opens (default 2)
  --fix-pr N             the open pull request with the proven fixes (npm run fix); issues of
                         the resources it fixes link it
  --pace MS              minimum milliseconds between writes (default: GitHub's guidance)
  --retries N            retries of a failed GitHub request, with growing waits (default 3)
  -h, --help             show this help

Environment (as GitHub Actions sets it): GITHUB_REPOSITORY (owner/name), GITHUB_TOKEN,
GITHUB_API_URL (default https://api.github.com), GITHUB_STEP_SUMMARY (optional).

Exit codes: 0 the issues match the report (also for an inconclusive report, which changes
nothing); 1 GitHub could not be brought in line after retries (what was done is printed);
2 usage error, missing environment, or an invalid report or data file.
`;

/** What a test replaces: how the client waits for GitHub's rate limits and pacing. */
export interface ReportDeps {
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export async function reportCommand(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env, deps: ReportDeps = {}): Promise<number> {
  const { values } = parseFlags(argv, {
    report: { type: "string" },
    data: { type: "string" },
    out: { type: "string" },
    "dry-run": { type: "boolean" },
    "error-threshold": { type: "string" },
    "fix-pr": { type: "string" },
    pace: { type: "string" },
    retries: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.report === undefined) throw new UsageError("--report FILE is required");
  const dryRun = Boolean(values["dry-run"]);
  const errorThreshold = parseIntegerFlag("error-threshold", values["error-threshold"], 2, 1, 52);
  const paceMs = values.pace === undefined ? undefined : parseIntegerFlag("pace", values.pace, 0, 0, 60_000);
  const retries = parseIntegerFlag("retries", values.retries, 3, 0, 10);
  const fixPrNumber = values["fix-pr"] === undefined || values["fix-pr"] === "" ? undefined : parseIntegerFlag("fix-pr", values["fix-pr"], 0, 1, 1e9);
  const parsedEnv = readEnv(env);
  if (!parsedEnv.success) throw new UsageError(toProblems(parsedEnv.error).map((p) => `${formatPath(p.path)} ${p.message}`).join("; "));
  const config = parsedEnv.data;
  if (!dryRun && config.GITHUB_TOKEN === undefined) throw new UsageError("GITHUB_TOKEN is not set (needed to change issues; --dry-run works without it)");
  // Whatever happens, the token never reaches the output.
  const token = config.GITHUB_TOKEN;
  const redact = (text: string) => (token ? text.split(token).join("***") : text);
  const say = (line: string) => io.stdout(redact(`${line}\n`));
  const warn = (line: string) => io.stderr(redact(`${line}\n`));

  const report = await readReport(values.report);
  const dataFile = values.data ?? "data/resources.json";
  const loaded = await loadDirectoryFile(dataFile);
  if (!loaded.ok) throw new InputError(`${dataFile} is invalid; run "npm run validate":`, loaded.problems.map(formatProblem));
  const sections = new Map(loaded.directory.sections.map((s) => [s.id, s.title] as const));
  const resources = new Map<string, ResourceInfo>(
    loaded.directory.resources.map((r) => [r.id, { id: r.id, title: r.title, section: sections.get(r.section) ?? r.section, url: r.url, standInFor: r.standInFor }] as const),
  );

  // Before any call to GitHub: the weekly report must have somewhere to go.
  await checkWritable(values.out ?? "out");

  const [owner, name] = config.GITHUB_REPOSITORY.split("/") as [string, string];
  const repo: Repo = { owner, repo: name };
  const gh = createGitHub({ baseUrl: config.GITHUB_API_URL, token, paceMs, retries, warn, ...(deps.sleep ? { sleep: deps.sleep } : {}), ...(deps.now ? { now: deps.now } : {}) });

  let issues;
  let reportIssues;
  let closed;
  try {
    issues = await listOpenIssues(gh, repo, LABEL);
    reportIssues = await listOpenIssues(gh, repo, REPORT_LABEL);
    closed = await listClosedIssues(gh, repo, LABEL);
    // Who closed the few closed issues that decide something this run (a bot's close is no dismissal).
    const openIds = new Set(issues.map((i) => decodeIssueState(i.body)?.id).filter((id): id is string => id !== undefined));
    const wanted = new Set(closesToIdentify(closed, report.results, openIds));
    for (const issue of closed) if (wanted.has(issue.number)) issue.closer = await getCloser(gh, repo, issue.number);
  } catch (error) {
    warn(`report: could not read the issues of ${config.GITHUB_REPOSITORY}: ${describeError(error)}; nothing was changed`);
    return 1;
  }
  const reportIssue = reportIssues.sort((a, b) => a.number - b.number)[0];
  // The state split over hidden comments of the report issue, when it did not fit its body.
  let stateComments: { id: number; body: string }[] = [];
  if (reportIssue !== undefined && partsWanted(reportIssue.body) > 0) {
    try {
      stateComments = (await listComments(gh, repo, reportIssue.number)).filter((c) => isStatePart(c.body));
    } catch (error) {
      warn(`report: could not read the report issue's history (#${reportIssue.number}): ${describeError(error)}; nothing was changed`);
      return 1;
    }
  }
  const previousState = reportIssue === undefined ? undefined : unpackReportState(reportIssue.body, stateComments.map((c) => c.body));
  if (reportIssue !== undefined && previousState === undefined) warn(`report: the history kept in #${reportIssue.number} could not be read; this run starts it again`);
  // The pull request holds exactly what `npm run fix` makes of this report and this data.
  const fixPr = fixPrNumber === undefined ? undefined : { number: fixPrNumber, ids: new Set(planFixes(loaded.directory, report).fixes.map((f) => f.resource.id)) };
  const plan = planIssueActions({
    report,
    resources,
    issues: issues.filter((i) => !hasLabel(i, REPORT_LABEL)),
    closed: closed.filter((i) => !hasLabel(i, REPORT_LABEL)),
    previous: previousState,
    errorThreshold,
    fixPr,
  });

  let failed: string[] = [];
  let labelSpelling: ReadonlyMap<string, string> = new Map();
  const issueNumbers = new Map<string, number>();
  for (const i of issues) {
    const id = decodeIssueState(i.body)?.id;
    if (id) issueNumbers.set(id, i.number);
  }
  if (report.inconclusive) {
    warn("report: the check was inconclusive (no HTTP answer at all); no issue is changed");
  } else if (dryRun) {
    say(plan.actions.length === 0 ? "dry run: no issue needs a change" : `dry run: ${plan.actions.length} planned action(s):`);
    for (const action of plan.actions) say(`  would ${describeAction(action)}`);
  } else {
    const labels = await prepareLabels(gh, repo, plan.actions, [REPORT_LABEL]);
    failed = labels.failed;
    labelSpelling = labels.spelling;
    const outcome = await applyActions(gh, repo, plan.actions, say, labels.spelling);
    failed.push(...outcome.failed);
    for (const a of plan.actions) if (a.kind === "close") issueNumbers.delete(a.id);
    for (const [id, n] of outcome.opened) issueNumbers.set(id, n);
  }

  const weeklyInput = { report, changes: plan.changes, resources, issueNumbers, state: plan.state, fixPr, dryRun };
  const { packed, dropped } = packState(plan.state);
  if (dropped > 0) warn(`report: the history of ${dropped} resource(s) was left out of the report issue's state to stay within GitHub's limits`);
  const weekly = renderWeeklyReport({ ...weeklyInput, shortened: dropped });
  const body = `${truncate(weekly, MAX_ISSUE_BODY - packed.marker.length - 16, "(shortened: the report is over GitHub's issue size limit; the whole of it is in the workflow run's summary and weekly-report.md)")}\n${packed.marker}`;
  const comment = renderChangeComment(weeklyInput);
  if (dryRun && !report.inconclusive) {
    const sizes = [body.length, comment.length, ...packed.parts.map((p) => p.length), ...plan.actions.flatMap((a) => [a.body.length, "comment" in a ? (a.comment?.length ?? 0) : 0])];
    say(`dry run: the report issue's state would take ${packed.parts.length === 0 ? "its body" : `${packed.parts.length} hidden comment(s)`}; the largest body or comment planned is ${Math.max(...sizes)} characters (GitHub's limit: ${MAX_ISSUE_BODY})`);
  }
  if (!report.inconclusive && !dryRun) {
    try {
      const title = "Weekly link-health report";
      const number = reportIssue ? reportIssue.number : await createIssue(gh, repo, { title, body, labels: [labelSpelling.get(REPORT_LABEL) ?? REPORT_LABEL] });
      if (reportIssue) await updateIssue(gh, repo, number, { title, body });
      // The state's parts: rewritten in place, new ones added, ones no longer needed removed.
      for (const [i, part] of packed.parts.entries()) {
        const existing = stateComments[i];
        if (existing === undefined) await addComment(gh, repo, number, part);
        else if (existing.body !== part) await updateComment(gh, repo, existing.id, part);
      }
      for (const extra of stateComments.slice(packed.parts.length)) await deleteComment(gh, repo, extra.id);
      await addComment(gh, repo, number, comment);
      say(`${reportIssue ? "updated" : "opened"} the weekly report issue #${number}`);
    } catch (error) {
      failed.push(`weekly report issue: ${describeError(error)}`);
      warn(`failed to update the weekly report issue: ${describeError(error)}`);
    }
  }

  const outFile = join(values.out ?? "out", "weekly-report.md");
  await writeFilesAtomic([{ path: outFile, data: weekly }]);
  if (config.GITHUB_STEP_SUMMARY) {
    await appendFile(config.GITHUB_STEP_SUMMARY, truncate(weekly, MAX_STEP_SUMMARY - 1024, "(truncated: the summary is over GitHub's 1 MiB step-summary limit; the whole report is in the weekly-report.md artifact)"));
  }
  say(`weekly report written to ${outFile}`);
  if (failed.length > 0) {
    warn(`report: ${failed.length} change(s) could not be made after retries; the issues do not fully match the report:`);
    for (const f of failed) warn(`  ${f}`);
    return 1;
  }
  return 0;
}

/**
 * The state packed for the report issue: in its body (MAX_STATE characters at most), or over its
 * hidden comments; only past MAX_PARTS of those are histories dropped (ok links' first).
 */
function packState(state: ReportState): { packed: ReturnType<typeof packReportState>; dropped: number } {
  let packed = packReportState(state, MAX_STATE);
  if (packed.parts.length <= MAX_PARTS) return { packed, dropped: 0 };
  const fitted = fitReportState(state, MAX_PARTS * 60_000 * 3);
  packed = packReportState(fitted.state, MAX_STATE);
  return { packed, dropped: fitted.dropped };
}

/** Label names compared as GitHub does: without case. */
const hasLabel = (issue: { labels: string[] }, name: string) => issue.labels.some((l) => l.toLowerCase() === name.toLowerCase());

async function readReport(file: string): Promise<Report> {
  const read = await readJsonFile(file, Report, "check report");
  if (!read.ok) throw new InputError(read.message, read.problems);
  return read.value;
}
