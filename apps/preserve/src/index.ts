export * from "./preserve-command.ts";
export * from "./captures.ts";
export * from "./plan.ts";
export * from "./record.ts";
