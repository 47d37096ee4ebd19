// What `npm run fix` writes to OUT/fixes.json: the changes it made to the data file and the
// results it left alone, for the pull request and for tooling that reads it.
import { z } from "zod";
import { HttpUrl } from "./directory.ts";
import { LinkStatus } from "./report.ts";

export const FixChange = z.strictObject({
  id: z.string().min(1),
  title: z.string(),
  status: z.enum(["moved", "redirected"]),
  oldUrl: HttpUrl,
  newUrl: HttpUrl,
  /** How the new address was proven, in words (the redirect chain, the same SHA-256…). */
  evidence: z.string(),
  checkedAt: z.iso.datetime(),
});
export type FixChange = z.infer<typeof FixChange>;

export const FixSkipped = z.strictObject({
  id: z.string().min(1),
  status: LinkStatus,
  why: z.enum(["stale", "not-in-data", "weak-candidates", "no-suggestion"]),
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
