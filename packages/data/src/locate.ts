// Finds where a value sits in the JSON text, so every problem can name its line and column.
// jsonc-parser keeps offsets for every node, which JSON.parse does not.
import { findNodeAtLocation, type Node } from "jsonc-parser";
import type { PathSegment } from "@td/schema";

export interface Position {
  line: number;
  column: number;
}

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The position of the deepest node on `path` that exists: a missing field points at its object,
 * an unknown key at the object that holds it.
 */
export function locatePath(text: string, root: Node | undefined, path: readonly PathSegment[]): Position | undefined {
  if (root === undefined) return undefined;
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(root, path.slice(0, depth));
    if (node !== undefined) {
      // For a property value, point at its key, which is where an editor shows the problem.
      const at = node.parent?.type === "property" ? node.parent : node;
      return positionAt(text, at.offset);
    }
  }
  return undefined;
}
