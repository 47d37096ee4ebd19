export * from "./check-command.ts";
export * from "./check/options.ts";
export * from "./check/plan.ts";
export * from "./check/run-check.ts";
export * from "./check/classify.ts";
export * from "./report/build-report.ts";
export * from "./report/render-markdown.ts";
