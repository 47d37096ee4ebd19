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
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const room = limits.maxBytes - bytesRead;
      const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
      bytesRead += piece.length;
      hash?.update(piece);
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
  if (hash && complete) sample.sha256 = hash.digest("hex");
  if (readError !== undefined) sample.readError = readError;
  return sample;
}
