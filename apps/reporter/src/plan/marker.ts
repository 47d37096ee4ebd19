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
});
export type IssueState = z.infer<typeof IssueState>;

export const ReportState = z.object({
  lastRun: z.string(),
  /** Resources that needed attention last run, and their status. */
  problems: z.record(z.string(), LinkStatus).default({}),
  /** Consecutive runs each resource has been `error`. */
  errorStreaks: z.record(z.string(), z.int().positive()).default({}),
});
export type ReportState = z.infer<typeof ReportState>;

const ISSUE_MARKER = "link-health:v1";
const REPORT_MARKER = "link-health-report:v1";

function encode(name: string, value: unknown): string {
  // "--" may not appear inside an HTML comment; \u002d keeps the JSON the same.
  return `<!-- ${name} ${JSON.stringify(value).replace(/--/g, "-\\u002d")} -->`;
}

function decode<T>(name: string, schema: z.ZodType<T>, body: string | null | undefined): T | undefined {
  const match = new RegExp(`<!-- ${name} (\\{.*?\\}) -->`).exec(body ?? "");
  if (!match) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(match[1]!));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const encodeIssueState = (state: IssueState) => encode(ISSUE_MARKER, state);
export const decodeIssueState = (body: string | null | undefined) => decode(ISSUE_MARKER, IssueState, body);
export const encodeReportState = (state: ReportState) => encode(REPORT_MARKER, state);
export const decodeReportState = (body: string | null | undefined) => decode(REPORT_MARKER, ReportState, body);
