// Every function that reads outside text (pages, headers, PDF titles, sitemaps, robots.txt, URLs)
// is fed 1 MB runs built to make a super-linear regular expression backtrack or rescan. A run of
// word characters without ".token.awswaf.com" after it took 9.4 s at 64 KB, so about 40 minutes
// at 1 MB; the linear analysis takes about 3 s for all nine runs. The bound asserted is on work:
// the child doing it is given a limit 40 times what the linear work takes here, which no
// quadratic pattern at this size can meet, and which load cannot make linear work miss.
// (`npm run lint`, eslint-plugin-regexp, checks every literal pattern of the product statically.)
import { describe, expect, it } from "vitest";
import { runCli } from "@td/testkit";

const HELPER = new URL("./helpers/hostile-text.ts", import.meta.url).pathname;

describe("analysis of hostile text", () => {
  it("takes linear work on 1 MB runs built against super-linear patterns", async () => {
    const result = await runCli(HELPER, [], { timeoutMs: 120_000 });
    expect(result.stderr).toBe("");
    expect(result.stdout.trim().split("\n")).toEqual([
      "word characters",
      "dotted words",
      "spaces",
      "digits",
      "slashes",
      "hyphens",
      "comment openers",
      "reference numbers",
      "not-found words",
      "done",
    ]);
    expect(result.code).toBe(0);
  });
});
