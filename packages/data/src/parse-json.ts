// Strict JSON parsing that reports every syntax error with its line and column. Valid input
// takes the fast path (JSON.parse); the offset tree that places problems is only built when a
// problem needs placing, since for a large file it costs more than the parse itself.
import { parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { positionAt, type Position } from "./locate.ts";

export type JsonParse =
  | { ok: true; value: unknown; tree: () => Node | undefined }
  | { ok: false; errors: { message: string; at: Position }[] };

const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

export function parseJson(text: string): JsonParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, errors: syntaxErrors(text) };
  }
  let tree: Node | undefined;
  return { ok: true, value, tree: () => (tree ??= parseTree(text, [], STRICT)) };
}

const BOM = "\uFEFF";

function syntaxErrors(text: string): { message: string; at: Position }[] {
  const out: { message: string; at: Position }[] = [];
  // A byte-order mark is named as such (JSON does not allow one), and the rest is still read: the
  // mark is replaced by a space, which keeps every offset where it was.
  if (text.startsWith(BOM)) {
    out.push({ message: "invalid JSON: the file starts with a byte-order mark (BOM), which JSON does not allow; save it as UTF-8 without a BOM", at: { line: 1, column: 1 } });
    text = ` ${text.slice(1)}`;
  }
  const errors: ParseError[] = [];
  parseTree(text, errors, STRICT);
  if (errors.length === 0 && out.length === 0) return [{ message: "invalid JSON: the file is empty", at: { line: 1, column: 1 } }];
  // One message per mistake: jsonc-parser often reports two codes at one offset (a trailing comma
  // gives "property name expected" and "value expected"), and a trailing comma is named as such.
  const seen = new Set<number>();
  for (const e of errors) {
    const comma = trailingCommaBefore(text, e.offset);
    const offset = comma ?? e.offset;
    if (seen.has(offset)) continue;
    seen.add(offset);
    const message = comma !== undefined ? "a trailing comma after the last item, which JSON does not allow" : describeParseError(printParseErrorCode(e.error));
    out.push({ message: `invalid JSON: ${message}`, at: positionAt(text, offset) });
  }
  return out;
}

/** The offset of a comma that only whitespace separates from the `}` or `]` at `offset`, if there is one. */
function trailingCommaBefore(text: string, offset: number): number | undefined {
  const close = text[offset];
  if (close !== "}" && close !== "]") return undefined;
  let i = offset - 1;
  while (i >= 0 && (text[i] === " " || text[i] === "\n" || text[i] === "\r" || text[i] === "\t")) i -= 1;
  return text[i] === "," ? i : undefined;
}

function describeParseError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words === "invalid symbol" ? "unexpected character" : words;
}
