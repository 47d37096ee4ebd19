// The handout's layout: from rows to pages of drawing operations, one page at a time (a generator),
// so a directory of any size is never laid out whole in memory. Pure, given a text measure;
// entries are never split across pages and a heading never ends a page. Alongside, the document's
// logical structure (what a screen reader reads, in reading order): every drawing operation names
// the structure element it belongs to, or is an artifact (rules, dot leaders, page footers); and
// the outline (bookmarks): a section's heading and each resource's title, with their positions.
// What only the end knows (the contents' page numbers, "of N" in the footers) comes last: the
// contents go into the first page at `contentsAt`, and the footers are made by `footerOp`.
import type { ExportRow } from "../rows.ts";
import { wrapText, wrapUrl } from "./wrap.ts";

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
  /** On the first page: where the contents' drawings go once the sections' pages are known. */
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
  /** The contents' drawings, for the first page at its `contentsAt`. */
  contents: DrawOp[];
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
    place(textBlock([line(sub, "regular", SIZES.subtitle, "muted")], SIZES.subtitle, "P"), document);
  }
  y -= GAP;
  place(textBlock([line("Contents", "bold", SIZES.heading, "text")], SIZES.heading, "H2"), document);
  const toc = struct.add("TOC", document);
  // The contents' lines go here in the first page's drawing order, so they are read right after their heading.
  page.contentsAt = page.ops.length;
  const contentsTop = y;
  const contentsHeight = input.sections.length * SIZES.contents * LEADING * 1.15;
  y -= contentsHeight + GAP * 2;

  for (const section of input.sections) {
    if (section.rows.length === 0) continue;
    const heading = headingBlock(section.title, textWidth, input);
    const first = entryBlock(section.rows[0]!, textWidth, input);
    if (y - heading.height - first.height < bottom) yield* newPage();
    sectionPages.set(section.id, page.number);
    const sect = struct.add("Sect", document);
    page.outline.push({ level: 0, title: section.title, y });
    place(heading, sect);
    let block: Block | undefined = first;
    for (const row of section.rows) {
      block ??= entryBlock(row, textWidth, input);
      if (y - block.height < bottom) yield* newPage();
      page.outline.push({ level: 1, title: row.title, y });
      place(block, sect);
      block = undefined;
    }
  }
  yield page;

  // Contents, now that every section's page is known: one TOC item per section (the dot leader is
  // decoration), read after the "Contents" heading.
  const contents: DrawOp[] = [];
  let cy = contentsTop;
  for (const section of input.sections) {
    const n = sectionPages.get(section.id);
    if (n === undefined) continue;
    cy -= SIZES.contents * LEADING * 1.15;
    const number = String(n);
    const numberWidth = input.measure(number, "regular", SIZES.contents);
    const titleText = fit(section.title, textWidth - numberWidth - 24, (t) => input.measure(t, "regular", SIZES.contents));
    const dots = dotLeader(input.measure(titleText, "regular", SIZES.contents), textWidth - numberWidth - 6, input);
    const entry: Tag = { node: struct.add("TOCI", toc) };
    contents.push(
      { kind: "text", x: MARGIN, y: cy, text: titleText, font: "regular", size: SIZES.contents, color: "text", tag: entry },
      { kind: "text", x: MARGIN + dots.x, y: cy, text: dots.text, font: "regular", size: SIZES.contents, color: "rule", tag: ARTIFACT },
      { kind: "text", x: MARGIN + textWidth - numberWidth, y: cy, text: number, font: "regular", size: SIZES.contents, color: "text", tag: entry },
    );
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
  const status = statusLine(row);
  if (status) push(wrapText(status.text, width, m("bold", SIZES.meta)), "bold", SIZES.meta, status.color, "P");
  if (row.description.trim() !== "") push(wrapText(row.description, width, m("regular", SIZES.body)), "regular", SIZES.body, "text", "P");
  if (row.status !== "broken") push(wrapUrl(target, width, m("regular", SIZES.url)), "regular", SIZES.url, "link", "Link", target);
  if (row.status === "broken" && row.archivedUrl) {
    push(["Archived copy:"], "regular", SIZES.meta, "muted", "P");
    push(wrapUrl(row.archivedUrl, width, m("regular", SIZES.url)), "regular", SIZES.url, "link", "Link", row.archivedUrl);
  }
  if (row.status === "broken") {
    push(["Last known address:"], "regular", SIZES.meta, "muted", "P");
    push(wrapUrl(row.url, width, m("regular", SIZES.url)), "regular", SIZES.url, "muted", "P");
  }
  const textHeight = items.reduce((h, it) => h + it.size * LEADING, 0);
  const qrUrl = row.status === "broken" ? row.archivedUrl : target;
  const showQr = input.qr && qrUrl !== null;
  return {
    height: Math.max(textHeight, showQr ? QR_SIZE : 0) + GAP,
    draw: (top, struct, parent) => {
      const nodes = groups.map((g) => struct.add(g.role, parent));
      const ops: DrawOp[] = [];
      let y = top;
      for (const it of items) {
        const baseline = y - it.size;
        const tag: Tag = { node: nodes[it.group]! };
        ops.push({ kind: "text", x: MARGIN, y: baseline, text: it.text, font: it.font, size: it.size, color: it.color, tag });
        if (it.url) {
          ops.push({ kind: "link", x: MARGIN, y: baseline - it.size * 0.25, width: input.measure(it.text, it.font, it.size), height: it.size * LEADING, url: it.url, tag });
        }
        y -= it.size * LEADING;
      }
      if (showQr) {
        // The QR code is a second way to the same address: a Figure inside that address's Link.
        const linkGroup = groups.findIndex((g) => g.url === qrUrl);
        const link = linkGroup >= 0 ? nodes[linkGroup]! : struct.add("Link", parent);
        const figure = struct.add("Figure", link, `QR code linking to ${qrUrl}`);
        ops.push({ kind: "qr", x: MARGIN + textWidth - QR_SIZE, y: top - QR_SIZE, size: QR_SIZE, url: qrUrl, tag: { node: figure } });
      }
      return ops;
    },
  };
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
