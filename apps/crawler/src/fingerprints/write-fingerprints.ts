// `--write-fingerprints`: stores each working PDF's sha256 and sizeBytes into the data file with
// minimal edits (jsonc-parser keeps the file's formatting), written atomically.
import { writeFilesAtomic } from "@td/cli";
import { applyEdits, findNodeAtLocation, modify, parseTree } from "jsonc-parser";
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
  let out = text;
  let changed = 0;
  for (const result of results) {
    const index = indexOf.get(result.id);
    const resource = index === undefined ? undefined : allResources[index];
    if (index === undefined || resource === undefined || !wanted.has(result.id)) continue;
    if (result.status !== "ok" || result.sha256 === undefined || result.sizeBytes === undefined) continue;
    if (resource.sha256 === result.sha256 && resource.sizeBytes === result.sizeBytes) continue;
    out = setField(out, index, "sha256", result.sha256);
    out = setField(out, index, "sizeBytes", result.sizeBytes);
    changed += 1;
  }
  return { text: out, changed };
}

/**
 * Sets resources[index].key: an existing value is replaced in place; a new key goes after the
 * last one, on its own line with the same indentation, so no other line of the file changes.
 */
function setField(text: string, index: number, key: string, value: string | number): string {
  const root = parseTree(text);
  const object = root && findNodeAtLocation(root, ["resources", index]);
  if (object === undefined || object.type !== "object") throw new Error(`resources[${index}] is not an object`);
  const existing = findNodeAtLocation(object, [key]);
  if (existing !== undefined) return applyEdits(text, modify(text, ["resources", index, key], value, {}));
  const last = object.children?.at(-1);
  if (last === undefined) throw new Error(`resources[${index}] has no fields`);
  const lineStart = text.lastIndexOf("\n", last.offset) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const end = last.offset + last.length;
  return `${text.slice(0, end)},${eol}${indent}${JSON.stringify(key)}: ${JSON.stringify(value)}${text.slice(end)}`;
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
