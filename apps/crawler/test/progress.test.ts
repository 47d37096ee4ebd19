import { describe, expect, it } from "vitest";
import type { CheckResult } from "@td/schema";
import { createProgress } from "../src/report/progress.ts";

const result = (status: CheckResult["status"], httpStatus: number | null): CheckResult => ({
  id: "x",
  url: "https://example.org/",
  status,
  httpStatus,
  finalUrl: null,
  suggestedUrl: null,
  archivedUrl: null,
  reason: "",
  checkedAt: "2026-11-30T06:00:00.000Z",
});

describe("progress", () => {
  it("prints plain lines at an interval off a terminal, and always the last one", () => {
    let out = "";
    let now = 0;
    const p = createProgress({ write: (s: string) => (out += s), isTTY: false }, 5000, () => now);
    p.onResult(result("ok", 200), 1, 3);
    now = 6000;
    p.onResult(result("broken", null), 2, 3);
    p.onResult(result("error", 503), 3, 3);
    p.finish({ ok: 1, redirected: 0, moved: 0, broken: 1, error: 1 }, 6, "out");
    expect(out.split("\n")).toEqual([
      "checked 2/3: 1 ok, 0 redirected, 0 moved, 1 broken, 0 error (1 without an HTTP answer)",
      "checked 3/3: 1 ok, 0 redirected, 0 moved, 1 broken, 1 error (1 without an HTTP answer)",
      "done in 6.0 s: 1 ok, 0 redirected, 0 moved, 1 broken, 1 error; report in out/report.md",
      "",
    ]);
  });

  it("ends an inconclusive run with the same words, saying why every resource counts as error", () => {
    let out = "";
    const p = createProgress({ write: (s: string) => (out += s), isTTY: false }, 5000, () => 0);
    p.onResult(result("error", null), 1, 2);
    p.onResult(result("broken", null), 2, 2);
    p.finish({ ok: 0, redirected: 0, moved: 0, broken: 0, error: 2 }, 1, "out", true);
    expect(out.split("\n")).toEqual([
      "checked 2/2: 0 ok, 0 redirected, 0 moved, 1 broken, 1 error (2 without an HTTP answer)",
      "done in 1.0 s: 0 ok, 0 redirected, 0 moved, 0 broken, 2 error (inconclusive: no request got an HTTP answer, so every resource counts as error); report in out/report.md",
      "",
    ]);
  });
});
