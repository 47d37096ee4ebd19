// The data file's text with the proven changes applied. Pure; only the lines of the changed
// resources change (@td/data's JSON editor).
// - A new address: `url` set to the suggestion, the old URL first in `previousUrls` (never twice,
//   and the new URL no longer among them).
// - A document behind a stand-in page: `url` set to the document, `format` to the stand-in's
//   `standInFor`, `standInFor` removed, `sourcePage` set to the stand-in page when there is none
//   (the page was never the document's address, so it does not go into `previousUrls`).
import { createJsonEditor, type JsonEditor, type ProvenFix } from "@td/data";

export function applyFixes(text: string, fixes: readonly ProvenFix[]): string {
  if (fixes.length === 0) return text;
  const editor = createJsonEditor(text);
  for (const fix of fixes) {
    if (fix.kind === "document") applyDocument(editor, fix);
    else applyNewAddress(editor, fix);
  }
  return editor.apply();
}

function applyDocument(editor: JsonEditor, fix: Extract<ProvenFix, { kind: "document" }>): void {
  const at = ["resources", fix.index];
  editor.setProperties(at, [
    ["url", fix.result.documentUrl],
    ["format", fix.resource.standInFor],
  ]);
  editor.removeProperty(at, "standInFor");
  if (fix.resource.sourcePage === undefined) editor.setProperties(at, [["sourcePage", fix.resource.url]], { after: "url" });
}

function applyNewAddress(editor: JsonEditor, fix: Extract<ProvenFix, { kind: "new-address" }>): void {
  const { index, resource, result } = fix;
  const at = ["resources", index];
  const oldUrl = resource.url;
  const newUrl = result.suggestedUrl;
  editor.setProperties(at, [["url", newUrl]]);
  const previous = resource.previousUrls;
  if (previous === undefined) {
    editor.setProperties(at, [["previousUrls", [oldUrl]]], { after: "url" });
    return;
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
