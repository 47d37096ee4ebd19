// Editing a JSON file in place: every change is a small text edit at the offsets jsonc-parser
// reports, so key order, indentation, line endings and every untouched line stay byte for byte.
// jsonc-parser's own `modify` re-formats neighbouring values (it expands an inline array next to
// an inserted key), which is why insertions are placed here by hand; its `applyEdits` applies them.
import { applyEdits, findNodeAtLocation, parseTree, type Edit, type JSONPath, type Node } from "jsonc-parser";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface JsonEditor {
  /**
   * Sets properties of the object at `path`: an existing value is replaced where it stands; new
   * keys go after `after` (when that key exists) or after the last key, each on its own line.
   */
  setProperties(path: JSONPath, entries: readonly (readonly [string, JsonValue])[], options?: { after?: string }): void;
  /** Puts `value` first in the array at `path`. */
  prependArrayItem(path: JSONPath, value: JsonValue): void;
  /** Removes the item at `index` of the array at `path`, with its line when it has one. */
  removeArrayItem(path: JSONPath, index: number): void;
  /** Removes the property `key` of the object at `path` (nothing when it has none), with its line when it has one. */
  removeProperty(path: JSONPath, key: string): void;
  /** The edited text. Edits are computed against the original text and must not overlap. */
  apply(): string;
}

export class JsonEditError extends Error {
  override readonly name = "JsonEditError";
}

export function createJsonEditor(text: string): JsonEditor {
  const root = parseTree(text);
  if (root === undefined) throw new JsonEditError("the text is not JSON");
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const edits: Edit[] = [];
  let unit: string | undefined;
  /** A value rendered for the place it goes: nested lines indented one step past that line. */
  const render = (value: JsonValue, offset: number): string => {
    if (typeof value !== "object" || value === null || (Array.isArray(value) && value.length === 0)) return JSON.stringify(value);
    unit ??= indentUnit(text);
    return JSON.stringify(value, null, unit).split("\n").join(`${eol}${indentOf(text, offset)}`);
  };

  const nodeAt = (path: JSONPath, type: Node["type"]): Node => {
    const node = findNodeAtLocation(root, path);
    if (node === undefined || node.type !== type) throw new JsonEditError(`${JSON.stringify(path)} is not ${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`);
    return node;
  };

  return {
    setProperties(path, entries, options = {}) {
      const object = nodeAt(path, "object");
      const properties = object.children ?? [];
      const added: (readonly [string, JsonValue])[] = [];
      for (const [key, value] of entries) {
        const existing = properties.find((p) => p.children?.[0]?.value === key)?.children?.[1];
        if (existing) edits.push({ offset: existing.offset, length: existing.length, content: render(value, existing.offset) });
        else added.push([key, value]);
      }
      if (added.length === 0) return;
      if (properties.length === 0) {
        edits.push({ offset: object.offset + 1, length: object.length - 2, content: ` ${added.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(", ")} ` });
        return;
      }
      const anchor = properties.find((p) => p.children?.[0]?.value === options.after) ?? properties.at(-1)!;
      const multiLine = onSeparateLines(text, object.offset, properties[0]!.offset);
      const indent = multiLine ? indentOf(text, properties[0]!.offset) : "";
      const lines = added.map(([k, v]) => `${JSON.stringify(k)}: ${multiLine ? render(v, properties[0]!.offset) : JSON.stringify(v)}`);
      const separator = multiLine ? `,${eol}${indent}` : ", ";
      const comma = commaAfter(text, anchor.offset + anchor.length);
      if (comma === undefined) {
        edits.push({ offset: anchor.offset + anchor.length, length: 0, content: `${separator}${lines.join(separator)}` });
      } else {
        edits.push({ offset: comma + 1, length: 0, content: `${multiLine ? `${eol}${indent}` : " "}${lines.join(separator)},` });
      }
    },

    prependArrayItem(path, value) {
      const array = nodeAt(path, "array");
      const first = array.children?.[0];
      if (first === undefined) {
        edits.push({ offset: array.offset, length: array.length, content: JSON.stringify([value]) });
        return;
      }
      const multiLine = onSeparateLines(text, array.offset, first.offset);
      const content = multiLine ? `${render(value, first.offset)},${eol}${indentOf(text, first.offset)}` : `${JSON.stringify(value)}, `;
      edits.push({ offset: first.offset, length: 0, content });
    },

    removeArrayItem(path, index) {
      const array = nodeAt(path, "array");
      const items = array.children ?? [];
      const item = items[index];
      if (item === undefined) throw new JsonEditError(`${JSON.stringify([...path, index])} does not exist`);
      const next = items[index + 1];
      const previous = items[index - 1];
      if (next !== undefined) {
        // Remove the item up to the start of the next one: its comma and the line break go with it.
        edits.push({ offset: item.offset, length: next.offset - item.offset, content: "" });
      } else if (previous !== undefined) {
        // The last item: remove from the end of the previous one, taking the comma before it.
        const from = previous.offset + previous.length;
        edits.push({ offset: from, length: item.offset + item.length - from, content: "" });
      } else {
        edits.push({ offset: array.offset, length: array.length, content: "[]" });
      }
    },

    removeProperty(path, key) {
      const object = nodeAt(path, "object");
      const properties = object.children ?? [];
      const index = properties.findIndex((p) => p.children?.[0]?.value === key);
      if (index === -1) return;
      const property = properties[index]!;
      const next = properties[index + 1];
      const previous = properties[index - 1];
      if (next !== undefined) edits.push({ offset: property.offset, length: next.offset - property.offset, content: "" });
      else if (previous !== undefined) {
        const from = previous.offset + previous.length;
        edits.push({ offset: from, length: property.offset + property.length - from, content: "" });
      } else edits.push({ offset: object.offset, length: object.length, content: "{}" });
    },

    apply() {
      return applyEdits(text, edits);
    },
  };
}

/** Whether a line break lies between two offsets. */
function onSeparateLines(text: string, from: number, to: number): boolean {
  const lineBreak = text.indexOf("\n", from);
  return lineBreak !== -1 && lineBreak < to;
}

/** The leading whitespace of the line that holds `offset`. */
function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/** The file's indentation step: a tab, or the smallest run of spaces that starts a line. */
function indentUnit(text: string): string {
  if (/\n\t/.test(text)) return "\t";
  let smallest = Infinity;
  for (const match of text.matchAll(/\n( +)\S/g)) smallest = Math.min(smallest, match[1]!.length);
  return " ".repeat(Number.isFinite(smallest) ? smallest : 2);
}

/** The offset of the comma that follows a value, if one does (only whitespace between). */
function commaAfter(text: string, offset: number): number | undefined {
  const match = /^\s*,/.exec(text.slice(offset, offset + 256));
  return match ? offset + match[0].length - 1 : undefined;
}
