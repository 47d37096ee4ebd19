import { describe, expect, it } from "vitest";
import { isPdf, looksLikeHtml } from "../src/analyze/content-kind.ts";
import { parseMetaRefresh, readHtmlPage } from "../src/analyze/html-page.ts";
import { detectSoftNotFound, landedOnHomePage, textSimilarity } from "../src/analyze/soft-404.ts";
import { probeFolder } from "../src/check/check-url.ts";
import { isRefusedAddress } from "../src/http/address-guard.ts";

const page = (title: string, body: string) => readHtmlPage(`<html><head><title>${title}</title></head><body>${body}</body></html>`, "https://a.org/x/");

describe("content analysis", () => {
  it("recognises PDFs by their signature and HTML by type or bytes", () => {
    expect(isPdf(Buffer.from("%PDF-1.7 ..."))).toBe(true);
    expect(isPdf(Buffer.from("\r\n\r\n%PDF-1.4"))).toBe(true);
    expect(isPdf(Buffer.from("<html>"))).toBe(false);
    expect(looksLikeHtml(Buffer.from("  <!DOCTYPE html><html>"), "application/octet-stream")).toBe(true);
    expect(looksLikeHtml(Buffer.from("%PDF-1.4"), "text/html")).toBe(false);
  });
  it("reads links, headings and meta refresh relative to the page", () => {
    const p = readHtmlPage('<html><head><meta http-equiv="Refresh" content="5;URL=\'../new/\'"></head><body><h1>Hi</h1><a href="doc.pdf#p2">The Guide</a><a href="mailto:x@y">m</a></body></html>', "https://a.org/x/y/");
    expect(p.links).toEqual([{ url: "https://a.org/x/y/doc.pdf", text: "The Guide", label: "The Guide" }]);
    expect(p.headings).toEqual(["Hi"]);
    expect(p.metaRefresh).toEqual({ delaySeconds: 5, url: "https://a.org/x/new/" });
    expect(parseMetaRefresh("0", "https://a.org/")).toBeNull();
  });
  it("finds soft 404s without calling every mention of 404 one", () => {
    expect(detectSoftNotFound(page("Error 404", ""))).toBe('soft 404: the page title is "Error 404"');
    expect(detectSoftNotFound(page("Agency", "<h2>Sorry, this page no longer exists</h2>"))).toContain("heading");
    expect(detectSoftNotFound(page("Agency", "<p>The document you want could not be found.</p>"))).toBe('soft 404: the page says "could not be found"');
    const longPage = page("Annual report", `<p>${"Our work in 2012. ".repeat(200)} Errors such as 404 not found are rare.</p>`);
    expect(detectSoftNotFound(longPage)).toBeUndefined();
  });
  it("reads 'not found' in the six UN languages, Portuguese and German, in titles and main headings", () => {
    const titles = [
      "Página no encontrada | ONUDD",
      "Page introuvable - ONUDC",
      "Página não encontrada",
      "Seite nicht gefunden",
      "Страница не найдена — УНП ООН",
      "الصفحة غير موجودة",
      "页面未找到",
      "找不到網頁",
      "Not Found",
      "Agency | Not found",
      "404 | UNODC",
    ];
    for (const title of titles) expect(detectSoftNotFound(page(title, "<p>x</p>")), title).toBe(`soft 404: the page title is "${title}"`);
    expect(detectSoftNotFound(page("ONU", "<h1>Lo sentimos, la página que busca no existe</h1>"))).toContain("heading");
    expect(detectSoftNotFound(page("ONU", "<p>Erreur 404 : la page demandée n'existe pas.</p>"))).toBe('soft 404: the page says "Erreur 404"');
  });

  it("does not take an article that says 'not found' for a missing page", () => {
    expect(detectSoftNotFound(page("Missing persons report", "<h1>Missing persons report</h1><p>Twelve children were still not found when the search ended.</p>"))).toBeUndefined();
    expect(detectSoftNotFound(page("Victims not found by screening: a study", "<p>Screening misses many victims.</p>"))).toBeUndefined();
    expect(detectSoftNotFound(page("Form I-914, Supplement B", "<h2>Who must file</h2>"))).toBeUndefined();
  });

  it("compares a page with a random path in its own folder, and a folder's own page with its parent's", () => {
    expect(probeFolder("/ar/publications/guide.html")).toBe("/ar/publications/");
    expect(probeFolder("/ar/")).toBe("/");
    expect(probeFolder("/ar/index.html")).toBe("/");
    expect(probeFolder("/en/topics/trafficking/")).toBe("/en/topics/");
    expect(probeFolder("/guide")).toBe("/");
    expect(probeFolder("/")).toBe("/");
  });

  it("tells a deep link landing on the home page", () => {
    expect(landedOnHomePage("https://a.org/docs/guide.pdf", "https://a.org/")).toBe(true);
    expect(landedOnHomePage("https://a.org/docs/guide.pdf", "https://www.a.org/index.html")).toBe(true);
    expect(landedOnHomePage("https://a.org/", "https://www.a.org/")).toBe(false);
    expect(landedOnHomePage("https://a.org/docs/guide.pdf", "https://a.org/docs/new-guide.pdf")).toBe(false);
  });
  it("measures text similarity", () => {
    expect(textSimilarity("a b c", "a b c")).toBe(1);
    expect(textSimilarity("a b", "c d")).toBe(0);
  });
  it("refuses link-local and metadata addresses only", () => {
    for (const a of ["169.254.169.254", "169.254.0.1", "fe80::1", "::ffff:169.254.169.254", "fd00:ec2::254"]) expect(isRefusedAddress(a)).toBe(true);
    for (const a of ["127.0.0.1", "10.0.0.1", "8.8.8.8", "::1", "2001:db8::1"]) expect(isRefusedAddress(a)).toBe(false);
  });
});
