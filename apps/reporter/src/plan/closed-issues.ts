// What a resource's most recent closed issue means for this run: a maintainer's dismissal
// (closed as not planned by a person); a close as completed, by a person or by the tool when the
// link recovered (reopened if the link fails again at the same URL, so a flapping link keeps one
// issue); or another close by the tool (a duplicate, a removed resource: nothing).
import { decodeIssueState, type IssueState } from "./marker.ts";
import type { ClosedIssue } from "./issues.ts";

export type LastClose =
  | { kind: "dismissed"; issue: ClosedIssue; state: IssueState }
  | { kind: "completed"; by: "person" | "tool"; issue: ClosedIssue; state: IssueState }
  | { kind: "other" };

/** The most recent closed issue of each resource (by issue number), and how it was closed. */
export function lastCloses(closed: readonly ClosedIssue[]): Map<string, LastClose> {
  const latest = new Map<string, { issue: ClosedIssue; state: IssueState }>();
  for (const issue of closed) {
    const state = decodeIssueState(issue.body);
    if (state === undefined) continue;
    const seen = latest.get(state.id);
    if (seen === undefined || seen.issue.number < issue.number) latest.set(state.id, { issue, state });
  }
  const out = new Map<string, LastClose>();
  for (const [id, { issue, state }] of latest) {
    const by = state.closedBy === "tool" || issue.closedByBot ? "tool" : "person";
    if (issue.stateReason === "completed") out.set(id, { kind: "completed", by, issue, state });
    else if (issue.stateReason === "not_planned" && by === "person") out.set(id, { kind: "dismissed", issue, state });
    else out.set(id, { kind: "other" });
  }
  return out;
}
