export * from "./export-command.ts";
export * from "./rows.ts";
export * from "./csv.ts";
export * from "./handout/render.ts";
export { siteCommand } from "./site/site-command.ts";
