// The export's rows: the directory joined with a check report, in a stable order. Pure.
import { capturedAtOf, orderResources } from "@td/data";
import type { CheckResult, Directory, Format, LinkStatus, Report, StandInFormat } from "@td/schema";

export interface ExportRow {
  id: string;
  title: string;
  publisher: string;
  sectionId: string;
  section: string;
  format: Format;
  url: string;
  description: string;
  audiences: string[];
  size: string;
  /** The link's health from the report, or "unchecked" without one. */
  status: LinkStatus | "unchecked";
  suggestedUrl: string | null;
  /** The web archive's copy: the one the check named for a broken link, else the one recorded in the data. */
  archivedUrl: string | null;
  /** When that copy was captured (ISO 8601), when known. */
  archivedAt: string | null;
  lastChecked: string | null;
  /** For a stand-in: what the resource itself is (its page's format is `format`). */
  standInFor: StandInFormat | null;
  /** For a stand-in: the document the last check found behind the page (to be confirmed in review). */
  documentUrl: string | null;
  /** In words, for a stand-in: that `url` is a publisher's page standing in for the resource; else "". */
  urlNote: string;
}

const STAND_IN_NAMES: Record<StandInFormat, string> = { pdf: "PDF", ppt: "presentation", doc: "document", video: "video", course: "online course" };

/** The words every output uses for a stand-in. */
export function standInNote(standInFor: StandInFormat): string {
  const name = STAND_IN_NAMES[standInFor];
  return `This links to the publisher's page for the ${name}: the ${name}'s own address is not known yet.`;
}

export function buildRows(directory: Directory, report: Report | undefined): ExportRow[] {
  const sectionTitle = new Map(directory.sections.map((s) => [s.id, s.title] as const));
  const results = new Map<string, CheckResult>((report?.results ?? []).map((r) => [r.id, r]));
  return orderResources(directory).map((r) => {
    // A result for an older URL of the resource says nothing about the current one.
    const result = results.get(r.id);
    const current = result !== undefined && result.url === r.url ? result : undefined;
    const archivedUrl = current?.archivedUrl ?? r.archivedCopy?.url ?? null;
    return {
      id: r.id,
      title: r.title,
      publisher: r.publisher,
      sectionId: r.section,
      section: sectionTitle.get(r.section) ?? r.section,
      format: r.format,
      url: r.url,
      description: r.description,
      audiences: r.audiences,
      size: r.sizeHint ?? (r.sizeBytes !== undefined ? formatBytes(r.sizeBytes) : ""),
      status: current?.status ?? "unchecked",
      suggestedUrl: current?.suggestedUrl ?? null,
      archivedUrl,
      archivedAt: archivedUrl === null ? null : archivedUrl === r.archivedCopy?.url ? r.archivedCopy.capturedAt : capturedAtOf(archivedUrl),
      lastChecked: current?.checkedAt ?? null,
      standInFor: r.standInFor ?? null,
      documentUrl: current?.documentUrl ?? null,
      urlNote: r.standInFor !== undefined ? standInNote(r.standInFor) : "",
    };
  });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

