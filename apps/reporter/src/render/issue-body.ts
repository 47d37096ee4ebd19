// The body and title of a resource's link-health issue. Pure.
import type { CheckResult, LinkStatus } from "@td/schema";
import { encodeIssueState, type IssueState } from "../plan/marker.ts";
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
    encodeIssueState(state),
  );
  return truncate(lines.join("\n"), MAX_ISSUE_BODY, "(truncated: the body is over GitHub's limit)");
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
