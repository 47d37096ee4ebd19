// The few GitHub endpoints the reporter uses, behind plain functions.
import type { GitHub } from "./client.ts";
import type { OpenIssue } from "../plan/plan-actions.ts";

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
  changes: { title?: string; body?: string; labels?: string[]; state?: "open" | "closed"; state_reason?: "completed" | "not_planned" },
): Promise<void> {
  await gh.rest.issues.update({ ...repo, issue_number: number, ...changes });
}

export async function addComment(gh: GitHub, repo: Repo, number: number, body: string): Promise<void> {
  await gh.rest.issues.createComment({ ...repo, issue_number: number, body });
}

/** Creates the label unless it exists (422 "already_exists" is fine). */
export async function ensureLabel(gh: GitHub, repo: Repo, name: string, color: string, description: string): Promise<void> {
  try {
    await gh.rest.issues.createLabel({ ...repo, name, color, description });
  } catch (error) {
    if ((error as { status?: number }).status !== 422) throw error;
  }
}
