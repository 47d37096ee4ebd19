import { describe, expect, it } from "vitest";
import { summarize, type CheckResult, type Directory, type Report } from "@td/schema";
import { planFixes } from "../src/plan-fixes.ts";

const resource = (id: string, url: string) => ({ id, title: id, publisher: "P", description: "", url, format: "pdf" as const, section: "s", audiences: ["law-enforcement" as const] });
const directory: Directory = {
  title: "T",
  sections: [{ id: "s", title: "S" }],
  resources: [resource("a", "https://x.org/a.pdf"), resource("b", "https://x.org/b.pdf"), resource("c", "https://x.org/c.pdf")],
};
const result = (id: string, url: string, status: CheckResult["status"], suggestedUrl: string | null = null, extra: Partial<CheckResult> = {}): CheckResult => ({
  id, url, status, httpStatus: 404, finalUrl: null, suggestedUrl, archivedUrl: null, reason: "r", checkedAt: "2026-11-30T06:00:00.000Z", ...extra,
});
const report = (results: CheckResult[], inconclusive = false): Report => ({
  schemaVersion: 1, startedAt: "2026-11-30T06:00:00.000Z", finishedAt: "2026-11-30T06:01:00.000Z", inconclusive, summary: summarize(results), results,
});

describe("planFixes", () => {
  it("takes moved and redirected results with a new address for the URL the data still has", () => {
    const plan = planFixes(directory, report([
      result("a", "https://x.org/a.pdf", "moved", "https://x.org/new/a.pdf"),
      result("b", "https://x.org/b.pdf", "redirected", "https://x.org/b2.pdf"),
      result("c", "https://x.org/c.pdf", "ok"),
    ]));
    expect(plan.fixes.map((f) => [f.index, f.resource.id, f.result.suggestedUrl])).toEqual([
      [0, "a", "https://x.org/new/a.pdf"],
      [1, "b", "https://x.org/b2.pdf"],
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it("leaves stale, unknown, unproven and suggestion-less results alone, saying why", () => {
    const plan = planFixes(directory, report([
      result("a", "https://x.org/older-a.pdf", "moved", "https://x.org/new/a.pdf"),
      result("zzz", "https://x.org/z.pdf", "moved", "https://x.org/new/z.pdf"),
      result("b", "https://x.org/b.pdf", "broken", null, { candidates: [{ url: "https://x.org/b-like.pdf", evidence: "title match", score: 40 }] }),
      result("c", "https://x.org/c.pdf", "redirected", "https://x.org/c.pdf"),
    ]));
    expect(plan.fixes).toEqual([]);
    expect(plan.skipped.map((s) => [s.id, s.why])).toEqual([["a", "stale"], ["zzz", "not-in-data"], ["b", "weak-candidates"], ["c", "no-suggestion"]]);
  });

  it("proposes nothing from an inconclusive report", () => {
    expect(planFixes(directory, report([result("a", "https://x.org/a.pdf", "moved", "https://x.org/new/a.pdf")], true)).fixes).toEqual([]);
  });
});
