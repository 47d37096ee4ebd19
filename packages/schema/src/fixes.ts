// What `npm run fix` writes to OUT/fixes.json: the changes it made to the data file and the
// results it left alone, for the pull request and for tooling that reads it.
import { z } from "zod";
import { HttpUrl } from "./directory.ts";
import { FoundDocument, LinkStatus } from "./report.ts";

export const FixChange = z.strictObject({
  id: z.string().min(1),
  title: z.string(),
  /** "new-address": a moved or redirected resource; "document": the document behind a stand-in page. */
  kind: z.enum(["new-address", "document"]),
  /** The status of the result (for a document: the stand-in page's own). */
  status: LinkStatus,
  oldUrl: HttpUrl,
  newUrl: HttpUrl,
  /** How the new address was proven, in words (the redirect chain, the same SHA-256…). */
  evidence: z.string(),
  /** For a document: the format it is (the stand-in's standInFor). */
  format: z.string().optional(),
  /** What was found, beside the resource's own title and published size. */
  found: FoundDocument.optional(),
  sizeHint: z.string().optional(),
  checkedAt: z.iso.datetime(),
});
export type FixChange = z.infer<typeof FixChange>;

export const FixSkipped = z.strictObject({
  id: z.string().min(1),
  status: LinkStatus,
  why: z.enum(["stale", "not-in-data", "weak-candidates", "no-suggestion", "address-of-another-resource"]),
  /** For "address-of-another-resource": the resource whose URL the new address already is. */
  other: z.string().optional(),
});

export const Fixes = z.strictObject({
  schemaVersion: z.literal(1),
  dataFile: z.string(),
  /** When the check that proved the changes finished. */
  checkedAt: z.iso.datetime(),
  changes: z.array(FixChange),
  skipped: z.array(FixSkipped),
});
export type Fixes = z.infer<typeof Fixes>;
