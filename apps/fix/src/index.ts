export * from "./fix-command.ts";
export * from "./apply-fixes.ts";
export * from "./render-fixes.ts";
