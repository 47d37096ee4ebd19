// The handout's outline (bookmarks): one entry per section, each resource beneath it, each going
// to its place on its page. Sections start closed, so a long directory opens as a short list.
// Written as the pages come: a resource's item as soon as the next one is known (its /Next), the
// sections' items and the root at the end.
import type { OutlineItem } from "./layout.ts";
import type { PdfWriter } from "./pdf-writer.ts";
import { dict, num, ref, text } from "./pdf-syntax.ts";

interface Entry {
  num: number;
  title: string;
  dest: string;
  prev: number | undefined;
}

interface SectionEntry extends Entry {
  first: number | undefined;
  last: number | undefined;
  count: number;
}

export class OutlineWriter {
  private readonly sections: SectionEntry[] = [];
  /** The last resource's item, written when the next one (or the end of its section) is known. */
  private pending: Entry | undefined;

  constructor(private readonly out: PdfWriter) {}

  /** An item starting on the page with this object number. */
  add(item: OutlineItem, page: number): void {
    const dest = `[${ref(page)} /XYZ null ${num(Math.round(item.y))} null]`;
    if (item.level === 0) {
      this.closeSection();
      this.sections.push({ num: this.out.allocate(), title: item.title, dest, prev: this.sections.at(-1)?.num, first: undefined, last: undefined, count: 0 });
      return;
    }
    const section = this.sections.at(-1);
    if (section === undefined) throw new Error("a resource's outline item came before any section's");
    const entry: Entry = { num: this.out.allocate(), title: item.title, dest, prev: this.pending?.num };
    if (this.pending) this.write(this.pending, section.num, entry.num);
    section.first ??= entry.num;
    section.last = entry.num;
    section.count++;
    this.pending = entry;
  }

  /** Writes what is left; returns the outline's root, or undefined when there is nothing in it. */
  finish(): number | undefined {
    this.closeSection();
    if (this.sections.length === 0) return undefined;
    const root = this.out.allocate();
    this.sections.forEach((s, i) => {
      const next = this.sections[i + 1]?.num;
      this.out.object(
        s.num,
        dict({
          Title: text(s.title),
          Parent: ref(root),
          Dest: s.dest,
          Prev: s.prev === undefined ? undefined : ref(s.prev),
          Next: next === undefined ? undefined : ref(next),
          First: s.first === undefined ? undefined : ref(s.first),
          Last: s.last === undefined ? undefined : ref(s.last),
          Count: s.count > 0 ? String(-s.count) : undefined,
        }),
      );
    });
    this.out.object(root, dict({ Type: "/Outlines", First: ref(this.sections[0]!.num), Last: ref(this.sections.at(-1)!.num), Count: String(this.sections.length) }));
    return root;
  }

  private closeSection(): void {
    const section = this.sections.at(-1);
    if (this.pending && section) this.write(this.pending, section.num, undefined);
    this.pending = undefined;
  }

  private write(entry: Entry, parent: number, next: number | undefined): void {
    this.out.object(
      entry.num,
      dict({ Title: text(entry.title), Parent: ref(parent), Dest: entry.dest, Prev: entry.prev === undefined ? undefined : ref(entry.prev), Next: next === undefined ? undefined : ref(next) }),
    );
  }
}
