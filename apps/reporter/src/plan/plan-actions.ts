// What to do to the repository's issues so they match a check report. A pure function of the
// report, the directory and the issues as they are: every transition is unit-tested here.
import type { CheckResult, LinkStatus, Report } from "@td/schema";
import { escapeText } from "@td/markdown";
import { renderIssueBody, renderIssueTitle, type ResourceInfo } from "../render/issue-body.ts";
import { decodeIssueState, type IssueState, type ReportState } from "./marker.ts";

export const LABEL = "link-health";
export const REPORT_LABEL = "link-health-report";

export interface OpenIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
}

export type Action =
  | { kind: "open"; id: string; title: string; body: string; labels: string[] }
  | { kind: "update"; id: string; number: number; title: string; body: string; labels: string[]; comment: string | undefined }
  | { kind: "close"; id: string; number: number; comment: string; reason: "completed" | "not_planned" };

export interface PlanInput {
  report: Report;
  /** Every resource of the directory now, by id. */
  resources: ReadonlyMap<string, ResourceInfo>;
  /** Open issues labelled link-health (the rolling report issue excluded). */
  issues: readonly OpenIssue[];
  previous: ReportState | undefined;
  errorThreshold: number;
}

export interface Changes {
  newProblems: { id: string; status: LinkStatus }[];
  recovered: string[];
  stillOpen: { id: string; status: LinkStatus }[];
}

export interface Plan {
  actions: Action[];
  state: ReportState;
  changes: Changes;
}

const NEEDS_ISSUE: readonly LinkStatus[] = ["broken", "moved", "redirected"];

export function planIssueActions(input: PlanInput): Plan {
  const { report, resources, previous } = input;
  const actions: Action[] = [];
  if (report.inconclusive) {
    // An inconclusive run says nothing about the links: no issue changes, and the state stays.
    return { actions, state: previous ?? { lastRun: report.finishedAt, problems: {}, errorStreaks: {} }, changes: { newProblems: [], recovered: [], stillOpen: [] } };
  }

  // The open issue of each resource; extra issues for the same resource are duplicates.
  const byId = new Map<string, { issue: OpenIssue; state: IssueState }>();
  for (const issue of [...input.issues].sort((a, b) => a.number - b.number)) {
    const state = decodeIssueState(issue.body);
    if (state === undefined) continue; // not ours (no marker): left alone
    const first = byId.get(state.id);
    if (first) actions.push({ kind: "close", id: state.id, number: issue.number, reason: "not_planned", comment: `Duplicate of #${first.issue.number}; closing.` });
    else byId.set(state.id, { issue, state });
  }

  const errorStreaks: Record<string, number> = {};
  const problems: Record<string, LinkStatus> = {};
  const results = new Map(report.results.map((r) => [r.id, r] as const));

  for (const [id, tracked] of byId) {
    const resource = resources.get(id);
    if (resource === undefined) {
      actions.push({ kind: "close", id, number: tracked.issue.number, reason: "not_planned", comment: "The resource was removed from the directory; closing." });
      byId.delete(id);
    } else if (resource.url !== tracked.state.url) {
      actions.push({
        kind: "close",
        id,
        number: tracked.issue.number,
        reason: "completed",
        comment: `The resource's URL was changed in the data (from \`${tracked.state.url}\` to \`${resource.url}\`); closing. A new issue opens if the new URL has a problem too.`,
      });
      byId.delete(id);
    }
  }

  for (const result of report.results) {
    const resource = resources.get(result.id);
    // A result for a URL the data no longer has, or for a resource no longer in it, is stale.
    if (resource === undefined || resource.url !== result.url) continue;
    const streak = result.status === "error" ? (previous?.errorStreaks[result.id] ?? 0) + 1 : 0;
    if (streak > 0) errorStreaks[result.id] = streak;
    const tracked = byId.get(result.id);
    const needsIssue = NEEDS_ISSUE.includes(result.status) || (result.status === "error" && (streak >= input.errorThreshold || tracked !== undefined));
    if (result.status !== "ok") problems[result.id] = result.status;

    if (!needsIssue) {
      if (tracked) {
        actions.push({
          kind: "close",
          id: result.id,
          number: tracked.issue.number,
          reason: "completed",
          comment: `Recovered: the link works again (checked ${result.checkedAt}: ${escapeText(result.reason)}). Closing.`,
        });
      }
      continue;
    }
    const state: IssueState = {
      id: result.id,
      url: result.url,
      status: result.status,
      suggestedUrl: result.suggestedUrl,
      archivedUrl: result.archivedUrl,
      firstSeen: tracked?.state.firstSeen ?? result.checkedAt,
      lastChecked: result.checkedAt,
    };
    const title = renderIssueTitle(resource, result.status);
    const body = renderIssueBody(resource, result, state);
    const labels = [LABEL, result.status];
    if (!tracked) {
      actions.push({ kind: "open", id: result.id, title, body, labels });
      continue;
    }
    const comment = describeChange(tracked.state, result);
    if (comment !== undefined || body !== tracked.issue.body || title !== tracked.issue.title) {
      actions.push({ kind: "update", id: result.id, number: tracked.issue.number, title, body, labels, comment });
    }
  }

  const before = previous?.problems ?? {};
  const changes: Changes = {
    newProblems: Object.entries(problems)
      .filter(([id, status]) => before[id] !== status)
      .map(([id, status]) => ({ id, status })),
    recovered: Object.keys(before).filter((id) => problems[id] === undefined && results.get(id)?.status === "ok"),
    stillOpen: Object.entries(problems)
      .filter(([id, status]) => before[id] === status)
      .map(([id, status]) => ({ id, status })),
  };
  // Resources this run did not check keep their earlier standing.
  for (const [id, status] of Object.entries(before)) if (!results.has(id) && resources.has(id)) problems[id] = status;
  for (const [id, n] of Object.entries(previous?.errorStreaks ?? {})) if (!results.has(id) && resources.has(id)) errorStreaks[id] = n;
  return { actions, state: { lastRun: report.finishedAt, problems, errorStreaks }, changes };
}

/** The one comment an update gets: what changed since the issue was last written. */
function describeChange(before: IssueState, result: CheckResult): string | undefined {
  const parts: string[] = [];
  if (before.status !== result.status) parts.push(`Status changed from **${before.status}** to **${result.status}**: ${escapeText(result.reason)}.`);
  if (before.suggestedUrl !== result.suggestedUrl && result.suggestedUrl) parts.push(`New suggested URL: <${result.suggestedUrl}>.`);
  if (before.archivedUrl !== result.archivedUrl && result.archivedUrl) parts.push(`Archived copy: <${result.archivedUrl}>.`);
  return parts.length > 0 ? `${parts.join(" ")} (checked ${result.checkedAt})` : undefined;
}
