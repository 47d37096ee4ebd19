// The feed's changes: this directory compared with the previous published one. Added, removed,
// given a new address, became unavailable, recovered; each a change with a stable id (the same
// inputs and --date give the same ids). Earlier changes are kept, newest first, up to a bound.
// Pure.
import type { PublishedDirectory, PublishedResource } from "@td/schema";

export type ChangeKind = "published" | "added" | "removed" | "new-address" | "unavailable" | "recovered";

export interface Change {
  id: string;
  kind: ChangeKind;
  /** The day of the publication that saw it (YYYY-MM-DD). */
  date: string;
  resourceId: string | null;
  title: string;
  /** What happened, in plain words. */
  summary: string;
  /** Where to go: the resource's address (or the site's page for a removal and the first publication). */
  link: string | null;
}

export const MAX_CHANGES = 200;

const WORDS: Record<ChangeKind, string> = {
  published: "published",
  added: "added",
  removed: "removed",
  "new-address": "new address",
  unavailable: "unavailable",
  recovered: "recovered",
};

const gone = (r: PublishedResource) => r.status === "broken";
const working = (r: PublishedResource) => r.status === "ok" || r.status === "redirected" || r.status === "moved";

export function findChanges(previous: PublishedDirectory | undefined, current: PublishedDirectory): Change[] {
  const date = current.published;
  const change = (kind: ChangeKind, r: { id: string; title: string; url: string } | undefined, summary: string, link: string | null): Change => ({
    id: `urn:training-directory:change:${date}:${kind}:${r?.id ?? "directory"}`,
    kind,
    date,
    resourceId: r?.id ?? null,
    title: r ? `${WORDS[kind][0]!.toUpperCase()}${WORDS[kind].slice(1)}: ${r.title}` : `Published: ${current.title}`,
    summary,
    link,
  });
  if (previous === undefined) {
    return [change("published", undefined, `The directory was published with ${current.resources.length} resources in ${current.sections.length} sections.`, null)];
  }
  const before = new Map(previous.resources.map((r) => [r.id, r]));
  const now = new Map(current.resources.map((r) => [r.id, r]));
  const out: Change[] = [];
  for (const r of current.resources) {
    const was = before.get(r.id);
    if (was === undefined) {
      out.push(change("added", r, `Added to the directory: ${r.title} (${r.publisher}).`, r.url));
      continue;
    }
    if (was.url !== r.url) out.push(change("new-address", r, `New address: ${r.title} is now at ${r.url} (it was at ${was.url}).`, r.url));
    else if (gone(r) && !gone(was)) out.push(change("unavailable", r, `Unavailable: ${r.title} could not be found at its address at the last check.${r.archivedUrl ? ` An archived copy: ${r.archivedUrl}.` : ""}`, r.archivedUrl ?? r.url));
    else if (gone(was) && working(r)) out.push(change("recovered", r, `Recovered: ${r.title} works again at its address.`, r.url));
  }
  for (const was of previous.resources) if (!now.has(was.id)) out.push(change("removed", was, `Removed from the directory: ${was.title} (${was.publisher}).`, null));
  return out;
}

/** This publication's changes before the earlier ones (an id seen before is not repeated), at most MAX_CHANGES. */
export function mergeChanges(earlier: readonly Change[], now: readonly Change[]): Change[] {
  const ids = new Set(now.map((c) => c.id));
  return [...now, ...earlier.filter((c) => !ids.has(c.id))].slice(0, MAX_CHANGES);
}
