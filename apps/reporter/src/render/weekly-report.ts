// The weekly link-health report: Markdown for the step summary, out/weekly-report.md and the
// rolling report issue, plus the comment listing what changed since the previous run. Pure.
import type { LinkStatus, Report } from "@td/schema";
import { escapeText, linkUrl } from "@td/markdown";
import type { Changes, FixPullRequest } from "../plan/plan-actions.ts";
import { FLAPPING_CHANGES, HISTORY_RUNS, findFlapping } from "../plan/history.ts";
import type { ReportState } from "../plan/marker.ts";
import type { ResourceInfo } from "./issue-body.ts";

export interface WeeklyInput {
  report: Report;
  changes: Changes;
  resources: ReadonlyMap<string, ResourceInfo>;
  /** Issue number per resource id, where one is open after this run. */
  issueNumbers: ReadonlyMap<string, number>;
  /** The state after this run: history, trend and failing streaks. */
  state: ReportState;
  fixPr?: FixPullRequest | undefined;
  dryRun: boolean;
  /** Resources whose history had to be left out of the kept state (GitHub's limits), if any. */
  shortened?: number;
}

export const MAX_STEP_SUMMARY = 1024 * 1024;

const ORDER: LinkStatus[] = ["broken", "moved", "redirected", "error", "ok"];
const TREND_ORDER: LinkStatus[] = ["ok", "redirected", "moved", "broken", "error"];
/**
 * The chart draws the problem statuses only, on a scale of their own: with `ok` near 45 on the
 * same axis, 1, 2 and 3 could not be told apart. `ok` is in the table. The colours (GitHub's
 * palette) are named in a line under the chart, not in its title, which Mermaid cuts when long.
 */
const CHART_ORDER: LinkStatus[] = ["redirected", "moved", "broken", "error"];
const CHART_COLOURS = ["#0969da", "#9a6700", "#cf222e", "#8250df"];
const COLOUR_NAMES = ["blue", "yellow", "red", "purple"];
export const TREND_TITLE = "Links with a problem, per run";

export function renderWeeklyReport(input: WeeklyInput): string {
  const { report, changes, state } = input;
  const name = (id: string) => escapeText(input.resources.get(id)?.title ?? id);
  const issue = (id: string) => (input.issueNumbers.has(id) ? ` (#${input.issueNumbers.get(id)})` : "");
  const since = (id: string) => {
    const f = state.failing[id];
    return f ? `, failing since ${f.since.slice(0, 10)}, ${f.runs} check${f.runs === 1 ? "" : "s"} in a row` : "";
  };
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
    if (input.fixPr && input.fixPr.ids.size > 0) {
      const n = input.fixPr.ids.size;
      lines.push(`**Pull request #${input.fixPr.number} proposes the proven new address${n === 1 ? "" : "es"} of ${n} resource${n === 1 ? "" : "s"}**: review and merge it.`, "");
    }
    if (changes.outages.length > 0) {
      lines.push(`### Host-wide problems (${changes.outages.length})`, "");
      lines.push("Most resources of these hosts fail alike: one issue for each host lists them, instead of one per resource.", "");
      lines.push(...changes.outages.map((o) => `- **${o.status}**: ${o.count} resources on ${escapeText(o.host)}${o.issue !== undefined ? ` (#${o.issue})` : ""}`), "");
    }
    lines.push(`### New problems (${changes.newProblems.length})`, "");
    lines.push(...(changes.newProblems.length > 0 ? changes.newProblems.map((p) => `- **${p.status}**: ${name(p.id)}${issue(p.id)}`) : ["None."]), "");
    lines.push(`### Recovered (${changes.recovered.length})`, "");
    lines.push(...(changes.recovered.length > 0 ? changes.recovered.map((id) => `- ${name(id)}`) : ["None."]), "");
    const still = changes.stillOpen;
    lines.push(`### Still needing attention (${still.length})`, "");
    lines.push(...(still.length > 0 ? still.map((p) => `- **${p.status}**: ${name(p.id)}${issue(p.id)}${since(p.id)}`) : ["None."]), "");
    const dismissed = changes.dismissed.filter((d) => d.how === "not planned");
    const duplicates = changes.dismissed.filter((d) => d.how === "duplicate");
    if (dismissed.length > 0) {
      lines.push(`### Dismissed by a maintainer (${dismissed.length})`, "");
      lines.push("No issue is opened for these while their status and URL stay the same.", "");
      lines.push(...dismissed.map((d) => `- **${d.status}**: ${name(d.id)} (dismissed in #${d.issue})`), "");
    }
    if (duplicates.length > 0) {
      lines.push(`### Closed as duplicates by a maintainer (${duplicates.length})`, "");
      lines.push("Followed elsewhere, as the maintainer said: no issue is opened for these while their status and URL stay the same.", "");
      lines.push(...duplicates.map((d) => `- **${d.status}**: ${name(d.id)} (closed as a duplicate in #${d.issue})`), "");
    }
    const flapping = findFlapping(state);
    lines.push(`### Flapping links (${flapping.length})`, "");
    lines.push(
      ...(flapping.length > 0
        ? [
            `Status changed ${FLAPPING_CHANGES} or more times in the last ${state.runs.length} runs; such a link is unreliable rather than gone.`,
            "",
            ...flapping.map((f) => `- ${name(f.id)}: ${f.changes} changes (${f.statuses.map((s) => s ?? "not checked").join(" → ")})`),
          ]
        : ["None."]),
      "",
    );
    lines.push(...renderStandIns(input), "");
    lines.push(...renderTrend(state), "");
  }
  if (input.shortened) lines.push(`_The history of ${input.shortened} resource(s) was left out of what this report keeps, to stay within GitHub's limits; their flapping and streaks start again._`, "");
  lines.push(`Checked ${report.results.length} resources between ${report.startedAt} and ${report.finishedAt}.`);
  return `${lines.join("\n")}\n`;
}

export function countsTable(report: Report): string {
  return [`| ${ORDER.join(" | ")} |`, `| ${ORDER.map(() => "---:").join(" | ")} |`, `| ${ORDER.map((s) => report.summary[s]).join(" | ")} |`].join("\n");
}

/**
 * The counts of each status over the kept runs: a Mermaid line chart (GitHub draws Mermaid in
 * issues and job summaries) and, for every reader, the same numbers as a table.
 */
export function renderTrend(state: Pick<ReportState, "runs" | "trend">): string[] {
  const runs = state.runs.slice(-state.trend.length);
  if (runs.length === 0) return [];
  const labels = runs.map((r) => r.slice(5, 10));
  const column = (status: LinkStatus) => TREND_ORDER.indexOf(status);
  const max = Math.max(1, ...state.trend.flatMap((point) => CHART_ORDER.map((s) => point[column(s)]!)));
  const legend = CHART_ORDER.map((s, i) => `${s} ${COLOUR_NAMES[i]}`).join(", ");
  return [
    `### Trend over the last ${runs.length} run${runs.length === 1 ? "" : "s"} (at most ${HISTORY_RUNS})`,
    "",
    "```mermaid",
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${CHART_COLOURS.join(", ")}"}}}}%%`,
    "xychart-beta",
    `    title "${TREND_TITLE}"`,
    `    x-axis [${labels.map((l) => `"${l}"`).join(", ")}]`,
    `    y-axis "links" 0 --> ${max}`,
    ...CHART_ORDER.map((s) => `    line [${state.trend.map((point) => point[column(s)]).join(", ")}]`),
    "```",
    "",
    `Lines: ${legend}. Links that are ok are counted in the table.`,
    "",
    `| run | ${TREND_ORDER.join(" | ")} |`,
    `| --- | ${TREND_ORDER.map(() => "---:").join(" | ")} |`,
    ...runs.map((run, r) => `| ${run.slice(0, 10)} | ${state.trend[r]!.join(" | ")} |`),
  ];
}

/** Entries that point at a page standing in for their document, and the documents found behind them, over the runs. */
export function renderStandIns(input: Pick<WeeklyInput, "state" | "report" | "resources" | "fixPr">): string[] {
  const { state } = input;
  const now = state.standIns.at(-1);
  if (now === undefined || now[0] === 0) return [];
  const [count, found] = now;
  const documents = input.report.results.filter((r) => r.documentUrl !== undefined && input.resources.get(r.id)?.standInFor !== undefined);
  const name = (id: string) => escapeText(input.resources.get(id)?.title ?? id);
  const proposed = input.fixPr && documents.some((r) => input.fixPr!.ids.has(r.id)) ? ` (proposed in #${input.fixPr.number})` : "";
  const runs = state.runs.slice(-state.standIns.length);
  return [
    `### Stand-in pages (${count})`,
    "",
    `${count} entr${count === 1 ? "y points" : "ies point"} at a publisher's page standing in for ${count === 1 ? "its" : "their"} document, whose own address is not known yet. This check found the document behind ${found}${proposed}.`,
    "",
    ...documents.map((r) => `- ${name(r.id)}: ${linkUrl(r.documentUrl!)}`),
    ...(documents.length > 0 ? [""] : []),
    "| run | stand-ins | documents found |",
    "| --- | ---: | ---: |",
    ...runs.map((run, i) => `| ${run.slice(0, 10)} | ${state.standIns[i]![0]} | ${state.standIns[i]![1]} |`),
  ];
}

/** Room a comment may take: GitHub's 65,536 characters, with a margin for the closing line. */
const MAX_COMMENT = 65_536 - 512;

/** The comment on the rolling report issue: what changed since the previous run (as many lines as fit, saying how many more). */
export function renderChangeComment(input: WeeklyInput): string {
  const { changes, report } = input;
  const name = (id: string) => escapeText(input.resources.get(id)?.title ?? id);
  const lines = [`Run of ${report.finishedAt}: ${ORDER.map((s) => `${report.summary[s]} ${s}`).join(", ")}.`];
  const items: string[] = [];
  if (changes.newProblems.length > 0) items.push("", "New problems:", ...changes.newProblems.map((p) => `- **${p.status}**: ${name(p.id)}`));
  if (changes.recovered.length > 0) items.push("", "Recovered:", ...changes.recovered.map((id) => `- ${name(id)}`));
  if (changes.newProblems.length === 0 && changes.recovered.length === 0) items.push("", "No change since the previous run.");
  let size = lines[0]!.length;
  let kept = 0;
  for (const item of items) {
    if (size + item.length + 1 > MAX_COMMENT) break;
    lines.push(item);
    size += item.length + 1;
    kept += 1;
  }
  const left = items.slice(kept).filter((i) => i.startsWith("- ")).length;
  if (left > 0) lines.push(`- … and ${left} more (shortened to stay within GitHub's comment limit; the weekly report lists every one)`);
  return lines.join("\n");
}
