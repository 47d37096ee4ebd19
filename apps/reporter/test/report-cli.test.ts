// End to end: `npm run report` against a local server that answers like GitHub's REST API,
// through a sequence of weekly reports.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, runCli } from "@td/testkit";
import { ENTRY, TOKEN, useReportRun } from "./helpers/report-run.ts";
import { report, result } from "./fixtures.ts";

const { gh, dir, run, waits } = useReportRun();

describe("npm run report", () => {
  it("opens, keeps, updates and closes issues through a sequence of runs, never duplicating", async () => {
    const week1 = await run(report([result("alpha", "broken"), result("beta", "moved"), result("gamma", "ok")]));
    expect(week1.code).toBe(0);
    expect(gh().open("link-health").map((i) => i.title).sort()).toEqual(["Document moved: Beta Toolkit", "Link broken: Alpha Guide"]);
    const reportIssue = gh().open("link-health-report");
    expect(reportIssue).toHaveLength(1);
    expect(reportIssue[0]!.body).toContain("### New problems (2)");
    expect(await readFile(join(dir(), "summary.md"), "utf8")).toContain("## Link health, 2026-11-30");
    expect(await readFile(join(dir(), "out/weekly-report.md"), "utf8")).toContain("| 1 | 1 | 0 | 0 | 1 |".replace("| 1 | 1 | 0 | 0 | 1 |", "| 1 | 1 | 0 | 0 | 1 |"));

    const week2 = await run(report([result("alpha", "broken"), result("beta", "moved"), result("gamma", "ok")], { at: "2026-12-07T06:01:00.000Z" }));
    expect(week2.code).toBe(0);
    expect(gh().open("link-health").filter((i) => !i.labels.includes("link-health-report"))).toHaveLength(2);
    expect(gh().issues.size).toBe(3); // no duplicates, one rolling report issue
    for (const issue of gh().open("link-health")) expect(issue.comments).toEqual([]);

    const week3 = await run(report([result("alpha", "ok"), result("beta", "moved"), result("gamma", "ok")], { at: "2026-12-14T06:01:00.000Z" }));
    expect(week3.code).toBe(0);
    expect(week3.stdout).toContain("closed #1");
    const alpha = gh().issues.get(1)!;
    expect(alpha).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(alpha.comments[0]).toContain("Recovered: the link works again");
    const rolling = gh().open("link-health-report")[0]!;
    expect(rolling.comments.at(-1)).toContain("Recovered:\n- Alpha Guide");
  });

  it("changes nothing for an inconclusive report, and exits 0", async () => {
    await run(report([result("alpha", "broken")]));
    const writes = gh().writes();
    const r = await run(report([result("alpha", "error"), result("beta", "error")], { inconclusive: true }));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("inconclusive");
    expect(gh().writes()).toBe(writes);
    expect(await readFile(join(dir(), "out/weekly-report.md"), "utf8")).toContain("**The check was inconclusive**");
  });

  it("--dry-run prints the plan and calls no write endpoint", async () => {
    const r = await run(report([result("alpha", "broken"), result("beta", "redirected")]), ["--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("dry run: 2 planned action(s):");
    expect(r.stdout).toContain('would open "Link broken: Alpha Guide" [link-health, broken]');
    expect(gh().writes()).toBe(0);
    expect(gh().requests.every((q) => q.method === "GET")).toBe(true);
  });

  it("survives a 502 and a secondary rate limit", async () => {
    gh().failures.push(
      { method: "POST", path: /\/issues$/, status: 502, body: { message: "Bad Gateway" }, times: 1 },
      { method: "POST", path: /\/comments$/, status: 403, headers: { "retry-after": "1" }, body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." }, times: 1 },
    );
    const r = await run(report([result("alpha", "broken")]));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("GitHub secondary rate limit");
    expect(waits()).toContain(1000);
    expect(gh().open("link-health").filter((i) => i.title === "Link broken: Alpha Guide")).toHaveLength(1);
  });

  it("waits out a 429's retry-after before any further request, with one retry mechanism (not a second one after a second)", async () => {
    gh().failures.push({ method: "POST", path: /\/issues$/, status: 429, headers: { "retry-after": "7" }, body: { message: "Too Many Requests" }, times: 1 });
    const r = await run(report([result("alpha", "broken")]));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("waiting 7 s before any further request");
    // The issue's create was sent twice in all (the 429, then once after the wait), and the rolling
    // report's once; the wait was the one asked for.
    expect(gh().requests.filter((q) => q.method === "POST" && q.path.endsWith("/issues"))).toHaveLength(3);
    expect(waits().filter((ms) => ms > 1000)).toEqual([7000]);
    expect(gh().open("link-health").filter((i) => i.title === "Link broken: Alpha Guide")).toHaveLength(1);
  });

  it("waits GitHub's documented minute for a secondary limit that gives no retry-after", async () => {
    gh().failures.push({ method: "POST", path: /\/issues$/, status: 403, body: { message: "You have exceeded a secondary rate limit and have been temporarily blocked from content creation." }, times: 1 });
    const r = await run(report([result("alpha", "broken")]));
    expect(r.code).toBe(0);
    expect(waits()).toContain(60_000);
  });

  it("waits out a primary rate limit (x-ratelimit-remaining: 0) and carries on", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 1);
    gh().failures.push({
      method: "POST",
      path: /\/issues$/,
      status: 403,
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset },
      body: { message: "API rate limit exceeded for installation." },
      times: 1,
    });
    const r = await run(report([result("beta", "moved")]));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("GitHub primary rate limit");
    expect(waits().some((ms) => ms >= 1000 && ms <= 3000)).toBe(true);
    expect(gh().open("link-health").filter((i) => i.title === "Document moved: Beta Toolkit")).toHaveLength(1);
  });

  it("exits 1 and says what was done when GitHub keeps failing", async () => {
    await run(report([result("alpha", "broken")]));
    gh().failures.push({ method: "POST", path: /\/comments$/, status: 500, times: 100 });
    const r = await run(report([result("alpha", "ok")]), ["--retries", "1"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("could not be made after retries");
    expect(r.stdout + r.stderr).toContain("failed to close #1");
  }, 30_000);

  it("paginates the issue list", async () => {
    await run(report([result("alpha", "broken"), result("beta", "broken"), result("gamma", "broken")]));
    const second = await run(report([result("alpha", "broken"), result("beta", "broken"), result("gamma", "broken")]));
    expect(second.code).toBe(0);
    expect(gh().issues.size).toBe(4);
    expect(gh().requests.some((q) => q.path.includes("page=2"))).toBe(true);
  });

  it("exits 2 on an invalid report, a missing repository or a missing token, writing nothing", async () => {
    await writeFile(join(dir(), "bad.json"), JSON.stringify({ schemaVersion: 1 }));
    const bad = await runCli(ENTRY, ["--report", join(dir(), "bad.json"), "--data", join(dir(), "data.json"), "--out", join(dir(), "out")], { env: { GITHUB_REPOSITORY: "a/b", GITHUB_TOKEN: TOKEN, GITHUB_API_URL: gh().url } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("bad.json: startedAt: is required");
    const noRepo = await run(report([]), [], { GITHUB_REPOSITORY: "" });
    expect(noRepo.code).toBe(2);
    expect(noRepo.stderr).toContain("GITHUB_REPOSITORY is not set");
    const noToken = await run(report([]), [], { GITHUB_TOKEN: "" });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain("GITHUB_TOKEN is not set");
    expect(gh().requests).toEqual([]);
    expect(await listFiles(dir())).toEqual(["bad.json", "data.json", "report.json"]);
  });

  it("exits 1 with a readable line when the token is refused, without printing it", async () => {
    const r = await run(report([result("alpha", "broken")]), [], { GITHUB_TOKEN: `${TOKEN}x` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("could not read the issues of acme/directory: HTTP 401: Bad credentials");
    expect(r.stderr).not.toContain(TOKEN);
  });

  it("prints usage for --help", async () => {
    const r = await runCli(ENTRY, ["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchSnapshot();
  });
});
