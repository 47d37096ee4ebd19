// Where the rolling report issue keeps its state, so that it fits GitHub's 65,536-character
// bodies at any directory size without losing what the next run needs: plain JSON in the body's
// marker when it fits; compressed (gzip, base64) when that fits; otherwise compressed and split
// over hidden comments of the issue ("parts"), the body's marker naming how many and their digest.
// Pure, apart from zlib.
import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { ReportState, encodeReportState, markerPayload } from "./marker.ts";

const REPORT_MARKER = "link-health-report:v1";
const PART_MARKER = "link-health-report-part:v1";
/** Characters of compressed state per hidden comment, well within a comment's 65,536. */
export const PART_SIZE = 60_000;
/** Parts at most (about 1.2 MB of compressed state); more means the histories are dropped first. */
export const MAX_PARTS = 20;

export interface PackedState {
  /** The marker for the body. */
  marker: string;
  /** The hidden comments, in order (none when the state fits the body). */
  parts: string[];
}

export function packReportState(state: ReportState, room: number): PackedState {
  const plain = encodeReportState(state);
  if (plain.length <= room) return { marker: plain, parts: [] };
  const packed = gzipSync(JSON.stringify(state), { level: 9 }).toString("base64");
  const inline = `<!-- ${REPORT_MARKER} gz:${packed} -->`;
  if (inline.length <= room) return { marker: inline, parts: [] };
  const digest = createHash("sha256").update(packed).digest("hex").slice(0, 16);
  const chunks: string[] = [];
  for (let at = 0; at < packed.length; at += PART_SIZE) chunks.push(packed.slice(at, at + PART_SIZE));
  const parts = chunks.map(
    (chunk, i) => `The weekly link check keeps its history here (part ${i + 1} of ${chunks.length}); please leave this comment as it is.\n<!-- ${PART_MARKER} ${i + 1}/${chunks.length} ${digest} ${chunk} -->`,
  );
  return { marker: `<!-- ${REPORT_MARKER} parts:${chunks.length}:${digest} -->`, parts };
}

/** How many part comments the body's marker asks for (0 when the state is in the body). */
export function partsWanted(body: string | null | undefined): number {
  const payload = markerPayload(REPORT_MARKER, body);
  const match = payload === undefined ? null : /^parts:(\d+):[0-9a-f]+$/.exec(payload);
  return match ? Number(match[1]) : 0;
}

/** Whether a comment is one of the state's parts. */
export const isStatePart = (comment: string) => markerPayload(PART_MARKER, comment) !== undefined;

/** The state from the body and, when it is split, its part comments; undefined when unreadable. */
export function unpackReportState(body: string | null | undefined, comments: readonly string[] = []): ReportState | undefined {
  const payload = markerPayload(REPORT_MARKER, body);
  if (payload === undefined) return undefined;
  let packed: string;
  if (payload.startsWith("{")) return parse(payload);
  if (payload.startsWith("gz:")) packed = payload.slice(3);
  else {
    const match = /^parts:(\d+):([0-9a-f]+)$/.exec(payload);
    if (!match) return undefined;
    const [n, digest] = [Number(match[1]), match[2]!];
    const chunks = new Map<number, string>();
    for (const c of comments) {
      const part = markerPayload(PART_MARKER, c)?.split(" ");
      if (part === undefined || part.length !== 3 || part[1] !== digest) continue;
      chunks.set(Number(part[0]!.split("/")[0]), part[2]!);
    }
    if (chunks.size !== n) return undefined;
    packed = Array.from({ length: n }, (_, i) => chunks.get(i + 1) ?? "").join("");
    if (createHash("sha256").update(packed).digest("hex").slice(0, 16) !== digest) return undefined;
  }
  try {
    return parse(gunzipSync(Buffer.from(packed, "base64")).toString("utf8"));
  } catch {
    return undefined;
  }
}

function parse(json: string): ReportState | undefined {
  try {
    const parsed = ReportState.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
