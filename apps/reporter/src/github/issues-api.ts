// The few GitHub endpoints the reporter uses, behind plain functions.
import type { GitHub } from "./client.ts";
import type { ClosedIssue, OpenIssue } from "../plan/issues.ts";

export interface Repo {
  owner: string;
  repo: string;
}

export async function listOpenIssues(gh: GitHub, repo: Repo, label: string): Promise<OpenIssue[]> {
  const issues = await gh.paginate(gh.rest.issues.listForRepo, { ...repo, state: "open", labels: label, per_page: 100 });
  return issues
    .filter((i) => i.pull_request === undefined)
    .map((i) => ({
      number: i.number,
      title: i.title,
      body: i.body ?? "",
      labels: i.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))),
    }));
}

export async function createIssue(gh: GitHub, repo: Repo, issue: { title: string; body: string; labels: string[] }): Promise<number> {
  const { data } = await gh.rest.issues.create({ ...repo, ...issue });
  return data.number;
}

export async function updateIssue(
  gh: GitHub,
  repo: Repo,
  number: number,
  changes: { title?: string; body?: string; labels?: string[]; state?: "open" | "closed"; state_reason?: "completed" | "not_planned" | "reopened" },
): Promise<void> {
  await gh.rest.issues.update({ ...repo, issue_number: number, ...changes });
}

export async function addComment(gh: GitHub, repo: Repo, number: number, body: string): Promise<void> {
  await gh.rest.issues.createComment({ ...repo, issue_number: number, body });
}

export async function listComments(gh: GitHub, repo: Repo, number: number): Promise<{ id: number; body: string }[]> {
  const comments = await gh.paginate(gh.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 });
  return comments.map((c) => ({ id: c.id, body: c.body ?? "" }));
}

export async function updateComment(gh: GitHub, repo: Repo, id: number, body: string): Promise<void> {
  await gh.rest.issues.updateComment({ ...repo, comment_id: id, body });
}

export async function deleteComment(gh: GitHub, repo: Repo, id: number): Promise<void> {
  await gh.rest.issues.deleteComment({ ...repo, comment_id: id });
}

/** How far back closed issues are read (dismissals older than this are forgotten), and at most how many. */
export const CLOSED_ISSUES_DAYS = 365;
export const MAX_CLOSED_ISSUES = 1000;

/** Issues with the label closed (or touched) in the last year, newest first, bounded. */
export async function listClosedIssues(gh: GitHub, repo: Repo, label: string, now: Date = new Date()): Promise<ClosedIssue[]> {
  const since = new Date(now.getTime() - CLOSED_ISSUES_DAYS * 86_400_000).toISOString();
  const out: ClosedIssue[] = [];
  const params = { ...repo, state: "closed" as const, labels: label, since, sort: "updated" as const, direction: "desc" as const, per_page: 100 };
  for await (const { data } of gh.paginate.iterator(gh.rest.issues.listForRepo, params)) {
    for (const i of data) {
      if (i.pull_request !== undefined) continue;
      out.push({
        number: i.number,
        title: i.title,
        body: i.body ?? "",
        labels: i.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))),
        stateReason: i.state_reason ?? null,
        closedAt: i.closed_at,
      });
    }
    if (out.length >= MAX_CLOSED_ISSUES) break;
  }
  return out.slice(0, MAX_CLOSED_ISSUES);
}

/** Who closed an issue: only the single-issue endpoint says (the list endpoint has no closed_by). */
export async function getCloser(gh: GitHub, repo: Repo, number: number): Promise<{ login: string; type: string } | undefined> {
  const { data } = await gh.rest.issues.get({ ...repo, issue_number: number });
  return data.closed_by ? { login: data.closed_by.login, type: data.closed_by.type } : undefined;
}

/** The repository's labels by their lower-cased name (GitHub compares label names without case). */
export async function listLabels(gh: GitHub, repo: Repo): Promise<Map<string, string>> {
  const labels = await gh.paginate(gh.rest.issues.listLabelsForRepo, { ...repo, per_page: 100 });
  return new Map(labels.map((l) => [l.name.toLowerCase(), l.name] as const));
}

export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

/**
 * Creates the labels the repository lacks (compared without case, as GitHub does: a repository's
 * "Link-Health" is our "link-health"): one read, then a write only for a missing label. Returns
 * every wanted label's name as the repository spells it, so the tool adopts the existing case.
 */
export async function createMissingLabels(gh: GitHub, repo: Repo, wanted: readonly LabelSpec[]): Promise<Map<string, string>> {
  const existing = await listLabels(gh, repo);
  for (const label of wanted) {
    if (existing.has(label.name.toLowerCase())) continue;
    try {
      await gh.rest.issues.createLabel({ ...repo, ...label });
    } catch (error) {
      // Created by someone else since the list was read: that is fine.
      if ((error as { status?: number }).status !== 422) throw error;
    }
    existing.set(label.name.toLowerCase(), label.name);
  }
  return existing;
}
