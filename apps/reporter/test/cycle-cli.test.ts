// End to end through several weekly runs against the local fake of GitHub's REST API: dismissals,
// reopening, the fix pull request, quiet runs and the history in the weekly report.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useReportRun } from "./helpers/report-run.ts";
import { report, result } from "./fixtures.ts";

const { gh, dir, run } = useReportRun();

describe("npm run report across weeks", () => {
  it("respects a dismissal for two runs, then opens a new issue linking it when the status changes", async () => {
    expect((await run(report([result("alpha", "broken"), result("gamma", "ok")]))).code).toBe(0);
    const alpha = gh().open("link-health").find((i) => i.title === "Link broken: Alpha Guide")!;
    gh().closeAsPerson(alpha.number, "not_planned");
    for (const at of ["2026-12-07T06:01:00.000Z", "2026-12-14T06:01:00.000Z"]) {
      const before = gh().requests.length;
      const quiet = await run(report([result("alpha", "broken"), result("gamma", "ok")], { at }));
      expect(quiet.code).toBe(0);
      // Nothing was written about alpha: no issue opened, reopened or commented.
      expect(gh().requests.slice(before).filter((q) => q.method !== "GET" && q.path.includes(`/issues/${alpha.number}`))).toEqual([]);
      expect(gh().requests.slice(before).filter((q) => q.method === "POST" && q.path.endsWith("/issues"))).toEqual([]);
      expect(alpha).toMatchObject({ state: "closed", state_reason: "not_planned", comments: [] });
      expect(await readFile(join(dir(), "out/weekly-report.md"), "utf8")).toContain(`- **broken**: Alpha Guide (dismissed in #${alpha.number})`);
    }
    const changed = await run(report([result("alpha", "moved"), result("gamma", "ok")], { at: "2026-12-21T06:01:00.000Z" }));
    expect(changed.code).toBe(0);
    const reopened = gh().open("link-health").filter((i) => i.title.endsWith("Alpha Guide"));
    expect(reopened).toHaveLength(1);
    expect(reopened[0]!.number).not.toBe(alpha.number);
    expect(reopened[0]!.title).toBe("Document moved: Alpha Guide");
    expect(reopened[0]!.body).toContain(`A maintainer dismissed #${alpha.number} about this link`);
    expect(alpha.state).toBe("closed");
  });

  it("tracks a dismissed issue again when a maintainer reopens it, without a duplicate", async () => {
    await run(report([result("alpha", "broken")]));
    const alpha = gh().open("link-health").find((i) => i.title === "Link broken: Alpha Guide")!;
    gh().closeAsPerson(alpha.number, "not_planned");
    await run(report([result("alpha", "broken")], { at: "2026-12-07T06:01:00.000Z" }));
    gh().reopenAsPerson(alpha.number);
    const r = await run(report([result("alpha", "moved")], { at: "2026-12-14T06:01:00.000Z" }));
    expect(r.code).toBe(0);
    expect(gh().open("link-health").filter((i) => i.title.endsWith("Alpha Guide")).map((i) => i.number)).toEqual([alpha.number]);
    expect(alpha.title).toBe("Document moved: Alpha Guide");
    expect(alpha.comments).toHaveLength(1);
    expect(alpha.comments[0]).toMatch(/^Status changed from \*\*broken\*\* to \*\*moved\*\*/);
  });

  it("reopens, with one comment, an issue a person closed as completed while the link still fails", async () => {
    await run(report([result("alpha", "broken")]));
    const alpha = gh().open("link-health").find((i) => i.title === "Link broken: Alpha Guide")!;
    gh().closeAsPerson(alpha.number, "completed");
    expect((await run(report([result("alpha", "broken")], { at: "2026-12-07T06:01:00.000Z" }))).code).toBe(0);
    expect(alpha.state).toBe("open");
    expect(alpha.comments).toHaveLength(1);
    expect(alpha.comments[0]).toContain("Reopened: a maintainer closed this issue as completed, but the link still fails at the same URL");
    expect(gh().open("link-health").filter((i) => i.title.endsWith("Alpha Guide"))).toHaveLength(1);
    // A further run with nothing new leaves it alone.
    const before = alpha.comments.length;
    await run(report([result("alpha", "broken")], { at: "2026-12-14T06:01:00.000Z" }));
    expect(alpha.comments).toHaveLength(before);
  });

  it("makes no issue edits beyond the rolling report when nothing changed, and creates labels once", async () => {
    await run(report([result("alpha", "broken"), result("beta", "moved"), result("gamma", "ok")]));
    expect(gh().requests.filter((q) => q.method === "POST" && q.path.endsWith("/labels")).map((q) => q.path)).toHaveLength(4);
    const rolling = gh().open("link-health-report")[0]!;
    const before = gh().requests.length;
    const r = await run(report([result("alpha", "broken"), result("beta", "moved"), result("gamma", "ok")], { at: "2026-12-07T06:01:00.000Z" }));
    expect(r.code).toBe(0);
    const writes = gh().requests.slice(before).filter((q) => q.method !== "GET");
    expect(writes.map((q) => `${q.method} ${q.path.replace(/^\/repos\/acme\/directory/, "")}`)).toEqual([`PATCH /issues/${rolling.number}`, `POST /issues/${rolling.number}/comments`]);
  });

  it("links the fix pull request from the issues it fixes", async () => {
    await run(report([result("alpha", "broken"), result("beta", "moved")]));
    const r = await run(report([result("alpha", "broken"), result("beta", "moved")], { at: "2026-12-07T06:01:00.000Z" }), ["--fix-pr", "17"]);
    expect(r.code).toBe(0);
    const beta = gh().open("link-health").find((i) => i.title === "Document moved: Beta Toolkit")!;
    expect(beta.body).toContain("**A fix is proposed in #17**: merging that pull request sets `\"url\"` to <https://example.org/new/beta.pdf>.");
    expect(beta.comments).toEqual([]);
    const alpha = gh().open("link-health").find((i) => i.title === "Link broken: Alpha Guide")!;
    expect(alpha.body).not.toContain("#17");
    expect(await readFile(join(dir(), "out/weekly-report.md"), "utf8")).toContain("**Pull request #17 proposes the proven new address of 1 resource**");
    const bad = await run(report([]), ["--fix-pr", "x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--fix-pr must be a whole number");
  });

  it("shows each link's streak, flapping links and the trend over the runs in the weekly report", async () => {
    const weeks: [string, string][] = [
      ["ok", "ok"],
      ["broken", "ok"],
      ["ok", "broken"],
      ["broken", "broken"],
      ["ok", "broken"],
    ];
    for (const [i, [alpha, beta]] of weeks.entries()) {
      const at = new Date(Date.parse("2026-11-02T06:01:00.000Z") + i * 7 * 86_400_000).toISOString();
      expect((await run(report([result("alpha", alpha as "ok"), result("beta", beta as "ok"), result("gamma", "ok")], { at }))).code).toBe(0);
    }
    const weekly = await readFile(join(dir(), "out/weekly-report.md"), "utf8");
    expect(weekly).toContain("### Flapping links (1)");
    expect(weekly).toContain("- Alpha Guide: 4 changes (ok → broken → ok → broken → ok)");
    expect(weekly).toContain("- **broken**: Beta Toolkit (#");
    expect(weekly).toMatch(/Beta Toolkit \(#\d+\), failing since 2026-11-16, 3 checks in a row/);
    expect(weekly).toContain("```mermaid\n");
    // The chart draws the problem statuses on their own scale (the broken line here, up to 2); ok is in the table only.
    expect(weekly).toContain("    line [0, 1, 1, 2, 1]");
    expect(weekly).toContain('    y-axis "links" 0 --> 2');
    expect(weekly).not.toContain("    line [3, 2, 2, 1, 2]");
    expect(weekly).toContain("Lines: redirected blue, moved yellow, broken red, error purple.");
    expect(weekly).toContain("| 2026-11-30 | 2 | 0 | 0 | 1 | 0 |");
    const beta = gh().open("link-health").find((i) => i.title === "Link broken: Beta Toolkit")!;
    // The issue body says how long; it was rewritten when the reason or streak start changed, not weekly.
    expect(beta.body).toMatch(/Failing since 2026-11-16, \d checks? in a row\./);
    const rolling = gh().open("link-health-report")[0]!;
    expect(rolling.body).toContain("### Trend over the last 5 runs");
  });


  it("a bot's close (actions/stale) is never a dismissal: the still-failing link's issue is reopened, saying who closed it", async () => {
    await run(report([result("alpha", "broken")]));
    const alpha = gh().open("link-health").find((i) => i.title === "Link broken: Alpha Guide")!;
    gh().closeAsBot(alpha.number, "not_planned", "stale[bot]");
    const r = await run(report([result("alpha", "broken")], { at: "2026-12-07T06:01:00.000Z" }));
    expect(r.code).toBe(0);
    // Who closed it was read from the single-issue endpoint (the list has no closed_by).
    expect(gh().requests.some((q) => q.method === "GET" && q.path === `/repos/acme/directory/issues/${alpha.number}`)).toBe(true);
    expect(alpha.state).toBe("open");
    expect(alpha.comments.at(-1)).toContain("Reopened: stale\\[bot\\] closed this issue, but a bot's close is not a maintainer's decision");
    expect(await readFile(join(dir(), "out/weekly-report.md"), "utf8")).not.toContain("Dismissed by a maintainer");
  });

  it("the tool's own closes (as github-actions[bot]) are not dismissals either, when the link fails again", async () => {
    await run(report([result("alpha", "broken")]));
    const alpha = gh().open("link-health").find((i) => i.title === "Link broken: Alpha Guide")!;
    await run(report([result("alpha", "ok")], { at: "2026-12-07T06:01:00.000Z" }));
    expect(alpha).toMatchObject({ state: "closed", closed_by: { type: "Bot" } });
    await run(report([result("alpha", "broken")], { at: "2026-12-14T06:01:00.000Z" }));
    expect(alpha.state).toBe("open");
    expect(alpha.comments.at(-1)).toContain("Failing again after it recovered");
  });

  it("a close as duplicate is quiet while URL and status stay (listed in the weekly report), and not reopened every week", async () => {
    await run(report([result("alpha", "broken")]));
    const alpha = gh().open("link-health").find((i) => i.title === "Link broken: Alpha Guide")!;
    gh().closeAsPerson(alpha.number, "duplicate");
    for (const at of ["2026-12-07T06:01:00.000Z", "2026-12-14T06:01:00.000Z"]) {
      const before = gh().requests.length;
      expect((await run(report([result("alpha", "broken")], { at }))).code).toBe(0);
      expect(gh().requests.slice(before).filter((q) => q.method === "POST" && q.path.endsWith("/issues"))).toEqual([]);
      expect(alpha).toMatchObject({ state: "closed", state_reason: "duplicate", comments: [] });
      expect(await readFile(join(dir(), "out/weekly-report.md"), "utf8")).toContain(`- **broken**: Alpha Guide (closed as a duplicate in #${alpha.number})`);
    }
  });

  it("label names are compared without case, as GitHub does: a repository's Link-Health is adopted, never created again, and no issue is rewritten for it", async () => {
    for (const l of ["Link-Health", "Broken", "Link-Health-Report"]) gh().labels.add(l);
    await run(report([result("alpha", "broken")]));
    const alpha = gh().open("link-health").find((i) => i.title === "Link broken: Alpha Guide")!;
    expect(alpha.labels).toEqual(["Link-Health", "Broken"]);
    expect([...gh().labels].filter((l) => l.toLowerCase() === "link-health")).toEqual(["Link-Health"]);
    const before = gh().requests.length;
    await run(report([result("alpha", "broken")], { at: "2026-12-07T06:01:00.000Z" }));
    const writes = gh().requests.slice(before).filter((q) => q.method !== "GET");
    // Only the rolling report's update and its comment: no label created, alpha's issue untouched.
    expect(writes.map((q) => `${q.method} ${q.path.replace(/^\/repos\/acme\/directory/, "")}`)).toEqual([`PATCH /issues/${gh().open("link-health-report")[0]!.number}`, `POST /issues/${gh().open("link-health-report")[0]!.number}/comments`]);
  });
});

