// Runs the real checker pipeline on a small directory, with timings short enough for tests.
import type { CheckResult, Format, Report, Resource } from "@td/schema";
import { DEFAULT_OPTIONS, type CheckOptions } from "../../src/check/options.ts";
import { planChecks } from "../../src/check/plan.ts";
import { runCheck, type RunHooks } from "../../src/check/run-check.ts";

export function resource(id: string, url: string, format: Format = "web", extra: Partial<Resource> = {}): Resource {
  return { id, title: id.replace(/-/g, " "), publisher: "Test", description: "", url, format, section: "s", audiences: ["law-enforcement"], ...extra };
}

export const FAST: CheckOptions = {
  ...DEFAULT_OPTIONS,
  // Far beyond what a loopback answer takes on a loaded machine: only scenarios about deadlines set their own.
  timeoutMs: 10_000,
  retries: 2,
  baseDelayMs: 5,
  maxDelayMs: 20,
  maxRetryAfterMs: 2000,
  archiveEndpoint: null,
  // Archive pacing is the subject of its own scenarios (archive.test.ts), which set it.
  archiveIntervalMs: 1,
  // A host name that does not resolve is tried once more; in tests, at once.
  dnsRetryDelayMs: 1,
  resolve: new Map(),
};

export async function check(resources: Resource[], options: Partial<CheckOptions> = {}, hooks: RunHooks = {}): Promise<Report> {
  const plan = planChecks({ title: "t", sections: [{ id: "s", title: "S" }], resources }, undefined);
  if (!plan.ok) throw new Error("bad plan");
  return runCheck(plan.resources, plan.tasks, { ...FAST, ...options }, hooks);
}

export async function checkOne(r: Resource, options: Partial<CheckOptions> = {}, hooks: RunHooks = {}): Promise<CheckResult> {
  // A second host that answers keeps a lone network failure from making the run inconclusive.
  const report = await check([r], options, hooks);
  return report.results[0]!;
}
