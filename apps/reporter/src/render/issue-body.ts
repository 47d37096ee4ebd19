// The body and title of a resource's link-health issue. Pure.
import type { CheckResult, LinkStatus } from "@td/schema";
import { capturedAtOf } from "@td/data";
import { encodeHostState, encodeIssueState, type HostState, type IssueState } from "../plan/marker.ts";
import { codeSpan, escapeText, linkUrl, truncate } from "@td/markdown";

export interface ResourceInfo {
  id: string;
  title: string;
  section: string;
  url: string;
  /** Set when the URL is a page standing in for the resource (the data's standInFor). */
  standInFor?: string | undefined;
}

export const MAX_ISSUE_BODY = 65_536;

const PROBLEM: Record<LinkStatus, string> = {
  broken: "link broken",
  moved: "document moved",
  redirected: "link redirects",
  error: "link not reachable",
  ok: "link ok",
};

export function renderIssueTitle(resource: ResourceInfo, status: LinkStatus): string {
  // Titles render no Markdown, but a mention in one still pings: defuse it.
  const title = resource.title.replace(/\s+/g, " ").trim().replace(/@/g, "@\u200b");
  return `${PROBLEM[status][0]!.toUpperCase()}${PROBLEM[status].slice(1)}: ${title.length > 200 ? `${title.slice(0, 199)}…` : title}`;
}

export function renderIssueBody(resource: ResourceInfo, result: CheckResult, state: IssueState): string {
  const lines = [`The link of **${escapeText(resource.title)}** needs a maintainer: ${PROBLEM[result.status]}.`, ""];
  // What a reader needs first while the link is down: where the document can still be read.
  if (result.status === "broken" && result.archivedUrl) {
    const captured = capturedAtOf(result.archivedUrl);
    lines.push(`**An archived copy is available**${captured ? ` (captured ${captured.slice(0, 10)})` : ""}: ${linkUrl(result.archivedUrl)}`, "");
  }
  if (state.failingSince !== undefined && state.failingRuns !== undefined) {
    lines.push(`Failing since ${state.failingSince.slice(0, 10)}, ${state.failingRuns} check${state.failingRuns === 1 ? "" : "s"} in a row.`, "");
  }
  if (state.fixPr !== undefined && result.suggestedUrl) {
    lines.push(`**A fix is proposed in #${state.fixPr}**: merging that pull request sets \`"url"\` to ${linkUrl(result.suggestedUrl)}. This issue then closes on the next weekly run.`, "");
  }
  if (state.dismissedIssue !== undefined) {
    lines.push(`A maintainer dismissed #${state.dismissedIssue} about this link; its URL or status has changed since, so it is tracked again here.`, "");
  }
  lines.push(
    "| | |",
    "| --- | --- |",
    `| resource id | ${codeSpan(resource.id)} |`,
    `| section | ${escapeText(resource.section)} |`,
    `| URL | ${linkUrl(result.url)} |`,
    `| status | **${result.status}** |`,
    `| HTTP status | ${result.httpStatus ?? "none (no HTTP answer)"} |`,
    `| reason | ${escapeText(result.reason)} |`,
  );
  if (result.suggestedUrl) lines.push(`| suggested URL | ${linkUrl(result.suggestedUrl)} |`);
  if (result.archivedUrl) lines.push(`| archived copy | ${linkUrl(result.archivedUrl)} |`);
  lines.push(`| first seen | ${state.firstSeen} |`, `| last checked | ${state.lastChecked} |`, "");
  if (result.redirects && result.redirects.length > 0) {
    lines.push("Redirects:", "", ...result.redirects.map((h) => `- ${codeSpan(h.url)} (${h.kind === "meta" ? "meta refresh" : h.httpStatus})`), `- ${codeSpan(result.finalUrl ?? "?")}`, "");
  }
  const candidates = result.candidates ?? [];
  if (candidates.length > 0) {
    lines.push("Weaker candidates, not confirmed:", "", ...candidates.map((c) => `- ${linkUrl(c.url)}: ${escapeText(c.evidence)}`), "");
  }
  lines.push("### What to change in `data/resources.json`", "", ...whatToChange(resource, result), "");
  lines.push(
    "This issue is kept up to date by the weekly link check and closes itself when the link works again. If the link is fine as it is, close this issue as **not planned**: that dismisses it until its status or URL changes.",
  );
  // The marker goes last and is never cut: without it the next run could not find this issue.
  const marker = encodeIssueState(state);
  return `${truncate(lines.join("\n"), MAX_ISSUE_BODY - marker.length - 1, "(shortened: the body is over GitHub's limit)")}\n${marker}`;
}

export function renderHostTitle(outage: { host: string; status: LinkStatus; ids: readonly string[] }): string {
  return `Host ${outage.status === "broken" ? "problem" : "not reachable"}: ${outage.ids.length} links on ${outage.host} (${outage.status})`;
}

/** The issue of a host-wide problem: the host, what its resources share, and every one of them (as many as fit). */
export function renderHostBody(outage: { host: string; status: LinkStatus; reason: string; ids: readonly string[]; total: number }, resources: ReadonlyMap<string, ResourceInfo>, state: HostState): string {
  const marker = encodeHostState(state);
  const head = [
    `**${outage.ids.length} of the ${outage.total} resources on ${escapeText(outage.host)}** fail the same way in this check: **${outage.status}** (${escapeText(outage.reason)}).`,
    "",
    "The host itself is probably down, moved or blocking the checker; one issue for it says more than one per resource. It closes itself when the host recovers; resources that still fail then get issues of their own.",
    "",
    `| | |`,
    `| --- | --- |`,
    `| host | ${codeSpan(outage.host)} |`,
    `| status | **${outage.status}** |`,
    `| first seen | ${state.firstSeen} |`,
    `| last checked | ${state.lastChecked} |`,
    "",
    `### The resources (${outage.ids.length})`,
    "",
  ];
  const room = MAX_ISSUE_BODY - marker.length - 400;
  let size = head.join("\n").length;
  const items: string[] = [];
  for (const id of outage.ids) {
    const r = resources.get(id);
    const line = `- ${escapeText(r?.title ?? id)} (${codeSpan(id)}): ${linkUrl(r?.url ?? "")}`;
    if (size + line.length + 1 > room) break;
    items.push(line);
    size += line.length + 1;
  }
  const left = outage.ids.length - items.length;
  const more = left > 0 ? [`- … and ${left} more (the list is shortened to stay within GitHub's size limit; every one is in the weekly report's artifact and in report.json)`] : [];
  return [...head, ...items, ...more, "", marker].join("\n");
}

function whatToChange(resource: ResourceInfo, result: CheckResult): string[] {
  const where = `In the resource with \`"id": "${resource.id}"\`,`;
  switch (result.status) {
    case "moved":
    case "redirected":
      return [
        `${where} set \`"url"\` to the new address and keep the old one in \`"previousUrls"\`:`,
        "",
        "```json",
        `"url": ${JSON.stringify(result.suggestedUrl ?? result.url)},`,
        `"previousUrls": [${JSON.stringify(result.url)}]`,
        "```",
        "",
        result.status === "moved" ? "Check first that the suggested document is the same one (the reason says how it was found)." : "The old URL redirects permanently to this one.",
        "",
        "`npm run fix -- --report out/report.json` makes exactly this change; the weekly workflow proposes it as a pull request.",
      ];
    case "broken":
      return [
        `${where} find where the document lives now (the publisher's site, its search) and set \`"url"\` to it, keeping the old URL in \`"previousUrls"\`.`,
        result.archivedUrl ? `Until then the archived copy above can be linked from \`"notes"\`.` : "If it is gone for good, point to the publisher's page for the topic (format `web`) and say so in `\"notes\"`, or remove the resource.",
      ];
    case "error":
      return [`The check was inconclusive (${escapeText(result.reason)}). Open the URL in a browser; if it works, nothing needs to change.`];
    case "ok":
      return ["Nothing: the link works."];
    default: {
      const never: never = result.status;
      return never;
    }
  }
}
