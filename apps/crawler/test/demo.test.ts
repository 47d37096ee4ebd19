// `npm run demo` from a fresh clone: it must run offline and show every kind of verdict.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Report } from "@td/schema";
import { REPO_ROOT, runCli, testdir } from "@td/testkit";

describe("npm run demo", () => {
  it("checks the demonstration web and prints the report", async () => {
    const cwd = await testdir();
    const result = await runCli(join(REPO_ROOT, "apps/crawler/src/demo/main.ts"), [], { cwd, env: { CI: "true" } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("# Link check report");
    const report = Report.parse(JSON.parse(await readFile(join(cwd, "out/demo/report.json"), "utf8")));
    const status = Object.fromEntries(report.results.map((r) => [r.id, r.status]));
    expect(status).toMatchObject({
      "working-pdf": "ok",
      "pdf-as-octet-stream": "ok",
      "temporary-redirect": "ok",
      "rate-limited": "ok",
      "permanent-redirect": "redirected",
      "meta-refresh": "redirected",
      "not-found": "broken",
      "soft-404": "broken",
      "pdf-replaced-by-html": "broken",
      "redirect-loop": "broken",
      "no-such-host": "broken",
      "moved-pdf": "moved",
      "bot-protection": "error",
      "firewall-page": "error",
      "cut-short": "error",
      "server-error": "error",
      "hanging-server": "error",
      "stand-in": "ok",
    });
    // The stand-in's document is found behind its page, its neighbour's is not taken for it.
    expect(report.results.find((r) => r.id === "stand-in")?.documentUrl).toMatch(/\/files\/kit\/ro-2019\.pdf$/);
    expect(result.stdout).toContain("## Documents found behind stand-in pages (1)");
  }, 60_000);
});
