// The web archive as a good citizen that never stalls a run: paced, stopped by a 429 (its
// Retry-After kept for the next run) or by a breaker when it gives no answer, waited for only so
// long, and asked nothing that an earlier report already found. Also: documents two links from
// home. Real servers on loopback; requests counted by the servers.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import type { CheckResult, Report } from "@td/schema";
import { summarize } from "@td/schema";
import { renderMarkdown } from "../src/report/render-markdown.ts";
import { reuseFromPrevious } from "../src/check/previous.ts";
import { check, resource } from "./helpers/check.ts";
import { makePdf, seedOf } from "./helpers/make-pdf.ts";
import { useSites } from "./helpers/sites.ts";
import { html, send, type TestHost } from "./helpers/test-host.ts";

const { site } = useSites();

/** A site whose documents are all gone, and nothing else to find there. */
async function goneSite(address = "127.0.0.2"): Promise<TestHost> {
  return site((_q, s) => send(s, 404, "text/html", html("Not Found")), address);
}

const missing = (h: TestHost, n: number, prefix = "doc") =>
  Array.from({ length: n }, (_, i) => resource(`${prefix}-${i}`, h.url(`/docs/report-${i}.pdf`), "pdf", { title: `Annual report ${i}` }));
const FAST_ARCHIVE = { archiveIntervalMs: 20, archiveWaitMs: 5_000, discoveryBudget: 6 };

describe("web archive", () => {
  it("archive-offline: after 3 lookups without an answer the archive is skipped for the run, said once; verdicts unchanged", async () => {
    const h = await goneSite();
    const closed: string[] = [];
    // A port nothing listens on: every lookup is refused (no HTTP answer), as on a machine without internet.
    const refused = createServer();
    await new Promise<void>((resolve) => refused.listen(0, "127.0.0.5", resolve));
    const port = (refused.address() as AddressInfo).port;
    await new Promise<void>((resolve) => refused.close(() => resolve()));
    const report = await check(missing(h, 8), { ...FAST_ARCHIVE, archiveEndpoint: `http://127.0.0.5:${port}/cdx` }, { onArchiveClosed: (note) => closed.push(note) });
    expect(report.results.map((r) => r.status)).toEqual(Array(8).fill("broken"));
    expect(report.results.every((r) => r.reason === "HTTP 404 Not Found" && r.archivedUrl === null)).toBe(true);
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatch(/^the web archive gave no answer to 3 lookups in a row \(offline\?\), so it was skipped for the rest of the run/);
    expect(report.archive).toMatchObject({ state: "offline", lookups: 3, notLookedUp: 5 });
    expect(renderMarkdown(report, [])).toContain("Web archive: 3 lookups. Note: the web archive gave no answer to 3 lookups in a row");
  });

  it("archive-429: a 429 stops lookups for the run; its Retry-After is kept, so the next run does not ask before it", async () => {
    const h = await goneSite();
    // Two lookups may be in flight at once (the per-host limit), so the archive answers both,
    // with a 429, only once both have arrived: after that, none may follow.
    const waiting: ServerResponse[] = [];
    const archive = await site((_q, s) => {
      waiting.push(s);
      if (waiting.length === 2) for (const w of waiting) send(w, 429, "text/plain", "Too Many Requests", { "retry-after": "3600" });
      if (waiting.length > 2) send(s, 429, "text/plain", "Too Many Requests", { "retry-after": "3600" });
    }, "127.0.0.6");
    const report = await check(missing(h, 5), { ...FAST_ARCHIVE, archiveEndpoint: archive.url("/cdx") });
    expect(archive.requests).toHaveLength(2);
    expect(report.results.every((r) => r.status === "broken")).toBe(true);
    expect(report.archive).toMatchObject({ state: "rate-limited", lookups: 2, notLookedUp: 3 });
    const until = Date.parse(report.archive!.until!);
    expect(until - Date.now()).toBeGreaterThan(3500_000);
    // The next run, given this report as the previous one, leaves the archive alone.
    const next = await check(missing(h, 5), { ...FAST_ARCHIVE, archiveEndpoint: archive.url("/cdx"), ...reuseFromPrevious(report, Date.now()) });
    expect(archive.requests).toHaveLength(2);
    expect(next.archive).toMatchObject({ state: "rate-limited", lookups: 0 });
  });

  it("slow-archive: lookups that never end run beside the check and are waited for only so long; every missing resource gets its verdict", async () => {
    const hosts = await Promise.all(["127.0.0.2", "127.0.0.3"].map((a) => goneSite(a)));
    // The archive takes every lookup and never answers: only the run's own wait can end them.
    let inFlight = 0;
    let most = 0;
    const archive = await site((_q, s) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      s.on("close", () => (inFlight -= 1));
    }, "127.0.0.6");
    const resources = hosts.flatMap((h, i) => missing(h, 6, `host${i}`));
    const report = await check(resources, { archiveEndpoint: archive.url("/cdx"), archiveIntervalMs: 1, archiveWaitMs: 1_000, discoveryBudget: 6 });
    expect(report.results).toHaveLength(12);
    expect(report.results.every((r) => r.status === "broken" && r.archivedUrl === null)).toBe(true);
    // Lookups overlap (two at once, the archive's per-host limit) instead of queueing behind one
    // another, and no more go out while those two hang …
    expect(most).toBe(2);
    expect(archive.requests).toHaveLength(2);
    // … and once the links are checked the run waits a second for them, then abandons them (the
    // request deadline of the check, 10 s here, is not what ends them): none counts as made.
    expect(report.archive).toMatchObject({ state: "open", lookups: 2, notLookedUp: 12 });
    expect(report.archive!.note).toContain("the run waited 1 s for the web archive after checking the links; 12 missing resources were not looked up");
  });

  it("previous-report: an archived copy found in the last weeks is reused, not asked for again", async () => {
    const h = await goneSite();
    const archive = await site((_q, s) => send(s, 500, "text/plain", ""), "127.0.0.6");
    const url = h.url("/docs/report-0.pdf");
    const earlier: CheckResult = {
      id: "doc-0",
      url,
      status: "broken",
      httpStatus: 404,
      finalUrl: url,
      suggestedUrl: null,
      archivedUrl: `${archive.origin}/web/20190101000000/${url}`,
      reason: "HTTP 404 Not Found",
      checkedAt: new Date(Date.now() - 7 * 86_400_000).toISOString(),
    };
    const previous: Report = { schemaVersion: 1, startedAt: earlier.checkedAt, finishedAt: earlier.checkedAt, inconclusive: false, summary: summarize([earlier]), results: [earlier] };
    const report = await check(missing(h, 1), { ...FAST_ARCHIVE, archiveEndpoint: archive.url("/cdx"), ...reuseFromPrevious(previous, Date.now()) });
    expect(report.results[0]).toMatchObject({ status: "broken", archivedUrl: earlier.archivedUrl });
    expect(report.archive).toMatchObject({ reused: 1 });
    // The copy's own bytes were asked for (to read its text), the CDX API never.
    expect(archive.requests.filter((q) => q.path.startsWith("/cdx"))).toEqual([]);
    // A report older than 8 weeks is not trusted for this.
    expect(reuseFromPrevious({ ...previous, finishedAt: new Date(Date.now() - 60 * 86_400_000).toISOString() }, Date.now()).knownArchivedUrls.size).toBe(0);
  });
});

describe("moved documents two links from home", () => {
  it("two-hop: the home page links a 'Resources' page that links the renamed document; a decoy with a similar title there does not win", async () => {
    const doc = Buffer.from(await makePdf({ seed: seedOf("pocket card"), title: "Law Enforcement Pocket Card" }));
    const decoy = Buffer.from(await makePdf({ seed: seedOf("health card"), title: "Law Enforcement Pocket Card for Health Workers" }));
    const sha256 = (await import("node:crypto")).createHash("sha256").update(doc).digest("hex");
    const h = await site((q, s) => {
      switch (q.url) {
        case "/":
          return send(s, 200, "text/html", html("Agency", '<nav><a href="/about/">About</a> <a href="/about/resources">Resources</a></nav>'));
        case "/about/resources":
          return send(s, 200, "text/html", html("Resources", '<ul><li><a href="/media/lec-2021.pdf">Law Enforcement Pocket Card (2021)</a></li><li><a href="/media/pocket-card-health.pdf">Law Enforcement Pocket Card for Health Workers</a></li></ul>'));
        case "/media/lec-2021.pdf":
          return send(s, 200, "application/pdf", doc);
        case "/media/pocket-card-health.pdf":
          return send(s, 200, "application/pdf", decoy);
        default:
          return send(s, 404, "text/html", html("Not Found"));
      }
    });
    const report = await check([resource("card", h.url("/files/pocket-card.pdf"), "pdf", { title: "Law Enforcement Pocket Card", sha256 })], { archiveEndpoint: null });
    const r = report.results[0]!;
    expect(r).toMatchObject({ status: "moved", suggestedUrl: h.url("/media/lec-2021.pdf") });
    expect(r.reason).toContain(`via the site's "Resources" page (same SHA-256`);
    // The decoy is at most a weak candidate (here it is not even fetched: the same bytes settled it).
    expect((r.candidates ?? []).every((c) => c.url !== h.url("/media/lec-2021.pdf") && c.score < 70)).toBe(true);
    expect(h.requests.map((q) => q.path)).toContain("/about/resources");
  });
});
