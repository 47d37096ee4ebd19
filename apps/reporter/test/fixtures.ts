import type { CheckResult, LinkStatus, Report } from "@td/schema";
import type { ResourceInfo } from "../src/render/issue-body.ts";

export const resources = new Map<string, ResourceInfo>(
  [
    { id: "alpha", title: "Alpha Guide", section: "Guides", url: "https://example.org/alpha.pdf" },
    { id: "beta", title: "Beta Toolkit", section: "Guides", url: "https://example.org/beta.pdf" },
    { id: "gamma", title: "Gamma Fact Sheet", section: "Fact sheets", url: "https://example.org/gamma.htm" },
  ].map((r) => [r.id, r] as const),
);

export function result(id: string, status: LinkStatus, extra: Partial<CheckResult> = {}): CheckResult {
  return {
    id,
    url: resources.get(id)?.url ?? `https://example.org/${id}`,
    status,
    httpStatus: status === "ok" ? 200 : status === "error" ? 503 : 404,
    finalUrl: null,
    suggestedUrl: status === "moved" || status === "redirected" ? `https://example.org/new/${id}.pdf` : null,
    archivedUrl: null,
    reason: status === "ok" ? "HTTP 200" : status === "error" ? "HTTP 503: server error, transient after 3 attempts" : "HTTP 404 Not Found",
    checkedAt: "2026-11-30T06:00:03.000Z",
    ...extra,
  };
}

export function report(results: CheckResult[], options: { inconclusive?: boolean; at?: string } = {}): Report {
  const summary = { ok: 0, redirected: 0, moved: 0, broken: 0, error: 0 };
  for (const r of results) summary[r.status] += 1;
  const at = options.at ?? "2026-11-30T06:01:00.000Z";
  return {
    schemaVersion: 1,
    startedAt: at,
    finishedAt: at,
    inconclusive: options.inconclusive ?? false,
    summary,
    results: results.map((r) => ({ ...r, checkedAt: at })),
  };
}
