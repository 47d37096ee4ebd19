// What one HTTP exchange produced, as data. Network failures are values here, never exceptions.
import type { IncomingHttpHeaders } from "node:http";

/** Why a request got no HTTP answer. */
export type NetworkErrorKind =
  | "dns-not-found" // the host name does not exist
  | "dns-failure" // the resolver failed for now
  | "refused-address" // link-local or cloud-metadata address, refused on purpose
  | "connection-refused"
  | "connection-reset"
  | "timeout"
  | "tls"
  | "unsupported-scheme"
  | "decode" // a compressed body that cannot be decompressed
  | "cancelled" // the run stopped waiting for the answer (not the server's doing)
  | "other";

export interface NetworkError {
  kind: "network-error";
  error: NetworkErrorKind;
  message: string;
}

export interface BodySample {
  /** The first bytes of the (decoded) body, at most the configured prefix. */
  prefix: Uint8Array;
  /** Bytes of decoded body read in all (more than prefix when hashing a whole document). */
  bytesRead: number;
  /** True when the body ended before any limit: bytesRead is its whole size. */
  complete: boolean;
  /** SHA-256 of the whole decoded body, when it was read completely and hashing was asked for. */
  sha256?: string;
  /** Base32 SHA-1 of the whole body, as web archives give content digests. */
  sha1Base32?: string;
  /** Set when the body could not be read to the end (a deadline, a reset, a decoding error). */
  readError?: NetworkErrorKind;
}

export interface HttpAnswer {
  kind: "response";
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: BodySample;
}

export type FetchOutcome = HttpAnswer | NetworkError;
