// Every transition of the issue planner, as a pure function.
import { describe, expect, it } from "vitest";
import type { LinkStatus } from "@td/schema";
import { findFlapping, statusChanges } from "../src/plan/history.ts";
import { emptyState, planIssueActions, type ClosedIssue, type OpenIssue, type Plan } from "../src/plan/plan-actions.ts";
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

  it("leaves the issue alone when only the check date and the streak's count changed", () => {
    const first = plan(report([result("alpha", "broken")]));
    const second = plan(report([result("alpha", "broken")], { at: "2026-12-07T06:01:00.000Z" }), issuesAfter(first), first.state);
    expect(second.actions).toEqual([]);
    expect(second.state.failing.alpha).toEqual({ url: "https://example.org/alpha.pdf", since: "2026-11-30T06:01:00.000Z", runs: 2 });
  });

  it("rewrites the body, without a comment, when something else in it changed", () => {
    const first = plan(report([result("alpha", "broken")]));
    const second = plan(report([result("alpha", "broken", { reason: "HTTP 410 Gone" })], { at: "2026-12-07T06:01:00.000Z" }), issuesAfter(first), first.state);
    expect(second.actions).toHaveLength(1);
    expect(second.actions[0]).toMatchObject({ kind: "update", number: 1, comment: undefined });
    const body = (second.actions[0] as { body: string }).body;
    expect(body).toContain("Failing since 2026-11-30, 2 checks in a row.");
    expect(decodeIssueState(body)).toMatchObject({ firstSeen: "2026-11-30T06:01:00.000Z", lastChecked: "2026-12-07T06:01:00.000Z", failingRuns: 2 });
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
    expect(second.actions).toMatchObject([{ kind: "close", id: "alpha", number: 1, reason: "completed", comment: "Recovered: the link works again (checked 2026-11-30T06:01:00.000Z: HTTP 200). Closing." }]);
    // The closed body says the tool closed it, so the close is never taken for a dismissal.
    expect(decodeIssueState((second.actions[0] as { body: string }).body)).toMatchObject({ id: "alpha", closedBy: "tool" });
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
    expect(second.actions).toMatchObject([{ kind: "close", id: "alpha", number: 1, reason: "not_planned", comment: "The resource was removed from the directory; closing." }]);
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
    expect(p.actions).toMatchObject([{ kind: "close", id: "alpha", number: 7, reason: "not_planned", comment: "Duplicate of #1; closing." }]);
  });

  it("leaves issues without its marker alone and ignores results for a URL the data no longer has", () => {
    const foreign: OpenIssue = { number: 3, title: "Someone's issue", body: "hello", labels: ["link-health"] };
    expect(plan(report([result("alpha", "ok")]), [foreign]).actions).toEqual([]);
    expect(plan(report([result("alpha", "broken", { url: "https://example.org/old-alpha.pdf" })])).actions).toEqual([]);
  });

  it("lists what changed since the previous run", () => {
    const first = plan(report([result("alpha", "broken"), result("beta", "broken")]));
    const second = plan(report([result("alpha", "ok"), result("beta", "broken"), result("gamma", "moved")]), issuesAfter(first), first.state);
    expect(second.changes).toEqual({ newProblems: [{ id: "gamma", status: "moved" }], recovered: ["alpha"], stillOpen: [{ id: "beta", status: "broken" }], dismissed: [], outages: [] });
  });
});

/** A closed issue as GitHub lists it, from an issue the plan opened or updated. */
function closedFrom(plan: Plan, number: number, stateReason: "completed" | "not_planned", existing: OpenIssue[] = []): ClosedIssue {
  const issue = issuesAfter(plan, existing).find((i) => i.number === number)!;
  return { ...issue, stateReason, closedAt: "2026-12-01T10:00:00.000Z" };
}

describe("dismissals, reopening and the fix pull request", () => {
  const week = (n: number) => `2026-12-${String(1 + 7 * (n - 1)).padStart(2, "0")}T06:01:00.000Z`;

  it("stays quiet about a dismissed link while its URL and status stay, and links the dismissal when the status changes", () => {
    const first = plan(report([result("alpha", "broken")], { at: week(1) }));
    const dismissed = closedFrom(first, 1, "not_planned");
    const quiet = planIssueActions({ report: report([result("alpha", "broken")], { at: week(2) }), resources, issues: [], closed: [dismissed], previous: first.state, errorThreshold: 2 });
    expect(quiet.actions).toEqual([]);
    expect(quiet.changes.dismissed).toEqual([{ id: "alpha", status: "broken", issue: 1, how: "not planned" }]);
    expect(quiet.changes.stillOpen).toEqual([]);
    const changed = planIssueActions({ report: report([result("alpha", "moved")], { at: week(3) }), resources, issues: [], closed: [dismissed], previous: quiet.state, errorThreshold: 2 });
    expect(changed.actions.map((a) => a.kind)).toEqual(["open"]);
    expect((changed.actions[0] as { body: string }).body).toContain("A maintainer dismissed #1 about this link");
    expect(changed.state.lifted).toEqual([1]);
    // Once lifted, the dismissal stays lifted even if the status goes back.
    const back = planIssueActions({ report: report([result("alpha", "broken")], { at: week(4) }), resources, issues: [], closed: [dismissed], previous: changed.state, errorThreshold: 2 });
    expect(back.actions.map((a) => a.kind)).toEqual(["open"]);
  });

  it("lifts a dismissal when the URL changes in the data", () => {
    const first = plan(report([result("alpha", "broken")]));
    const dismissed = closedFrom(first, 1, "not_planned");
    const moved = new Map(resources);
    moved.set("alpha", { ...resources.get("alpha")!, url: "https://example.org/alpha-v2.pdf" });
    const p = planIssueActions({ report: report([result("alpha", "broken", { url: "https://example.org/alpha-v2.pdf" })]), resources: moved, issues: [], closed: [dismissed], previous: first.state, errorThreshold: 2 });
    expect(p.actions.map((a) => a.kind)).toEqual(["open"]);
    expect(decodeIssueState((p.actions[0] as { body: string }).body)).toMatchObject({ url: "https://example.org/alpha-v2.pdf", dismissedIssue: 1 });
  });

  it("does not take a close by the tool for a dismissal", () => {
    const first = plan(report([result("alpha", "broken")]));
    const removed = planIssueActions({ report: report([]), resources: new Map([...resources].filter(([id]) => id !== "alpha")), issues: issuesAfter(first), previous: first.state, errorThreshold: 2 });
    const close = removed.actions[0] as { body: string };
    const closed: ClosedIssue = { number: 1, title: "t", body: close.body, labels: ["link-health"], stateReason: "not_planned", closedAt: null };
    const again = planIssueActions({ report: report([result("alpha", "broken")]), resources, issues: [], closed: [closed], previous: removed.state, errorThreshold: 2 });
    expect(again.actions.map((a) => a.kind)).toEqual(["open"]);
    expect(again.changes.dismissed).toEqual([]);
  });

  it("reopens, with one comment, an issue a person closed as completed while the link still fails", () => {
    const first = plan(report([result("alpha", "broken")]));
    const done = closedFrom(first, 1, "completed");
    const p = planIssueActions({ report: report([result("alpha", "broken")], { at: week(2) }), resources, issues: [], closed: [done], previous: first.state, errorThreshold: 2 });
    expect(p.actions).toHaveLength(1);
    expect(p.actions[0]).toMatchObject({ kind: "reopen", number: 1, labels: ["link-health", "broken"] });
    expect((p.actions[0] as { comment: string }).comment).toMatch(/^Reopened: a maintainer closed this issue as completed, but the link still fails at the same URL/);
    // Recovered by then: nothing to reopen.
    expect(planIssueActions({ report: report([result("alpha", "ok")]), resources, issues: [], closed: [done], previous: first.state, errorThreshold: 2 }).actions).toEqual([]);
  });

  it("reopens the issue it closed itself when a recovered link fails again, so a flapping link keeps one issue", () => {
    const first = plan(report([result("alpha", "broken")]));
    const recovered = plan(report([result("alpha", "ok")]), issuesAfter(first), first.state);
    const close = recovered.actions[0] as { body: string };
    const closed: ClosedIssue = { number: 1, title: "t", body: close.body, labels: ["link-health"], stateReason: "completed", closedAt: null };
    const again = planIssueActions({ report: report([result("alpha", "broken")]), resources, issues: [], closed: [closed], previous: recovered.state, errorThreshold: 2 });
    expect(again.actions).toMatchObject([{ kind: "reopen", number: 1, comment: expect.stringMatching(/^Failing again after it recovered/) }]);
  });

  it("says in the issue that the open pull request fixes it", () => {
    const first = plan(report([result("beta", "moved")]));
    const p = planIssueActions({ report: report([result("beta", "moved")]), resources, issues: issuesAfter(first), previous: first.state, errorThreshold: 2, fixPr: { number: 9, ids: new Set(["beta"]) } });
    expect(p.actions).toHaveLength(1);
    expect(p.actions[0]).toMatchObject({ kind: "update", comment: undefined });
    expect((p.actions[0] as { body: string }).body).toContain("**A fix is proposed in #9**: merging that pull request sets `\"url\"` to <https://example.org/new/beta.pdf>.");
  });
});

describe("history", () => {
  it("keeps the last 12 results per resource, the counts per run and each failing streak", () => {
    let state: ReportState | undefined;
    let issues: OpenIssue[] = [];
    const statuses: LinkStatus[] = ["ok", "broken", "ok", "broken", "ok", "broken", "broken", "broken", "broken", "broken", "broken", "broken", "broken", "broken"];
    for (const [i, status] of statuses.entries()) {
      const at = new Date(Date.parse("2026-09-07T06:01:00.000Z") + i * 7 * 86_400_000).toISOString();
      const p = plan(report([result("alpha", status), result("gamma", "ok")], { at }), issues, state);
      issues = issuesAfter(p, issues);
      state = p.state;
    }
    expect(state!.runs).toHaveLength(12);
    expect(state!.history).toEqual({ alpha: "obobbbbbbbbb" });
    expect(state!.trend.at(-1)).toEqual([1, 0, 0, 1, 0]);
    expect(state!.failing.alpha).toMatchObject({ since: "2026-10-12T06:01:00.000Z", runs: 9 });
    // ok → broken → ok → broken within the kept runs: three changes, so flapping.
    expect(statusChanges("obobbbbbbbbb")).toBe(3);
    expect(findFlapping(state!).map((f) => f.id)).toEqual(["alpha"]);
  });

  it("finds flapping links: 3 or more status changes in the kept runs", () => {
    const flapping = findFlapping({ history: { a: "obobo-------", b: "oooobbbbbbbb", c: "o-b-o-b" } });
    expect(flapping.map((f) => [f.id, f.changes])).toEqual([["a", 4], ["c", 3]]);
    expect(flapping[0]!.statuses.slice(0, 3)).toEqual(["ok", "broken", "ok"]);
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
    const body = renderIssueBody(resources.get("beta")!, r, {
      id: "beta",
      url: r.url,
      status: "moved",
      suggestedUrl: r.suggestedUrl,
      archivedUrl: null,
      firstSeen: "2026-11-23T06:00:00.000Z",
      lastChecked: "2026-11-30T06:00:03.000Z",
      failingSince: "2026-11-23T06:00:00.000Z",
      failingRuns: 2,
      fixPr: 42,
    });
    expect(body).toMatchSnapshot();
  });

  it("names a broken resource's archived copy first, with its capture date", () => {
    const copy = "https://web.archive.org/web/20261115080000/https://example.org/alpha.pdf";
    const r = result("alpha", "broken", { archivedUrl: copy });
    const body = renderIssueBody(resources.get("alpha")!, r, { id: "alpha", url: r.url, status: "broken", suggestedUrl: null, archivedUrl: copy, firstSeen: "a", lastChecked: "b" });
    const lines = body.split("\n").filter((l) => l !== "");
    expect(lines[1]).toBe(`**An archived copy is available** (captured 2026-11-15): <${copy}>`);
  });

  it("round-trips the hidden state, even with -- in a URL", () => {
    const state = { ...emptyState("x"), problems: { a: "broken" as const }, errorStreaks: { b: 1 }, history: { a: "oob" } };
    expect(decodeReportState(`text\n${encodeReportState(state)}\n`)).toEqual(state);
    const r = result("alpha", "broken", { url: "https://example.org/a--b-->c.pdf" });
    const issueState = { id: "alpha", url: r.url, status: "broken" as const, suggestedUrl: null, archivedUrl: null, firstSeen: "a", lastChecked: "b" };
    const body = renderIssueBody(resources.get("alpha")!, r, issueState);
    const comment = /<!-- link-health:v1 (.*?) -->/.exec(body)![1]!;
    expect(comment).not.toContain("--");
    expect(decodeIssueState(body)).toEqual(issueState);
  });
});

describe("stand-ins in the weekly report", () => {
  it("counts the entries standing in for their documents and the documents found, with the count in the trend", async () => {
    const { renderWeeklyReport } = await import("../src/render/weekly-report.ts");
    const withStandIns = new Map(resources);
    withStandIns.set("gamma", { ...resources.get("gamma")!, standInFor: "pdf" });
    withStandIns.set("beta", { ...resources.get("beta")!, url: "https://example.org/beta-page", standInFor: "pdf" });
    const week1 = planIssueActions({ report: report([result("alpha", "ok"), { ...result("beta", "ok"), url: "https://example.org/beta-page" }, result("gamma", "ok")]), resources: withStandIns, issues: [], previous: undefined, errorThreshold: 2 });
    const found = { ...result("gamma", "ok"), documentUrl: "https://example.org/files/gamma.pdf", documentEvidence: "labelled with the title" };
    const r2 = report([result("alpha", "ok"), { ...result("beta", "ok"), url: "https://example.org/beta-page" }, found], { at: "2026-12-07T06:01:00.000Z" });
    const week2 = planIssueActions({ report: r2, resources: withStandIns, issues: [], previous: week1.state, errorThreshold: 2 });
    expect(week2.state.standIns).toEqual([
      [2, 0],
      [2, 1],
    ]);
    const md = renderWeeklyReport({ report: r2, changes: week2.changes, resources: withStandIns, issueNumbers: new Map(), state: week2.state, fixPr: { number: 7, ids: new Set(["gamma"]) }, dryRun: false });
    expect(md).toContain("### Stand-in pages (2)");
    expect(md).toContain("2 entries point at a publisher's page standing in for their document, whose own address is not known yet. This check found the document behind 1 (proposed in #7).");
    expect(md).toContain("- Gamma Fact Sheet: <https://example.org/files/gamma.pdf>");
    expect(md).toContain("| 2026-12-07 | 2 | 1 |");
  });
});

describe("host-wide problems", () => {
  const many = new Map(resources);
  for (let i = 0; i < 8; i++) many.set(`doc${i}`, { id: `doc${i}`, title: `Document ${i}`, section: "Guides", url: `https://docs.example.net/d${i}.pdf` });
  const onHost = (status: LinkStatus, reason: string, n = 8) => Array.from({ length: n }, (_, i) => result(`doc${i}`, status, { url: `https://docs.example.net/d${i}.pdf`, reason }));

  it("most of a host's resources failing alike make one issue for the host listing them, not one per resource", () => {
    const p = planIssueActions({ report: report([...onHost("error", "timed out after 3 attempts"), result("alpha", "broken")]), resources: many, issues: [], previous: undefined, errorThreshold: 1 });
    const opens = p.actions.filter((a) => a.kind === "open");
    expect(opens.map((a) => a.id)).toEqual(["alpha", "host:docs.example.net"]);
    const host = opens[1] as Extract<typeof opens[number], { kind: "open" }>;
    expect(host.title).toBe("Host not reachable: 8 links on docs.example.net (error)");
    expect(host.body).toContain("**8 of the 8 resources on docs.example.net** fail the same way in this check: **error** (timed out).");
    for (let i = 0; i < 8; i++) expect(host.body).toContain(`Document ${i}`);
    expect(p.changes.outages).toEqual([{ host: "docs.example.net", status: "error", count: 8, issue: undefined }]);
  });

  it("closes the host's issue when the host recovers, and gives those still failing issues of their own", () => {
    const firstP = planIssueActions({ report: report(onHost("error", "timed out after 3 attempts")), resources: many, issues: [], previous: undefined, errorThreshold: 1 });
    const open = issuesAfter(firstP);
    const recovered = [...onHost("ok", "HTTP 200", 6), result("doc6", "broken", { url: "https://docs.example.net/d6.pdf" }), result("doc7", "broken", { url: "https://docs.example.net/d7.pdf" })];
    const next = planIssueActions({ report: report(recovered, { at: "2026-12-07T06:01:00.000Z" }), resources: many, issues: open, previous: firstP.state, errorThreshold: 1 });
    expect(next.actions.map((a) => [a.kind, a.id])).toEqual([
      ["open", "doc6"],
      ["open", "doc7"],
      ["close", "host:docs.example.net"],
    ]);
    const close = next.actions.find((a) => a.kind === "close") as Extract<Plan["actions"][number], { kind: "close" }>;
    expect(close.comment).toContain("The host recovered");
    expect(close.comment).toContain("2 of them still have a problem and get issues of their own.");
  });

  it("a few failures on a host, or failures of different kinds, stay per resource", () => {
    const few = planIssueActions({ report: report(onHost("broken", "HTTP 404 Not Found", 4)), resources: many, issues: [], previous: undefined, errorThreshold: 1 });
    expect(few.actions.map((a) => a.id)).toEqual(["doc0", "doc1", "doc2", "doc3"]);
    const mixed = onHost("error", "x").map((r, i) => ({ ...r, reason: i % 2 === 0 ? "timed out after 3 attempts" : "HTTP 503: server error, transient after 3 attempts", httpStatus: i % 2 === 0 ? null : 503 }));
    expect(planIssueActions({ report: report(mixed), resources: many, issues: [], previous: undefined, errorThreshold: 1 }).changes.outages).toEqual([]);
  });
});

