// The weekly link-health report: Markdown for the step summary, out/weekly-report.md and the
// rolling report issue, plus the comment listing what changed since the previous run. Pure.
import type { LinkStatus, Report } from "@td/schema";
import type { Changes } from "../plan/plan-actions.ts";
import { escapeText } from "@td/markdown";
import type { ResourceInfo } from "./issue-body.ts";

export interface WeeklyInput {
  report: Report;
  changes: Changes;
  resources: ReadonlyMap<string, ResourceInfo>;
  /** Issue number per resource id, where one is open after this run. */
  issueNumbers: ReadonlyMap<string, number>;
  dryRun: boolean;
}

export const MAX_STEP_SUMMARY = 1024 * 1024;

const ORDER: LinkStatus[] = ["broken", "moved", "redirected", "error", "ok"];

export function renderWeeklyReport(input: WeeklyInput): string {
  const { report, changes } = input;
  const name = (id: string) => escapeText(input.resources.get(id)?.title ?? id);
  const issue = (id: string) => (input.issueNumbers.has(id) ? ` (#${input.issueNumbers.get(id)})` : "");
  const lines = [`## Link health, ${report.finishedAt.slice(0, 10)}`, ""];
  if (input.dryRun) lines.push("_Dry run: no issue was changed._", "");
  if (report.inconclusive) {
    lines.push(
      "**The check was inconclusive**: no request got an HTTP answer, so the runner had no working network. No issue was opened, updated or closed; the next run will tell.",
      "",
    );
  }
  lines.push(countsTable(report), "");
  if (!report.inconclusive) {
    lines.push(`### New problems (${changes.newProblems.length})`, "");
    lines.push(...(changes.newProblems.length > 0 ? changes.newProblems.map((p) => `- **${p.status}**: ${name(p.id)}${issue(p.id)}`) : ["None."]), "");
    lines.push(`### Recovered (${changes.recovered.length})`, "");
    lines.push(...(changes.recovered.length > 0 ? changes.recovered.map((id) => `- ${name(id)}`) : ["None."]), "");
    const still = changes.stillOpen;
    lines.push(`### Still needing attention (${still.length})`, "");
    lines.push(...(still.length > 0 ? still.map((p) => `- **${p.status}**: ${name(p.id)}${issue(p.id)}`) : ["None."]), "");
  }
  lines.push(`Checked ${report.results.length} resources between ${report.startedAt} and ${report.finishedAt}.`);
  return `${lines.join("\n")}\n`;
}

export function countsTable(report: Report): string {
  return [`| ${ORDER.join(" | ")} |`, `| ${ORDER.map(() => "---:").join(" | ")} |`, `| ${ORDER.map((s) => report.summary[s]).join(" | ")} |`].join("\n");
}

/** The comment on the rolling report issue: what changed since the previous run. */
export function renderChangeComment(input: WeeklyInput): string {
  const { changes, report } = input;
  const name = (id: string) => escapeText(input.resources.get(id)?.title ?? id);
  const parts = [`Run of ${report.finishedAt}: ${ORDER.map((s) => `${report.summary[s]} ${s}`).join(", ")}.`];
  if (changes.newProblems.length > 0) parts.push("", "New problems:", ...changes.newProblems.map((p) => `- **${p.status}**: ${name(p.id)}`));
  if (changes.recovered.length > 0) parts.push("", "Recovered:", ...changes.recovered.map((id) => `- ${name(id)}`));
  if (changes.newProblems.length === 0 && changes.recovered.length === 0) parts.push("", "No change since the previous run.");
  return parts.join("\n");
}
