// What a body is, judged by its bytes first: servers mislabel PDFs as octet-stream and serve
// HTML error pages as application/pdf.
import type { IncomingHttpHeaders } from "node:http";
import type { HttpAnswer } from "../http/types.ts";

const PDF_MAGIC = Buffer.from("%PDF-");

/** A PDF starts with %PDF- (readers accept it within the first 1024 bytes). */
export function isPdf(prefix: Uint8Array): boolean {
  return Buffer.from(prefix.buffer, prefix.byteOffset, Math.min(prefix.length, 1024)).indexOf(PDF_MAGIC) !== -1;
}

export function contentTypeOf(headers: IncomingHttpHeaders): string | null {
  const raw = headers["content-type"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value ? value.split(";")[0]!.trim().toLowerCase() : null;
}

export function looksLikeHtml(prefix: Uint8Array, contentType: string | null): boolean {
  if (isPdf(prefix)) return false;
  if (contentType === "text/html" || contentType === "application/xhtml+xml") return true;
  const head = Buffer.from(prefix.buffer, prefix.byteOffset, Math.min(prefix.length, 512))
    .toString("latin1")
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, "")
    .trimStart()
    .toLowerCase();
  return /^(<!doctype html|<html|<head|<body|<!--[\s\S]*?-->\s*<html)/.test(head);
}

/** Decodes an HTML prefix with the charset the server named, else UTF-8. */
export function decodeText(prefix: Uint8Array, headers: IncomingHttpHeaders): string {
  const raw = headers["content-type"];
  const charset = /charset=["']?([\w-]+)/i.exec(Array.isArray(raw) ? (raw[0] ?? "") : (raw ?? ""))?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8", { fatal: false }).decode(prefix);
  } catch {
    return new TextDecoder("utf-8", { fatal: false }).decode(prefix);
  }
}

/** The start of a body as text, scripts and all: where bot walls leave their markers. */
export function bodyText(answer: HttpAnswer): string {
  const prefix = answer.body.prefix;
  return Buffer.from(prefix.buffer, prefix.byteOffset, Math.min(prefix.length, 64 * 1024)).toString("utf8");
}
