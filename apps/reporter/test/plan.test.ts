// Every transition of the issue planner, as a pure function.
import { describe, expect, it } from "vitest";
import { planIssueActions, type OpenIssue, type Plan } from "../src/plan/plan-actions.ts";
import { decodeIssueState, decodeReportState, encodeReportState, type ReportState } from "../src/plan/marker.ts";
import { renderIssueBody, renderIssueTitle } from "../src/render/issue-body.ts";
import { report, resources, result } from "./fixtures.ts";

/** The issues a plan's opens would leave, to feed the next run. */
function issuesAfter(plan: Plan, existing: OpenIssue[] = []): OpenIssue[] {
  const open = new Map(existing.map((i) => [i.number, i] as const));
  let next = Math.max(0, ...existing.map((i) => i.number)) + 1;
  for (const a of plan.actions) {
    if (a.kind === "open") open.set(next, { number: next++, title: a.title, body: a.body, labels: a.labels });
    if (a.kind === "update") open.set(a.number, { number: a.number, title: a.title, body: a.body, labels: a.labels });
    if (a.kind === "close") open.delete(a.number);
  }
  return [...open.values()];
}

const plan = (r: ReturnType<typeof report>, issues: OpenIssue[] = [], previous?: ReportState, errorThreshold = 2) =>
  planIssueActions({ report: r, resources, issues, previous, errorThreshold });

describe("planIssueActions", () => {
  it("opens one issue per broken, moved and redirected resource, and none for ok", () => {
    const p = plan(report([result("alpha", "broken"), result("beta", "moved"), result("gamma", "redirected")]));
    expect(p.actions.map((a) => [a.kind, a.id, a.kind === "open" ? a.labels : []])).toEqual([
      ["open", "alpha", ["link-health", "broken"]],
      ["open", "beta", ["link-health", "moved"]],
      ["open", "gamma", ["link-health", "redirected"]],
    ]);
    expect(plan(report([result("alpha", "ok")])).actions).toEqual([]);
  });

  it("does nothing on a second identical run (no duplicates, no comments)", () => {
    const r = report([result("alpha", "broken"), result("beta", "moved")]);
    const first = plan(r);
    const second = plan(r, issuesAfter(first), first.state);
    expect(second.actions).toEqual([]);
  });

  it("refreshes the body without a comment when only the check time changed", () => {
    const first = plan(report([result("alpha", "broken")]));
    const second = plan(report([result("alpha", "broken")], { at: "2026-12-07T06:01:00.000Z" }), issuesAfter(first), first.state);
    expect(second.actions).toHaveLength(1);
    expect(second.actions[0]).toMatchObject({ kind: "update", number: 1, comment: undefined });
    expect(decodeIssueState((second.actions[0] as { body: string }).body)).toMatchObject({ firstSeen: "2026-11-30T06:01:00.000Z", lastChecked: "2026-12-07T06:01:00.000Z" });
  });

  it("updates with exactly one comment when the status or suggestion changes", () => {
    const first = plan(report([result("alpha", "broken")]));
    const second = plan(report([result("alpha", "moved")]), issuesAfter(first), first.state);
    expect(second.actions).toHaveLength(1);
    const update = second.actions[0]!;
    expect(update).toMatchObject({ kind: "update", number: 1, title: "Document moved: Alpha Guide", labels: ["link-health", "moved"] });
    expect((update as { comment: string }).comment).toMatch(/^Status changed from \*\*broken\*\* to \*\*moved\*\*: HTTP 404 Not Found\. New suggested URL: <https:\/\/example\.org\/new\/alpha\.pdf>\./);
  });

  it("closes with a comment when the link recovers", () => {
    const first = plan(report([result("alpha", "broken")]));
    const second = plan(report([result("alpha", "ok")]), issuesAfter(first), first.state);
    expect(second.actions).toEqual([{ kind: "close", id: "alpha", number: 1, reason: "completed", comment: "Recovered: the link works again (checked 2026-11-30T06:01:00.000Z: HTTP 200). Closing." }]);
    expect(second.changes.recovered).toEqual(["alpha"]);
  });

  it("closes when the resource's URL was changed in the data, and opens anew if the new URL fails too", () => {
    const first = plan(report([result("alpha", "broken")]));
    const changed = new Map(resources);
    changed.set("alpha", { ...resources.get("alpha")!, url: "https://example.org/alpha-v2.pdf" });
    const second = planIssueActions({
      report: report([result("alpha", "broken", { url: "https://example.org/alpha-v2.pdf" })]),
      resources: changed,
      issues: issuesAfter(first),
      previous: first.state,
      errorThreshold: 2,
    });
    expect(second.actions.map((a) => a.kind)).toEqual(["close", "open"]);
    expect((second.actions[0] as { comment: string }).comment).toContain("URL was changed in the data");
  });

  it("closes when the resource was removed from the data", () => {
    const first = plan(report([result("alpha", "broken")]));
    const without = new Map([...resources].filter(([id]) => id !== "alpha"));
    const second = planIssueActions({ report: report([]), resources: without, issues: issuesAfter(first), previous: first.state, errorThreshold: 2 });
    expect(second.actions).toEqual([{ kind: "close", id: "alpha", number: 1, reason: "not_planned", comment: "The resource was removed from the directory; closing." }]);
  });

  it("opens an issue for an error only once it has persisted the configured number of runs", () => {
    const r = report([result("gamma", "error")]);
    const first = plan(r);
    expect(first.actions).toEqual([]);
    expect(first.state.errorStreaks).toEqual({ gamma: 1 });
    const second = plan(r, [], first.state);
    expect(second.actions.map((a) => [a.kind, a.id])).toEqual([["open", "gamma"]]);
    const third = plan(r, [], { ...first.state, errorStreaks: {} }, 1);
    expect(third.actions).toHaveLength(1);
    // A run without the error resets the streak.
    expect(plan(report([result("gamma", "ok")]), [], first.state).state.errorStreaks).toEqual({});
  });

  it("keeps an issue open, updated, when a broken link turns to error", () => {
    const first = plan(report([result("alpha", "broken")]));
    const second = plan(report([result("alpha", "error")]), issuesAfter(first), first.state);
    expect(second.actions.map((a) => a.kind)).toEqual(["update"]);
  });

  it("changes nothing for an inconclusive report", () => {
    const first = plan(report([result("alpha", "broken")]));
    const p = plan(report([result("alpha", "error"), result("beta", "error")], { inconclusive: true }), issuesAfter(first), first.state);
    expect(p.actions).toEqual([]);
    expect(p.state).toEqual(first.state);
  });

  it("closes duplicates of one resource's issue, keeping the oldest", () => {
    const first = plan(report([result("alpha", "broken")]));
    const [issue] = issuesAfter(first);
    const p = plan(report([result("alpha", "broken")]), [issue!, { ...issue!, number: 7 }], first.state);
    expect(p.actions).toEqual([{ kind: "close", id: "alpha", number: 7, reason: "not_planned", comment: "Duplicate of #1; closing." }]);
  });

  it("leaves issues without its marker alone and ignores results for a URL the data no longer has", () => {
    const foreign: OpenIssue = { number: 3, title: "Someone's issue", body: "hello", labels: ["link-health"] };
    expect(plan(report([result("alpha", "ok")]), [foreign]).actions).toEqual([]);
    expect(plan(report([result("alpha", "broken", { url: "https://example.org/old-alpha.pdf" })])).actions).toEqual([]);
  });

  it("lists what changed since the previous run", () => {
    const first = plan(report([result("alpha", "broken"), result("beta", "broken")]));
    const second = plan(report([result("alpha", "ok"), result("beta", "broken"), result("gamma", "moved")]), issuesAfter(first), first.state);
    expect(second.changes).toEqual({ newProblems: [{ id: "gamma", status: "moved" }], recovered: ["alpha"], stillOpen: [{ id: "beta", status: "broken" }] });
  });
});

describe("issue content", () => {
  it("escapes text from the data and remote pages: no @mentions, HTML or Markdown injection", () => {
    const evil = { id: "alpha", title: "@octocat <img src=x onerror=alert(1)> [click](http://evil) #1", section: "Guides", url: "https://example.org/alpha.pdf" };
    const r = result("alpha", "broken", { reason: 'HTTP 200; soft 404: the page title is "@admin **bold**"' });
    const body = renderIssueBody(evil, r, { id: "alpha", url: r.url, status: "broken", suggestedUrl: null, archivedUrl: null, firstSeen: "a", lastChecked: "b" });
    expect(body).not.toMatch(/(^|[^\u200b])@octocat/);
    expect(body).toContain("@\u200boctocat");
    expect(body).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(body).toContain("\\[click\\](http://evil)");
    expect(body).toContain("\\#1");
    expect(body).toContain("@\u200badmin \\*\\*bold\\*\\*");
    expect(renderIssueTitle(evil, "broken")).toBe("Link broken: @\u200boctocat <img src=x onerror=alert(1)> [click](http://evil) #1");
  });

  it("renders the body with every field and what to change (pinned)", () => {
    const r = result("beta", "moved", { reason: "HTTP 404 Not Found; same document found via sitemap.xml (same file name, same SHA-256)" });
    const body = renderIssueBody(resources.get("beta")!, r, { id: "beta", url: r.url, status: "moved", suggestedUrl: r.suggestedUrl, archivedUrl: null, firstSeen: "2026-11-23T06:00:00.000Z", lastChecked: "2026-11-30T06:00:03.000Z" });
    expect(body).toMatchSnapshot();
  });

  it("round-trips the hidden state, even with -- in a URL", () => {
    const state = { lastRun: "x", problems: { a: "broken" as const }, errorStreaks: { b: 1 } };
    expect(decodeReportState(`text\n${encodeReportState(state)}\n`)).toEqual(state);
    const r = result("alpha", "broken", { url: "https://example.org/a--b-->c.pdf" });
    const issueState = { id: "alpha", url: r.url, status: "broken" as const, suggestedUrl: null, archivedUrl: null, firstSeen: "a", lastChecked: "b" };
    const body = renderIssueBody(resources.get("alpha")!, r, issueState);
    const comment = /<!-- link-health:v1 (.*?) -->/.exec(body)![1]!;
    expect(comment).not.toContain("--");
    expect(decodeIssueState(body)).toEqual(issueState);
  });
});
