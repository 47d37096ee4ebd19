// Read-only views of a directory that the apps share: stable ordering and grouping.
import type { Directory, Resource, Section } from "@td/schema";

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Compares titles the way a reader expects: case-insensitive, numbers in numeric order, ids break ties. */
export function compareResources(a: Resource, b: Resource): number {
  return collator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Resources in a stable order: sections in the data's order, then by title. */
export function orderResources(directory: Directory): Resource[] {
  const rank = new Map(directory.sections.map((s, i) => [s.id, i] as const));
  return [...directory.resources].sort(
    (a, b) => (rank.get(a.section) ?? Infinity) - (rank.get(b.section) ?? Infinity) || compareResources(a, b),
  );
}

export interface SectionGroup {
  section: Section;
  resources: Resource[];
}

/** Every section in data order with its resources sorted by title; empty sections are kept. */
export function groupBySection(directory: Directory): SectionGroup[] {
  return directory.sections.map((section) => ({
    section,
    resources: directory.resources.filter((r) => r.section === section.id).sort(compareResources),
  }));
}

export function resourcesByPublisher(directory: Directory): Map<string, Resource[]> {
  const byPublisher = new Map<string, Resource[]>();
  for (const resource of [...directory.resources].sort(compareResources)) {
    const list = byPublisher.get(resource.publisher) ?? [];
    list.push(resource);
    byPublisher.set(resource.publisher, list);
  }
  return new Map([...byPublisher].sort(([a], [b]) => collator.compare(a, b)));
}

export function findResource(directory: Directory, id: string): Resource | undefined {
  return directory.resources.find((r) => r.id === id);
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/**
 * The ids of a report's results that name no resource of the directory: a report made for
 * another directory (or an older version of this one) would put its statuses on resources it
 * never checked.
 */
export function foreignResultIds(report: { results: readonly { id: string }[] }, directory: Directory): string[] {
  const ids = new Set(directory.resources.map((r) => r.id));
  return report.results.filter((r) => !ids.has(r.id)).map((r) => r.id);
}
