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
  /**
   * Who closed it, as the single-issue endpoint says (the list endpoint never does); read only
   * for the closes that decide something this run, undefined when not read.
   */
  closer?: { login: string; type: string } | undefined;
}
