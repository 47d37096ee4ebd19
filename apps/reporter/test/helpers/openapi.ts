// GitHub's official OpenAPI description (npm @octokit/openapi) as the judge of the local GitHub:
// every request the reporter sends and every answer the fake gives is checked against the
// operation's schema, so the fake cannot drift from what GitHub really accepts and returns.
// OpenAPI 3.0's `nullable` is turned into JSON Schema's `type: [..., "null"]` for Ajv.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Operation {
  requestBody?: { content?: Record<string, { schema?: Json }> };
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

/** OpenAPI 3.0 schema → JSON Schema: `nullable` to a null type, refs into the registered document. */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === "$ref" && typeof v === "string" ? v.replace(/^#\//, "gh#/") : toJsonSchema(v);
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    else if (out.type === undefined && (out.allOf !== undefined || out.oneOf !== undefined || out.anyOf !== undefined || out.$ref !== undefined)) return { anyOf: [out, { type: "null" }] };
  } else delete out.nullable;
  return out;
}

export interface OpenApiJudge {
  /** What is wrong with a request, or [] (an operation GitHub does not have is wrong too). */
  checkRequest(method: string, path: string, body: unknown): string[];
  /** What is wrong with an answer the fake gives to that request, or []. */
  checkResponse(method: string, path: string, status: number, body: unknown): string[];
}

let judge: OpenApiJudge | undefined;

/** The judge, built once per test process (the description is 13 MB). */
export function openApiJudge(): OpenApiJudge {
  if (judge !== undefined) return judge;
  const spec = JSON.parse(readFileSync(require.resolve("@octokit/openapi/generated/api.github.com.json"), "utf8")) as { paths: Record<string, Record<string, Operation>>; components: Json };
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  ajv.addSchema(toJsonSchema({ components: spec.components }) as object, "gh");
  // Only the operations under /repos/{owner}/{repo}/ are the reporter's concern.
  const templates = Object.keys(spec.paths)
    .filter((p) => p.startsWith("/repos/{owner}/{repo}/"))
    .map((p) => ({ template: p, segments: p.split("/") }));
  const compiled = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: Json) => {
    let v = compiled.get(key);
    if (v === undefined) compiled.set(key, (v = ajv.compile(toJsonSchema(schema) as object)));
    return v;
  };
  const find = (method: string, path: string) => {
    const parts = path.split("?")[0]!.split("/");
    // A literal segment beats a parameter ("/issues/comments/1" is not "/issues/{issue_number}/1").
    const matches = templates.filter((t) => t.segments.length === parts.length && t.segments.every((s, i) => s.startsWith("{") || s === parts[i]));
    matches.sort((a, b) => b.segments.filter((s) => !s.startsWith("{")).length - a.segments.filter((s) => !s.startsWith("{")).length);
    for (const m of matches) {
      const op = spec.paths[m.template]![method.toLowerCase()];
      if (op !== undefined) return { template: m.template, op };
    }
    return undefined;
  };
  const describe = (v: ValidateFunction) => (v.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || "(root)"} ${e.message}`);
  judge = {
    checkRequest(method, path, body) {
      const found = find(method, path);
      if (found === undefined) return [`${method} ${path}: no such operation in GitHub's REST API`];
      const schema = found.op.requestBody?.content?.["application/json"]?.schema;
      if (schema === undefined || body === undefined) return [];
      const v = compile(`${method} ${found.template} request`, schema);
      return v(body) ? [] : describe(v).map((e) => `${method} ${found.template} request: ${e}`);
    },
    checkResponse(method, path, status, body) {
      const found = find(method, path);
      if (found === undefined) return [];
      const response = found.op.responses[String(status)];
      // Answers any operation can give (bad credentials, limits, outages) are not listed per operation.
      if (response === undefined) return [401, 403, 429, 500, 502, 503].includes(status) ? [] : [`${method} ${found.template}: GitHub never answers ${status}`];
      const schema = response.content?.["application/json"]?.schema;
      if (schema === undefined) return [];
      const v = compile(`${method} ${found.template} ${status}`, schema);
      return v(body) ? [] : describe(v).map((e) => `${method} ${found.template} ${status} answer: ${e}`);
    },
  };
  return judge;
}
