// Carries out a plan against GitHub, one action at a time; a failed action (after the client's
// retries) is recorded and the rest go on, so the output says exactly what was done.
import type { Action } from "./plan/plan-actions.ts";
import type { GitHub } from "./github/client.ts";
import { addComment, createIssue, createMissingLabels, updateIssue, type LabelSpec, type Repo } from "./github/issues-api.ts";

export interface ApplyOutcome {
  done: string[];
  failed: string[];
  /** Open issue number per resource id after the run. */
  opened: Map<string, number>;
}

const LABELS: Record<string, [string, string]> = {
  "link-health": ["d93f0b", "A directory link that needs a maintainer"],
  "link-health-report": ["0e8a16", "The weekly link-health report"],
  broken: ["b60205", "Link broken"],
  moved: ["fbca04", "Document moved"],
  redirected: ["c5def5", "Link redirects permanently"],
  error: ["bfd4f2", "Link not reachable (inconclusive)"],
};

export function labelSpec(name: string): LabelSpec {
  const [color, description] = LABELS[name] ?? ["ededed", ""];
  return { name, color, description };
}

export function describeAction(action: Action): string {
  switch (action.kind) {
    case "open":
      return `open "${action.title}" [${action.labels.join(", ")}]`;
    case "update":
      return `update #${action.number} "${action.title}"${action.comment ? " with a comment" : ""}`;
    case "reopen":
      return `reopen #${action.number} "${action.title}": ${action.comment}`;
    case "close":
      return `close #${action.number} (${action.id}): ${action.comment}`;
    default: {
      const never: never = action;
      return never;
    }
  }
}

/**
 * The labels the actions and the rolling report need, created once if the repository lacks them;
 * with how the repository spells each (its own case is kept).
 */
export async function prepareLabels(gh: GitHub, repo: Repo, actions: readonly Action[], extra: readonly string[]): Promise<{ failed: string[]; spelling: Map<string, string> }> {
  const names = new Set([...actions.flatMap((a) => (a.kind === "close" ? [] : a.labels)), ...extra]);
  try {
    return { failed: [], spelling: await createMissingLabels(gh, repo, [...names].map(labelSpec)) };
  } catch (error) {
    return { failed: [`create labels ${[...names].join(", ")}: ${describeError(error)}`], spelling: new Map() };
  }
}

export async function applyActions(gh: GitHub, repo: Repo, actions: readonly Action[], say: (line: string) => void, spelling: ReadonlyMap<string, string> = new Map()): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { done: [], failed: [], opened: new Map() };
  const spelt = (labels: readonly string[]) => labels.map((l) => spelling.get(l.toLowerCase()) ?? l);
  for (const raw of actions) {
    const action = raw.kind === "close" ? raw : { ...raw, labels: spelt(raw.labels) };
    try {
      switch (action.kind) {
        case "open": {
          const number = await createIssue(gh, repo, { title: action.title, body: action.body, labels: action.labels });
          outcome.opened.set(action.id, number);
          break;
        }
        case "update":
          await updateIssue(gh, repo, action.number, { title: action.title, body: action.body, labels: action.labels });
          if (action.comment) await addComment(gh, repo, action.number, action.comment);
          outcome.opened.set(action.id, action.number);
          break;
        case "reopen":
          await updateIssue(gh, repo, action.number, { state: "open", title: action.title, body: action.body, labels: action.labels });
          await addComment(gh, repo, action.number, action.comment);
          outcome.opened.set(action.id, action.number);
          break;
        case "close":
          await addComment(gh, repo, action.number, action.comment);
          // The body's marker says the tool closed it, so the close is never taken for a dismissal.
          await updateIssue(gh, repo, action.number, { state: "closed", state_reason: action.reason, body: action.body });
          break;
        default: {
          const never: never = action;
          throw new Error(`unknown action ${JSON.stringify(never)}`);
        }
      }
      const line = action.kind === "open" ? `opened #${outcome.opened.get(action.id)} "${action.title}"` : describeAction(action).replace(/^(update|close|reopen)/, "$1d").replace(/^reopend/, "reopened");
      outcome.done.push(line);
      say(line);
    } catch (error) {
      const line = `failed to ${describeAction(action)}: ${describeError(error)}`;
      outcome.failed.push(line);
      say(line);
    }
  }
  return outcome;
}

/** A readable cause: the HTTP status and GitHub's message, never request headers (the token). */
export function describeError(error: unknown): string {
  const e = error as { status?: number; message?: string };
  const message = (e.message ?? String(error)).split(" - https://docs.github.com")[0];
  return e.status !== undefined ? `HTTP ${e.status}: ${message}` : (message ?? "unknown error");
}
