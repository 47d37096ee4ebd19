// Reads a JSON file and validates it with a zod schema, returning what went wrong as lines that
// name the file and the place (the report file, a config file). Nothing here throws.
import { readFile } from "node:fs/promises";
import { formatPath, toProblems } from "@td/schema";
import type { z } from "zod";
import { parseJson } from "./parse-json.ts";

export type JsonFileResult<T> = { ok: true; value: T } | { ok: false; message: string; problems: string[] };

export async function readJsonFile<T>(file: string, schema: z.ZodType<T>, what: string): Promise<JsonFileResult<T>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: `${file}: cannot read the ${what} (${code === "ENOENT" ? "file not found" : (code ?? String(error))})`, problems: [] };
  }
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, message: `${file} is not valid JSON:`, problems: parsed.errors.map((e) => `${file}:${e.at.line}:${e.at.column}: ${e.message}`) };
  const result = schema.safeParse(parsed.value);
  if (!result.success) {
    return { ok: false, message: `${file} is not a valid ${what}:`, problems: toProblems(result.error).map((p) => `${file}: ${formatPath(p.path)}: ${p.message}`) };
  }
  return { ok: true, value: result.data };
}
