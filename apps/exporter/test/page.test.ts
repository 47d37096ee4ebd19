// The web page and its fragment, read back as HTML: structure, escaping by construction, the
// report's statuses in words, and nothing that would make a request leave the file.
import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import { groupBySection } from "@td/data";
import type { Directory, Report } from "@td/schema";
import { renderFragment, renderPage, type PageInput } from "../src/page/directory-page.tsx";
import { buildRows } from "../src/rows.ts";
import { HOSTILE_TITLE, hostile, hostileReport, tricky } from "./fixture.ts";

function input(directory: Directory, r: Report | undefined): PageInput {
  const rows = buildRows(directory, r);
  return {
    title: directory.title,
    language: directory.language ?? "en-US",
    dateLine: "Updated November 30, 2026",
    checkedLine: r ? "Links checked on November 30, 2026" : undefined,
    checkedOn: r ? "November 30, 2026" : undefined,
    sections: groupBySection(directory).map((g) => ({ id: g.section.id, title: g.section.title, rows: rows.filter((row) => row.sectionId === g.section.id) })),
  };
}

describe("the web page", () => {
  const html = renderPage(input(hostile, hostileReport));
  const $ = cheerio.load(html);

  it("is one semantic document: language, one h1, a contents list, a section with an h2 per section, a title link per resource", () => {
    expect(html.startsWith("<!doctype html>\n<html lang=\"en-GB\">")).toBe(true);
    expect($("h1")).toHaveLength(1);
    expect($("h1").text()).toBe(tricky.title);
    expect($("nav ol li a").map((_, a) => $(a).attr("href")).get()).toEqual(tricky.sections.map((s) => `#${s.id}`));
    expect($("main section > h2").map((_, h) => $(h).text()).get()).toEqual(tricky.sections.map((s) => s.title));
    expect($("main article h3 a")).toHaveLength(hostile.resources.length);
    expect($("a.skip").attr("href")).toBe("#directory");
    expect($("main#directory")).toHaveLength(1);
    expect($('meta[name="viewport"]').attr("content")).toBe("width=device-width, initial-scale=1");
    expect($("section#empty p.empty").text()).toBe("No resources in this section yet.");
    // A stand-in says in words that its link is a publisher's page, not the document.
    expect($("#resource-stand-in p.stand-in").text()).toBe("This links to the publisher's page for the PDF: the PDF's own address is not known yet.");
    expect($("#resource-formula p.stand-in")).toHaveLength(0);
  });

  it("shows hostile text as text: no element, attribute or script comes from the data", () => {
    expect($("img, iframe, b, script")).toHaveLength(0);
    const article = $("#resource-hostile article");
    expect(article.find("h3 a").text()).toBe(HOSTILE_TITLE);
    expect(article.find("h3 a").attr("href")).toBe("https://example.org/a?b=1&c=<2>");
    expect(article.find(".details").text()).toContain(`"><b>bold</b>`);
    expect(article.text()).toContain("</p><iframe src=//evil.example></iframe>");
    expect(html).toContain("&lt;img src=x onerror=");
  });

  it("says each link's status in words, with the check date, and links moved resources to their new address", () => {
    const status = (id: string) => $(`#resource-${id} .status`).text();
    expect(status("quotes-commas")).toBe("Link working");
    expect(status("moved-doc")).toBe("New address");
    expect($("#resource-moved-doc h3 a").attr("href")).toBe("https://example.org/files/2024/card.pdf");
    expect($("#resource-moved-doc").text()).toContain("it was at https://example.org/old/card.pdf");
    expect(status("broken-doc")).toBe("Currently unavailable");
    expect($("#resource-broken-doc a:contains('archived copy')").attr("href")).toBe("https://web.archive.org/web/20120301000000/https://example.org/gone.pdf");
    expect(status("blocked")).toBe("Not confirmed");
    expect($("#resource-quotes-commas").text()).toContain("(checked November 30, 2026)");
    expect($("header .meta").text()).toContain("Links checked on November 30, 2026");
  });

  it("asks for nothing outside the file: styles inline, no scripts, images, fonts or stylesheets", () => {
    expect($("script, link, img, iframe, object, embed")).toHaveLength(0);
    expect($("[src]")).toHaveLength(0);
    const css = $("style").text();
    expect(css).not.toMatch(/url\(|@import|@font-face/);
    expect(css).toContain("@media print");
    expect(css).toContain(":focus-visible");
  });

  it("shows no status without a report", () => {
    const plain = cheerio.load(renderPage(input(tricky, undefined)));
    expect(plain(".status")).toHaveLength(0);
    expect(plain("header .meta").text()).not.toContain("Links checked");
  });
});

describe("the fragment", () => {
  it("is the same list without html, head or styles, for pasting into a site", () => {
    const fragment = renderFragment(input(hostile, hostileReport));
    expect(fragment).not.toMatch(/<html|<head|<body|<style|<!doctype/i);
    const $ = cheerio.load(fragment, null, false);
    expect($("div.training-directory > section > h2")).toHaveLength(tricky.sections.length);
    expect($("article h3 a")).toHaveLength(hostile.resources.length);
    expect($("img, script, iframe")).toHaveLength(0);
  });
});
