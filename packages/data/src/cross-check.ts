// Checks that span several resources, which the schema alone cannot express. They read the raw
// parsed value defensively (a field that is not what the schema wants is simply not compared), so
// they run beside the schema's own checks and every problem is reported in one pass: an unknown
// section is named together with a missing title, not only once the title is fixed.
import type { PathSegment } from "@td/schema";

export type Severity = "error" | "warning";

/** What a finding is about, so that many findings of one kind can be told as one line. */
export type FindingKind = "duplicate-section" | "duplicate-id" | "unknown-section" | "shared-url" | "pdf-url-format" | "stand-in-format";

export interface Finding {
  severity: Severity;
  kind: FindingKind;
  path: PathSegment[];
  message: string;
}

const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

export function crossCheck(directory: unknown): Finding[] {
  const findings: Finding[] = [];
  const top = record(directory);
  const sectionIds = new Set<string>();
  list(top?.sections).forEach((raw, i) => {
    const id = str(record(raw)?.id);
    if (id === undefined) return;
    if (sectionIds.has(id)) findings.push({ severity: "error", kind: "duplicate-section", path: ["sections", i, "id"], message: `duplicate section id "${id}"` });
    sectionIds.add(id);
  });

  const firstById = new Map<string, number>();
  const byUrl = new Map<string, { index: number; url: string; ids: string[] }>();
  list(top?.resources).forEach((raw, i) => {
    const resource = record(raw);
    if (resource === undefined) return;
    const id = str(resource.id);
    if (id !== undefined) {
      const earlier = firstById.get(id);
      if (earlier !== undefined) {
        findings.push({ severity: "error", kind: "duplicate-id", path: ["resources", i, "id"], message: `duplicate id "${id}" (first used by resources[${earlier}])` });
      } else firstById.set(id, i);
    }
    const section = str(resource.section);
    if (section !== undefined && sectionIds.size > 0 && !sectionIds.has(section)) {
      findings.push({ severity: "error", kind: "unknown-section", path: ["resources", i, "section"], message: `unknown section "${section}" (sections: ${[...sectionIds].join(", ")})` });
    }
    const standInFor = str(resource.standInFor);
    if (standInFor !== undefined && standInFor === str(resource.format)) {
      findings.push({
        severity: "error",
        kind: "stand-in-format",
        path: ["resources", i, "standInFor"],
        message: `is the same as format ("${standInFor}"): standInFor names what the resource is when its URL is a page standing in for it, and format what that page is (usually "web"); remove standInFor if the URL is the ${standInFor} itself`,
      });
    }
    const raw_url = str(resource.url);
    // One URL parse per resource serves both checks: at 100,000 resources parsing is the cost.
    const url = raw_url === undefined || !URL.canParse(raw_url) ? undefined : new URL(raw_url);
    if (url === undefined || raw_url === undefined) return;
    const urlKey = normalizeForComparison(url);
    const group = byUrl.get(urlKey) ?? { index: i, url: raw_url, ids: [] };
    group.ids.push(id ?? `resources[${i}]`);
    byUrl.set(urlKey, group);
    const format = str(resource.format);
    if (format !== undefined && format !== "pdf" && url.pathname.toLowerCase().endsWith(".pdf")) {
      findings.push({ severity: "warning", kind: "pdf-url-format", path: ["resources", i, "format"], message: `the URL ends in .pdf but format is "${format}"` });
    }
  });
  // One warning per shared URL, naming every resource that uses it: usually a copy-paste slip, or a
  // hub page standing in for documents whose own URLs are still to be found.
  for (const group of byUrl.values()) {
    if (group.ids.length < 2) continue;
    findings.push({
      severity: "warning",
      kind: "shared-url",
      path: ["resources", group.index, "url"],
      message: `the same URL is used by ${group.ids.length} resources (${group.ids.map((id) => `"${id}"`).join(", ")}): ${group.url}`,
    });
  }
  return findings;
}

/** Two URLs that differ only in the fragment or a trailing slash lead to the same place. */
function normalizeForComparison(url: URL): string {
  const path = url.pathname.length > 1 && url.pathname.endsWith("/") ? url.pathname.slice(0, -1) : url.pathname;
  return `${url.origin}${path}${url.search}`;
}
