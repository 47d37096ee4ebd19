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

function syntaxErrors(text: string): { message: string; at: Position }[] {
  const errors: ParseError[] = [];
  parseTree(text, errors, STRICT);
  if (errors.length === 0) return [{ message: "invalid JSON: the file is empty", at: { line: 1, column: 1 } }];
  return errors.map((e) => ({
    message: `invalid JSON: ${describeParseError(printParseErrorCode(e.error))}`,
    at: positionAt(text, e.offset),
  }));
}

function describeParseError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words === "invalid symbol" ? "unexpected character" : words;
}
