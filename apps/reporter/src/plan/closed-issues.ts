// What a resource's most recent closed issue means for this run:
// - a maintainer's dismissal (closed as *not planned* by a person): quiet while URL and status stay;
// - closed as a *duplicate* by a person: as quiet as a dismissal, and listed apart in the report;
// - closed as completed, by a person or by the tool when the link recovered (reopened if the link
//   fails again at the same URL, so a flapping link keeps one issue);
// - closed by a bot (actions/stale, or any workflow's token: GitHub says `"type": "Bot"`) in any
//   other way: never a dismissal; reopened, like a completed one, if the link still fails;
// - another close by the tool itself (a removed resource, a duplicate it closed): nothing.
// Who closed an issue is what GitHub's single-issue endpoint says (`closed_by`), read only for the
// closes that decide something (closesToIdentify); the tool also marks its own closes in the body.
import type { CheckResult } from "@td/schema";
import { decodeIssueState, type IssueState } from "./marker.ts";
import type { ClosedIssue } from "./issues.ts";

export type LastClose =
  | { kind: "dismissed"; how: "not planned" | "duplicate"; issue: ClosedIssue; state: IssueState }
  | { kind: "completed"; by: "person" | "tool" | "bot"; issue: ClosedIssue; state: IssueState }
  | { kind: "other" };

/** The most recent closed issue of each resource (by issue number), with its state. */
function latestClosed(closed: readonly ClosedIssue[]): Map<string, { issue: ClosedIssue; state: IssueState }> {
  const latest = new Map<string, { issue: ClosedIssue; state: IssueState }>();
  for (const issue of closed) {
    const state = decodeIssueState(issue.body);
    if (state === undefined) continue;
    const seen = latest.get(state.id);
    if (seen === undefined || seen.issue.number < issue.number) latest.set(state.id, { issue, state });
  }
  return latest;
}

/**
 * The closed issues whose closer decides something this run: the latest of each resource that is
 * not ok now, has no open issue, and was not closed by the tool (its marker says so). Few, so
 * reading each one's single-issue endpoint costs little.
 */
export function closesToIdentify(closed: readonly ClosedIssue[], results: readonly CheckResult[], openIds: ReadonlySet<string>): number[] {
  const failing = new Set(results.filter((r) => r.status !== "ok").map((r) => r.id));
  const out: number[] = [];
  for (const [id, { issue, state }] of latestClosed(closed)) {
    if (!failing.has(id) || openIds.has(id) || state.closedBy === "tool" || issue.closer !== undefined) continue;
    out.push(issue.number);
  }
  return out.sort((a, b) => a - b);
}

export function lastCloses(closed: readonly ClosedIssue[]): Map<string, LastClose> {
  const out = new Map<string, LastClose>();
  for (const [id, { issue, state }] of latestClosed(closed)) {
    const by = state.closedBy === "tool" ? "tool" : issue.closer?.type === "Bot" ? "bot" : "person";
    if (issue.stateReason === "completed") out.set(id, { kind: "completed", by, issue, state });
    else if (by === "person" && issue.stateReason === "not_planned") out.set(id, { kind: "dismissed", how: "not planned", issue, state });
    else if (by === "person" && issue.stateReason === "duplicate") out.set(id, { kind: "dismissed", how: "duplicate", issue, state });
    // A bot's close is never a dismissal: the link is followed as if it had been closed as completed.
    else if (by === "bot") out.set(id, { kind: "completed", by, issue, state });
    else out.set(id, { kind: "other" });
  }
  return out;
}
