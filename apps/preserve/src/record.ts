// The data file's text with archived copies recorded: each resource's `archivedCopy` set (after
// its `url` when it has none yet), every other byte of the file as it was (@td/data's editor). Pure.
import { createJsonEditor } from "@td/data";
import type { ArchivedCopy } from "@td/schema";

export function recordCopies(text: string, copies: ReadonlyMap<number, ArchivedCopy>): string {
  if (copies.size === 0) return text;
  const editor = createJsonEditor(text);
  for (const [index, copy] of copies) {
    editor.setProperties(["resources", index], [["archivedCopy", { url: copy.url, capturedAt: copy.capturedAt }]], { after: "url" });
  }
  return editor.apply();
}
