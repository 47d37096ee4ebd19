// One HTTP request to the archive, read up to a size limit and bounded in time; every outcome is a
// value. The Authorization header is sent and never kept in anything returned.
import type { IncomingHttpHeaders } from "node:http";
import { request } from "undici";

export interface ArchiveAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Sent = { answer: ArchiveAnswer } | { answer: undefined; problem: string };

export interface SendOptions {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  maxBytes: number;
  timeoutMs: number;
}

export async function send(url: string, options: SendOptions): Promise<Sent> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await request(url, {
      method: options.method ?? "GET",
      headers: options.headers ?? {},
      body: options.body ?? null,
      signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      const piece = Buffer.from(chunk as Uint8Array);
      chunks.push(piece);
      size += piece.length;
      if (size >= options.maxBytes) break;
    }
    // Leaving the loop early ends the stream; a body read in full is already done.
    response.body.destroy();
    return { answer: { status: response.statusCode, headers: response.headers as IncomingHttpHeaders, body: Buffer.concat(chunks).subarray(0, options.maxBytes) } };
  } catch (error) {
    if (signal.aborted) return { answer: undefined, problem: `no answer within ${Math.round(options.timeoutMs / 1000)} s` };
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    return { answer: undefined, problem: code ? `${code}: ${message}` : message };
  }
}
