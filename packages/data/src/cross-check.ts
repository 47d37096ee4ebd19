// Checks that span several resources, which the schema alone cannot express.
import type { Directory, PathSegment } from "@td/schema";

export type Severity = "error" | "warning";

export interface Finding {
  severity: Severity;
  path: PathSegment[];
  message: string;
}

export function crossCheck(directory: Directory): Finding[] {
  const findings: Finding[] = [];
  const sectionIds = new Set<string>();
  directory.sections.forEach((section, i) => {
    if (sectionIds.has(section.id)) {
      findings.push({ severity: "error", path: ["sections", i, "id"], message: `duplicate section id "${section.id}"` });
    }
    sectionIds.add(section.id);
  });

  const firstById = new Map<string, number>();
  const byUrl = new Map<string, { index: number; url: string; ids: string[] }>();
  directory.resources.forEach((resource, i) => {
    const earlier = firstById.get(resource.id);
    if (earlier !== undefined) {
      findings.push({
        severity: "error",
        path: ["resources", i, "id"],
        message: `duplicate id "${resource.id}" (first used by resources[${earlier}])`,
      });
    } else {
      firstById.set(resource.id, i);
    }
    if (!sectionIds.has(resource.section)) {
      findings.push({
        severity: "error",
        path: ["resources", i, "section"],
        message: `unknown section "${resource.section}" (sections: ${[...sectionIds].join(", ")})`,
      });
    }
    // One URL parse per resource serves both checks: at 100,000 resources parsing is the cost.
    const url = new URL(resource.url);
    const urlKey = normalizeForComparison(url);
    const group = byUrl.get(urlKey) ?? { index: i, url: resource.url, ids: [] };
    group.ids.push(resource.id);
    byUrl.set(urlKey, group);
    if (resource.format !== "pdf" && url.pathname.toLowerCase().endsWith(".pdf")) {
      findings.push({
        severity: "warning",
        path: ["resources", i, "format"],
        message: `the URL ends in .pdf but format is "${resource.format}"`,
      });
    }
  });
  // One warning per shared URL, naming every resource that uses it: usually a copy-paste slip, or a
  // hub page standing in for documents whose own URLs are still to be found.
  for (const group of byUrl.values()) {
    if (group.ids.length < 2) continue;
    findings.push({
      severity: "warning",
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
