// One GET within a whole-request deadline (headers and body), returning an outcome value.
import { isIP } from "node:net";
import { request } from "undici";
import { bareHostname, isRefusedAddress } from "./address-guard.ts";
import type { HttpClient } from "./client.ts";
import { classifyNetworkError, describeNetworkError } from "./network-error.ts";
import { readBody, type BodyLimits } from "./read-body.ts";
import type { FetchOutcome, NetworkError } from "./types.ts";

export interface FetchRequest {
  url: string;
  /** Ask for the first `limits.prefixBytes` bytes only (Range: bytes=0-N). */
  ranged: boolean;
  limits: BodyLimits;
  deadlineMs: number;
  /** A Cookie header for this request (cookies the same redirect chain was given). */
  cookie?: string;
  /** Aborts the request from outside (the run no longer wants the answer); reported as "cancelled". */
  signal?: AbortSignal | undefined;
}

export async function fetchOnce(client: HttpClient, req: FetchRequest): Promise<FetchOutcome> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return networkError("other", "invalid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return networkError("unsupported-scheme");
  const host = bareHostname(url);
  if (isIP(host) !== 0 && isRefusedAddress(host)) return networkError("refused-address");

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.deadlineMs);
  try {
    const headers: Record<string, string> = { ...client.headers };
    if (req.ranged) headers.range = `bytes=0-${req.limits.prefixBytes - 1}`;
    if (req.cookie) headers.cookie = req.cookie;
    const response = await request(url, {
      method: "GET",
      headers,
      dispatcher: client.agent,
      signal: req.signal === undefined ? controller.signal : AbortSignal.any([controller.signal, req.signal]),
    });
    const encoding = response.headers["content-encoding"];
    const body = await readBody(
      response.body,
      Array.isArray(encoding) ? encoding[0] : encoding,
      req.limits,
      (error) => (!timedOut && req.signal?.aborted ? "cancelled" : classifyNetworkError(error, timedOut)),
    );
    return { kind: "response", url: url.href, status: response.statusCode, headers: response.headers, body };
  } catch (error) {
    const kind = !timedOut && req.signal?.aborted ? "cancelled" : classifyNetworkError(error, timedOut);
    // For TLS the code says what is wrong with the certificate (expired, self-signed, wrong name).
    const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
    const detail = kind === "other" && error instanceof Error ? error.message : kind === "tls" ? code : undefined;
    return networkError(kind, detail);
  } finally {
    clearTimeout(timer);
  }
}

function networkError(kind: NetworkError["error"], detail?: string): NetworkError {
  return { kind: "network-error", error: kind, message: detail ? `${describeNetworkError(kind)}: ${detail}` : describeNetworkError(kind) };
}
