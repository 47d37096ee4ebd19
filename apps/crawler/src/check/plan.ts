// Which URLs to fetch for which resources: identical URLs are fetched once.
import type { Directory, Resource } from "@td/schema";

export interface UrlTask {
  url: string;
  resources: Resource[];
  /** A PDF resource wants the whole body, to fingerprint it. */
  fingerprint: boolean;
  /** An HTML resource wants the soft-404 probe. */
  htmlExpected: boolean;
}

export type Plan = { ok: true; resources: Resource[]; tasks: UrlTask[] } | { ok: false; unknownIds: string[] };

export function planChecks(directory: Directory, only: readonly string[] | undefined): Plan {
  let resources = directory.resources;
  if (only !== undefined) {
    const known = new Set(resources.map((r) => r.id));
    const unknownIds = only.filter((id) => !known.has(id));
    if (unknownIds.length > 0) return { ok: false, unknownIds };
    const wanted = new Set(only);
    resources = resources.filter((r) => wanted.has(r.id));
  }
  const byUrl = new Map<string, UrlTask>();
  for (const resource of resources) {
    const url = new URL(resource.url).href;
    const task = byUrl.get(url) ?? { url, resources: [], fingerprint: false, htmlExpected: false };
    task.resources.push(resource);
    if (resource.format === "pdf") task.fingerprint = true;
    if (resource.format === "web" || resource.format === "course" || resource.format === "video") task.htmlExpected = true;
    byUrl.set(url, task);
  }
  return { ok: true, resources, tasks: [...byUrl.values()] };
}
