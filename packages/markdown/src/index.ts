export * from "./escape.ts";
