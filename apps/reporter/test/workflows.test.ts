// The workflow files: valid against the schema of GitHub workflow files (action-validator embeds
// SchemaStore's), and holding to what the project promises (least privilege, pinned actions…).
import { readFile } from "node:fs/promises";
import { validateWorkflow } from "@action-validator/core";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "@td/testkit";

type Step = { uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Workflow = {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string };
  jobs: Record<string, { steps: Step[]; strategy?: { matrix: { node: number[] } } }>;
};

async function load(name: string): Promise<{ text: string; workflow: Workflow }> {
  const text = await readFile(`${REPO_ROOT}.github/workflows/${name}`, "utf8");
  return { text, workflow: parse(text) as Workflow };
}

describe.each(["link-health.yml", "ci.yml"])("%s", (name) => {
  it("is a valid workflow file", async () => {
    const { text } = await load(name);
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  it("pins every action to a commit and runs with least privilege in a concurrency group", async () => {
    const { workflow } = await load(name);
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    for (const step of steps.filter((s) => s.uses)) expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
    expect(workflow.concurrency.group).toBeTruthy();
    expect(Object.values(workflow.permissions).every((p) => p === "read" || p === "write")).toBe(true);
  });
});

describe("link-health.yml", () => {
  it("runs weekly and on demand, may only read contents and write issues", async () => {
    const { workflow } = await load("link-health.yml");
    expect(Object.keys(workflow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(workflow.permissions).toEqual({ contents: "read", issues: "write" });
  });

  it("checks, exports, uploads and reports, and never syncs issues after an inconclusive check", async () => {
    const { workflow } = await load("link-health.yml");
    const steps = workflow.jobs.check!.steps;
    const runs = steps.map((s) => s.run ?? s.uses ?? "");
    const index = (needle: string) => runs.findIndex((r) => r.includes(needle));
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-node"))?.with).toMatchObject({ "node-version": "lts/*", cache: "npm" });
    expect(index("npm ci")).toBeLessThan(index("npm run check"));
    expect(index("npm run check")).toBeLessThan(index("npm run export"));
    // The artifacts are uploaded last (always), so they include the weekly report.
    expect(index("npm run report")).toBeLessThan(index("actions/upload-artifact"));
    expect(steps[index("actions/upload-artifact")]!.if).toBe("always()");
    const report = steps[index("npm run report")]!;
    expect(report.if).toBe("steps.check.outputs.exit-code == '0' || steps.check.outputs.exit-code == '1'");
    expect(report.env).toEqual({ GITHUB_TOKEN: "${{ secrets.GITHUB_TOKEN }}" });
    const fail = steps.find((s) => s.if === "steps.check.outputs.exit-code == '3'" && s.run?.includes("exit 1"));
    expect(fail).toBeDefined();
  });
});

describe("ci.yml", () => {
  it("tests on Node 20, 22 and 24 with read-only permissions", async () => {
    const { workflow } = await load("ci.yml");
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.test!.strategy!.matrix.node).toEqual([20, 22, 24]);
  });
});
