// The verdict on one resource from the evidence of its fetch. Pure: the whole decision table
// of interfaces.md lives here and is tested without a network.
import type { Format, LinkStatus } from "@td/schema";
import { describeBotWall, detectBotWall } from "../analyze/bot-wall.ts";
import { bodyText, contentTypeOf, isPdf } from "../analyze/content-kind.ts";
import type { PageInfo } from "../analyze/html-page.ts";
import { detectSoftNotFound, landedOnHomePage, textSimilarity } from "../analyze/soft-404.ts";
import type { HttpAnswer } from "../http/types.ts";
import type { Chain } from "./fetch-chain.ts";

/** The host's answer to a path that cannot exist, to recognise soft 404s of HTML resources. */
export interface Probe {
  /** The folder the random path was in (`/ar/publications/`). */
  folder: string;
  status: number;
  finalUrl: string;
  page: PageInfo | undefined;
}

export interface Verdict {
  status: LinkStatus;
  httpStatus: number | null;
  finalUrl: string | null;
  suggestedUrl: string | null;
  reason: string;
  contentType: string | null;
  /** The URL no longer serves the resource: worth searching for where it lives now. */
  gone: boolean;
}

const STATUS_TEXT: Record<number, string> = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 410: "Gone", 429: "Too Many Requests" };
const httpText = (status: number) => `HTTP ${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ""}`;
const isHtmlFormat = (format: Format) => format === "web" || format === "course" || format === "video";

export function classify(url: string, format: Format, chain: Chain, probe: Probe | undefined): Verdict {
  const final = chain.final;
  const httpStatus = final.kind === "response" ? final.status : (chain.hops.at(-1)?.httpStatus ?? null);
  const base = {
    httpStatus,
    finalUrl: chain.hops.length > 0 || final.kind === "response" ? chain.finalUrl : null,
    suggestedUrl: null,
    contentType: final.kind === "response" ? contentTypeOf(final.headers) : null,
  };
  const broken = (reason: string, gone: boolean): Verdict => ({ ...base, status: "broken", reason, gone });
  const error = (reason: string): Verdict => ({ ...base, status: "error", reason, gone: false });
  const tries = chain.attempts > 1 ? ` after ${chain.attempts} attempts` : "";

  if (chain.problem === "loop") return broken(`redirect loop: ${[...chain.hops.map((h) => h.url), chain.finalUrl].join(" → ")}`, true);
  if (chain.problem === "too-many-redirects") return broken(`more than ${chain.hops.length - 1} redirects`, true);

  if (final.kind === "network-error") {
    const via = chain.hops.length > 0 ? ` (after redirect to ${chain.finalUrl})` : "";
    if (final.error === "dns-not-found") return broken(`host name does not exist: ${new URL(chain.finalUrl).hostname}${via}`, false);
    return error(`${final.message}${via}${tries}`);
  }

  const status = final.status;
  // A bot wall may answer 200, 202, 403, 405 or 503: whatever the status, it says nothing of the link.
  const wall = isPdf(final.body.prefix) ? undefined : detectBotWall({ status, headers: final.headers, text: bodyText(final) });
  if (wall !== undefined) return error(`${httpText(status)}: ${describeBotWall(wall)}`);
  if (status >= 200 && status < 300) return classifyAnswer(url, format, chain, final, probe, base, tries);
  if (status === 404 || status === 410) return broken(httpText(status), true);
  if (status === 401 || status === 403) return error(`${httpText(status)}: ${describeDenial(final)}`);
  if (status === 429) return error(`${httpText(status)}: rate limited${tries}${chain.retryNote ? `; ${chain.retryNote}` : ""}`);
  if (status === 408) return error(`HTTP 408 Request Timeout${tries}`);
  if (status >= 500) return error(`HTTP ${status}: server error, transient${tries}${chain.retryNote ? `; ${chain.retryNote}` : ""}`);
  if (status >= 400) return broken(httpText(status), false);
  return error(`unexpected HTTP ${status}`);
}

function classifyAnswer(
  url: string,
  format: Format,
  chain: Chain,
  answer: HttpAnswer,
  probe: Probe | undefined,
  base: Omit<Verdict, "status" | "reason" | "gone">,
  tries: string,
): Verdict {
  const broken = (reason: string): Verdict => ({ ...base, status: "broken", reason: `HTTP ${answer.status}; ${reason}`, gone: true });
  const { body } = answer;
  if (body.readError !== undefined) {
    const error = (reason: string): Verdict => ({ ...base, status: "error", reason: `HTTP ${answer.status}, then ${reason}`, gone: false });
    // Our own limit is not the server's doing; a body the server cut short is no document, even
    // when its first bytes say %PDF-.
    if (body.readError === "timeout") return error("the checker's own time limit ran out while the body was still arriving (--timeout)");
    if (body.readError === "decode") return error(`the body could not be decompressed (${String(answer.headers["content-encoding"] ?? "?")})`);
    return error(`the transfer was cut short: ${describeCut(answer)}${tries}`);
  }
  if (body.bytesRead === 0) return broken("empty file");
  const page = chain.page;
  const home = landedOnHomePage(url, chain.finalUrl) ? "redirected to the site's home page" : undefined;

  if (format === "pdf" || format === "ppt" || format === "doc") {
    const expected = format === "pdf" ? "PDF" : format === "ppt" ? "presentation" : "document";
    if (format === "pdf" && isPdf(body.prefix)) return working(chain, base);
    if (page !== undefined) {
      const why = detectSoftNotFound(page) ?? home;
      return broken(`${expected} replaced by an HTML page${why ? ` (${why})` : ""}`);
    }
    if (format === "pdf") return broken(`not a PDF (${base.contentType ?? "no content type"}, no %PDF- signature)`);
    return working(chain, base);
  }

  if (isHtmlFormat(format) && page !== undefined) {
    const soft = detectSoftNotFound(page);
    if (soft !== undefined) return broken(soft);
    if (home !== undefined) return broken(home);
    if (probe !== undefined && answersLikeMissingPage(url, chain, page, probe)) {
      return broken(`soft 404: the page is the same as the host's answer to a path that cannot exist (in ${probe.folder})`);
    }
  }
  return working(chain, base);
}

function working(chain: Chain, base: Omit<Verdict, "status" | "reason" | "gone">): Verdict {
  const permanent = chain.hops.filter((h) => h.kind !== "temporary");
  const status = chain.final.kind === "response" ? chain.final.status : 200;
  if (permanent.length > 0) {
    const how = permanent.map((h) => (h.kind === "meta" ? "meta refresh" : String(h.httpStatus))).join(", ");
    return { ...base, status: "redirected", suggestedUrl: chain.finalUrl, reason: `permanent redirect (${how}) to a working ${chain.page ? "page" : "file"}`, gone: false };
  }
  const temporary = chain.hops.length > 0 ? ` after temporary redirect (${chain.hops.map((h) => h.httpStatus).join(", ")})` : "";
  return { ...base, status: "ok", reason: `HTTP ${status}${temporary}`, gone: false };
}

function answersLikeMissingPage(url: string, chain: Chain, page: PageInfo, probe: Probe): boolean {
  // A site's home page is what many sites answer for unknown paths; it is not missing itself.
  if (new URL(url).pathname === "/" || probe.status < 200 || probe.status >= 300 || probe.page === undefined) return false;
  if (probe.finalUrl === chain.finalUrl) return true;
  return probe.page.title === page.title && textSimilarity(probe.page.text, page.text) >= 0.9;
}

/** How much of the body arrived before the connection closed, against what the server announced. */
function describeCut(answer: HttpAnswer): string {
  const got = answer.body.bytesRead;
  const length = Number(answer.headers["content-length"]);
  const encoded = answer.headers["content-encoding"] !== undefined;
  if (Number.isInteger(length) && length > 0 && !encoded) return `the connection closed after ${got} of ${length} bytes (Content-Length)`;
  if (/chunked/i.test(String(answer.headers["transfer-encoding"] ?? ""))) return `the chunked body never finished (the connection closed after ${got} bytes)`;
  return `the connection closed after ${got} bytes`;
}

function describeDenial(answer: HttpAnswer): string {
  if (/captcha|access denied|request blocked/i.test(bodyText(answer).slice(0, 4096))) return "bot protection or access rules; check it in a browser";
  return "access denied; check it in a browser";
}
