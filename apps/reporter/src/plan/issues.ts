// Issues as the planner sees them: what the sync reads from GitHub, stripped to what it uses.

export interface OpenIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
}

export interface ClosedIssue extends OpenIssue {
  /** GitHub's state_reason: "completed", "not_planned", "duplicate", or null for old issues. */
  stateReason: string | null;
  closedAt: string | null;
  /** True when GitHub says a bot account closed it (the workflow's token is one). */
  closedByBot: boolean;
}
