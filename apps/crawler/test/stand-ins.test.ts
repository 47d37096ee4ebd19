// The documents behind stand-in pages: scenarios modelled on real publication pages (a Drupal
// node with a file field and its size, a WordPress page of cards with "Download" buttons, a
// campaign tool-kit page listing many files with sizes, a topic page of near-identical titles, a
// page offering English, French and Spanish files, a page embedding a video), each with decoys,
// and a directory shaped like ours (many stand-ins sharing pages): every findable document found
// at its own address, never a neighbour's or another language's, nothing for ordinary resources.
import { describe, expect, it } from "vitest";
import type { Resource } from "@td/schema";
import { renderMarkdown } from "../src/report/render-markdown.ts";
import { check, checkOne, resource } from "./helpers/check.ts";
import { makePdf, seedOf } from "./helpers/make-pdf.ts";
import { useSites } from "./helpers/sites.ts";
import { html, send, type TestHost } from "./helpers/test-host.ts";

const { site } = useSites();
type Route = (h: TestHost) => [number, string, string | Buffer];
function routes(table: Record<string, Route>) {
  return (q: { url?: string | undefined }, s: Parameters<typeof send>[0], h: TestHost) => {
    const route = table[new URL(q.url ?? "/", "http://x").pathname];
    if (!route) return send(s, 404, "text/html", html("Not Found"));
    const [status, type, body] = route(h);
    send(s, status, type, body);
  };
}
const PDF = "application/pdf";
const doc = async (name: string, options: { title?: string; pages?: number } = {}) => Buffer.from(await makePdf({ seed: seedOf(name), ...options }));
const standIn = (id: string, url: string, title: string, extra: Partial<Resource> = {}) => resource(id, url, "web", { title, standInFor: "pdf", ...extra });

describe("documents behind stand-in pages", () => {
  it("drupal-file-field: a publication page names the document in its heading and links the file by its name, with its size; a related document is not it", async () => {
    const title = "Anti-Human Trafficking Manual for Criminal Justice Practitioners";
    const manual = await doc("manual", { pages: 40 });
    const related = await doc("related toolkit", { title: "Toolkit to Combat Trafficking in Persons" });
    const page = html(
      title,
      `<article><h1>${title}</h1><div class="field field--name-field-file"><span class="file file--mime-application-pdf"><a href="/sites/default/files/2019-05/manual_0.pdf" type="application/pdf; length=${manual.length}">manual_0.pdf</a></span> <span class="file-size">${Math.round(manual.length / 1024)} KB</span></div></article>` +
        `<aside class="related"><div class="views-row"><h3>Toolkit to Combat Trafficking in Persons</h3><a href="/sites/default/files/toolkit.pdf">toolkit.pdf</a></div></aside>`,
    );
    const h = await site(routes({ "/publications/manual": () => [200, "text/html", page], "/sites/default/files/2019-05/manual_0.pdf": () => [200, PDF, manual], "/sites/default/files/toolkit.pdf": () => [200, PDF, related] }));
    const r = await checkOne(standIn("manual", h.url("/publications/manual"), title, { sizeHint: `PDF ${Math.round(manual.length / 1024)}KB` }));
    expect(r.status).toBe("ok");
    expect(r.documentUrl).toBe(h.url("/sites/default/files/2019-05/manual_0.pdf"));
    expect(r.documentEvidence).toContain("found via the stand-in page: labelled with the title where it is linked");
    expect(r.documentEvidence).toContain("as published (PDF");
    expect(r.document).toMatchObject({ label: title, linkedFrom: h.url("/publications/manual"), sizeBytes: manual.length });
  });

  it("wordpress-cards: each card's heading names its 'Download' button's document; the neighbour card's document is not it", async () => {
    const card = (heading: string, href: string) => `<div class="wp-block-column"><article class="resource-card"><h4 class="entry-title">${heading}</h4><a class="wp-block-button__link" href="${href}">Download</a></article></div>`;
    const a = await doc("ngo partners");
    const b = await doc("dc model");
    const h = await site(
      routes({
        "/resources/": () => [200, "text/html", html("Resources", card("NGOs: Key Partners for Law Enforcement", "/wp-content/uploads/2016/03/ngo.pdf") + card("D.C. Task Force Organizational Model", "/wp-content/uploads/2016/03/dctf.pdf"))],
        "/wp-content/uploads/2016/03/ngo.pdf": () => [200, PDF, a],
        "/wp-content/uploads/2016/03/dctf.pdf": () => [200, PDF, b],
      }),
    );
    const report = await check([standIn("dc", h.url("/resources/"), "D.C. Task Force Organizational Model"), standIn("ngo", h.url("/resources/"), "NGOs: Key Partners for Law Enforcement")]);
    expect(report.results.map((r) => [r.id, r.status, r.documentUrl])).toEqual([
      ["dc", "ok", h.url("/wp-content/uploads/2016/03/dctf.pdf")],
      ["ngo", "ok", h.url("/wp-content/uploads/2016/03/ngo.pdf")],
    ]);
  });

  it("campaign-tool-kit: a page listing many files with sizes; each file to its own resource, a near title or a size far off only a candidate", async () => {
    const files: [string, string, number][] = [
      ["Resource Overview", "overview.pdf", 2],
      ["Tips for Identifying the Crime of Human Trafficking", "tips_crime.pdf", 3],
      ["Tips for Identifying and Helping Victims of Human Trafficking", "tips_victims.pdf", 4],
      ["Communicating with Victims", "communicating.pdf", 3],
    ];
    const pdfs = new Map(await Promise.all(files.map(async ([t, f, pages]) => [f, await doc(t, { pages })] as const)));
    const items = files.map(([t, f]) => `<li><a href="/otip/campaign/${f}">${t}</a> (PDF ${Math.round(pdfs.get(f)!.length / 1024)}KB)</li>`).join("");
    const table: Record<string, Route> = { "/otip/campaign/": () => [200, "text/html", html("Rescue & Restore Campaign Tool Kits", `<h2>Law enforcement tool kit</h2><ul>${items}</ul>`)] };
    for (const [, f] of files) table[`/otip/campaign/${f}`] = () => [200, PDF, pdfs.get(f)!];
    const h = await site(routes(table));
    const page = h.url("/otip/campaign/");
    const kb = (f: string) => `PDF ${Math.round(pdfs.get(f)!.length / 1024)}KB`;
    const report = await check([
      standIn("overview", page, "Resource Overview", { sizeHint: kb("overview.pdf") }),
      standIn("crime", page, "Tips for Identifying the Crime of Human Trafficking", { sizeHint: kb("tips_crime.pdf") }),
      standIn("victims", page, "Tips for Identifying and Helping Victims of Human Trafficking", { sizeHint: kb("tips_victims.pdf") }),
      // A resource the page does not list, only a near title: nothing.
      standIn("interacting", page, "Tips for Identifying and Interacting with Victims", { sizeHint: "PDF 50KB" }),
      // The right label but a size five times the published one: a candidate, not the document.
      standIn("communicating", page, "Communicating with Victims", { sizeHint: "PDF 1KB" }),
    ]);
    const found = Object.fromEntries(report.results.map((r) => [r.id, r.documentUrl ?? null]));
    expect(found).toEqual({
      overview: h.url("/otip/campaign/overview.pdf"),
      crime: h.url("/otip/campaign/tips_crime.pdf"),
      victims: h.url("/otip/campaign/tips_victims.pdf"),
      interacting: null,
      communicating: null,
    });
    const communicating = report.results[4]!;
    expect(communicating.documentCandidates?.[0]).toMatchObject({ url: h.url("/otip/campaign/communicating.pdf") });
    expect(communicating.documentCandidates![0]!.evidence).toContain("far from the published PDF 1KB");
    expect(report.results.every((r) => r.status === "ok")).toBe(true);
  });

  it("topic-page-series: a topic page of near-identical 'At-A-Glance' titles gives each brief its own document, never a neighbour's", async () => {
    const briefs = ["Child Sex Trafficking At-A-Glance", "Sex Trafficking at Truck Stops At-A-Glance", "Russian Driving Networks At-A-Glance", "Latino Residential Brothels At-A-Glance", "Fake Massage Businesses At-A-Glance"];
    const pdfs = await Promise.all(briefs.map((t) => doc(t)));
    const list = briefs.map((t, i) => `<p><strong>${t}</strong> <a href="/uploads/brief-${i}.pdf">(PDF)</a></p>`).join("");
    const table: Record<string, Route> = { "/resources/resources-by-topic/sex-trafficking": () => [200, "text/html", html("Resources by topic: Sex Trafficking", `<p>Materials included:</p>${list}`)] };
    briefs.forEach((_, i) => (table[`/uploads/brief-${i}.pdf`] = () => [200, PDF, pdfs[i]!]));
    const h = await site(routes(table));
    const page = h.url("/resources/resources-by-topic/sex-trafficking");
    const report = await check(briefs.map((t, i) => standIn(`brief-${i}`, page, t, { publisher: "Polaris Project" })));

    expect(report.results.map((r) => r.documentUrl)).toEqual(briefs.map((_, i) => h.url(`/uploads/brief-${i}.pdf`)));
  });

  it("language-editions: a page offering English, French and Spanish files gives the English directory the English one", async () => {
    const title = "Handbook on Direct Assistance for Victims of Trafficking";
    const [en, fr, es] = await Promise.all(["en", "fr", "es"].map((l) => doc(`handbook ${l}`)));
    const h = await site(
      routes({
        "/resources/handbook": () => [200, "text/html", html(title, `<h1>${title}</h1><ul class="downloads"><li><a href="/files/handbook_fr.pdf" hreflang="fr">Français</a></li><li><a href="/files/handbook_es.pdf">Español</a></li><li><a href="/files/handbook_en.pdf">English</a></li></ul>`)],
        "/files/handbook_en.pdf": () => [200, PDF, en!],
        "/files/handbook_fr.pdf": () => [200, PDF, fr!],
        "/files/handbook_es.pdf": () => [200, PDF, es!],
      }),
    );
    const english = await checkOne(standIn("iom", h.url("/resources/handbook"), title));
    expect(english.documentUrl).toBe(h.url("/files/handbook_en.pdf"));
    // And the reverse: for a directory in French, the English edition is not the resource (nor is
    // the French file proven to be it, its link saying only "Français").
    const french = await checkOne(standIn("iom", h.url("/resources/handbook"), title), { language: "fr" });
    expect(french.documentUrl).toBeUndefined();
    expect((french.documentCandidates ?? []).every((c) => c.score < 70)).toBe(true);
  });

  it("embedded-video: a page embedding two parts of a video series gives each part's resource its own player", async () => {
    const player = await site(routes({ "/embed/vs1": () => [200, "text/html", html("Victim Support in Case Investigations, Part 1 - Video")], "/embed/vs2": () => [200, "text/html", html("Victim Support in Case Investigations, Part 2 - Video")] }), "127.0.0.4");
    const h = await site(
      routes({
        "/blue-campaign/victim-info-law": () => [
          200,
          "text/html",
          html("Victim Support in Case Investigations", `<h1>Victim Support in Case Investigations</h1><iframe src="${player.url("/embed/vs1")}" title="Victim Support in Case Investigations, Part 1"></iframe><iframe src="${player.url("/embed/vs2")}" title="Victim Support in Case Investigations, Part 2"></iframe>`),
        ],
      }),
    );
    const page = h.url("/blue-campaign/victim-info-law");
    const video = (id: string, title: string) => resource(id, page, "web", { title, standInFor: "video" });
    const report = await check([video("part-1", "Victim Support in Case Investigations, Part 1"), video("part-2", "Victim Support in Case Investigations, Part 2")]);
    expect(report.results.map((r) => r.documentUrl)).toEqual([player.url("/embed/vs1"), player.url("/embed/vs2")]);
  });

  it("gone-stand-in: a stand-in page that now answers 404 keeps its status, and its document is still looked for on the site", async () => {
    const title = "Needs Assessment Toolkit on the Criminal Justice Response to Human Trafficking";
    const toolkit = await doc("needs assessment", { title });
    const h = await site(routes({ "/publications": () => [200, "text/html", html("Publications", `<a href="/documents/human-trafficking/Needs_Assessment_Toolkit.pdf">${title}</a>`)], "/documents/human-trafficking/Needs_Assessment_Toolkit.pdf": () => [200, PDF, toolkit], "/": () => [200, "text/html", html("UNODC", '<a href="/publications">Publications</a>')] }));
    const r = await checkOne(standIn("needs", h.url("/unodc/en/human-trafficking/2010/needs-assessment-toolkit.html"), title));
    expect(r.status).toBe("broken");
    expect(r.documentUrl).toBe(h.url("/documents/human-trafficking/Needs_Assessment_Toolkit.pdf"));
  });
});

describe("a directory shaped like ours", () => {
  it("many stand-ins sharing pages beside ordinary resources: every findable document at its own address, nothing for the ordinary ones, one request per document", async () => {
    const polaris = ["Child Sex Trafficking At-A-Glance", "Sex Trafficking at Truck Stops At-A-Glance", "Fake Massage Businesses At-A-Glance", "Sex Trafficking Networks", "Domestic Sex Trafficking: The Criminal Operations of the American Pimp"];
    const toolkit = ["Resource Overview", "Tips for Identifying the Crime of Human Trafficking", "Communicating with Victims", "PowerPoint Presentation for Law Enforcement"];
    const pdfs = new Map(await Promise.all([...polaris, ...toolkit].map(async (t) => [t, await doc(t)] as const)));
    const slug = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    // Polaris lists four of its five briefs (one was never published there); the tool kit lists three files and a PowerPoint that is gone.
    const listed = polaris.slice(0, 4);
    const table: Record<string, Route> = {
      "/topic/sex-trafficking": () => [200, "text/html", html("Resources by topic: Sex Trafficking", listed.map((t) => `<li><a href="/pdfs/${slug(t)}.pdf">${t}</a></li>`).join(""))],
      "/campaign/": () => [200, "text/html", html("Campaign tool kits", toolkit.map((t) => `<li><a href="/kit/${slug(t)}.${t.startsWith("PowerPoint") ? "ppt" : "pdf"}">${t}</a></li>`).join(""))],
      "/about": () => [200, "text/html", html("About us")],
      "/guide.pdf": () => [200, PDF, pdfs.get("Resource Overview")!],
    };
    for (const t of listed) table[`/pdfs/${slug(t)}.pdf`] = () => [200, PDF, pdfs.get(t)!];
    for (const t of toolkit.slice(0, 3)) table[`/kit/${slug(t)}.pdf`] = () => [200, PDF, pdfs.get(t)!];
    const requests: string[] = [];
    const h = await site((q, s, host) => {
      requests.push(new URL(q.url ?? "/", "http://x").pathname);
      return routes(table)(q, s, host);
    });
    const all = [
      ...polaris.map((t) => standIn(slug(t), h.url("/topic/sex-trafficking"), t, { publisher: "Polaris Project" })),
      ...toolkit.map((t) => standIn(slug(t), h.url("/campaign/"), t, t.startsWith("PowerPoint") ? { standInFor: "ppt" } : {})),
      resource("about", h.url("/about"), "web", { title: "About us" }),
      resource("guide", h.url("/guide.pdf"), "pdf", { title: "Resource Overview" }),
    ];
    const report = await check(all);
    const found = Object.fromEntries(report.results.map((r) => [r.id, r.documentUrl ?? null]));
    expect(found).toEqual({
      ...Object.fromEntries(listed.map((t) => [slug(t), h.url(`/pdfs/${slug(t)}.pdf`)])),
      [slug(polaris[4]!)]: null,
      ...Object.fromEntries(toolkit.slice(0, 3).map((t) => [slug(t), h.url(`/kit/${slug(t)}.pdf`)])),
      [slug(toolkit[3]!)]: null,
      about: null,
      guide: null,
    });
    expect(report.results.every((r) => r.status === "ok")).toBe(true);
    // Each shared page and each document is fetched once for all the resources that need it.
    for (const t of listed) expect(requests.filter((p) => p === `/pdfs/${slug(t)}.pdf`)).toHaveLength(1);
    expect(requests.filter((p) => p === "/topic/sex-trafficking")).toHaveLength(1);

    // report.md lists them under their own heading, the resource's title beside the document's label and page.
    const md = renderMarkdown(report, all);
    expect(md).toContain("Stand-ins: 9 resources point at a page standing in for the document; the check found the document behind 7.");
    expect(md).toContain("## Documents found behind stand-in pages (7)");
    expect(md).toContain(`- document (pdf): <${h.url(`/pdfs/${slug(listed[0]!)}.pdf`)}>`);
    expect(md).toContain(`| label where linked | | ${listed[0]} |`);
    expect(md).toContain(`| linked from | | <${h.url("/topic/sex-trafficking")}> |`);
  });
});
