// Reads a response body within bounds: keeps a prefix for analysis, optionally hashes the whole
// body, decompresses under the same bound (a gzip bomb stops at the limit), and aborts the rest.
import { createHash } from "node:crypto";
import { pipeline, type Readable } from "node:stream";
import { constants, createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { BodySample, NetworkErrorKind } from "./types.ts";

export interface BodyLimits {
  /** Bytes kept for analysis. */
  prefixBytes: number;
  /** Decoded bytes read at most; reading stops there. */
  maxBytes: number;
  /** Hash the whole body (only reported when it ends within maxBytes). */
  hash: boolean;
}

function decoderFor(encoding: string | undefined) {
  // Truncated streams are normal here (we stop early), so flush what is there instead of failing.
  const flush = { finishFlush: constants.Z_SYNC_FLUSH };
  switch (encoding?.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return createGunzip(flush);
    case "deflate":
      return createInflate(flush);
    case "br":
      return createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
    default:
      return undefined;
  }
}

export async function readBody(
  stream: Readable,
  contentEncoding: string | undefined,
  limits: BodyLimits,
  classifyError: (error: unknown) => NetworkErrorKind,
): Promise<BodySample> {
  const decoder = decoderFor(contentEncoding);
  const source: Readable = decoder ? pipeline(stream, decoder, () => {}) : stream;
  const chunks: Buffer[] = [];
  let kept = 0;
  let bytesRead = 0;
  let complete = false;
  let readError: NetworkErrorKind | undefined;
  const hash = limits.hash ? createHash("sha256") : undefined;
  // Web archives name a copy's content by base32 SHA-1; keeping it lets an archived digest find the same bytes.
  const sha1 = limits.hash ? createHash("sha1") : undefined;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const room = limits.maxBytes - bytesRead;
      const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
      bytesRead += piece.length;
      hash?.update(piece);
      sha1?.update(piece);
      if (kept < limits.prefixBytes) {
        const take = piece.subarray(0, limits.prefixBytes - kept);
        chunks.push(take);
        kept += take.length;
      }
      if (bytesRead >= limits.maxBytes) break;
    }
    complete = bytesRead < limits.maxBytes;
  } catch (error) {
    readError = classifyError(error);
  } finally {
    stream.destroy();
    decoder?.destroy();
  }
  const sample: BodySample = { prefix: Buffer.concat(chunks), bytesRead, complete };
  if (hash && sha1 && complete) {
    sample.sha256 = hash.digest("hex");
    sample.sha1Base32 = base32(sha1.digest());
  }
  if (readError !== undefined) sample.readError = readError;
  return sample;
}

/** RFC 4648 base32, the form of web-archive content digests. */
export function base32(bytes: Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}
