// Every proposed address is right: one scenario per rule of strict evidence and the wider search,
// each with its decoys (titles a word apart, language editions, near-named files with other text,
// a page whose only link says "Download"), and the runner's own failing network told from the
// sites'. Real servers on loopback, real PDFs made by the test.
import { createHash } from "node:crypto";
import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { check, checkOne, resource } from "./helpers/check.ts";
import { makePdf, seedOf } from "./helpers/make-pdf.ts";
import { useSites } from "./helpers/sites.ts";
import { html, send, type TestHost } from "./helpers/test-host.ts";

const { site } = useSites();
type Route = (h: TestHost) => [number, string, string | Buffer];
const routes = (table: Record<string, Route>) => (q: { url?: string | undefined }, s: Parameters<typeof send>[0], h: TestHost) => {
  const route = table[new URL(q.url ?? "/", "http://x").pathname];
  if (!route) return send(s, 404, "text/html", html("Not Found"));
  const [status, type, body] = route(h);
  send(s, status, type, body);
};
const PDF = "application/pdf";
const doc = async (name: string, title?: string) => Buffer.from(await makePdf({ seed: seedOf(name), ...(title ? { title } : {}) }));
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const urlset = (...urls: string[]) => `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<url><loc>${u}</loc></url>`).join("")}</urlset>`;

describe("same title means the same title", () => {
  it("series-sibling: a PDF whose title differs in the one word that says who it is for is never the document, even on the page the old URL redirects to", async () => {
    // Four of five words shared: a Dice similarity of 0.8 called these "the same title".
    const title = "Human Trafficking Indicators Pocket Card for Officers";
    const sibling = await doc("sibling", "Human Trafficking Indicators Pocket Card for Nurses");
    const h = await site(
      routes({
        "/": () => [200, "text/html", html("Campaign", '<ul><li><a href="/files/indicators-pocket-card.pdf">Human Trafficking Indicators Pocket Card for Nurses</a></li></ul>')],
        "/files/indicators-pocket-card.pdf": () => [200, PDF, sibling],
      }),
    );
    const old = await site((_q, s) => send(s, 301, "text/plain", "", { location: h.url("/") }), "127.0.0.3");
    const r = await checkOne(resource("card", old.url("/old/indicators-pocket-card.pdf"), "pdf", { title }));
    expect(r).toMatchObject({ status: "broken", suggestedUrl: null });
    // Listed for a person, with why it is not the document.
    expect(r.candidates?.[0]).toMatchObject({ url: h.url("/files/indicators-pocket-card.pdf") });
    expect(r.candidates![0]!.score).toBeLessThan(70);
  });

  it("part-1-part-2 and editions: Part 2 is not Part 1, and the Spanish edition is not the English one", async () => {
    const part2 = await doc("part 2", "Victim Support in Case Investigations, Part 2");
    const spanish = await doc("es", "Victim Support in Case Investigations, Part 1 (Spanish)");
    const h = await site(
      routes({
        "/publications": () => [200, "text/html", html("Publications", '<a href="/media/vs-part2.pdf">Victim Support in Case Investigations, Part 2</a> <a href="/media/vs-part1-es.pdf">Victim Support in Case Investigations, Part 1 (Spanish)</a>')],
        "/media/vs-part2.pdf": () => [200, PDF, part2],
        "/media/vs-part1-es.pdf": () => [200, PDF, spanish],
      }),
    );
    const r = await checkOne(resource("vs1", h.url("/old/victim-support-part-1.pdf"), "pdf", { title: "Victim Support in Case Investigations, Part 1", sourcePage: h.url("/publications") }));
    expect(r).toMatchObject({ status: "broken", suggestedUrl: null });
    expect((r.candidates ?? []).every((c) => c.score < 70)).toBe(true);
  });

  it("unspaced-script: a Japanese title is compared as a normalised string; its sibling a few characters apart is not it", async () => {
    const title = "人身取引被害者の識別に関する手引き";
    const ours = await doc("jp ours", title);
    const decoy = await doc("jp decoy", "人身取引被害者の支援に関する手引き");
    const h = await site(
      routes({
        "/sitemap.xml": (x) => [200, "application/xml", urlset(x.url("/pdf/2021/shikibetsu.pdf"), x.url("/pdf/2021/shien.pdf"))],
        "/": () => [200, "text/html", html("省庁", `<a href="/pdf/2021/shikibetsu.pdf">${title}</a> <a href="/pdf/2021/shien.pdf">人身取引被害者の支援に関する手引き</a>`)],
        "/pdf/2021/shikibetsu.pdf": () => [200, PDF, ours],
        "/pdf/2021/shien.pdf": () => [200, PDF, decoy],
      }),
    );
    const r = await checkOne(resource("jp", h.url("/old/tebiki.pdf"), "pdf", { title }), { language: "ja" });
    expect(r).toMatchObject({ status: "moved", suggestedUrl: h.url("/pdf/2021/shikibetsu.pdf") });
    expect(r.reason).toContain("same PDF title");
    expect(r.found).toMatchObject({ title, label: title, linkedFrom: h.url("/") });
  });
});

describe("search wide, decide strictly", () => {
  it("generic-link: a source page links the new PDF as 'Download (PDF)' under a file name of initials and a year; its own title settles it, a neighbour does not", async () => {
    const title = "Human Trafficking and the Law Enforcement Response";
    const ours = await doc("le response", title);
    const neighbour = await doc("annual", "Annual Report 2019");
    const h = await site(
      routes({
        "/programs/training": () => [200, "text/html", html("Training", '<p>The guide: <a href="/wp-content/uploads/htler-2019.pdf">Download (PDF)</a></p><p><a href="/wp-content/uploads/ar19.pdf">Download</a></p>')],
        "/wp-content/uploads/htler-2019.pdf": () => [200, PDF, ours],
        "/wp-content/uploads/ar19.pdf": () => [200, PDF, neighbour],
      }),
    );
    const r = await checkOne(resource("guide", h.url("/docs/human-trafficking-law-enforcement-response.pdf"), "pdf", { title, sourcePage: h.url("/programs/training") }));
    expect(r).toMatchObject({ status: "moved", suggestedUrl: h.url("/wp-content/uploads/htler-2019.pdf") });
    expect(r.found).toMatchObject({ title, linkedFrom: h.url("/programs/training") });
  });

  it("wordpress-cards: a publications page of cards, each with its title in a heading and a 'Download PDF' button", async () => {
    const title = "Screening Questions to Assess Whether a Person is a Trafficking Victim";
    const ours = await doc("screening cards");
    const other = await doc("mindset cards");
    const card = (heading: string, href: string) => `<article class="card"><h3 class="card-title">${heading}</h3><p>2019 · Fact sheet</p><a class="button" href="${href}">Download PDF</a></article>`;
    const h = await site(
      routes({
        "/resources/": () => [200, "text/html", html("Resources", card("Understanding the Mindset of a Trafficking Victim", "/wp-content/uploads/2019/05/doc-17.pdf") + card(title, "/wp-content/uploads/2019/05/doc-18.pdf"))],
        "/wp-content/uploads/2019/05/doc-17.pdf": () => [200, PDF, other],
        "/wp-content/uploads/2019/05/doc-18.pdf": () => [200, PDF, ours],
      }),
    );
    const r = await checkOne(resource("screening", h.url("/trafficking/screen_questions.pdf"), "pdf", { title, sourcePage: h.url("/resources/") }));
    expect(r).toMatchObject({ status: "moved", suggestedUrl: h.url("/wp-content/uploads/2019/05/doc-18.pdf") });
    expect(r.found).toMatchObject({ label: title, linkedFrom: h.url("/resources/") });
    expect(r.reason).toContain("labelled with the title where it is linked");
  });

  it("same-stem-by-hash: several files share the old name's stem and title; the recorded SHA-256 picks the one, opened without a resembling name", async () => {
    const title = "Law Enforcement Guide";
    const ours = await doc("stem ours", title);
    const versions = await Promise.all(["stem v1", "stem v2", "stem v3"].map((n) => doc(n, title)));
    const h = await site(
      routes({
        "/sitemap.xml": (x) => [200, "application/xml", urlset(x.url("/docs/le-guide-v1.pdf"), x.url("/docs/le-guide-v2.pdf"), x.url("/docs/le-guide-v3.pdf"), x.url("/docs/final-2020.pdf"))],
        "/docs/le-guide-v1.pdf": () => [200, PDF, versions[0]!],
        "/docs/le-guide-v2.pdf": () => [200, PDF, versions[1]!],
        "/docs/le-guide-v3.pdf": () => [200, PDF, versions[2]!],
        "/docs/final-2020.pdf": () => [200, PDF, ours],
      }),
    );
    const r = await checkOne(resource("guide", h.url("/docs/le-guide.pdf"), "pdf", { title, sha256: sha256(ours) }));
    expect(r).toMatchObject({ status: "moved", suggestedUrl: h.url("/docs/final-2020.pdf") });
    expect(r.reason).toContain("same SHA-256");
    // Without the recorded bytes the four look alike: nothing is proposed.
    const unsure = await checkOne(resource("guide", h.url("/docs/le-guide.pdf"), "pdf", { title }));
    expect(unsure).toMatchObject({ status: "broken", suggestedUrl: null });
  });

  it("another-resource's-url: a candidate the check already fetched as another resource is judged afresh (its PDF title read), and the move says whose address it is", async () => {
    const title = "Law Enforcement Pocket Card";
    const card = await doc("pocket card", title);
    const h = await site(routes({ "/sitemap.xml": (x) => [200, "application/xml", urlset(x.url("/shared/card.pdf"))], "/shared/card.pdf": () => [200, PDF, card] }));
    const report = await check([resource("other", h.url("/shared/card.pdf"), "pdf", { title: "Pocket cards (all editions)" }), resource("card", h.url("/old/card.pdf"), "pdf", { title })]);
    const r = report.results[1]!;
    expect(r).toMatchObject({ status: "moved", suggestedUrl: h.url("/shared/card.pdf") });
    expect(r.reason).toContain("same PDF title");
    expect(r.reason).toContain('the document now lives at the address of resource "other"');
    expect(r.found).toMatchObject({ addressOf: "other", title });
  });
});

describe("a partial network is not a dead web", () => {
  /** A resolver that knows one name; every other name "does not exist", as on a runner whose DNS fails for most names. */
  const failingDns = (known: Record<string, string>) =>
    ((hostname: string, _options: unknown, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => {
      const address = known[hostname];
      if (address) callback(null, [{ address, family: 4 }]);
      else callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", syscall: "getaddrinfo" }), []);
    }) as unknown as typeof import("node:dns").lookup;

  it("most hosts failing to resolve while one answers: inconclusive, nothing broken", async () => {
    const h = await site((_q, s) => send(s, 200, "text/html", html("Fine")));
    const hosts = ["www.unodc.test", "www.dhs.test", "www.acf.test", "polaris.test", "www.iom.test", "ovc.test"];
    const resources = [resource("ok", `http://fine.test:${h.port}/page`), ...hosts.map((name, i) => resource(`r${i}`, `http://${name}/doc${i}.pdf`, "pdf"))];
    const report = await check(resources, { dnsLookup: failingDns({ "fine.test": "127.0.0.2" }) });
    expect(report.inconclusive).toBe(true);
    expect(report.summary.broken).toBe(0);
    expect(report.results[1]!.reason).toContain("6 of 7 hosts could not be resolved or reached while 1 answered: this machine's network (its DNS) is failing, not the sites");
  });

  it("a single name that does not resolve is tried again a while later: a passing failure is no broken link", async () => {
    const h = await site(routes({ "/guide": () => [200, "text/html", html("Guide")], "/x": () => [200, "text/html", html("Other")] }));
    let tries = 0;
    const flaky = ((hostname: string, _options: unknown, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => {
      if (hostname === "flaky.test" && ++tries === 1) return callback(Object.assign(new Error("getaddrinfo ENOTFOUND flaky.test"), { code: "ENOTFOUND", syscall: "getaddrinfo" }), []);
      return callback(null, [{ address: "127.0.0.2", family: 4 }]);
    }) as unknown as typeof import("node:dns").lookup;
    const waits: number[] = [];
    const report = await check([resource("guide", `http://flaky.test:${h.port}/guide`), resource("other", `http://other.test:${h.port}/x`)], { dnsLookup: flaky, dnsRetryDelayMs: 20_000 }, {
      sleep: async (ms) => void waits.push(ms),
      onDnsRetry: () => undefined,
    });
    expect(tries).toBeGreaterThanOrEqual(2);
    expect(report.results[0]).toMatchObject({ status: "ok" });
    expect(waits.some((ms) => ms > 19_000 && ms <= 20_000)).toBe(true);
  });
});
