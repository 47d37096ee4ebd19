// Hand-written check reports about the real directory, one result per kind of outcome.
import type { CheckResult, Report } from "@td/schema";
import { summarize } from "@td/schema";

export const AT = "2026-11-30T06:01:10.000Z";

export function result(id: string, url: string, status: CheckResult["status"], extra: Partial<CheckResult> = {}): CheckResult {
  return {
    id,
    url,
    status,
    httpStatus: status === "ok" ? 200 : status === "error" ? 503 : status === "redirected" ? 301 : 404,
    finalUrl: url,
    suggestedUrl: null,
    archivedUrl: null,
    reason: status === "ok" ? "HTTP 200" : status === "error" ? "HTTP 503 after 3 attempts" : "HTTP 404",
    checkedAt: "2026-11-30T06:00:03.000Z",
    ...extra,
  };
}

export function report(results: CheckResult[], inconclusive = false): Report {
  return { schemaVersion: 1, startedAt: "2026-11-30T06:00:00.000Z", finishedAt: AT, inconclusive, summary: summarize(results), results };
}
