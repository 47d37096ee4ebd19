// `--write-fingerprints`: stores each working PDF's sha256, sizeBytes and text fingerprint into the data file with
// minimal edits (@td/data's JSON editor keeps the file's formatting), written atomically.
import { writeFilesAtomic } from "@td/cli";
import { createJsonEditor } from "@td/data";
import type { CheckResult, Resource } from "@td/schema";

/** The data text with fingerprints applied, and how many resources changed. Pure. */
export function applyFingerprints(
  text: string,
  allResources: readonly Resource[],
  checked: readonly Resource[],
  results: readonly CheckResult[],
): { text: string; changed: number } {
  const indexOf = new Map(allResources.map((r, i) => [r.id, i] as const));
  const wanted = new Set(checked.map((r) => r.id));
  const editor = createJsonEditor(text);
  let changed = 0;
  for (const result of results) {
    const index = indexOf.get(result.id);
    const resource = index === undefined ? undefined : allResources[index];
    if (index === undefined || resource === undefined || !wanted.has(result.id)) continue;
    if (result.status !== "ok" || result.sha256 === undefined || result.sizeBytes === undefined) continue;
    const text = result.textFingerprint;
    if (resource.sha256 === result.sha256 && resource.sizeBytes === result.sizeBytes && (text === undefined || resource.textFingerprint === text)) continue;
    editor.setProperties(["resources", index], [
      ["sha256", result.sha256],
      ["sizeBytes", result.sizeBytes],
      ...(text !== undefined ? ([["textFingerprint", text]] as const) : []),
    ]);
    changed += 1;
  }
  return { text: changed > 0 ? editor.apply() : text, changed };
}
export async function writeFingerprints(
  file: string,
  text: string,
  checked: readonly Resource[],
  results: readonly CheckResult[],
): Promise<number> {
  const all = (JSON.parse(text) as { resources: Resource[] }).resources;
  const { text: next, changed } = applyFingerprints(text, all, checked, results);
  if (changed > 0) await writeFilesAtomic([{ path: file, data: next }]);
  return changed;
}
