// Names the reason a request failed from the error Node or undici gave.
import type { NetworkErrorKind } from "./types.ts";

export function classifyNetworkError(error: unknown, timedOut: boolean): NetworkErrorKind {
  if (timedOut) return "timeout";
  const e = error as { code?: string; name?: string; cause?: unknown; message?: string };
  const code = e?.code ?? (e?.cause as { code?: string } | undefined)?.code ?? "";
  switch (code) {
    case "ENOTFOUND":
    case "EAI_NONAME":
      return "dns-not-found";
    case "EAI_AGAIN":
    case "EAI_FAIL":
      return "dns-failure";
    case "EREFUSEDADDRESS":
      return "refused-address";
    case "ECONNREFUSED":
      return "connection-refused";
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
    case "ERR_STREAM_PREMATURE_CLOSE":
      return "connection-reset";
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
      return "timeout";
  }
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|SELF_SIGNED|DEPTH_ZERO|EPROTO)/.test(code)) return "tls";
  // zlib's codes (Z_DATA_ERROR…) and brotli's (ERR__ERROR_FORMAT_…): the bytes are not what the encoding says.
  if (/^(Z_|ERR__ERROR_|ERR_BROTLI)/.test(code)) return "decode";
  if (e?.name === "TimeoutError") return "timeout";
  if (e?.cause !== undefined && e.cause !== error) return classifyNetworkError(e.cause, false);
  return "other";
}

export function describeNetworkError(kind: NetworkErrorKind): string {
  switch (kind) {
    case "dns-not-found":
      return "host name does not exist";
    case "dns-failure":
      return "DNS lookup failed (temporary)";
    case "refused-address":
      return "refused: the address is link-local or a cloud-metadata service";
    case "connection-refused":
      return "connection refused";
    case "connection-reset":
      return "connection reset";
    case "timeout":
      return "timed out";
    case "tls":
      return "TLS failure";
    case "unsupported-scheme":
      return "not an http(s) URL";
    case "decode":
      return "the body could not be decompressed";
    case "cancelled":
      return "not waited for any longer";
    case "other":
      return "network error";
    default: {
      const never: never = kind;
      return never;
    }
  }
}
