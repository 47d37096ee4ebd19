// Progress lines of a long export: quiet for the first two seconds, then one line a tenth, never one at the end.
import { describe, expect, it } from "vitest";
import { progressLine } from "../src/progress.ts";

describe("progressLine", () => {
  it("says nothing while the run is short, then a line at each new tenth", () => {
    let clock = 0;
    const lines: string[] = [];
    const progress = progressLine((l) => lines.push(l), "handout", 100_000, () => clock);
    progress(15_000);
    expect(lines).toEqual([]);
    clock = 2_500;
    progress(25_000);
    progress(26_000);
    progress(55_000);
    progress(100_000);
    expect(lines).toEqual(["handout: 25,000 of 100,000 resources drawn\n", "handout: 55,000 of 100,000 resources drawn\n"]);
  });
});
