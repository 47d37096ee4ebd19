export * from "./load.ts";
export * from "./query.ts";
export * from "./locate.ts";
export * from "./parse-json.ts";
export * from "./cross-check.ts";
export * from "./read-json-file.ts";
export * from "./edit-json.ts";
export * from "./plan-fixes.ts";
