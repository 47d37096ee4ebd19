// Which resources the run looks after, in what order, and what it would record. Pure.
// Only working resources are saved (ok, redirected): a capture of a broken page preserves nothing.
// Resources without a copy come first, then those whose copies are oldest, so a run that runs out
// of time leaves the next one the resources that waited longest.
import type { ArchivedCopy, CheckResult, Directory, Format, Report, Resource } from "@td/schema";

export interface Target {
  index: number;
  resource: Resource;
  result: CheckResult | undefined;
  /** Where a capture counts: the URL, and for a redirected one its final URL too. */
  urls: string[];
  /** What to save: the address that serves the resource (a redirected one's final URL). */
  saveUrl: string;
  /** What the URLs serve (a stand-in page is a web page). */
  format: Format;
  /** Why it is not looked after, or undefined. */
  skip: "not-working" | "stale-result" | undefined;
}

export function planTargets(directory: Directory, report: Report): Target[] {
  const results = new Map(report.results.map((r) => [r.id, r] as const));
  const targets = directory.resources.map((resource, index): Target => {
    const found = results.get(resource.id);
    const result = found !== undefined && found.url === resource.url ? found : undefined;
    const finalUrl = result?.status === "redirected" ? (result.suggestedUrl ?? result.finalUrl ?? resource.url) : resource.url;
    const working = result?.status === "ok" || result?.status === "redirected";
    return {
      index,
      resource,
      result,
      urls: [...new Set([resource.url, finalUrl])],
      saveUrl: finalUrl,
      format: resource.format,
      skip: result === undefined ? "stale-result" : working ? undefined : "not-working",
    };
  });
  const age = (t: Target) => t.resource.archivedCopy?.capturedAt ?? "";
  // A stable sort: equal ages keep data order.
  return targets.sort((a, b) => age(a).localeCompare(age(b)));
}

/** Whether a recorded copy is one of the target's URLs' and newer than `maxAgeMs`. */
export function isRecent(copy: ArchivedCopy | undefined, urls: readonly string[], now: number, maxAgeMs: number): boolean {
  if (copy === undefined || !urls.some((u) => copy.url.endsWith(`/${u}`))) return false;
  return now - Date.parse(copy.capturedAt) < maxAgeMs;
}

/** What to write to the data: a good copy newer than the recorded one (or any, when the recorded one is of another URL). */
export function toRecord(existing: ArchivedCopy | undefined, found: ArchivedCopy | undefined, urls: readonly string[]): ArchivedCopy | null {
  if (found === undefined) return null;
  if (existing === undefined) return found;
  if (existing.url === found.url) return null;
  const sameUrl = urls.some((u) => existing.url.endsWith(`/${u}`));
  if (sameUrl && Date.parse(existing.capturedAt) >= Date.parse(found.capturedAt)) return null;
  return found;
}

/** The newer of two copies. */
export function newer(a: ArchivedCopy | undefined, b: ArchivedCopy | undefined): ArchivedCopy | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(b.capturedAt) > Date.parse(a.capturedAt) ? b : a;
}
