// The benchmark harness itself: its latency web answers as the truth says, its scoring counts
// right, and a tiny run of our checker through it is scored with no false alarm. No timing is
// asserted here; speed is for `npm run bench`.
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "@td/testkit";
import { startLatencyWeb, type LatencyWeb } from "../src/latency-web.ts";
import { politenessBoundSeconds, requestsPerHealthyUrl, score } from "../src/results.ts";
import { startSlowArchive } from "../src/slow-archive.ts";
import { runOurs } from "../src/tools.ts";

let web: LatencyWeb;
beforeAll(async () => {
  web = await startLatencyWeb({ n: 100, hosts: 3, latencyMs: 1 });
});
afterAll(() => web.close());

describe("latency web", () => {
  it("answers each URL as its kind says and counts the requests", async () => {
    for (const u of web.urls.slice(0, 100)) {
      const { statusCode, body } = await request(u.url);
      await body.dump();
      expect(statusCode, u.url).toBe(u.kind === "gone" ? 404 : u.kind === "redirect" ? 301 : 200);
    }
    expect(web.totalRequests()).toBe(100);
    expect(new Set(web.urls.map((u) => new URL(u.url).hostname))).toEqual(new Set(["127.0.0.2", "127.0.0.3", "127.0.0.4"]));
  });
});

describe("scoring", () => {
  it("counts missed dead links, false alarms and unchecked URLs", () => {
    const urls = [
      { url: "a", kind: "pdf" as const, dead: false },
      { url: "b", kind: "gone" as const, dead: true },
      { url: "c", kind: "page" as const, dead: false },
      { url: "d", kind: "gone" as const, dead: true },
    ];
    expect(score(urls, new Map([["a", "dead"], ["b", "alive"], ["c", "inconclusive"]]))).toEqual({ missedDead: 1, falseAlarms: 1, inconclusive: 1, unchecked: 1 });
  });
  it("computes the politeness bound and requests per healthy URL", () => {
    expect(politenessBoundSeconds(10_000, 8, 2, 50, 16)).toBeCloseTo(31.25);
    expect(politenessBoundSeconds(1000, 2, 2, 50, 16)).toBeCloseTo(12.5);
    expect(requestsPerHealthyUrl([{ url: "a", kind: "pdf", dead: false }, { url: "b", kind: "gone", dead: true }], new Map([["a", 2], ["b", 5]]))).toBe(2);
  });
});

describe("slow archive", () => {
  it("answers after its delay, and 429 with a Retry-After past its rate", async () => {
    const archive = await startSlowArchive({ perMinute: 2, minMs: 20, maxMs: 40 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const { statusCode, headers, body } = await request(`${archive.endpoint}?url=http://a.example/x${i}.pdf&output=json`);
        const text = await body.text();
        statuses.push(statusCode);
        if (statusCode === 200) expect(JSON.parse(text)[1]).toEqual(["20200101000000", `http://a.example/x${i}.pdf`, ""]);
        else expect(headers["retry-after"]).toBe("60");
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(archive).toMatchObject({ requests: 3, rateLimited: 1, maxInFlight: 1 });
    } finally {
      await archive.close();
    }
  });
});

describe("our checker through the harness", () => {
  it("checks every URL once, with no false alarm and no missed dead link", async () => {
    web.reset();
    // As npm run check runs by default, but with the archive off: no test may reach the internet.
    const run = await runOurs(web, { concurrency: 8, perHost: 2, repoRoot: REPO_ROOT }, { label: "test", args: ["--archive", "off"], note: "" });
    expect(run.measurement.code).toBe(1); // the web has dead links
    expect(score(web.urls, run.verdicts)).toEqual({ missedDead: 0, falseAlarms: 0, inconclusive: 0, unchecked: 0 });
    expect(requestsPerHealthyUrl(web.urls, web.requests)).toBe(1);
    expect(run.measurement.peakRssMb).toBeGreaterThan(0);
  });
});
