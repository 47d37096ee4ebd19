export * from "./directory.ts";
export * from "./report.ts";
export * from "./issues.ts";
export * from "./json-schema.ts";
export * from "./fixes.ts";
export * from "./published.ts";
export * from "./preserve.ts";
