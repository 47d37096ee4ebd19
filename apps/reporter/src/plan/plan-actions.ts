// What to do to the repository's issues so they match a check report. A pure function of the
// report, the directory, the issues as they are (open, and closed in the last year) and the
// state kept in the rolling report issue: every transition is unit-tested here.
import type { CheckResult, LinkStatus, Report } from "@td/schema";
import { escapeText } from "@td/markdown";
import { renderHostBody, renderHostTitle, renderIssueBody, renderIssueTitle, type ResourceInfo } from "../render/issue-body.ts";
import { lastCloses } from "./closed-issues.ts";
import { recordRun } from "./history.ts";
import type { ClosedIssue, OpenIssue } from "./issues.ts";
import { decodeHostState, decodeIssueState, encodeHostState, markClosedByTool, type HostState, type IssueState, type ReportState } from "./marker.ts";
import { findOutages } from "./outages.ts";

export type { ClosedIssue, OpenIssue } from "./issues.ts";

export const LABEL = "link-health";
export const REPORT_LABEL = "link-health-report";

export type Action =
  | { kind: "open"; id: string; title: string; body: string; labels: string[] }
  /** For a host-wide issue, `id` is "host:" and the host name. */
  | { kind: "update"; id: string; number: number; title: string; body: string; labels: string[]; comment: string | undefined }
  | { kind: "reopen"; id: string; number: number; title: string; body: string; labels: string[]; comment: string }
  | { kind: "close"; id: string; number: number; comment: string; reason: "completed" | "not_planned"; body: string };

export interface FixPullRequest {
  number: number;
  /** The resources whose URL the pull request changes. */
  ids: ReadonlySet<string>;
}

export interface PlanInput {
  report: Report;
  /** Every resource of the directory now, by id. */
  resources: ReadonlyMap<string, ResourceInfo>;
  /** Open issues labelled link-health (the rolling report issue excluded). */
  issues: readonly OpenIssue[];
  /** Issues labelled link-health closed in the last year: dismissals and closes by people. */
  closed?: readonly ClosedIssue[];
  previous: ReportState | undefined;
  errorThreshold: number;
  /** The open pull request with the proven fixes, when there is one. */
  fixPr?: FixPullRequest | undefined;
}

export interface Changes {
  newProblems: { id: string; status: LinkStatus }[];
  recovered: string[];
  stillOpen: { id: string; status: LinkStatus }[];
  /** Hosts with a host-wide problem this run: one issue each, instead of one per resource. */
  outages: { host: string; status: LinkStatus; count: number; issue: number | undefined }[];
  /** Problems a maintainer dismissed (or closed as a duplicate) that have not changed since: no issue is touched for them. */
  dismissed: { id: string; status: LinkStatus; issue: number; how: "not planned" | "duplicate" }[];
}

export interface Plan {
  actions: Action[];
  state: ReportState;
  changes: Changes;
}

const NEEDS_ISSUE: readonly LinkStatus[] = ["broken", "moved", "redirected"];

export function emptyState(lastRun: string): ReportState {
  return { lastRun, problems: {}, errorStreaks: {}, runs: [], history: {}, trend: [], standIns: [], failing: {}, lifted: [] };
}

export function planIssueActions(input: PlanInput): Plan {
  const { report, resources } = input;
  const previous = input.previous ?? emptyState(report.finishedAt);
  const actions: Action[] = [];
  const changes: Changes = { newProblems: [], recovered: [], stillOpen: [], dismissed: [], outages: [] };
  if (report.inconclusive) {
    // An inconclusive run says nothing about the links: no issue changes, and the state stays.
    return { actions, state: previous, changes };
  }
  const close = (id: string, issue: OpenIssue, reason: "completed" | "not_planned", comment: string) =>
    actions.push({ kind: "close", id, number: issue.number, reason, comment, body: markClosedByTool(issue.body) });

  // The open issue of each resource; extra issues for the same resource are duplicates. Host-wide
  // issues are kept apart, by host.
  const byId = new Map<string, { issue: OpenIssue; state: IssueState }>();
  const byHost = new Map<string, { issue: OpenIssue; state: HostState }>();
  for (const issue of [...input.issues].sort((a, b) => a.number - b.number)) {
    const hostState = decodeHostState(issue.body);
    if (hostState !== undefined) {
      if (byHost.has(hostState.host)) close(`host:${hostState.host}`, issue, "not_planned", `Duplicate of #${byHost.get(hostState.host)!.issue.number}; closing.`);
      else byHost.set(hostState.host, { issue, state: hostState });
      continue;
    }
    const state = decodeIssueState(issue.body);
    if (state === undefined) continue; // not ours (no marker): left alone
    const first = byId.get(state.id);
    if (first) close(state.id, issue, "not_planned", `Duplicate of #${first.issue.number}; closing.`);
    else byId.set(state.id, { issue, state });
  }
  for (const [id, tracked] of byId) {
    const resource = resources.get(id);
    if (resource === undefined) {
      close(id, tracked.issue, "not_planned", "The resource was removed from the directory; closing.");
      byId.delete(id);
    } else if (resource.url !== tracked.state.url) {
      close(
        id,
        tracked.issue,
        "completed",
        `The resource's URL was changed in the data (from \`${tracked.state.url}\` to \`${resource.url}\`); closing. A new issue opens if the new URL has a problem too.`,
      );
      byId.delete(id);
    }
  }

  const currentUrls = new Map([...resources].map(([id, r]) => [id, r.url] as const));
  const standIns = new Set([...resources].filter(([, r]) => r.standInFor !== undefined).map(([id]) => id));
  const history = recordRun(previous, report, currentUrls, standIns);
  const closes = lastCloses(input.closed ?? []);
  const lifted = new Set(previous.lifted);
  const errorStreaks: Record<string, number> = {};
  const problems: Record<string, LinkStatus> = {};
  const results = new Map(report.results.map((r) => [r.id, r] as const));
  // Hosts whose resources fail alike: one issue for the host; its resources' own issues wait.
  const outages = findOutages(report.results, currentUrls);
  const covered = new Set([...outages.values()].flatMap((o) => o.ids));

  for (const result of report.results) {
    const resource = resources.get(result.id);
    // A result for a URL the data no longer has, or for a resource no longer in it, is stale.
    if (resource === undefined || resource.url !== result.url) continue;
    const streak = result.status === "error" ? (previous.errorStreaks[result.id] ?? 0) + 1 : 0;
    if (streak > 0) errorStreaks[result.id] = streak;
    if (result.status !== "ok") problems[result.id] = result.status;
    const tracked = byId.get(result.id);
    const needsIssue = NEEDS_ISSUE.includes(result.status) || (result.status === "error" && (streak >= input.errorThreshold || tracked !== undefined));
    const failing = history.failing[result.id];
    const state: IssueState = {
      id: result.id,
      url: result.url,
      status: result.status,
      suggestedUrl: result.suggestedUrl,
      archivedUrl: result.archivedUrl,
      firstSeen: tracked?.state.firstSeen ?? result.checkedAt,
      lastChecked: result.checkedAt,
      ...(failing ? { failingSince: failing.since, failingRuns: failing.runs } : {}),
      ...(input.fixPr?.ids.has(result.id) ? { fixPr: input.fixPr.number } : {}),
    };
    const title = renderIssueTitle(resource, result.status);
    const labels = [LABEL, result.status];
    if (covered.has(result.id)) continue;

    if (tracked) {
      if (!needsIssue) {
        close(result.id, tracked.issue, "completed", `Recovered: the link works again (checked ${result.checkedAt}: ${escapeText(result.reason)}). Closing.`);
        continue;
      }
      if (tracked.state.dismissedIssue !== undefined) state.dismissedIssue = tracked.state.dismissedIssue;
      const body = renderIssueBody(resource, result, state);
      const comment = describeChange(tracked.state, result);
      // Rewritten only when something besides the check date (and the streak's count) changed.
      const unchanged =
        renderIssueBody(resource, result, { ...state, lastChecked: tracked.state.lastChecked, failingRuns: tracked.state.failingRuns }) === tracked.issue.body &&
        title === tracked.issue.title &&
        sameSet(labels, tracked.issue.labels);
      if (comment !== undefined || !unchanged) actions.push({ kind: "update", id: result.id, number: tracked.issue.number, title, body, labels, comment });
      continue;
    }

    const last = closes.get(result.id);
    if (last?.kind === "dismissed" && !lifted.has(last.issue.number)) {
      if (last.state.url === result.url && last.state.status === result.status) {
        changes.dismissed.push({ id: result.id, status: result.status, issue: last.issue.number, how: last.how });
        continue;
      }
      // A change of status or URL lifts the dismissal for good; a new issue may open below.
      lifted.add(last.issue.number);
    }
    if (!needsIssue) continue;
    if (last?.kind === "completed" && last.state.url === result.url) {
      state.firstSeen = last.state.firstSeen;
      const comment =
        last.by === "person"
          ? `Reopened: a maintainer closed this issue as completed, but the link still fails at the same URL (**${result.status}**, checked ${result.checkedAt}: ${escapeText(result.reason)}). If it is fine as it is, close this issue as **not planned** to dismiss it.`
          : last.by === "bot"
            ? `Reopened: ${escapeText(last.issue.closer?.login ?? "a bot")} closed this issue, but a bot's close is not a maintainer's decision and the link still fails at the same URL (**${result.status}**, checked ${result.checkedAt}: ${escapeText(result.reason)}). To dismiss it, a maintainer closes it as **not planned**.`
            : `Failing again after it recovered (**${result.status}**, checked ${result.checkedAt}: ${escapeText(result.reason)}); reopening.`;
      actions.push({ kind: "reopen", id: result.id, number: last.issue.number, title, body: renderIssueBody(resource, result, state), labels, comment });
      continue;
    }
    if (last?.kind === "dismissed") state.dismissedIssue = last.issue.number;
    actions.push({ kind: "open", id: result.id, title, body: renderIssueBody(resource, result, state), labels });
  }

  // The host-wide issues: opened or kept up to date while the host fails, closed when it recovers.
  for (const [host, outage] of outages) {
    const tracked = byHost.get(host);
    const state: HostState = { host, status: outage.status, count: outage.ids.length, firstSeen: tracked?.state.firstSeen ?? report.finishedAt, lastChecked: report.finishedAt };
    const title = renderHostTitle(outage);
    const body = renderHostBody(outage, resources, state);
    const labels = [LABEL, outage.status];
    changes.outages.push({ host, status: outage.status, count: outage.ids.length, issue: tracked?.issue.number });
    if (tracked === undefined) {
      actions.push({ kind: "open", id: `host:${host}`, title, body, labels });
      continue;
    }
    const unchanged = renderHostBody(outage, resources, { ...state, lastChecked: tracked.state.lastChecked }) === tracked.issue.body && title === tracked.issue.title && sameSet(labels, tracked.issue.labels);
    const comment = tracked.state.status !== outage.status ? `Status changed from **${tracked.state.status}** to **${outage.status}** (checked ${report.finishedAt}).` : undefined;
    if (!unchanged || comment !== undefined) actions.push({ kind: "update", id: `host:${host}`, number: tracked.issue.number, title, body, labels, comment });
  }
  for (const [host, tracked] of byHost) {
    if (outages.has(host)) continue;
    const still = report.results.filter((r) => r.status !== "ok" && currentUrls.get(r.id) === r.url && hostOf(r.url) === host).length;
    const body = tracked.issue.body.replace(encodeHostState(tracked.state), encodeHostState({ ...tracked.state, closedBy: "tool" }));
    actions.push({
      kind: "close",
      id: `host:${host}`,
      number: tracked.issue.number,
      reason: "completed",
      body,
      comment: `The host recovered: its resources no longer fail alike (checked ${report.finishedAt}).${still > 0 ? ` ${still} of them still have a problem and get issues of their own.` : ""} Closing.`,
    });
  }

  const before = previous.problems;
  const quiet = new Set(changes.dismissed.map((d) => d.id));
  for (const [id, status] of Object.entries(problems)) {
    if (quiet.has(id)) continue;
    (before[id] === status ? changes.stillOpen : changes.newProblems).push({ id, status });
  }
  changes.recovered = Object.keys(before).filter((id) => problems[id] === undefined && results.get(id)?.status === "ok");
  // Resources this run did not check keep their earlier standing.
  for (const [id, status] of Object.entries(before)) if (!results.has(id) && resources.has(id)) problems[id] = status;
  for (const [id, n] of Object.entries(previous.errorStreaks)) if (!results.has(id) && resources.has(id)) errorStreaks[id] = n;
  // A lifted dismissal is remembered while its issue is among the closed ones read.
  const closedNumbers = new Set((input.closed ?? []).map((i) => i.number));
  const state: ReportState = { lastRun: report.finishedAt, problems, errorStreaks, ...history, lifted: [...lifted].filter((n) => closedNumbers.has(n)).sort((a, b) => a - b) };
  return { actions, state, changes };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/** Label names compared as GitHub compares them: without case. */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = a.map((l) => l.toLowerCase());
  const y = new Set(b.map((l) => l.toLowerCase()));
  return x.length === y.size && x.every((l) => y.has(l));
}

/** The one comment an update gets: what changed since the issue was last written. */
function describeChange(before: IssueState, result: CheckResult): string | undefined {
  const parts: string[] = [];
  if (before.status !== result.status) parts.push(`Status changed from **${before.status}** to **${result.status}**: ${escapeText(result.reason)}.`);
  if (before.suggestedUrl !== result.suggestedUrl && result.suggestedUrl) parts.push(`New suggested URL: <${result.suggestedUrl}>.`);
  if (before.archivedUrl !== result.archivedUrl && result.archivedUrl) parts.push(`Archived copy: <${result.archivedUrl}>.`);
  return parts.length > 0 ? `${parts.join(" ")} (checked ${result.checkedAt})` : undefined;
}
