// The handout's layout: from rows to pages of drawing operations, one page at a time (a generator),
// so a directory of any size is never laid out whole in memory. Pure, given a text measure. An
// entry that fits on a page is never split across pages; one taller than a page (a very long
// description) fills the page it starts on and continues on the next, line by line; a section
// heading never ends a page; the contents run over as many pages as they need. Alongside, the document's
// logical structure (what a screen reader reads, in reading order): every drawing operation names
// the structure element it belongs to, or is an artifact (rules, dot leaders, page footers); and
// the outline (bookmarks): a section's heading and each resource's title, with their positions.
// What only the end knows (the contents' page numbers, "of N" in the footers) comes last: the
// contents go into each contents page at its `contentsAt`, and the footers are made by `footerOp`.
import type { ExportRow } from "../rows.ts";
import { wrapText, wrapUrl } from "./wrap.ts";
import { formatDate } from "../outputs.ts";

export type FontName = "regular" | "bold";
export type Color = "text" | "muted" | "link" | "alert" | "good" | "rule";

/** The structure element an operation belongs to, or an artifact. */
export type Tag = { node: StructNode } | { artifact: "layout" | "pagination" };

export type DrawOp = (
  | { kind: "text"; x: number; y: number; text: string; font: FontName; size: number; color: Color }
  | { kind: "link"; x: number; y: number; width: number; height: number; url: string }
  | { kind: "qr"; x: number; y: number; size: number; url: string }
  | { kind: "rule"; x: number; y: number; width: number }
) & { tag: Tag };

export interface PageLayout {
  /** 1-based. */
  number: number;
  ops: DrawOp[];
  /** Outline items that start on this page, in order: sections (level 0) and their resources (level 1). */
  outline: OutlineItem[];
  /** On the contents pages (the first, and more when it cannot hold them all): where the contents' drawings go once the sections' pages are known. */
  contentsAt?: number;
}

/** Standard structure types of PDF (ISO 32000-1, 14.8.4). */
export type StructRole = "Document" | "H1" | "H2" | "H3" | "P" | "TOC" | "TOCI" | "Sect" | "Link" | "Figure";

export interface StructNode {
  /** Creation order, which is reading order: 0 is the Document. */
  id: number;
  role: StructRole;
  /** The Document has none. */
  parent: StructNode | undefined;
  /** Alternative text (figures). */
  alt?: string;
}

export interface OutlineItem {
  level: 0 | 1;
  title: string;
  /** The y of the top of the item on its page. */
  y: number;
}

/** What the layout returns once every page has been given. */
export interface LayoutEnd {
  pageCount: number;
  /** The contents' drawings per contents page (1-based page numbers), each for its `contentsAt`. */
  contents: { page: number; ops: DrawOp[] }[];
}

export interface LayoutInput {
  title: string;
  dateLine: string;
  checkedLine: string | undefined;
  sections: { id: string; title: string; rows: ExportRow[] }[];
  paper: { width: number; height: number };
  qr: boolean;
  measure: (text: string, font: FontName, size: number) => number;
}

const MARGIN = 54;
const FOOTER = 36;
const QR_SIZE = 58;
const GAP = 12;
const SIZES = { title: 22, subtitle: 11, contents: 11, heading: 14, entryTitle: 11, meta: 8.5, body: 9.5, url: 8.5 };
const LEADING = 1.3;

interface Block {
  height: number;
  /** Draws the block with its top at y; its structure elements are made under `parent`. */
  draw(y: number, struct: StructBuilder, parent: StructNode): DrawOp[];
  /**
   * For a block that may be taller than a page: its first part within `available` points and the
   * rest, or undefined when not even the smallest first part (`minHead`) fits there.
   */
  split?(available: number): [Block, Block] | undefined;
  /** The height of the smallest first part `split` gives. */
  minHead?: number;
}

interface StructBuilder {
  add(role: StructRole, parent: StructNode, alt?: string): StructNode;
}

const ARTIFACT: Tag = { artifact: "layout" };

export function* layoutHandout(input: LayoutInput): Generator<PageLayout, LayoutEnd, undefined> {
  const { width, height } = input.paper;
  const textWidth = width - 2 * MARGIN;
  const bottom = FOOTER + 18;
  let page: PageLayout = { number: 1, ops: [], outline: [] };
  const sectionPages = new Map<string, number>();
  let nextId = 0;
  const document: StructNode = { id: nextId++, role: "Document", parent: undefined };
  const struct: StructBuilder = { add: (role, parent, alt) => ({ id: nextId++, role, parent, ...(alt !== undefined ? { alt } : {}) }) };
  let y = height - MARGIN;
  function* newPage(): Generator<PageLayout, void, undefined> {
    yield page;
    page = { number: page.number + 1, ops: [], outline: [] };
    y = height - MARGIN;
  }
  const place = (block: Block, parent: StructNode) => {
    for (const op of block.draw(y, struct, parent)) page.ops.push(op);
    y -= block.height;
  };
  const line = (text: string, font: FontName, size: number, color: Color, x = MARGIN) => ({ kind: "text" as const, x, y: 0, text, font, size, color });

  // Title block and contents on the first page; the contents' page numbers are filled in last.
  const titleLines = wrapText(input.title, textWidth, (t) => input.measure(t, "bold", SIZES.title));
  place(textBlock(titleLines.map((t) => line(t, "bold", SIZES.title, "text")), SIZES.title, "H1"), document);
  for (const sub of [input.dateLine, ...(input.checkedLine ? [input.checkedLine] : [])]) {
    const lines = wrapText(sub, textWidth, (t) => input.measure(t, "regular", SIZES.subtitle));
    place(textBlock(lines.map((t) => line(t, "regular", SIZES.subtitle, "muted")), SIZES.subtitle, "P"), document);
  }
  y -= GAP;
  place(textBlock([line("Contents", "bold", SIZES.heading, "text")], SIZES.heading, "H2"), document);
  const toc = struct.add("TOC", document);
  // The contents: one line per section that has resources, on this page and, when they do not all
  // fit, on pages of their own that follow (the sections then start on a fresh page).
  const listed = input.sections.filter((s) => s.rows.length > 0);
  const step = SIZES.contents * LEADING * 1.15;
  const contentsPages: { page: number; top: number; lines: number }[] = [];
  {
    let left = listed.length;
    let top = y;
    let room = Math.max(0, Math.floor((y - bottom - GAP) / step));
    for (;;) {
      const lines = Math.min(left, room);
      // The contents' lines go here in the page's drawing order, so they are read right after their heading.
      page.contentsAt = page.ops.length;
      contentsPages.push({ page: page.number, top, lines });
      left -= lines;
      y = top - lines * step - GAP * 2;
      if (left === 0) break;
      yield* newPage();
      page.ops.push({ ...line("Contents (continued)", "bold", SIZES.heading, "muted"), y: y - SIZES.heading, tag: ARTIFACT });
      top = y - SIZES.heading * LEADING - GAP;
      room = Math.max(1, Math.floor((top - bottom) / step));
    }
    if (contentsPages.length > 1) yield* newPage();
  }
  const capacity = height - MARGIN - bottom;

  for (const section of input.sections) {
    if (section.rows.length === 0) continue;
    const heading = headingBlock(section.title, textWidth, input);
    const first = entryBlock(section.rows[0]!, textWidth, input);
    // The heading goes with the start of its first entry: all of it, or the first part of one taller than a page.
    const firstNeeds = first.height <= capacity ? first.height : (first.minHead ?? first.height);
    if (y - heading.height - firstNeeds < bottom) yield* newPage();
    sectionPages.set(section.id, page.number);
    const sect = struct.add("Sect", document);
    page.outline.push({ level: 0, title: section.title, y });
    place(heading, sect);
    let next: Block | undefined = first;
    for (const row of section.rows) {
      let block: Block = next ?? entryBlock(row, textWidth, input);
      next = undefined;
      if (y - block.height < bottom && block.height <= capacity) yield* newPage();
      // Taller than the room left and than any page: as much as fits here, the rest on the next pages.
      let outlined = false;
      while (y - block.height < bottom) {
        const parts: [Block, Block] | undefined = block.split?.(y - bottom);
        if (parts === undefined) {
          // Not even its first lines fit here: a fresh page (on a fresh page a split always fits).
          if (y >= height - MARGIN) break;
          yield* newPage();
          continue;
        }
        if (!outlined) page.outline.push({ level: 1, title: row.title, y });
        outlined = true;
        place(parts[0], sect);
        yield* newPage();
        block = parts[1];
      }
      if (!outlined) page.outline.push({ level: 1, title: row.title, y });
      place(block, sect);
    }
  }
  yield page;

  // Contents, now that every section's page is known: one TOC item per section (the dot leader is
  // decoration), read after the "Contents" heading, page after page.
  const contents: LayoutEnd["contents"] = [];
  let index = 0;
  for (const at of contentsPages) {
    const ops: DrawOp[] = [];
    let cy = at.top;
    for (const section of listed.slice(index, index + at.lines)) {
      const n = sectionPages.get(section.id)!;
      cy -= step;
      const number = String(n);
      const numberWidth = input.measure(number, "regular", SIZES.contents);
      const titleText = fit(section.title, textWidth - numberWidth - 24, (t) => input.measure(t, "regular", SIZES.contents));
      const dots = dotLeader(input.measure(titleText, "regular", SIZES.contents), textWidth - numberWidth - 6, input);
      const entry: Tag = { node: struct.add("TOCI", toc) };
      ops.push(
        { kind: "text", x: MARGIN, y: cy, text: titleText, font: "regular", size: SIZES.contents, color: "text", tag: entry },
        { kind: "text", x: MARGIN + dots.x, y: cy, text: dots.text, font: "regular", size: SIZES.contents, color: "rule", tag: ARTIFACT },
        { kind: "text", x: MARGIN + textWidth - numberWidth, y: cy, text: number, font: "regular", size: SIZES.contents, color: "text", tag: entry },
      );
    }
    index += at.lines;
    contents.push({ page: at.page, ops });
  }
  return { pageCount: page.number, contents };
}

/** The footer of page `number` of `count`: "Page n of N", page furniture for a screen reader. */
export function footerOp(number: number, count: number, input: Pick<LayoutInput, "paper" | "measure">): DrawOp {
  const text = `Page ${number} of ${count}`;
  return { kind: "text", x: (input.paper.width - input.measure(text, "regular", 8.5)) / 2, y: FOOTER, text, font: "regular", size: 8.5, color: "muted", tag: { artifact: "pagination" } };
}

function textBlock(lines: Omit<Extract<DrawOp, { kind: "text" }>, "tag">[], size: number, role: StructRole): Block {
  const step = size * LEADING;
  return {
    height: lines.length * step,
    draw: (top, struct, parent) => {
      const tag: Tag = { node: struct.add(role, parent) };
      return lines.map((l, i) => ({ ...l, y: top - size - i * step, tag }));
    },
  };
}

function headingBlock(title: string, textWidth: number, input: LayoutInput): Block {
  const lines = wrapText(title, textWidth, (t) => input.measure(t, "bold", SIZES.heading));
  const step = SIZES.heading * LEADING;
  return {
    height: GAP + lines.length * step + 8,
    draw: (top, struct, parent) => {
      const tag: Tag = { node: struct.add("H2", parent) };
      return [
        ...lines.map((t, i) => ({ kind: "text" as const, x: MARGIN, y: top - GAP - SIZES.heading - i * step, text: t, font: "bold" as const, size: SIZES.heading, color: "text" as const, tag })),
        { kind: "rule" as const, x: MARGIN, y: top - GAP - lines.length * step - 2, width: textWidth, tag: ARTIFACT },
      ];
    },
  };
}

/**
 * One resource: title, publisher · format · size, status, description, URL (linked), QR code.
 * Structure, in the section: an H3 (the title), a P per kind of line, and a Link holding the
 * address's lines, their annotations and the QR code as a Figure (with alternative text).
 */
function entryBlock(row: ExportRow, textWidth: number, input: LayoutInput): Block {
  const width = input.qr ? textWidth - QR_SIZE - GAP : textWidth;
  const m = (font: FontName, size: number) => (t: string) => input.measure(t, font, size);
  const target = (row.status === "moved" || row.status === "redirected") && row.suggestedUrl ? row.suggestedUrl : row.url;
  type Item = { text: string; font: FontName; size: number; color: Color; group: number; url?: string };
  const items: Item[] = [];
  /** Groups of lines, each one structure element: its role, and for a link its address (where the QR code goes). */
  const groups: { role: StructRole; url?: string }[] = [];
  const push = (lines: string[], font: FontName, size: number, color: Color, role: StructRole, url?: string) => {
    const group = groups.push({ role, ...(url ? { url } : {}) }) - 1;
    lines.forEach((text) => items.push({ text, font, size, color, group, ...(url ? { url } : {}) }));
  };

  push(wrapText(row.title, width, m("bold", SIZES.entryTitle)), "bold", SIZES.entryTitle, "text", "H3");
  const meta = [row.publisher, formatLabel(row.format), row.size].filter((s) => s !== "").join(" · ");
  push(wrapText(meta, width, m("regular", SIZES.meta)), "regular", SIZES.meta, "muted", "P");
  // A stand-in says so: the address printed is a publisher's page, not the document.
  if (row.urlNote !== "") push(wrapText(row.urlNote, width, m("regular", SIZES.meta)), "regular", SIZES.meta, "muted", "P");
  const status = statusLine(row);
  if (status) push(wrapText(status.text, width, m("bold", SIZES.meta)), "bold", SIZES.meta, status.color, "P");
  if (row.description.trim() !== "") push(wrapText(row.description, width, m("regular", SIZES.body)), "regular", SIZES.body, "text", "P");
  if (row.status !== "broken") push(wrapUrl(target, width, m("regular", SIZES.url)), "regular", SIZES.url, "link", "Link", target);
  const archivedOn = row.archivedAt !== null ? formatDate(new Date(row.archivedAt)) : undefined;
  if (row.status === "broken" && row.archivedUrl) {
    push([archivedOn ? `Archived copy (captured ${archivedOn}):` : "Archived copy:"], "regular", SIZES.meta, "muted", "P");
    push(wrapUrl(row.archivedUrl, width, m("regular", SIZES.url)), "regular", SIZES.url, "link", "Link", row.archivedUrl);
  }
  // A working resource's copy, one short linked line: the address itself would double the entry in print.
  if (row.status !== "broken" && row.archivedUrl) {
    push(wrapText(`Archived copy${archivedOn ? ` of ${archivedOn}` : ""} in the web archive`, width, m("regular", SIZES.meta)), "regular", SIZES.meta, "link", "Link", row.archivedUrl);
  }
  if (row.status === "broken") {
    push(["Last known address:"], "regular", SIZES.meta, "muted", "P");
    push(wrapUrl(row.url, width, m("regular", SIZES.url)), "regular", SIZES.url, "muted", "P");
  }
  const qrUrl = row.status === "broken" ? row.archivedUrl : target;
  const showQr = input.qr && qrUrl !== null;
  // The structure elements are made once, when the entry's first part is drawn; a part drawn on a
  // later page belongs to the same elements (the tagging writes one element per page they are on).
  let nodes: StructNode[] | undefined;
  const lineHeight = (it: Item) => it.size * LEADING;
  /** Lines `from` up to `to` with their top at `top`, the QR code with the first. */
  const part = (from: number, to: number): Block => {
    const slice = items.slice(from, to);
    const textHeight = slice.reduce((h, it) => h + lineHeight(it), 0);
    const qr = showQr && from === 0;
    const block: Block = {
      height: Math.max(textHeight, qr ? QR_SIZE : 0) + GAP,
      draw: (top, struct, parent) => {
        nodes ??= groups.map((g) => struct.add(g.role, parent));
        const made = nodes;
        const ops: DrawOp[] = [];
        let y = top;
        for (const it of slice) {
          const baseline = y - it.size;
          const tag: Tag = { node: made[it.group]! };
          ops.push({ kind: "text", x: MARGIN, y: baseline, text: it.text, font: it.font, size: it.size, color: it.color, tag });
          if (it.url) {
            ops.push({ kind: "link", x: MARGIN, y: baseline - it.size * 0.25, width: input.measure(it.text, it.font, it.size), height: it.size * LEADING, url: it.url, tag });
          }
          y -= lineHeight(it);
        }
        if (qr) {
          // The QR code is a second way to the same address: a Figure inside that address's Link.
          const linkGroup = groups.findIndex((g) => g.url === qrUrl);
          const link = linkGroup >= 0 ? made[linkGroup]! : struct.add("Link", parent);
          const figure = struct.add("Figure", link, `QR code linking to ${qrUrl}`);
          ops.push({ kind: "qr", x: MARGIN + textWidth - QR_SIZE, y: top - QR_SIZE, size: QR_SIZE, url: qrUrl!, tag: { node: figure } });
        }
        return ops;
      },
    };
    // At least the title and two more lines (and the QR code beside them) start an entry on a page.
    const minLines = from === 0 ? Math.min(to - from, 3) : 1;
    const headHeight = (n: number) => Math.max(items.slice(from, from + n).reduce((h, it) => h + lineHeight(it), 0), qr ? QR_SIZE : 0) + GAP;
    block.minHead = headHeight(minLines);
    block.split = (available) => {
      let n = 0;
      while (from + n < to && headHeight(n + 1) <= available) n += 1;
      if (n < minLines || from + n >= to) return undefined;
      return [part(from, from + n), part(from + n, to)];
    };
    return block;
  };
  return part(0, items.length);
}

function statusLine(row: ExportRow): { text: string; color: Color } | undefined {
  switch (row.status) {
    case "moved":
      return { text: "Moved: the new address is printed below.", color: "good" };
    case "redirected":
      return { text: "New address (the old one redirects here):", color: "good" };
    case "broken":
      return { text: row.archivedUrl ? "Currently unavailable: an archived copy is printed below." : "Currently unavailable.", color: "alert" };
    case "ok":
    case "error":
    case "unchecked":
      return undefined;
    default: {
      const never: never = row.status;
      return never;
    }
  }
}

function formatLabel(format: ExportRow["format"]): string {
  const labels: Record<ExportRow["format"], string> = { pdf: "PDF", ppt: "PowerPoint", doc: "Document", video: "Video", web: "Web page", course: "Online course" };
  return labels[format];
}

function fit(text: string, width: number, measure: (t: string) => number): string {
  if (measure(text) <= width) return text;
  let out = text;
  while (out.length > 1 && measure(`${out}…`) > width) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}

function dotLeader(from: number, to: number, input: LayoutInput): { x: number; text: string } {
  const dot = input.measure(" .", "regular", SIZES.contents);
  const count = Math.max(0, Math.floor((to - from - 8) / dot));
  return { x: to - count * dot, text: " .".repeat(count) };
}
