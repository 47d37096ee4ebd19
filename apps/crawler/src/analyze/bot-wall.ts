// Bot walls: what web-application firewalls and bot-management services answer a client they do
// not trust, often with status 200, 202 or 405 instead of the document. Such an answer says
// nothing about the link (a browser would get the document), so it is `error`, never `broken`.
// Recognised by each family's own markers (headers, cookies, script and page markers), not by one
// vendor's page text. A marker that also appears on ordinary pages of a protected site (Imperva's
// visid_incap_ cookie, Cloudflare's challenge-platform script, Akamai's server name) never
// decides alone.
import type { IncomingHttpHeaders } from "node:http";

export interface BotWall {
  /** The product family, as a maintainer knows it. */
  vendor: string;
  /** The marker that gave it away. */
  sign: string;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The start of the body as text (markers sit in scripts, so the raw HTML, not the visible text). */
  text: string;
}

interface Family {
  vendor: string;
  /** Returns the marker found, or undefined. */
  test: (a: Answer, h: (name: string) => string) => string | undefined;
}

const first = (text: string, patterns: readonly RegExp[]): string | undefined => {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) return m[0];
  }
  return undefined;
};

const FAMILIES: readonly Family[] = [
  {
    vendor: "Cloudflare",
    test: (a, h) => {
      if (h("cf-mitigated") === "challenge") return "cf-mitigated: challenge header";
      const onCloudflare = h("server") === "cloudflare" || h("cf-ray") !== "";
      const page = first(a.text, [/window\._cf_chl_opt/, /cf-browser-verification/, /<title>\s*Just a moment\.\.\.\s*<\/title>/i, /Attention Required! \| Cloudflare/, /cf-error-details/]);
      return onCloudflare && page ? `challenge page (${page})` : undefined;
    },
  },
  {
    vendor: "AWS WAF",
    test: (a, h) => {
      const action = h("x-amzn-waf-action");
      if (action !== "") return `x-amzn-waf-action: ${action} header`;
      const page = first(a.text, [/AwsWafIntegration/, /awsWafCookieDomainList/, /\btoken\.awswaf\.com\b/, /gokuProps/]);
      return page ? `challenge script (${page})` : undefined;
    },
  },
  {
    vendor: "Akamai",
    test: (a, h) => {
      const page = first(a.text, [/Reference&#32;&#35;\d+&#46;[0-9a-f]+/i, /Reference #\d+\.[0-9a-f]+\.\d+\.[0-9a-f]+/i, /errors\.edgesuite\.net/, /\/_sec\/cp_challenge\//, /sec-if-cpt-container/, /bm-verify/]);
      const akamai = /akamai/i.test(h("server")) || /_abck=|bm_sz=|ak_bmsc=/.test(h("set-cookie")) || /edgesuite|_sec\/|bm-verify/.test(page ?? "");
      return akamai && page ? `block or challenge page (${page})` : undefined;
    },
  },
  {
    vendor: "Imperva (Incapsula)",
    test: (a) => {
      const page = first(a.text, [/_Incapsula_Resource/, /Incapsula incident ID/i, /Request unsuccessful\. Incapsula/i]);
      return page ? `block or challenge page (${page})` : undefined;
    },
  },
  {
    vendor: "Sucuri",
    test: (a, h) => {
      if (h("x-sucuri-block") !== "") return "x-sucuri-block header";
      const page = first(a.text, [/Sucuri WebSite Firewall - Access Denied/i, /sucuri_cloudproxy_js/, /cloudproxy@sucuri\.net/]);
      return page ? `firewall page (${page})` : undefined;
    },
  },
  {
    vendor: "F5 BIG-IP",
    test: (a) => {
      const page = first(a.text, [/The requested URL was rejected/i, /Your support ID is/i]);
      return page ? `rejection page ("${page}")` : undefined;
    },
  },
  {
    vendor: "DataDome",
    test: (a, h) => {
      const page = first(a.text, [/(?:geo|ct|interstitial)\.captcha-delivery\.com/, /\bvar dd=\{/]);
      if (page) return `captcha (${page})`;
      return h("x-dd-b") !== "" && /datadome=/.test(h("set-cookie")) ? "x-dd-b header with a datadome cookie" : undefined;
    },
  },
  {
    vendor: "PerimeterX (HUMAN)",
    test: (a) => {
      const page = first(a.text, [/window\._pxAppId/, /_pxAppId\s*=/, /captcha\.px-cdn\.net/, /id="px-captcha"/, /client\.perimeterx\.net/]);
      return page ? `challenge (${page})` : undefined;
    },
  },
  {
    vendor: "Radware Bot Manager",
    test: (a) => {
      const page = first(a.text, [/validate\.perfdrive\.com/, /Radware Bot Manager/i, /shieldsquare/i]);
      return page ? `challenge (${page})` : undefined;
    },
  },
  {
    vendor: "Kasada",
    test: (a, h) => {
      if (h("x-kpsdk-ct") !== "" || h("x-kpsdk-cd") !== "") return "x-kpsdk header";
      const page = first(a.text, [/KPSDK\.scriptStart/]);
      return page ? `challenge (${page})` : undefined;
    },
  },
  {
    // Without a vendor's own marker: the words of a browser check on a short page.
    vendor: "a browser check",
    test: (a) => {
      if (a.text.length > 12_000) return undefined;
      const page = first(a.text, [
        /Please enable JavaScript and cookies to continue/i,
        /Checking (?:if the site connection is secure|your browser before accessing)/i,
        /Please (?:verify|confirm) (?:that )?you are (?:a )?human/i,
        /\bare you a robot\b/i,
        /Pardon Our Interruption/i,
      ]);
      return page ? `"${page}"` : undefined;
    },
  },
];

/** The bot wall this answer is, if it is one. */
export function detectBotWall(answer: Answer): BotWall | undefined {
  const h = (name: string) => {
    const v = answer.headers[name];
    return (Array.isArray(v) ? v.join("\n") : (v ?? "")).toLowerCase();
  };
  for (const family of FAMILIES) {
    const sign = family.test(answer, h);
    if (sign !== undefined) return { vendor: family.vendor, sign };
  }
  return undefined;
}

export function describeBotWall(wall: BotWall): string {
  return `bot protection (${wall.vendor}, ${wall.sign}): the site answered the checker with a challenge instead of the resource; check it in a browser`;
}
