// Strict JSON parsing that reports every syntax error with its line and column.
import { parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { positionAt, type Position } from "./locate.ts";

export type JsonParse =
  | { ok: true; value: unknown; tree: Node }
  | { ok: false; errors: { message: string; at: Position }[] };

const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

export function parseJson(text: string): JsonParse {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, STRICT);
  if (tree === undefined && errors.length === 0) {
    return { ok: false, errors: [{ message: "invalid JSON: the file is empty", at: { line: 1, column: 1 } }] };
  }
  if (errors.length > 0 || tree === undefined) {
    return {
      ok: false,
      errors: errors.map((e) => ({
        message: `invalid JSON: ${describeParseError(printParseErrorCode(e.error))}`,
        at: positionAt(text, e.offset),
      })),
    };
  }
  // The tree was parsed strictly, so JSON.parse agrees with it; it gives plain objects.
  return { ok: true, value: JSON.parse(text) as unknown, tree };
}

function describeParseError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words === "invalid symbol" ? "unexpected character" : words;
}
