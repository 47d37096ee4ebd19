// Traps that real government and UN sites set, one named scenario each: bot walls that answer
// 200/202/405 (or 403/503) with a challenge, transfers the server cuts short, and "not found"
// pages in other languages under a language folder. Each asserts the verdict and the reason.
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { check, checkOne, resource } from "./helpers/check.ts";
import { useSites } from "./helpers/sites.ts";
import { PDF_BYTES, html, send, type TestHost } from "./helpers/test-host.ts";

const { site, withHealthyNeighbour } = useSites();

/** Every request went to the resource's own URL: no moved-document search was opened. */
function onlyAsked(h: TestHost, path: string): void {
  expect(h.requests.map((q) => q.path).filter((p) => p !== path)).toEqual([]);
}

interface Wall {
  name: string;
  vendor: string;
  status: number;
  headers?: Record<string, string>;
  page: string;
}

const WALLS: Wall[] = [
  {
    name: "cloudflare-interstitial-503",
    vendor: "Cloudflare, challenge page (window._cf_chl_opt)",
    status: 503,
    headers: { server: "cloudflare", "cf-ray": "8f1d2a3b4c5d6e7f-IAD" },
    page: `<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><noscript>Enable JavaScript and cookies to continue</noscript><script>(function(){window._cf_chl_opt={cvId: '3',cZone: "www.example.gov",cType: 'managed'};}());</script></body></html>`,
  },
  {
    name: "aws-waf-challenge-202",
    vendor: "AWS WAF, x-amzn-waf-action: challenge header",
    status: 202,
    headers: { "x-amzn-waf-action": "challenge" },
    page: `<!DOCTYPE html><html lang="en"><head><title></title><script>window.awsWafCookieDomainList = [];window.gokuProps = {"key":"AQIDAHj","iv":"A6we"};</script><script src="https://3a9c.edge.sdk.awswaf.com/3a9c/challenge.js"></script></head><body><div id="challenge-container"></div><script>AwsWafIntegration.checkForceRefresh().then(() => location.reload());</script></body></html>`,
  },
  {
    name: "aws-waf-captcha-405",
    vendor: "AWS WAF, x-amzn-waf-action: captcha header",
    status: 405,
    headers: { "x-amzn-waf-action": "captcha" },
    page: `<!DOCTYPE html><html><head><title>Human Verification</title><script src="https://3a9c.edge.sdk.awswaf.com/3a9c/captcha.js"></script></head><body><div id="captcha-container"></div></body></html>`,
  },
  {
    name: "akamai-bot-manager-200",
    vendor: "Akamai, block or challenge page (/_sec/cp_challenge/)",
    status: 200,
    headers: { server: "AkamaiGHost", "set-cookie": "_abck=0A1B2C3D~-1~YAAQ; Path=/" },
    page: `<!DOCTYPE html><html><head><title>Agency</title></head><body><div id="sec-if-cpt-container" class="sec-if-cpt-container"><div class="sec-cpt-title">Please wait while we verify your browser</div></div><script src="/_sec/cp_challenge/ak-challenge-4-3.js"></script></body></html>`,
  },
  {
    name: "imperva-incapsula-200",
    vendor: "Imperva (Incapsula), block or challenge page (_Incapsula_Resource)",
    status: 200,
    headers: { "x-iinfo": "9-12345678-0 0NNN RT(1700000000000 0) q(0 -1 -1 -1) r(0 -1)", "set-cookie": "visid_incap_123456=abc; Path=/" },
    page: `<html style="height:100%"><head><META NAME="robots" CONTENT="noindex,nofollow"></head><body style="margin:0px;height:100%"><iframe id="main-iframe" src="/_Incapsula_Resource?SWUDNSAI=31&xinfo=9-12345678" frameborder=0 width="100%" height="100%">Request unsuccessful. Incapsula incident ID: 1234000050012345-67890123456789</iframe></body></html>`,
  },
  {
    name: "sucuri-js-challenge-200",
    vendor: "Sucuri, firewall page (sucuri_cloudproxy_js)",
    status: 200,
    headers: { server: "Sucuri/Cloudproxy", "x-sucuri-id": "15015" },
    page: `<html><head><title>You are being redirected...</title><noscript>Javascript is required. Please enable javascript before you are allowed to see this page.</noscript><script>var s={},u,c,U,r,i,l=0,a,e=eval,w=String.fromCharCode,sucuri_cloudproxy_js='',S='cz0iMyIgKyAnMicgKyAgJzAnICs=';</script></head><body></body></html>`,
  },
  {
    name: "f5-big-ip-asm-200",
    vendor: "F5 BIG-IP, rejection page (\"The requested URL was rejected\")",
    status: 200,
    headers: { "set-cookie": "TS01a2b3c4=01f5e6d7c8b9a0; Path=/" },
    page: `<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. Please consult with your administrator.<br><br>Your support ID is: 11234567890123456789<br><br><a href='javascript:history.back();'>[Go Back]</a></body></html>`,
  },
  {
    name: "datadome-captcha-403",
    vendor: "DataDome, captcha (geo.captcha-delivery.com)",
    status: 403,
    headers: { "x-dd-b": "1", "set-cookie": "datadome=AHrlqAAAAAMA; Max-Age=31536000; Path=/" },
    page: `<html><head><title>example.org</title></head><body><script data-cfasync="false">var dd={'rt':'c','cid':'AHrlqAAAAAMA','hsh':'ABCDEF','t':'fe','host':'geo.captcha-delivery.com'}</script><script src="https://ct.captcha-delivery.com/c.js"></script></body></html>`,
  },
  {
    name: "perimeterx-press-and-hold-403",
    vendor: "PerimeterX (HUMAN), challenge (window._pxAppId)",
    status: 403,
    headers: { "set-cookie": "_pxhd=abc:def; Path=/" },
    page: `<!DOCTYPE html><html lang="en"><head><title>Access to this page has been denied</title></head><body><div id="px-captcha"></div><p>Press &amp; Hold to confirm you are a human (and not a bot).</p><script>window._pxAppId = 'PXabc123';</script><script src="/abc123/captcha/captcha.js?a=c"></script></body></html>`,
  },
  {
    name: "radware-bot-manager-200",
    vendor: "Radware Bot Manager, challenge (validate.perfdrive.com)",
    status: 200,
    page: `<html><head><title>Radware Captcha Page</title><meta http-equiv="refresh" content="10;url=https://validate.perfdrive.com/captcha?ssa=abc&ssb=def"></head><body><p>We apologize for the inconvenience...</p></body></html>`,
  },
  {
    name: "generic-browser-check-200",
    vendor: 'a browser check, "Please enable JavaScript and cookies to continue"',
    status: 200,
    page: `<html><head><title>Agency</title></head><body><h1>One moment</h1><p>Please enable JavaScript and cookies to continue.</p></body></html>`,
  },
];

const STATUS_TEXT: Record<number, string> = { 200: "HTTP 200", 202: "HTTP 202", 403: "HTTP 403 Forbidden", 405: "HTTP 405", 503: "HTTP 503" };

describe("bot walls are error (inconclusive), never broken, and open no search", () => {
  it.each(WALLS)("$name on a PDF URL", async (wall) => {
    const h = await site((_q, s) => send(s, wall.status, "text/html; charset=utf-8", wall.page, wall.headers ?? {}));
    const r = await checkOne(resource("doc", h.url("/files/guide.pdf"), "pdf"));
    expect(r).toMatchObject({
      status: "error",
      httpStatus: wall.status,
      reason: `${STATUS_TEXT[wall.status]}: bot protection (${wall.vendor}): the site answered the checker with a challenge instead of the resource; check it in a browser`,
      suggestedUrl: null,
    });
    onlyAsked(h, "/files/guide.pdf");
  });

  it("a challenge answering 200 on a web page is not taken for a working page (nor for a soft 404 by the random-path probe)", async () => {
    const wall = WALLS.find((w) => w.name === "imperva-incapsula-200")!;
    const h = await site((_q, s) => send(s, 200, "text/html", wall.page, wall.headers ?? {}));
    const r = await checkOne(resource("page", h.url("/programs/training")));
    expect(r.status).toBe("error");
    expect(r.reason).toContain("bot protection (Imperva (Incapsula)");
    onlyAsked(h, "/programs/training"); // not even the probe
  });

  it("ordinary pages of protected sites stay ok: their everyday cookies, headers and scripts are no wall", async () => {
    const pages: Record<string, [Record<string, string>, string]> = {
      "/cloudflare": [
        { server: "cloudflare", "cf-ray": "8f1d-IAD", "set-cookie": "__cf_bm=abc; path=/" },
        html("Training", "<h1>Training</h1><p>Course material.</p><script>(function(){var a=document.createElement('script');a.src='/cdn-cgi/challenge-platform/scripts/jsd/main.js';document.head.appendChild(a);})();</script>"),
      ],
      "/imperva": [{ "x-iinfo": "9-1-0 NNNN", "set-cookie": "visid_incap_1=abc; Path=/" }, html("Guides", "<h1>Guides</h1><p>Our guides.</p>")],
      "/akamai": [{ server: "AkamaiGHost", "set-cookie": "_abck=abc; Path=/" }, html("Fact sheets", "<h1>Fact sheets</h1><p>Download them.</p>")],
    };
    const h = await site((q, s) => {
      const page = pages[q.url ?? ""];
      return page ? send(s, 200, "text/html", page[1], page[0]) : send(s, 404, "text/html", html("Not Found"));
    });
    const report = await check(Object.keys(pages).map((p) => resource(p.slice(1), h.url(p))));
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ["cloudflare", "ok"],
      ["imperva", "ok"],
      ["akamai", "ok"],
    ]);
  });
});

/** Starts a response and closes the connection partway through it. */
function cutShort(s: ServerResponse, headers: Record<string, string>, first: Buffer | string): void {
  s.writeHead(200, headers);
  // Closed once the first part is handed to the kernel: the client always gets it, then the end.
  s.write(first, () => s.socket?.destroy());
}

describe("transfers cut short are retried, then error, never ok", () => {
  it("truncated-content-length: a PDF whose body ends before its Content-Length is an error, even though it starts with %PDF-", async () => {
    const neighbour = await withHealthyNeighbour();
    const h = await site((_q, s) => cutShort(s, { "content-type": "application/pdf", "content-length": "100000" }, PDF_BYTES));
    const report = await check([resource("doc", h.url("/doc.pdf"), "pdf"), neighbour]);
    expect(report.results[0]).toMatchObject({
      status: "error",
      reason: `HTTP 200, then the transfer was cut short: the connection closed after ${PDF_BYTES.length} of 100000 bytes (Content-Length) after 3 attempts`,
    });
    expect(report.results[0]!.sha256).toBeUndefined();
    onlyAsked(h, "/doc.pdf");
    expect(h.requests).toHaveLength(3);
  });

  it("unfinished-chunked-body: a chunked body that never ends is an error", async () => {
    const neighbour = await withHealthyNeighbour();
    const h = await site((_q, s) => cutShort(s, { "content-type": "text/html" }, "<html><head><title>Guide</title></head><body><h1>Guide</h1>"));
    const report = await check([resource("page", h.url("/guide")), neighbour]);
    expect(report.results[0]!.status).toBe("error");
    expect(report.results[0]!.reason).toMatch(/^HTTP 200, then the transfer was cut short: the chunked body never finished \(the connection closed after \d+ bytes\) after 3 attempts$/);
    onlyAsked(h, "/guide");
  });

  it("cut-once: a transfer cut short once arrives whole on the retry and is ok, fingerprinted", async () => {
    let calls = 0;
    const h = await site((_q, s) => {
      calls += 1;
      if (calls === 1) return cutShort(s, { "content-type": "application/pdf", "content-length": String(PDF_BYTES.length + 10) }, PDF_BYTES.subarray(0, 10));
      return send(s, 200, "application/pdf", PDF_BYTES);
    });
    const r = await checkOne(resource("doc", h.url("/doc.pdf"), "pdf"));
    expect(r).toMatchObject({ status: "ok", sizeBytes: PDF_BYTES.length });
    expect(h.requests).toHaveLength(2);
  });

  it("own-deadline: the checker's own time limit is named as ours, and not retried", async () => {
    const h = await site((_q: IncomingMessage, s) => {
      s.writeHead(200, { "content-type": "application/pdf" });
      s.write(PDF_BYTES);
      const timer = setInterval(() => s.write(" "), 50);
      s.on("close", () => clearInterval(timer));
    });
    // The headers come at once; the deadline (a thousand times what they take) ends the body.
    const r = await checkOne(resource("doc", h.url("/doc.pdf"), "pdf"), { timeoutMs: 2_000 });
    expect(r).toMatchObject({ status: "error", reason: "HTTP 200, then the checker's own time limit ran out while the body was still arriving (--timeout)" });
    expect(h.requests).toHaveLength(1);
  });
});

/**
 * A UN-style site: the root answers a real 404 for unknown paths, but each language section
 * answers them with a 200 template of its own.
 */
function unSite(templates: Record<string, string>, pages: Record<string, string>) {
  return (q: IncomingMessage, s: ServerResponse) => {
    const path = q.url ?? "/";
    if (pages[path] !== undefined) return send(s, 200, "text/html; charset=utf-8", pages[path]);
    const lang = /^\/(ar|zh|ru|fr|es)\//.exec(path)?.[1];
    if (lang !== undefined && templates[lang] !== undefined) return send(s, 200, "text/html; charset=utf-8", templates[lang]);
    return send(s, 404, "text/html", html("404 Not Found"));
  };
}

const page = (lang: string, title: string, body: string) => `<!doctype html><html lang="${lang}" dir="${lang === "ar" ? "rtl" : "ltr"}"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

describe('"page not found" in any language, under a language folder whose site root answers a real 404', () => {
  const templates = {
    ar: page("ar", "مكتب الأمم المتحدة المعني بالمخدرات والجريمة", "<nav>الرئيسية | من نحن | المنشورات</nav><h1>الصفحة المطلوبة غير موجودة</h1><p>ربما تم نقل الصفحة أو حذفها.</p>"),
    zh: page("zh", "页面不存在 - 联合国毒品和犯罪问题办公室", "<nav>首页 | 关于我们 | 出版物</nav><p>请检查网址是否正确。</p>"),
    // No phrase at all: only the comparison with the folder's answer to a random path tells.
    ru: page("ru", "УНП ООН", "<nav>Главная | О нас | Публикации</nav><p>Воспользуйтесь поиском по сайту или вернитесь на главную страницу.</p>"),
  };
  const pages = {
    "/ru/human-trafficking/index.html": page("ru", "УНП ООН: торговля людьми", "<h1>Торговля людьми</h1><p>Руководство для сотрудников правоохранительных органов: выявление жертв, расследование, сотрудничество.</p>"),
    "/en/news/missing-persons.html": page("en", "Missing persons report", "<h1>Missing persons report</h1><p>Twelve children reported missing in the region were still not found after the search ended; the task force continues.</p>"),
  };

  it("arabic-soft-404: an Arabic template is broken, named by its heading", async () => {
    const h = await site(unSite(templates, pages));
    const r = await checkOne(resource("guide-ar", h.url("/ar/publications/guide.html")), { discoveryBudget: 0 });
    expect(r).toMatchObject({ status: "broken", reason: 'HTTP 200; soft 404: the page heading says "الصفحة المطلوبة غير موجودة"' });
  });

  it("chinese-soft-404: a Chinese template is broken, named by its title", async () => {
    const h = await site(unSite(templates, pages));
    const r = await checkOne(resource("guide-zh", h.url("/zh/publications/guide.html")), { discoveryBudget: 0 });
    expect(r).toMatchObject({ status: "broken", reason: 'HTTP 200; soft 404: the page title is "页面不存在 - 联合国毒品和犯罪问题办公室"' });
  });

  it("russian-soft-404: a template with no telling words is broken by the same folder's answer to a random path, while a real page there is ok", async () => {
    const h = await site(unSite(templates, pages));
    const report = await check(
      [resource("guide-ru", h.url("/ru/documents/guide.html")), resource("real-ru", h.url("/ru/human-trafficking/index.html"))],
      { discoveryBudget: 0 },
    );
    expect(report.results[0]).toMatchObject({ status: "broken", reason: "HTTP 200; soft 404: the page is the same as the host's answer to a path that cannot exist (in /ru/documents/)" });
    expect(report.results[1]).toMatchObject({ status: "ok", reason: "HTTP 200" });
    // One probe per folder, in that folder (a probe of the root alone would have seen a real 404).
    const probes = h.requests.map((q) => q.path).filter((p) => p.endsWith("-no-such-page"));
    expect(probes.map((p) => p.replace(/[0-9a-f]{24}-no-such-page$/, "*"))).toEqual(["/ru/documents/*", "/ru/*"]);
  });

  it("missing-persons-article: a page that mentions 'not found' in its text stays ok", async () => {
    const h = await site(unSite(templates, pages));
    const r = await checkOne(resource("article", h.url("/en/news/missing-persons.html")));
    expect(r).toMatchObject({ status: "ok", reason: "HTTP 200" });
  });
});
