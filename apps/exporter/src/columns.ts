// The one place that defines the CSV's columns: their order, names, types and descriptions, and
// how each is read from an export row. directory.csv is written from it, and so is the data
// package that describes the CSV (site/), so the two cannot drift apart.
import type { ExportRow } from "./rows.ts";

export interface Column {
  name: string;
  /** A Frictionless Table Schema type. */
  type: "string" | "date" | "datetime";
  /** For a `string` column whose values are URLs or one of a few words. */
  format?: "uri";
  enum?: readonly string[];
  description: string;
  value: (row: ExportRow) => string;
}

export const COLUMNS: readonly Column[] = [
  { name: "id", type: "string", description: "The resource's stable identifier (a lowercase slug).", value: (r) => r.id },
  { name: "title", type: "string", description: "The resource's title.", value: (r) => r.title },
  { name: "publisher", type: "string", description: "Who publishes it.", value: (r) => r.publisher },
  { name: "section", type: "string", description: "The title of the directory section it is listed in.", value: (r) => r.section },
  { name: "format", type: "string", enum: ["pdf", "ppt", "doc", "video", "web", "course"], description: "What its URL serves: pdf, ppt, doc, video, web or course.", value: (r) => r.format },
  { name: "url", type: "string", format: "uri", description: "Its address.", value: (r) => r.url },
  { name: "description", type: "string", description: "What it is, in a sentence or two.", value: (r) => r.description },
  { name: "audiences", type: "string", description: "Who it is for, separated by \"; \" (law-enforcement, first-responders, …).", value: (r) => r.audiences.join("; ") },
  { name: "size", type: "string", description: "Its size as published (\"PDF 57KB\"), or measured when the data has it.", value: (r) => r.size },
  {
    name: "status",
    type: "string",
    enum: ["ok", "redirected", "moved", "broken", "error", "unchecked"],
    description: "The link's health at the last check: ok, redirected, moved, broken, error (not confirmed), or unchecked when exported without a report.",
    value: (r) => r.status,
  },
  { name: "suggested_url", type: "string", format: "uri", description: "For a moved or redirected resource: its new address.", value: (r) => r.suggestedUrl ?? "" },
  { name: "archived_url", type: "string", format: "uri", description: "Its newest good copy in the web archive, when one is known (for every resource npm run preserve looked after).", value: (r) => r.archivedUrl ?? "" },
  { name: "last_checked", type: "datetime", description: "When the link was last checked (ISO 8601, UTC); empty when unchecked.", value: (r) => r.lastChecked ?? "" },
  { name: "section_id", type: "string", description: "The identifier of its section.", value: (r) => r.sectionId },
  {
    name: "url_note",
    type: "string",
    description: "Empty when url is the resource itself; otherwise, in words, that url is a publisher's page standing in for the resource because its own address is not known yet.",
    value: (r) => r.urlNote,
  },
  { name: "archived_at", type: "datetime", description: "When the archived copy in archived_url was captured (ISO 8601, UTC); empty without one.", value: (r) => r.archivedAt ?? "" },
];

export const CSV_COLUMNS: readonly string[] = COLUMNS.map((c) => c.name);
