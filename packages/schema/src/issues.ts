// Turns zod issues into the one-line problems every command prints: "path.to.field: message".
import type { z } from "zod";

export type PathSegment = string | number;

export interface Problem {
  /** Path inside the validated value, e.g. ["resources", 3, "url"]. */
  path: PathSegment[];
  message: string;
}

export function toProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({
    path: issue.path.filter((p): p is string | number => typeof p !== "symbol"),
    message: describeIssue(issue),
  }));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  }
  // zod leaves the input out of issues by default; its message says when the value was missing.
  if (issue.code === "invalid_type" && /received undefined$/.test(issue.message)) return "is required";
  return issue.message;
}

/** Renders a path as `resources[3].url`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? segment : `.${segment}`;
  }
  return out === "" ? "(top level)" : out;
}
