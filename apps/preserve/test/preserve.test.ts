// npm run preserve against a local web archive (CDX API, id_ replay, Save Page Now 2), one named
// scenario per behaviour, on a virtual clock: minutes of pacing pass in no time, and the log of
// requests says exactly when each was sent.
import { afterEach, describe, expect, it } from "vitest";
import { Preserve } from "@td/schema";
import { PAGE, PDF, FakeArchive } from "@td/testkit";
import { ago, DAY, KEYS, scenario, urlOf, pageOf, type Scenario } from "./helpers/setup.ts";

const open: Scenario[] = [];
async function make(...args: Parameters<typeof scenario>): Promise<Scenario> {
  const s = await scenario(...args);
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.archive.stop();
});

const ts = (ms: number) => FakeArchive.timestamp(ms);
const entry = async (s: Scenario, id: string) => (await s.preserve()).resources.find((r) => r.id === id)!;
/** The lines of the data file that differ from the original. */
function changedLines(before: string, after: string): string[] {
  const a = new Set(before.split("\n"));
  return after.split("\n").filter((line) => !a.has(line));
}

describe("captures that exist", () => {
  it("fresh-capture: a good capture newer than --max-age is recorded, and nothing is saved", async () => {
    const s = await make([{ id: "fresh", status: "ok" }]);
    const at = ago(s.clock, 30);
    s.archive.addCapture(urlOf("fresh"), at);
    const before = await s.data();
    const { code, stdout } = await s.run();
    expect(code).toBe(0);
    expect(s.archive.saves()).toHaveLength(0);
    const e = await entry(s, "fresh");
    expect(e.outcome).toBe("recent-copy");
    expect(e.recorded).toEqual({ url: `${s.archive.base}/web/${ts(at)}/${urlOf("fresh")}`, capturedAt: expect.stringMatching(/^2026-11-01T06:00:00Z$/) });
    expect(stdout).toContain("archived copy recorded: fresh");
    // Only the archivedCopy lines are new, and nothing else changed.
    const after = await s.data();
    expect(changedLines(before, after)).toEqual([
      '      "archivedCopy": {',
      `        "url": "${e.recorded!.url}",`,
      '        "capturedAt": "2026-11-01T06:00:00Z"',
      "      },",
    ]);
    expect(after.split("\n").filter((l) => !changedLines(before, after).includes(l))).toEqual(before.split("\n"));
    Preserve.parse(await s.preserve());
  });

  it("old-capture: a good capture older than --max-age leads to a save, confirmed and recorded", async () => {
    const s = await make([{ id: "old", status: "ok" }]);
    const old = ago(s.clock, 400);
    s.archive.addCapture(urlOf("old"), old);
    const { code } = await s.run();
    // The old capture is never read: the new one, confirmed, makes it moot.
    expect(s.archive.log.filter((r) => r.path.startsWith(`/web/${ts(old)}id_/`))).toHaveLength(0);
    expect(code).toBe(0);
    expect(s.archive.saves()).toHaveLength(1);
    const e = await entry(s, "old");
    expect(e.outcome).toBe("saved");
    expect(e.save).toMatchObject({ answer: "success", confirmed: true });
    expect(Date.parse(e.recorded!.capturedAt)).toBeGreaterThan(ago(s.clock, 1));
  });

  it("no-capture: a resource the archive never captured gets its first capture", async () => {
    const s = await make([{ id: "none", status: "ok" }]);
    await s.run();
    const e = await entry(s, "none");
    expect(e.outcome).toBe("saved");
    expect(e.recorded?.url).toContain(`/web/`);
    expect(s.archive.saves()).toHaveLength(1);
    // The request carried the keys as Save Page Now asks.
    expect(s.archive.saves()[0]!.authorization).toBe(`LOW ${KEYS.access}:${KEYS.secret}`);
  });

  it("soft-404-capture: a capture of a 'page not found' page, or of HTML where a PDF was, is no copy", async () => {
    const s = await make([
      { id: "page", status: "ok", format: "web" },
      { id: "doc", status: "ok" },
    ]);
    s.archive.addCapture(pageOf("page"), ago(s.clock, 10), { mimetype: "text/html", body: PAGE("Page not found") });
    s.archive.addCapture(urlOf("doc"), ago(s.clock, 10), { mimetype: "text/html", body: PAGE("Welcome") });
    s.archive.addCapture(urlOf("doc"), ago(s.clock, 12), { mimetype: "application/pdf", body: PAGE("Error") });
    s.archive.live.set(pageOf("page"), { status: 200, mimetype: "text/html", body: PAGE("Human trafficking awareness training") });
    await s.run();
    const page = await entry(s, "page");
    expect(page.rejected[0]?.why).toMatch(/"not found" page/);
    expect(page.outcome).toBe("saved");
    const doc = await entry(s, "doc");
    expect(doc.rejected.map((r) => r.why)).toEqual(["the capture is an HTML page, not the PDF", "the capture is an HTML page, not the PDF"]);
    expect(doc.outcome).toBe("saved");
  });

  it("redirected: a capture of the final URL counts, and the final URL is what is saved", async () => {
    const final = "https://example.org/new/redirected.pdf";
    const s = await make([{ id: "redirected", status: "redirected", finalUrl: final }]);
    s.archive.addCapture(final, ago(s.clock, 5));
    await s.run();
    const e = await entry(s, "redirected");
    expect(e.outcome).toBe("recent-copy");
    expect(e.recorded?.url).toContain(final);
  });
});

describe("Save Page Now jobs", () => {
  it("several-polls: a job is followed until it ends, polls spaced", async () => {
    const s = await make([{ id: "slow", status: "ok" }]);
    s.archive.behaviours.set(urlOf("slow"), { polls: 4 });
    await s.run();
    const polls = s.archive.log.filter((r) => r.path.startsWith("/save/status/"));
    expect(polls).toHaveLength(5);
    for (let i = 1; i < polls.length; i++) expect(polls[i]!.at - polls[i - 1]!.at).toBeGreaterThanOrEqual(6000);
    expect((await entry(s, "slow")).outcome).toBe("saved");
  });

  it("failed-but-captured: a job reported failed whose capture exists is confirmed and recorded", async () => {
    const s = await make([{ id: "liar", status: "ok" }]);
    s.archive.behaviours.set(urlOf("liar"), { result: "error", statusExt: "error:browsing-timeout", captures: true });
    await s.run();
    const e = await entry(s, "liar");
    expect(e.save).toMatchObject({ answer: "error", code: "error:browsing-timeout", confirmed: true });
    expect(e.outcome).toBe("saved");
    expect(e.recorded).not.toBeNull();
  });

  it("done-but-missing: a job reported done whose capture never appears is not recorded", async () => {
    const s = await make([{ id: "ghost", status: "ok" }]);
    s.archive.addCapture(urlOf("ghost"), ago(s.clock, 300));
    s.archive.behaviours.set(urlOf("ghost"), { result: "success", captures: false });
    const before = await s.data();
    await s.run();
    const e = await entry(s, "ghost");
    expect(e.outcome).toBe("not-saved");
    expect(e.save).toMatchObject({ answer: "success", confirmed: false });
    expect(e.why).toMatch(/reported the capture done, but the archive lists no new capture/);
    // The older good copy is still the newest known: it is recorded, not a capture that does not exist.
    expect(e.recorded?.capturedAt.slice(0, 10)).toBe(new Date(ago(s.clock, 300)).toISOString().slice(0, 10));
    expect(await s.data()).not.toBe(before);
  });

  it("captured-not-found: a new capture that is a challenge page is not a good copy", async () => {
    const s = await make([{ id: "walled", status: "ok", format: "web" }]);
    const wall = Buffer.from('<html><head><title>Human Verification</title><script src="https://x.token.awswaf.com/challenge.js"></script><script>AwsWafIntegration.getToken()</script></head><body></body></html>');
    s.archive.behaviours.set(pageOf("walled"), { capture: { status: 200, mimetype: "text/html", body: wall } });
    await s.run();
    const e = await entry(s, "walled");
    expect(e.outcome).toBe("not-saved");
    expect(e.why).toMatch(/not a good copy: the capture is a challenge page of AWS WAF/);
    expect(e.recorded).toBeNull();
  });

  it("user-session-limit: the save is asked again once, after a pause, within the pace", async () => {
    const s = await make([{ id: "busy", status: "ok" }]);
    s.archive.behaviours.set(urlOf("busy"), { sessionLimit: 1 });
    await s.run();
    const saves = s.archive.saves();
    expect(saves).toHaveLength(2);
    expect(saves[1]!.at - saves[0]!.at).toBeGreaterThanOrEqual(60_000);
    expect((await entry(s, "busy")).outcome).toBe("saved");
  });

  it("pacing: saves one at a time, at least 15 s apart and at most 4 in any minute", async () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, status: "ok" as const }));
    const s = await make(items);
    for (const it of items) s.archive.behaviours.set(urlOf(it.id), { polls: 0 });
    await s.run(["--time-limit", "60"]);
    const saves = s.archive.saves().map((r) => r.at);
    expect(saves).toHaveLength(10);
    for (let i = 1; i < saves.length; i++) expect(saves[i]! - saves[i - 1]!).toBeGreaterThanOrEqual(15_000);
    for (let i = 4; i < saves.length; i++) expect(saves[i]! - saves[i - 4]!).toBeGreaterThanOrEqual(60_000);
    // One at a time: each save's job was followed to its end before the next save.
    const paths = s.archive.log.map((r) => (r.method === "POST" ? "save" : r.path.startsWith("/save/status") ? "status" : "other"));
    const order = paths.filter((p) => p !== "other").join(" ");
    expect(order).toBe(Array(10).fill("save status").join(" "));
    const lookups = s.archive.log.filter((r) => r.path === "/cdx/search/cdx").map((r) => r.at);
    for (let i = 1; i < lookups.length; i++) expect(lookups[i]! - lookups[i - 1]!).toBeGreaterThanOrEqual(1250);
  });
});

describe("the archive's limits", () => {
  it("429: a Retry-After stops every request for the run, and preserve.json says until when", async () => {
    const s = await make([
      { id: "a", status: "ok" },
      { id: "b", status: "ok" },
      { id: "c", status: "ok" },
    ]);
    s.archive.rateLimit = { after: 1, retryAfter: "3600" };
    const { code, stdout } = await s.run();
    expect(code).toBe(0);
    expect(s.archive.log).toHaveLength(2);
    const p = await s.preserve();
    expect(p.archive.state).toBe("rate-limited");
    expect(Date.parse(p.archive.until!)).toBeGreaterThanOrEqual(s.clock.now() + 3500_000);
    // The first resource's save was the request refused; the others were never asked about.
    expect(p.resources.map((r) => r.outcome)).toEqual(["not-saved", "not-reached", "not-reached"]);
    expect(p.resources[0]!.why).toMatch(/refused the save \(HTTP 429/);
    expect(stdout).toMatch(/answered 429/);
  });

  it("wrong-keys: refused keys stop saves, lookups still record existing copies, keys never printed", async () => {
    const s = await make([
      { id: "needs", status: "ok" },
      { id: "has", status: "ok" },
      { id: "needs2", status: "ok" },
    ]);
    s.archive.addCapture(urlOf("has"), ago(s.clock, 2));
    const { stdout, stderr } = await s.run([], { ARCHIVE_ORG_ACCESS_KEY: "wrong", ARCHIVE_ORG_SECRET_KEY: "wrong-secret" });
    expect(s.archive.saves()).toHaveLength(1);
    const p = await s.preserve();
    expect(p.archive.state).toBe("unauthorized");
    expect(p.resources.find((r) => r.id === "needs")!.outcome).toBe("not-saved");
    expect(p.resources.find((r) => r.id === "needs2")!.outcome).toBe("not-saved");
    expect(p.resources.find((r) => r.id === "has")!.outcome).toBe("recent-copy");
    const everything = stdout + stderr + JSON.stringify(p) + (await s.data());
    expect(everything).not.toContain("wrong-secret");
    expect(stdout).toMatch(/did not accept the Save Page Now keys/);
  });

  it("no-keys: lookups only, said once, no save request", async () => {
    const s = await make(
      [
        { id: "x", status: "ok" },
        { id: "y", status: "ok" },
        { id: "z", status: "ok" },
      ],
      { keys: false },
    );
    s.archive.addCapture(urlOf("z"), ago(s.clock, 1));
    // Without keys an old copy is the best there is: it is judged and recorded.
    const longAgo = ago(s.clock, 900);
    s.archive.addCapture(urlOf("y"), longAgo);
    const { code, stderr } = await s.run();
    expect(code).toBe(0);
    expect(s.archive.log.filter((r) => r.path.startsWith("/save"))).toHaveLength(0);
    expect(stderr.match(/no Save Page Now keys/g)).toHaveLength(1);
    const p = await s.preserve();
    expect(p.keys).toBe(false);
    expect(p.summary["needs-keys"]).toBe(2);
    expect(p.resources.find((r) => r.id === "z")!.recorded).not.toBeNull();
    expect(p.resources.find((r) => r.id === "y")).toMatchObject({ outcome: "needs-keys", recorded: { capturedAt: new Date(longAgo).toISOString().replace(/\.\d{3}Z$/, "Z") } });
    expect(p.resources.find((r) => r.id === "y")!.why).toMatch(/the newest good copy is of \d{4}-\d{2}-\d{2}, older than 180 days: a new capture needs Save Page Now keys/);
  });

  it("slow-archive: three requests in a row without an answer end the attempt", async () => {
    const s = await make([
      { id: "a", status: "ok" },
      { id: "b", status: "ok" },
      { id: "c", status: "ok" },
      { id: "d", status: "ok" },
    ]);
    s.archive.hang = true;
    const before = await s.data();
    const { code } = await s.run([], undefined, { requestTimeoutMs: 200 });
    expect(code).toBe(0);
    expect(s.archive.log).toHaveLength(3);
    const p = await s.preserve();
    expect(p.archive.state).toBe("offline");
    expect(p.summary["not-reached"]).toBe(4);
    expect(await s.data()).toBe(before);
  });

  it("time-limit: a run that cannot finish stops cleanly, and the next run goes on with the missing and oldest first", async () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ id: `r${String(i).padStart(2, "0")}`, status: "ok" as const }));
    const s = await make(items);
    // The last resource has the oldest copy of those that have one: after the missing ones, it goes first.
    const data = await s.data();
    for (const it of items) s.archive.behaviours.set(urlOf(it.id), { polls: 1 });
    const first = await s.run(["--time-limit", "3"]);
    expect(first.code).toBe(0);
    const p1 = await s.preserve();
    expect(p1.timeLimitReached).toBe(true);
    const saved1 = p1.resources.filter((r) => r.outcome === "saved").map((r) => r.id);
    expect(saved1.length).toBeGreaterThan(0);
    expect(saved1.length).toBeLessThan(12);
    // Data order for equal ages (none recorded): the first ones were done.
    expect(saved1).toEqual(items.slice(0, saved1.length).map((i) => i.id));
    expect(first.stdout).toMatch(/time limit was reached/);
    expect(await s.data()).not.toBe(data);
    const second = await s.run(["--time-limit", "3"]);
    expect(second.code).toBe(0);
    const p2 = await s.preserve();
    const saved2 = p2.resources.filter((r) => r.outcome === "saved").map((r) => r.id);
    expect(saved2[0]).toBe(items[saved1.length]!.id);
    // Those done in the first run are recent now: nothing asked for them.
    for (const id of saved1) expect(p2.resources.find((r) => r.id === id)!.outcome).toBe("recent-copy");
  });
});

describe("what is looked after, and what is written", () => {
  it("not-working: broken, moved and error resources are never saved nor looked up", async () => {
    const s = await make([
      { id: "broken", status: "broken" },
      { id: "error", status: "error" },
      { id: "moved", status: "moved" },
      { id: "stale", status: "ok", staleUrl: "https://example.org/elsewhere.pdf" },
    ]);
    await s.run();
    expect(s.archive.log).toHaveLength(0);
    const p = await s.preserve();
    expect(p.summary["not-working"]).toBe(3);
    expect(p.summary["stale-result"]).toBe(1);
  });

  it("second-run: a second run changes nothing and asks nothing for copies it just recorded", async () => {
    const s = await make([
      { id: "a", status: "ok" },
      { id: "b", status: "ok" },
    ]);
    s.archive.addCapture(urlOf("a"), ago(s.clock, 20));
    await s.run();
    const after = await s.data();
    const requests = s.archive.log.length;
    const { stdout } = await s.run();
    expect(await s.data()).toBe(after);
    expect(s.archive.log).toHaveLength(requests);
    expect(stdout).toMatch(/no archived copy changed/);
    expect((await s.preserve()).summary["recent-copy"]).toBe(2);
  });

  it("dry-run: asks the CDX API only, sends no save and writes nothing", async () => {
    const s = await make([
      { id: "a", status: "ok" },
      { id: "b", status: "ok" },
    ]);
    s.archive.addCapture(urlOf("a"), ago(s.clock, 20));
    const before = await s.data();
    const { code, stdout } = await s.run(["--dry-run"]);
    expect(code).toBe(0);
    expect(s.archive.log.filter((r) => r.path.startsWith("/save"))).toHaveLength(0);
    expect(s.archive.log.some((r) => r.path === "/cdx/search/cdx")).toBe(true);
    expect(await s.data()).toBe(before);
    await expect(s.preserve()).rejects.toThrow(/ENOENT/);
    expect(stdout).toMatch(/dry run: nothing written/);
  });

  it("newer-only: a recorded copy newer than anything found is never replaced by an older one", async () => {
    const recent = { url: `https://web.archive.org/web/20261120060000/${urlOf("kept")}`, capturedAt: "2026-11-20T06:00:00Z" };
    const s = await make([{ id: "kept", status: "ok", archivedCopy: recent }]);
    s.archive.addCapture(urlOf("kept"), ago(s.clock, 200));
    const before = await s.data();
    await s.run();
    expect(s.archive.log).toHaveLength(0);
    expect(await s.data()).toBe(before);
  });
});

describe("usage and bad input", () => {
  it("exits 2 naming the problem, writing nothing", async () => {
    const s = await make([{ id: "a", status: "ok" }]);
    const before = await s.data();
    expect((await s.run(["--max-age", "0"])).stderr).toMatch(/--max-age must be between 1 and 3650/);
    expect((await s.run(["--archive-base", "ftp://x"])).code).toBe(2);
    const oneKey = await s.run([], { ARCHIVE_ORG_ACCESS_KEY: KEYS.access });
    expect(oneKey.code).toBe(2);
    expect(oneKey.stderr).toMatch(/ARCHIVE_ORG_SECRET_KEY is not set while ARCHIVE_ORG_ACCESS_KEY is/);
    expect(oneKey.stderr).not.toContain(KEYS.access);
    expect(s.archive.log).toHaveLength(0);
    expect(await s.data()).toBe(before);
  });

  it("refuses a report of another directory", async () => {
    const s = await make([{ id: "a", status: "ok" }]);
    const other = await make([{ id: "zzz", status: "ok" }]);
    const { code, stderr } = await s.run(["--report", `${other.dir}/out/report.json`]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/does not belong to .*"zzz"/);
  });
});

// Silence "unused" for helpers kept for readability of scenarios.
void PDF;
void DAY;
