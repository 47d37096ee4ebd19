// The handout's layout: from rows to pages of drawing operations. Pure, given a text measure;
// entries are never split across pages and a heading never ends a page.
import type { ExportRow } from "../rows.ts";
import { wrapText, wrapUrl } from "./wrap.ts";

export type FontName = "regular" | "bold";
export type Color = "text" | "muted" | "link" | "alert" | "good" | "rule";

export type DrawOp =
  | { kind: "text"; x: number; y: number; text: string; font: FontName; size: number; color: Color }
  | { kind: "link"; x: number; y: number; width: number; height: number; url: string }
  | { kind: "qr"; x: number; y: number; size: number; url: string }
  | { kind: "rule"; x: number; y: number; width: number };

export interface PageLayout {
  ops: DrawOp[];
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
  /** Draws the block with its top at y. */
  draw(y: number): DrawOp[];
}

export function layoutHandout(input: LayoutInput): { pages: PageLayout[]; sectionPages: Map<string, number> } {
  const { width, height } = input.paper;
  const textWidth = width - 2 * MARGIN;
  const bottom = FOOTER + 18;
  const pages: PageLayout[] = [{ ops: [] }];
  const sectionPages = new Map<string, number>();
  let y = height - MARGIN;
  const page = () => pages.at(-1)!;
  const newPage = () => {
    pages.push({ ops: [] });
    y = height - MARGIN;
  };
  const place = (block: Block) => {
    page().ops.push(...block.draw(y));
    y -= block.height;
  };
  const line = (text: string, font: FontName, size: number, color: Color, x = MARGIN) => ({ kind: "text" as const, x, y: 0, text, font, size, color });

  // Title block and contents on the first page; the contents' page numbers are filled in last.
  const titleLines = wrapText(input.title, textWidth, (t) => input.measure(t, "bold", SIZES.title));
  place(textBlock(titleLines.map((t) => line(t, "bold", SIZES.title, "text")), SIZES.title));
  const sub = [input.dateLine, ...(input.checkedLine ? [input.checkedLine] : [])];
  place(textBlock(sub.map((t) => line(t, "regular", SIZES.subtitle, "muted")), SIZES.subtitle));
  y -= GAP;
  place(textBlock([line("Contents", "bold", SIZES.heading, "text")], SIZES.heading));
  const contentsTop = y;
  const contentsHeight = input.sections.length * SIZES.contents * LEADING * 1.15;
  y -= contentsHeight + GAP * 2;

  for (const section of input.sections) {
    if (section.rows.length === 0) continue;
    const heading = headingBlock(section.title, textWidth, input);
    const first = entryBlock(section.rows[0]!, textWidth, input);
    if (y - heading.height - first.height < bottom) newPage();
    sectionPages.set(section.id, pages.length);
    place(heading);
    for (const row of section.rows) {
      const block = entryBlock(row, textWidth, input);
      if (y - block.height < bottom) newPage();
      place(block);
    }
  }

  // Contents, now that every section's page is known.
  let cy = contentsTop;
  for (const section of input.sections) {
    const n = sectionPages.get(section.id);
    if (n === undefined) continue;
    cy -= SIZES.contents * LEADING * 1.15;
    const number = String(n);
    const numberWidth = input.measure(number, "regular", SIZES.contents);
    const titleText = fit(section.title, textWidth - numberWidth - 24, (t) => input.measure(t, "regular", SIZES.contents));
    const dots = dotLeader(input.measure(titleText, "regular", SIZES.contents), textWidth - numberWidth - 6, input);
    pages[0]!.ops.push(
      { kind: "text", x: MARGIN, y: cy, text: titleText, font: "regular", size: SIZES.contents, color: "text" },
      { kind: "text", x: MARGIN + dots.x, y: cy, text: dots.text, font: "regular", size: SIZES.contents, color: "rule" },
      { kind: "text", x: MARGIN + textWidth - numberWidth, y: cy, text: number, font: "regular", size: SIZES.contents, color: "text" },
    );
  }

  // Footers: "Page n of N".
  pages.forEach((p, i) => {
    const text = `Page ${i + 1} of ${pages.length}`;
    p.ops.push({ kind: "text", x: (width - input.measure(text, "regular", 8.5)) / 2, y: FOOTER, text, font: "regular", size: 8.5, color: "muted" });
  });
  return { pages, sectionPages };
}

function textBlock(lines: Extract<DrawOp, { kind: "text" }>[], size: number): Block {
  const step = size * LEADING;
  return {
    height: lines.length * step,
    draw: (top) => lines.map((l, i) => ({ ...l, y: top - size - i * step })),
  };
}

function headingBlock(title: string, textWidth: number, input: LayoutInput): Block {
  const lines = wrapText(title, textWidth, (t) => input.measure(t, "bold", SIZES.heading));
  const step = SIZES.heading * LEADING;
  return {
    height: GAP + lines.length * step + 8,
    draw: (top) => [
      ...lines.map((t, i) => ({ kind: "text" as const, x: MARGIN, y: top - GAP - SIZES.heading - i * step, text: t, font: "bold" as const, size: SIZES.heading, color: "text" as const })),
      { kind: "rule" as const, x: MARGIN, y: top - GAP - lines.length * step - 2, width: textWidth },
    ],
  };
}

/** One resource: title, publisher · format · size, status, description, URL (linked), QR code. */
function entryBlock(row: ExportRow, textWidth: number, input: LayoutInput): Block {
  const width = input.qr ? textWidth - QR_SIZE - GAP : textWidth;
  const m = (font: FontName, size: number) => (t: string) => input.measure(t, font, size);
  const target = (row.status === "moved" || row.status === "redirected") && row.suggestedUrl ? row.suggestedUrl : row.url;
  const items: { text: string; font: FontName; size: number; color: Color; url?: string }[] = [];
  const push = (lines: string[], font: FontName, size: number, color: Color, url?: string) =>
    lines.forEach((text) => items.push({ text, font, size, color, ...(url ? { url } : {}) }));

  push(wrapText(row.title, width, m("bold", SIZES.entryTitle)), "bold", SIZES.entryTitle, "text");
  const meta = [row.publisher, formatLabel(row.format), row.size].filter((s) => s !== "").join(" · ");
  push(wrapText(meta, width, m("regular", SIZES.meta)), "regular", SIZES.meta, "muted");
  const status = statusLine(row);
  if (status) push(wrapText(status.text, width, m("bold", SIZES.meta)), "bold", SIZES.meta, status.color);
  if (row.description.trim() !== "") push(wrapText(row.description, width, m("regular", SIZES.body)), "regular", SIZES.body, "text");
  if (row.status !== "broken") push(wrapUrl(target, width, m("regular", SIZES.url)), "regular", SIZES.url, "link", target);
  if (row.status === "broken" && row.archivedUrl) {
    push(["Archived copy:"], "regular", SIZES.meta, "muted");
    push(wrapUrl(row.archivedUrl, width, m("regular", SIZES.url)), "regular", SIZES.url, "link", row.archivedUrl);
  }
  if (row.status === "broken") {
    push(["Last known address:"], "regular", SIZES.meta, "muted");
    push(wrapUrl(row.url, width, m("regular", SIZES.url)), "regular", SIZES.url, "muted");
  }
  const textHeight = items.reduce((h, it) => h + it.size * LEADING, 0);
  const qrUrl = row.status === "broken" ? row.archivedUrl : target;
  const showQr = input.qr && qrUrl !== null;
  return {
    height: Math.max(textHeight, showQr ? QR_SIZE : 0) + GAP,
    draw: (top) => {
      const ops: DrawOp[] = [];
      let y = top;
      for (const it of items) {
        const baseline = y - it.size;
        ops.push({ kind: "text", x: MARGIN, y: baseline, text: it.text, font: it.font, size: it.size, color: it.color });
        if (it.url) {
          ops.push({ kind: "link", x: MARGIN, y: baseline - it.size * 0.25, width: input.measure(it.text, it.font, it.size), height: it.size * LEADING, url: it.url });
        }
        y -= it.size * LEADING;
      }
      if (showQr) ops.push({ kind: "qr", x: MARGIN + textWidth - QR_SIZE, y: top - QR_SIZE, size: QR_SIZE, url: qrUrl });
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
