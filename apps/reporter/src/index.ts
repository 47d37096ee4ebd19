export * from "./report-command.ts";
export * from "./plan/plan-actions.ts";
export * from "./plan/marker.ts";
export * from "./render/issue-body.ts";
export * from "./render/weekly-report.ts";
