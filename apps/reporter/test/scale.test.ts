// At any directory size, every body and comment the tool writes stays within GitHub's 65,536
// characters (the local GitHub refuses a longer one with 422, as GitHub does), and the state the
// next run needs survives: 1,000 resources through two runs, 10,000 in a dry run.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "@td/schema";
import { emptyState } from "../src/plan/plan-actions.ts";
import { packReportState, unpackReportState } from "../src/plan/state-parts.ts";
import type { ReportState } from "../src/plan/marker.ts";
import { outageDirectory, outageReport } from "@td/testkit";
import { useReportRun } from "./helpers/report-run.ts";

const { gh, dir, run } = useReportRun();

const directory = outageDirectory;
const reportOf = (data: ReturnType<typeof outageDirectory>, at: string): Report => outageReport(data, at);

describe("GitHub's size limits at scale", () => {
  it("1,000 resources, 700 down on one host: one host issue, every body within the limit, and the next run reads its state back", async () => {
    const data = directory(1000);
    await writeFile(join(dir(), "data.json"), JSON.stringify(data));
    const first = await run(reportOf(data, "2026-11-30T06:01:00.000Z"), ["--error-threshold", "1"]);
    expect(first.stderr).not.toContain("failed");
    expect(first.code).toBe(0);
    const open = gh().open("link-health");
    expect(open.filter((i) => i.title.startsWith("Host not reachable: 700 links on www.big-host.example"))).toHaveLength(1);
    expect(open.filter((i) => i.title.startsWith("Link broken:"))).toHaveLength(300);
    for (const issue of gh().issues.values()) {
      expect(issue.body.length).toBeLessThanOrEqual(65_536);
      for (const c of issue.comments) expect(c.length).toBeLessThanOrEqual(65_536);
    }
    const second = await run(reportOf(data, "2026-12-07T06:01:00.000Z"), ["--error-threshold", "1"]);
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain("could not be read");
    const weekly = gh().open("link-health-report")[0]!;
    expect(weekly.body).toContain("failing since 2026-11-30, 2 checks in a row");
  });

  it("10,000 resources in a dry run: every planned body and comment within the limit, the state over hidden comments", async () => {
    const data = directory(10_000);
    await writeFile(join(dir(), "data.json"), JSON.stringify(data));
    const r = await run(reportOf(data, "2026-11-30T06:01:00.000Z"), ["--dry-run", "--error-threshold", "1"]);
    expect(r.code).toBe(0);
    const m = /the largest body or comment planned is (\d+) characters/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeLessThanOrEqual(65_536);
    expect(gh().writes()).toBe(0);
  }, 120_000);

  it("packs a 10,000-resource state over hidden comments within the limit, and unpacks it exactly", () => {
    const state: ReportState = { ...emptyState("2026-11-30T06:01:00.000Z"), runs: Array.from({ length: 12 }, (_, i) => `2026-09-${String(10 + i).padStart(2, "0")}T06:01:00.000Z`) };
    for (let i = 0; i < 10_000; i++) {
      const id = `resource-number-${i}-of-a-very-large-directory`;
      state.problems[id] = "error";
      state.errorStreaks[id] = 3;
      state.history[id] = "oooooooooeee";
      state.failing[id] = { url: `https://www.big-host.example/documents/2009/guide-${i}.pdf`, since: "2026-11-16T06:00:03.000Z", runs: 3 };
    }
    const packed = packReportState(state, 40_000);
    expect(packed.parts.length).toBeGreaterThan(1);
    expect(packed.marker.length).toBeLessThan(200);
    for (const p of packed.parts) expect(p.length).toBeLessThanOrEqual(65_536);
    expect(unpackReportState(`report\n${packed.marker}`, ["an ordinary comment", ...packed.parts.reverse()])).toEqual(state);
    // A part missing or changed: unreadable, not wrong.
    expect(unpackReportState(packed.marker, packed.parts.slice(1))).toBeUndefined();
  });
});
