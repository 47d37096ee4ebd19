// The hidden state an issue carries in its body: an HTML comment with JSON, read back next run.
import { z } from "zod";
import { LinkStatus } from "@td/schema";

export const IssueState = z.object({
  id: z.string(),
  url: z.string(),
  status: LinkStatus,
  suggestedUrl: z.string().nullable().default(null),
  archivedUrl: z.string().nullable().default(null),
  firstSeen: z.string(),
  lastChecked: z.string(),
  /** The failing streak the body shows: since when, and how many checks in a row. */
  failingSince: z.string().optional(),
  failingRuns: z.int().positive().optional(),
  /** The open pull request that fixes this resource, when the body names one. */
  fixPr: z.int().positive().optional(),
  /** The dismissed issue this one follows, when a change lifted a dismissal. */
  dismissedIssue: z.int().positive().optional(),
  /** Set when the tool itself closed the issue, so the close is never taken for a dismissal. */
  closedBy: z.literal("tool").optional(),
});
export type IssueState = z.infer<typeof IssueState>;

/** The hidden state of a host-wide issue: one host whose resources fail alike. */
export const HostState = z.object({
  host: z.string(),
  status: LinkStatus,
  /** How many resources it covered (their list is rebuilt from each report: it could outgrow a body). */
  count: z.int().nonnegative(),
  firstSeen: z.string(),
  lastChecked: z.string(),
  closedBy: z.literal("tool").optional(),
});
export type HostState = z.infer<typeof HostState>;

/** One run's counts, in the order ok, redirected, moved, broken, error. */
export const TrendPoint = z.tuple([z.int(), z.int(), z.int(), z.int(), z.int()]);

export const ReportState = z.object({
  lastRun: z.string(),
  /** Resources that needed attention last run, and their status. */
  problems: z.record(z.string(), LinkStatus).default({}),
  /** Consecutive runs each resource has been `error`. */
  errorStreaks: z.record(z.string(), z.int().positive()).default({}),
  /** When the last runs (at most 12) finished, oldest first. */
  runs: z.array(z.string()).default([]),
  /**
   * Each resource's results over those runs, one letter per run (o ok, r redirected, m moved,
   * b broken, e error, - not checked). Resources that were ok in every run are left out.
   */
  history: z.record(z.string(), z.string()).default({}),
  /** Counts per run, aligned with `runs`. */
  trend: z.array(TrendPoint).default([]),
  /** Per run, aligned with `runs`: entries that are stand-ins, and documents found behind them. */
  standIns: z.array(z.tuple([z.int(), z.int()])).default([]),
  /** The current failing streak of every resource that is not ok. */
  failing: z.record(z.string(), z.object({ url: z.string(), since: z.string(), runs: z.int().positive() })).default({}),
  /** Dismissed issues whose dismissal a change of status or URL has lifted. */
  lifted: z.array(z.int().positive()).default([]),
});
export type ReportState = z.infer<typeof ReportState>;

const ISSUE_MARKER = "link-health:v1";
const HOST_MARKER = "link-health-host:v1";
const REPORT_MARKER = "link-health-report:v1";

/** The payload of the first `<!-- name … -->` in a body (found by position, no pattern over the body). */
export function markerPayload(name: string, body: string | null | undefined): string | undefined {
  const text = body ?? "";
  const open = `<!-- ${name} `;
  const start = text.indexOf(open);
  if (start === -1) return undefined;
  const end = text.indexOf(" -->", start + open.length);
  return end === -1 ? undefined : text.slice(start + open.length, end);
}

function encode(name: string, value: unknown): string {
  // "--" may not appear inside an HTML comment; \u002d keeps the JSON the same.
  return `<!-- ${name} ${JSON.stringify(value).replace(/--/g, "-\\u002d")} -->`;
}

function decode<T>(name: string, schema: z.ZodType<T>, body: string | null | undefined): T | undefined {
  const payload = markerPayload(name, body);
  if (payload === undefined || !payload.startsWith("{")) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const encodeIssueState = (state: IssueState) => encode(ISSUE_MARKER, state);
export const decodeIssueState = (body: string | null | undefined) => decode(ISSUE_MARKER, IssueState, body);
export const encodeHostState = (state: HostState) => encode(HOST_MARKER, state);
export const decodeHostState = (body: string | null | undefined) => decode(HOST_MARKER, HostState, body);
export const encodeReportState = (state: ReportState) => encode(REPORT_MARKER, state);
export const decodeReportState = (body: string | null | undefined) => decode(REPORT_MARKER, ReportState, body);

/** The body with its marker saying the tool closed the issue (the rest of the body unchanged). */
export function markClosedByTool(body: string): string {
  const state = decodeIssueState(body);
  if (state === undefined) return body;
  const payload = markerPayload(ISSUE_MARKER, body)!;
  return body.replace(`<!-- ${ISSUE_MARKER} ${payload} -->`, () => encodeIssueState({ ...state, closedBy: "tool" }));
}

/** Room the rolling issue's state may take of GitHub's 65,536-character body. */
export const MAX_STATE = 40_000;

/**
 * The state cut to fit `max` characters once encoded: histories are dropped first for links
 * that are ok now, then for the others, so the report keeps what matters most.
 */
export function fitReportState(state: ReportState, max: number): { state: ReportState; dropped: number } {
  if (encodeReportState(state).length <= max) return { state, dropped: 0 };
  const ids = Object.keys(state.history).sort((a, b) => Number(state.failing[a] !== undefined) - Number(state.failing[b] !== undefined));
  const history = { ...state.history };
  let dropped = 0;
  let size = encodeReportState(state).length;
  while (size > max && dropped < ids.length) {
    // Drop entries whose encoded size covers the excess, then measure again.
    let freed = 0;
    while (freed < size - max && dropped < ids.length) {
      const id = ids[dropped++]!;
      freed += JSON.stringify(id).length + JSON.stringify(history[id]).length + 2;
      delete history[id];
    }
    size = encodeReportState({ ...state, history }).length;
  }
  return { state: { ...state, history }, dropped };
}
