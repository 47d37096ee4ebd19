// Reads and validates a directory file. Returns every problem at once, never only the first,
// each with its place: file, line and column, the resource's id and the field path.
import { readFile } from "node:fs/promises";
import { Directory, formatPath, toProblems, type PathSegment } from "@td/schema";
import { crossCheck, type FindingKind, type Severity } from "./cross-check.ts";
import { locatePath, type Position } from "./locate.ts";
import { parseJson } from "./parse-json.ts";

export interface DataProblem {
  severity: Severity;
  file: string;
  at: Position | undefined;
  /** The id of the resource the problem is in, when it is in one that has an id. */
  resourceId: string | undefined;
  path: PathSegment[];
  message: string;
  /** For cross-check findings: what kind of finding (many of a kind can be told as one line). */
  kind?: FindingKind;
}

export type LoadResult =
  | { ok: true; directory: Directory; text: string; warnings: DataProblem[] }
  | { ok: false; problems: DataProblem[]; warnings: DataProblem[] };

export async function loadDirectoryFile(file: string): Promise<LoadResult> {
  let text: string;
  try {
    // One decode of the whole file: readFile(file, "utf8") decodes it in pieces joined into a rope
    // that JSON.parse must flatten first, a quarter of a second more at 100,000 resources.
    text = (await readFile(file)).toString("utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory, not a file" : `cannot read (${code ?? String(error)})`;
    return { ok: false, problems: [problem(file, undefined, undefined, [], message)], warnings: [] };
  }
  return validateDirectoryText(text, file);
}

/** Validates the text of a directory file; `file` only names it in problems. */
export function validateDirectoryText(text: string, file: string): LoadResult {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    return {
      ok: false,
      problems: parsed.errors.map((e) => ({ ...problem(file, e.at, undefined, [], e.message) })),
      warnings: [],
    };
  }
  // The schema and the cross-checks both run, whatever the other finds: every problem in one pass.
  const result = Directory.safeParse(parsed.value);
  const schemaProblems = result.success
    ? []
    : toProblems(result.error).map((p) => problem(file, locatePath(text, parsed.tree(), p.path), resourceIdAt(parsed.value, p.path), p.path, p.message));
  const findings = crossCheck(parsed.value).map((f) => ({
    ...problem(file, locatePath(text, parsed.tree(), f.path), resourceIdAt(parsed.value, f.path), f.path, f.message, f.severity),
    kind: f.kind,
  }));
  const problems = [...schemaProblems, ...findings.filter((f) => f.severity === "error")].sort(byPlace);
  const warnings = findings.filter((f) => f.severity === "warning");
  if (!result.success || problems.length > 0) return { ok: false, problems, warnings };
  return { ok: true, directory: result.data, text, warnings };
}

/** In the order of the file, so a reader goes through it top to bottom. */
function byPlace(a: DataProblem, b: DataProblem): number {
  return (a.at?.line ?? 0) - (b.at?.line ?? 0) || (a.at?.column ?? 0) - (b.at?.column ?? 0);
}

function problem(
  file: string,
  at: Position | undefined,
  resourceId: string | undefined,
  path: PathSegment[],
  message: string,
  severity: Severity = "error",
): DataProblem {
  return { severity, file, at, resourceId, path, message };
}

/** The id of resources[i] in the raw value, when the path points into one and it has a string id. */
function resourceIdAt(value: unknown, path: readonly PathSegment[]): string | undefined {
  if (path[0] !== "resources" || typeof path[1] !== "number") return undefined;
  const resources = (value as { resources?: unknown }).resources;
  if (!Array.isArray(resources)) return undefined;
  const entry: unknown = resources[path[1]];
  if (typeof entry !== "object" || entry === null) return undefined;
  const id = (entry as { id?: unknown }).id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** One line per problem: `data/resources.json:12:7: resources[3] (id "x").url: message`. */
export function formatProblem(p: DataProblem): string {
  const place = p.at ? `${p.file}:${p.at.line}:${p.at.column}` : p.file;
  const label = p.severity === "warning" ? "warning: " : "";
  if (p.path.length === 0) return `${place}: ${label}${p.message}`;
  const [head, index, ...rest] = p.path;
  const where =
    p.resourceId !== undefined && head === "resources" && typeof index === "number"
      ? `resources[${index}] (id "${p.resourceId}")${rest.length > 0 ? `.${formatPath(rest)}` : ""}`
      : formatPath(p.path);
  return `${place}: ${label}${where}: ${p.message}`;
}

