// The data file's text with the proven new addresses applied: `url` set to the suggestion, the old
// URL first in `previousUrls` (never twice, and the new URL no longer among them). Pure; only the
// lines of the changed resources change (@td/data's JSON editor).
import { createJsonEditor, type ProvenFix } from "@td/data";

export function applyFixes(text: string, fixes: readonly ProvenFix[]): string {
  if (fixes.length === 0) return text;
  const editor = createJsonEditor(text);
  for (const { index, resource, result } of fixes) {
    const at = ["resources", index];
    const oldUrl = resource.url;
    const newUrl = result.suggestedUrl;
    editor.setProperties(at, [["url", newUrl]]);
    const previous = resource.previousUrls;
    if (previous === undefined) {
      editor.setProperties(at, [["previousUrls", [oldUrl]]], { after: "url" });
      continue;
    }
    // Items that must go: an older copy of the old URL (it moves to the front) and the new URL
    // (a resource that moves back to an earlier address).
    const leaving = previous.flatMap((url, i) => (url === oldUrl || url === newUrl ? [i] : []));
    const [only] = leaving;
    if (leaving.length === 0 || (leaving.length === 1 && only !== undefined && only > 0)) {
      if (only !== undefined) editor.removeArrayItem([...at, "previousUrls"], only);
      editor.prependArrayItem([...at, "previousUrls"], oldUrl);
    } else {
      // Edits next to each other would touch: the array is written anew instead.
      editor.setProperties(at, [["previousUrls", [oldUrl, ...previous.filter((u) => u !== oldUrl && u !== newUrl)]]]);
    }
  }
  return editor.apply();
}
