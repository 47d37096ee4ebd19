// The handout's outline (bookmarks): one entry per section, each resource beneath it, each going
// to its place on its page. Sections start closed, so a long directory opens as a short list.
import type { PDFContext, PDFRef } from "pdf-lib";
import { pdfText } from "./pdf-text.ts";
import type { OutlineItem } from "./layout.ts";

export function writeOutline(context: PDFContext, items: readonly OutlineItem[], pages: readonly PDFRef[]): PDFRef | undefined {
  if (items.length === 0) return undefined;
  const root = context.nextRef();
  const level = (list: readonly OutlineItem[], parent: PDFRef): PDFRef[] => {
    const refs = list.map(() => context.nextRef());
    list.forEach((item, i) => {
      const children = item.children.length > 0 ? level(item.children, refs[i]!) : [];
      const dict: Record<string, unknown> = {
        Title: pdfText(item.title),
        Parent: parent,
        Dest: [pages[item.page - 1]!, "XYZ", null, Math.round(item.y), null],
      };
      if (i > 0) dict.Prev = refs[i - 1]!;
      if (i < refs.length - 1) dict.Next = refs[i + 1]!;
      if (children.length > 0) {
        dict.First = children[0]!;
        dict.Last = children.at(-1)!;
        dict.Count = -children.length;
      }
      context.assign(refs[i]!, context.obj(dict as Parameters<PDFContext["obj"]>[0]));
    });
    return refs;
  };
  const top = level(items, root);
  context.assign(root, context.obj({ Type: "Outlines", First: top[0]!, Last: top.at(-1)!, Count: top.length }));
  return root;
}
